import type { SsoAudience } from '../../../common/sso.js';
import type { Ctx } from '../../context.js';
import { decryptText, encryptText } from '../../lib/crypto.js';
import type { Checks } from './sso-client.js';

// What a sign-in keeps between the redirect to the provider and the way back: state, nonce and
// PKCE verifier, the audience and where to land, sealed (AES-GCM) in a short-lived cookie of this
// browser only. A callback without it, with another state, or after ten minutes is refused.

export const SSO_COOKIE = 'tessera_sso';
export const SSO_COOKIE_PATH = '/auth/sso/';
export const SSO_STATE_TTL_MS = 10 * 60_000;
const CONTEXT = 'tessera sso state';

type State = Checks & { audience: SsoAudience; redirect: string | null; expiresAt: string };

export function sealState(ctx: Ctx, s: Omit<State, 'expiresAt'>): string {
  const expiresAt = new Date(ctx.clock().getTime() + SSO_STATE_TTL_MS).toISOString();
  return encryptText(ctx.config.secret, CONTEXT, JSON.stringify({ ...s, expiresAt }));
}

/** The sealed state, if it is genuine, unexpired and for this audience; otherwise null. */
export function openState(ctx: Ctx, sealed: string | undefined, audience: SsoAudience): State | null {
  if (!sealed) return null;
  let s: State;
  try {
    s = JSON.parse(decryptText(ctx.config.secret, CONTEXT, sealed)) as State;
  } catch {
    return null;
  }
  if (s.audience !== audience || s.expiresAt <= ctx.clock().toISOString()) return null;
  return s;
}
