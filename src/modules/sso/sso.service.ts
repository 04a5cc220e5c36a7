import { localPath } from '../../../common/paths.js';
import type { SsoAudience, SsoError } from '../../../common/sso.js';
import type { Ctx } from '../../context.js';
import { networkReason } from '../../lib/network.js';
import { audit } from '../audit/audit.service.js';
import { openSession, type Session } from '../auth/auth.service.js';
import { authorizationUrl, exchangeCode } from './sso-client.js';
import { loadProvider } from './sso-settings.js';
import { openState, sealState } from './sso-state.js';
import { SsoFailure, userForClaims } from './sso-users.js';

// Signing in through an audience's OpenID provider: the start sends the browser there with the
// checks sealed in its cookie; the callback checks them, exchanges the code, finds or makes the
// user and opens a session exactly as a password sign-in does. The provider's own sign-in stands
// in for Tessera's password and second factor (providers enforce their own MFA).

type Meta = { ip: string; userAgent?: string | null };
export type SsoOutcome = { session: Session; redirect: string } | { error: SsoError };

/** Where to send the browser to sign in, and the sealed checks for its cookie; or why not. */
export async function startSso(
  ctx: Ctx,
  audience: SsoAudience,
  input: { redirect?: string },
): Promise<{ location: string; state: string } | { error: SsoError }> {
  const p = await loadProvider(ctx, audience);
  if (!p.enabled) return { error: 'not_configured' };
  try {
    const { url, checks } = await authorizationUrl(ctx, p);
    const state = sealState(ctx, { ...checks, audience, redirect: localPath(input.redirect) });
    return { location: url.href, state };
  } catch (err) {
    ctx.log.warn({ err, audience }, 'single sign-on: the provider cannot be reached');
    return { error: 'provider' };
  }
}

/**
 * The provider's answer at our redirect URI: `query` as it came, `sealed` the browser's cookie.
 * Any refusal is on the audit trail as a failed sign-in with its reason.
 */
export async function finishSso(
  ctx: Ctx,
  audience: SsoAudience,
  input: Meta & { query: string; sealed: string | undefined },
): Promise<SsoOutcome> {
  try {
    const p = await loadProvider(ctx, audience);
    if (!p.enabled) throw new SsoFailure('not_configured', 'single sign-on is off');
    const state = openState(ctx, input.sealed, audience);
    const params = new URLSearchParams(input.query);
    if (!state) throw new SsoFailure('state', 'no sign-in under way in this browser, or it expired');
    if (params.get('state') !== state.state) throw new SsoFailure('state', 'the state does not match');
    if (params.has('error'))
      throw new SsoFailure('provider', `the provider answered ${params.get('error')?.slice(0, 100)}`);
    const claims = await exchangeCode(ctx, p, new URL(`${p.redirectUri}?${input.query}`), state).catch(
      (err: unknown) => {
        throw new SsoFailure('provider', networkReason(err).slice(0, 300));
      },
    );
    const user = await userForClaims(ctx, p, claims, input.ip);
    await audit(ctx, ctx.db, {
      action: 'sign_in',
      actor: user,
      ip: input.ip,
      details: { via: 'sso', audience },
    });
    const session = await openSession(ctx, user, { ...input, via: 'sso' });
    return { session, redirect: state.redirect ?? (user.role === 'customer' ? '/' : '/agent') };
  } catch (err) {
    if (!(err instanceof SsoFailure)) throw err;
    // A callback while single sign-on is off is no sign-in attempt: nothing to record.
    if (err.code === 'not_configured') return { error: err.code };
    await audit(ctx, ctx.db, {
      action: 'sign_in_failed',
      subject: err.user ? { id: err.user.id, email: err.user.email } : null,
      subjectEmail: err.email ?? undefined,
      ip: input.ip,
      details: { via: 'sso', audience, reason: err.code, detail: err.detail },
    });
    return { error: err.code };
  }
}
