import net from 'node:net';
import ipaddr from 'ipaddr.js';
import * as oidc from 'openid-client';
import type { Ctx } from '../../context.js';
import { networkReason, type OutboundPolicy, safeFetch } from '../../lib/network.js';
import type { SsoProvider } from './sso-settings.js';

// The OpenID Connect client (openid-client): discovery, the authorization URL with PKCE, state and
// nonce, and the code exchange, which checks the ID token (issuer, audience, signature, expiry,
// nonce). Every request goes through the outbound network guard, as any admin-set URL does.

const DISCOVERY_TTL_MS = 10 * 60_000;
const TIMEOUT_S = 10;

/**
 * Plain http is for a provider on the machine's own network that TESSERA_OUTBOUND_ALLOW names
 * (a test or a development set-up); anywhere else the provider must speak https.
 */
function httpAllowed(policy: OutboundPolicy, url: URL): boolean {
  if (url.protocol !== 'http:') return false;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (!net.isIP(host)) return policy.hosts.has(host);
  const addr = ipaddr.process(host);
  return policy.ranges.some(([base, bits]) => base.kind() === addr.kind() && addr.match(base, bits));
}

function discover(ctx: Ctx, issuerUrl: string, clientId: string, secret: string | null) {
  const url = new URL(issuerUrl);
  const policy = ctx.config.outbound;
  const customFetch: oidc.CustomFetch = (input, init) => safeFetch(policy, input, init as RequestInit);
  if (url.protocol === 'http:' && !httpAllowed(policy, url))
    throw new Error('the provider must use https (plain http only for hosts TESSERA_OUTBOUND_ALLOW names)');
  return oidc.discovery(
    url,
    clientId,
    undefined,
    secret === null ? oidc.None() : oidc.ClientSecretPost(secret),
    {
      [oidc.customFetch]: customFetch,
      timeout: TIMEOUT_S,
      execute: url.protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
    },
  );
}

// Discovery is cached a while per provider and client, so a sign-in costs no extra round trip.
const cache = new Map<string, { at: number; config: Promise<oidc.Configuration> }>();

export function providerConfig(ctx: Ctx, p: SsoProvider): Promise<oidc.Configuration> {
  const cacheKey = JSON.stringify([p.issuerUrl, p.clientId, p.clientSecret]);
  const now = Date.now();
  const hit = cache.get(cacheKey);
  if (hit && now - hit.at < DISCOVERY_TTL_MS) return hit.config;
  const config = discover(ctx, p.issuerUrl, p.clientId, p.clientSecret);
  cache.set(cacheKey, { at: now, config });
  config.catch(() => cache.delete(cacheKey));
  return config;
}

/** Why the provider at `issuerUrl` cannot be used, in words; null when its discovery answers. */
export async function checkProvider(ctx: Ctx, issuerUrl: string): Promise<string | null> {
  try {
    await discover(ctx, issuerUrl, 'check', null);
    return null;
  } catch (err) {
    return `the provider’s discovery did not answer: ${networkReason(err)}`;
  }
}

/** What the browser must keep between the redirect to the provider and the way back. */
export type Checks = { state: string; nonce: string; verifier: string };

export async function authorizationUrl(ctx: Ctx, p: SsoProvider): Promise<{ url: URL; checks: Checks }> {
  const config = await providerConfig(ctx, p);
  const checks = {
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    verifier: oidc.randomPKCECodeVerifier(),
  };
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: p.redirectUri,
    scope: p.scopes,
    state: checks.state,
    nonce: checks.nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(checks.verifier),
    code_challenge_method: 'S256',
  });
  return { url, checks };
}

/**
 * Exchanges the code of the provider's answer (`callbackUrl`, at our redirect URI) for tokens,
 * checking state, PKCE and the ID token with its nonce; then the claims of the ID token and of
 * the UserInfo endpoint together (many providers put email and groups only in the latter).
 */
export async function exchangeCode(
  ctx: Ctx,
  p: SsoProvider,
  callbackUrl: URL,
  checks: Checks,
): Promise<Record<string, unknown>> {
  const config = await providerConfig(ctx, p);
  const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
    expectedState: checks.state,
    expectedNonce: checks.nonce,
    pkceCodeVerifier: checks.verifier,
    idTokenExpected: true,
  });
  const idClaims = tokens.claims();
  if (!idClaims) throw new Error('the provider sent no ID token');
  if (!config.serverMetadata().userinfo_endpoint) return { ...idClaims };
  const info = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
  return { ...info, ...idClaims };
}
