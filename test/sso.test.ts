import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localPath } from '../common/paths.js';
import { runSignInCommand } from '../src/cli/sign-in.js';
import { loadProvider } from '../src/modules/sso/sso-settings.js';
import { userForClaims } from '../src/modules/sso/sso-users.js';
import { Client, login, loginAdmin } from './client.js';
import { startTestApp, type TestEnv } from './helpers.js';
import {
  signInAtProvider,
  startOidcProvider,
  TEST_CLIENT,
  type TestAccount,
  type TestProvider,
} from './oidc-provider.js';

// Single sign-on against a real OpenID provider (oidc-provider) started here: the whole
// authorization-code flow through HTTP redirects, with the provider's own sign-in form; what
// Tessera refuses (a tampered state, an unverified email, no mapped group, a deactivated user);
// groups mapped to role and departments at every sign-in; password sign-in turned off and back on.

type Json = Record<string, unknown>;
const PUBLIC = 'http://tessera.test';
let env: TestEnv;
let idp: TestProvider;
let admin: Client;
let billing: { id: string };
let tech: { id: string };

beforeAll(async () => {
  idp = await startOidcProvider([
    `${PUBLIC}/auth/sso/staff/callback`,
    `${PUBLIC}/auth/sso/customers/callback`,
  ]);
  env = await startTestApp({ env: { PUBLIC_URL: PUBLIC } });
  admin = await loginAdmin(env.app);
  billing = await admin.expect(201, 'POST', '/api/v1/departments', { name: 'Billing' });
  tech = await admin.expect(201, 'POST', '/api/v1/departments', { name: 'Technical' });
});
afterAll(async () => {
  await env?.close();
  await idp?.close();
});

const staffSettings = () => ({
  enabled: true,
  label: 'Test IdP',
  issuerUrl: idp.issuer,
  clientId: TEST_CLIENT.id,
  scopes: 'openid email profile groups',
  claim: 'groups',
  mappings: [
    { value: 'support', role: 'agent', departmentIds: [billing.id] },
    { value: 'support-tech', role: 'agent', departmentIds: [tech.id] },
    { value: 'it-admins', role: 'admin', departmentIds: [] },
  ],
  passwordSignIn: true,
});

let seq = 0;
/** A new account at the provider; its login name. */
function account(groups: string[], extra: Partial<Omit<TestAccount, 'groups'>> = {}) {
  const loginName = `person-${++seq}`;
  idp.accounts.set(loginName, {
    email: `${loginName}@example.test`,
    emailVerified: true,
    name: `Person ${seq}`,
    groups,
    ...extra,
  });
  return loginName;
}

function setGroups(loginName: string, groups: string[]) {
  const a = idp.accounts.get(loginName);
  if (a) idp.accounts.set(loginName, { ...a, groups });
}

/**
 * Start → the provider's sign-in as `loginName` → the callback, as a browser would; `tamper`
 * changes the URL the provider sends back. Answers the callback's response.
 */
async function ssoSignIn(
  audience: 'staff' | 'customers',
  loginName: string,
  opts: { tamper?: (u: URL) => void; cookie?: (sealed: string) => string } = {},
) {
  const start = await env.app.inject({ url: `/auth/sso/${audience}/start?redirect=/agent/reports` });
  expect(start.statusCode).toBe(302);
  const sealed = start.cookies.find((c) => c.name === 'tessera_sso');
  expect(sealed).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/auth/sso/' });
  const location = String(start.headers.location);
  const auth = new URL(location);
  expect(auth.origin).toBe(idp.issuer);
  expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
  expect(auth.searchParams.get('nonce')).toBeTruthy();
  const back = new URL(await signInAtProvider(location, loginName, PUBLIC));
  opts.tamper?.(back);
  const cookie = opts.cookie ? opts.cookie(sealed?.value ?? '') : `tessera_sso=${sealed?.value}`;
  return env.app.inject({
    url: back.pathname + back.search,
    headers: { cookie, 'user-agent': 'test browser' },
    remoteAddress: '198.51.100.4',
  });
}

/** The signed-in client of a successful callback. */
function signedIn(res: Awaited<ReturnType<typeof ssoSignIn>>) {
  expect(res.statusCode).toBe(302);
  const cookie = res.cookies.find((c) => c.name === 'tessera_session')?.value;
  expect(cookie, `no session: ${res.headers.location}`).toBeTruthy();
  return new Client(env.app, { cookie });
}

const refusedWith = (res: Awaited<ReturnType<typeof ssoSignIn>>, code: string) => {
  expect(res.statusCode).toBe(302);
  expect(res.headers.location).toBe(`/login?sso_error=${code}`);
  expect(res.cookies.find((c) => c.name === 'tessera_session')).toBeUndefined();
};

type AuditEvent = { ip: string | null; details: Json };
async function trail(action: string, email: string) {
  const page = await admin.get<{ items: AuditEvent[] }>(`/api/v1/admin/audit?action=${action}&limit=100`);
  return page.items.filter((e) => JSON.stringify(e).includes(email));
}

describe('configuring single sign-on', () => {
  it('is for administrators; the secret is write-only and the save is on the trail', async () => {
    const agent = await admin.expect<{ email: string }>(201, 'POST', '/api/v1/users', {
      email: 'configurer@example.test',
      name: 'Not an admin',
      role: 'agent',
      password: 'a long enough passphrase',
    });
    const notAdmin = await login(env.app, agent.email, 'a long enough passphrase');
    const unset = await env.app.inject({ url: '/auth/sso/customers/start' });
    expect(unset.headers.location).toBe('/login?sso_error=not_configured');
    expect((await notAdmin.request('GET', '/api/v1/admin/sso/staff')).statusCode).toBe(403);
    expect((await notAdmin.request('PUT', '/api/v1/admin/sso/staff', staffSettings())).statusCode).toBe(403);

    const bad = await admin.request('PUT', '/api/v1/admin/sso/staff', {
      ...staffSettings(),
      issuerUrl: 'http://127.0.0.1:9/nothing-here',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ path: 'issuerUrl' });

    const saved = await admin.expect<Json>(200, 'PUT', '/api/v1/admin/sso/staff', {
      ...staffSettings(),
      clientSecret: TEST_CLIENT.secret,
    });
    expect(saved).toMatchObject({
      enabled: true,
      clientSecretSet: true,
      redirectUri: `${PUBLIC}/auth/sso/staff/callback`,
    });
    const read = await admin.get('/api/v1/admin/sso/staff');
    expect(JSON.stringify(read)).not.toContain(TEST_CLIENT.secret);
    const [change] = await trail('settings_changed', 'sso.staff');
    expect(change?.details).toMatchObject({ area: 'sso.staff' });
    expect(change?.details.fields).toContain('clientSecret');
    expect(JSON.stringify(change)).not.toContain(TEST_CLIENT.secret);

    // Saved again without a secret: the saved one stays.
    await admin.expect(200, 'PUT', '/api/v1/admin/sso/staff', staffSettings());
    const options = await env.app.inject({ url: '/api/v1/auth/options' });
    expect(options.json()).toEqual({
      sso: [{ audience: 'staff', label: 'Test IdP', startUrl: '/auth/sso/staff/start' }],
      passwordSignIn: { staff: true, customers: true },
      signUp: false,
      overrides: false,
    });
  });
});

describe('staff sign-in through the provider', () => {
  it('creates a mapped person just in time, signs them in and lands them where they were going', async () => {
    const who = account(['support', 'unrelated']);
    const res = await ssoSignIn('staff', who);
    expect(res.headers.location).toBe('/agent/reports');
    const me = await signedIn(res).get('/api/v1/me');
    expect(me).toMatchObject({
      email: `${who}@example.test`,
      name: expect.stringMatching(/^Person/),
      role: 'agent',
      departmentIds: [billing.id],
      credentialsSet: false,
    });
    const [created] = await trail('user_created', `${who}@example.test`);
    expect(created?.details).toMatchObject({
      role: 'agent',
      departmentIds: [billing.id],
      via: 'single sign-on',
    });
    const [signIn] = await trail('sign_in', `${who}@example.test`);
    expect(signIn).toMatchObject({ ip: '198.51.100.4', details: { via: 'sso', audience: 'staff' } });
  });

  it('applies a change of groups at the next sign-in, on the trail as old → new', async () => {
    const who = account(['support']);
    signedIn(await ssoSignIn('staff', who));
    setGroups(who, ['it-admins', 'support-tech']);
    const me = await signedIn(await ssoSignIn('staff', who)).get<{ id: string }>('/api/v1/me');
    expect(await admin.get(`/api/v1/users/${me.id}`)).toMatchObject({
      role: 'admin',
      departmentIds: [tech.id],
    });
    const [change] = await trail('user_updated', `${who}@example.test`);
    expect(change?.details).toEqual({
      role: ['agent', 'admin'],
      departmentIds: [[billing.id], [tech.id]],
      via: 'single sign-on',
    });

    // Out of every mapped group: refused, and the account is not changed.
    setGroups(who, ['alumni']);
    refusedWith(await ssoSignIn('staff', who), 'no_access');
    expect((await trail('sign_in_failed', `${who}@example.test`))[0]?.details).toMatchObject({
      via: 'sso',
      reason: 'no_access',
    });
  });

  it('matches an existing user by email in any case, and a deactivated one is refused', async () => {
    const user = await admin.expect<{ id: string }>(201, 'POST', '/api/v1/users', {
      email: 'pat.lee@example.test',
      name: 'Pat Lee',
      role: 'agent',
      departmentIds: [billing.id],
    });
    const who = account(['support'], { email: 'Pat.Lee@EXAMPLE.test' });
    const me = await signedIn(await ssoSignIn('staff', who)).get('/api/v1/me');
    expect(me).toMatchObject({ id: user.id, name: 'Pat Lee' });

    await admin.expect(200, 'PATCH', `/api/v1/users/${user.id}`, { active: false });
    refusedWith(await ssoSignIn('staff', who), 'deactivated');
  });

  it('refuses a tampered state, a missing or foreign cookie, and creates nobody', async () => {
    const who = account(['support']);
    refusedWith(
      await ssoSignIn('staff', who, { tamper: (u) => u.searchParams.set('state', 'forged-state') }),
      'state',
    );
    refusedWith(await ssoSignIn('staff', who, { cookie: () => '' }), 'state');
    refusedWith(
      await ssoSignIn('staff', who, { cookie: (s) => `tessera_sso=${s.slice(0, -4)}AAAA` }),
      'state',
    );
    const users = await admin.get<{ items: Json[] }>(`/api/v1/users?q=${who}`);
    expect(users.items).toEqual([]);
    const failures = await trail('sign_in_failed', '"reason":"state"');
    expect(failures.length).toBeGreaterThanOrEqual(3);
  });

  it('refuses an unverified email and someone no mapping lets in', async () => {
    const unverified = account(['it-admins'], { emailVerified: false });
    refusedWith(await ssoSignIn('staff', unverified), 'unverified_email');
    const [failure] = await trail('sign_in_failed', `${unverified}@example.test`);
    expect(failure?.details).toMatchObject({ reason: 'unverified_email' });

    // Entra ID's word for it instead: the address's domain verified by the tenant.
    const entra = account(['support'], { emailVerified: false, domainVerified: true });
    signedIn(await ssoSignIn('staff', entra));
    refusedWith(
      await ssoSignIn('staff', account(['support'], { emailVerified: false, domainVerified: false })),
      'unverified_email',
    );

    const stranger = account(['guests']);
    refusedWith(await ssoSignIn('staff', stranger), 'no_access');
    for (const who of [unverified, stranger])
      expect((await admin.get<{ items: Json[] }>(`/api/v1/users?q=${who}`)).items).toEqual([]);
  });

  it('signing out ends the Tessera session', async () => {
    const client = signedIn(await ssoSignIn('staff', account(['support'])));
    expect((await client.request('POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await client.request('GET', '/api/v1/me')).statusCode).toBe(401);
  });
});

describe('customers and password sign-in', () => {
  it('signs customers in through their own provider, and keeps the audiences apart', async () => {
    const off = await admin.request('PUT', '/api/v1/admin/sso/customers', {
      ...staffSettings(),
      mappings: [],
      enabled: false,
      passwordSignIn: false,
    });
    expect(off.statusCode).toBe(400);
    expect(off.json().errors[0]).toMatchObject({ path: 'passwordSignIn' });
    await admin.expect(200, 'PUT', '/api/v1/admin/sso/customers', {
      ...staffSettings(),
      label: 'Customer ID',
      mappings: [],
      clientSecret: TEST_CLIENT.secret,
    });

    const customer = account([]);
    const res = await ssoSignIn('customers', customer);
    const me = await signedIn(res).get('/api/v1/me');
    expect(me).toMatchObject({ role: 'customer', organisationId: null });

    // A customer through the staff's provider, and staff through the customers': refused.
    refusedWith(await ssoSignIn('staff', customer), 'wrong_audience');
    const agent = account(['support']);
    signedIn(await ssoSignIn('staff', agent));
    refusedWith(await ssoSignIn('customers', agent), 'wrong_audience');
  });

  it('a first sign-in in several tabs at once makes one user, and every tab signs in as them', async () => {
    const p = await loadProvider(env.app.ctx, 'customers');
    const claims = { email: `tabs-${++seq}@example.test`, email_verified: true, name: 'Many Tabs' };
    const users = await Promise.all(
      Array.from({ length: 8 }, () => userForClaims(env.app.ctx, p, claims, '127.0.0.1')),
    );
    expect(new Set(users.map((u) => u.id)).size).toBe(1);
    expect((await trail('user_created', claims.email)).length).toBe(1);
  });

  it('turns password sign-in off for staff only, and the command line turns it back on', async () => {
    const password = 'a long enough passphrase';
    await admin.expect(201, 'POST', '/api/v1/users', {
      email: 'password-agent@example.test',
      name: 'Password Agent',
      role: 'agent',
      password,
    });
    await admin.expect(201, 'POST', '/api/v1/users', {
      email: 'password-customer@example.test',
      name: 'Password Customer',
      role: 'customer',
      password,
    });
    await admin.expect(200, 'PUT', '/api/v1/admin/sso/staff', { ...staffSettings(), passwordSignIn: false });
    const options = await env.app.inject({ url: '/api/v1/auth/options' });
    expect(options.json().passwordSignIn).toEqual({ staff: false, customers: true });

    const refused = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'password-agent@example.test', password },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toMatch(/Password sign-in is turned off/);
    // A wrong password answers as always, so the switch tells nothing to someone guessing.
    const wrong = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'password-agent@example.test', password: 'not the password' },
    });
    expect(wrong.statusCode).toBe(401);
    await login(env.app, 'password-customer@example.test', password);
    // Nor can an invitation, which is a link to choose a password: staff sign on instead.
    const invite = await admin.request('POST', '/api/v1/users/invitations', {
      invitees: [{ email: 'invited-agent@example.test' }],
      role: 'agent',
    });
    expect(invite.statusCode).toBe(403);
    expect(invite.json().detail).toMatch(/Password sign-in is turned off/);
    await admin.expect(200, 'POST', '/api/v1/users/invitations', {
      invitees: [{ email: 'invited-customer@example.test' }],
      role: 'customer',
    });
    // Single sign-on cannot be turned off while it is the only way in.
    const lockout = await admin.request('PUT', '/api/v1/admin/sso/staff', {
      ...staffSettings(),
      enabled: false,
      passwordSignIn: false,
    });
    expect(lockout.statusCode).toBe(400);

    expect(await runSignInCommand(env.app.ctx.config, ['allow-passwords', '--audience', 'staff'])).toMatch(
      /on again for staff/,
    );
    await login(env.app, 'password-agent@example.test', password);
    const [breakGlass] = await trail('settings_changed', 'command line');
    expect(breakGlass?.details).toEqual({
      area: 'sso.staff',
      fields: ['passwordSignIn'],
      via: 'command line',
    });
    await expect(runSignInCommand(env.app.ctx.config, ['allow-passwords'])).rejects.toThrow(/Usage/);
  });

  it('stands in for the second factor staff are required to have; a password sign-in is still held', async () => {
    await admin.expect(200, 'PUT', '/api/v1/admin/sso/staff', staffSettings());
    const { secret } = await admin.expect<{ secret: string }>(200, 'POST', '/api/v1/me/second-factor');
    await admin.expect(200, 'POST', '/api/v1/me/second-factor/confirm', { code: await generate({ secret }) });
    await admin.expect(200, 'PUT', '/api/v1/settings/accounts', {
      requireSecondFactor: 'staff',
      agentsInviteCustomers: false,
    });
    try {
      const who = account(['support']);
      const viaSso = signedIn(await ssoSignIn('staff', who));
      expect(await viaSso.get('/api/v1/me')).toMatchObject({ secondFactorSetupRequired: false });
      expect((await viaSso.request('GET', '/api/v1/tickets')).statusCode).toBe(200);

      const password = 'a password of theirs';
      await admin.expect(
        200,
        'PATCH',
        `/api/v1/users/${(await viaSso.get<{ id: string }>('/api/v1/me')).id}`,
        {
          password,
        },
      );
      const viaPassword = await login(env.app, `${who}@example.test`, password);
      expect(await viaPassword.get('/api/v1/me')).toMatchObject({ secondFactorSetupRequired: true });
      expect((await viaPassword.request('GET', '/api/v1/tickets')).statusCode).toBe(403);
    } finally {
      await admin.expect(200, 'PUT', '/api/v1/settings/accounts', {
        requireSecondFactor: 'off',
        agentsInviteCustomers: false,
      });
    }
  });

  it('sends the browser back only to a path of this site', async () => {
    for (const bad of [
      'https://evil.test/',
      '//evil.test/',
      '/\\evil.test',
      '/\t/evil.test/login',
      '/\n/evil.test',
    ]) {
      expect(localPath(bad), bad).toBeNull();
    }
    expect(localPath('/agent/tickets/7?tab=notes#m3')).toBe('/agent/tickets/7?tab=notes#m3');
    const who = account(['support']);
    const start = await env.app.inject({
      url: `/auth/sso/staff/start?redirect=${encodeURIComponent('/\t/evil.test/login')}`,
    });
    const sealed = start.cookies.find((c) => c.name === 'tessera_sso');
    const back = new URL(await signInAtProvider(String(start.headers.location), who, PUBLIC));
    const res = await env.app.inject({
      url: back.pathname + back.search,
      headers: { cookie: `tessera_sso=${sealed?.value}` },
    });
    expect(res.headers.location).toBe('/agent');
  });

  // Last: it deactivates the administrator the other tests use.
  it('keeps the last active administrator one, whatever groups say', async () => {
    const who = account(['it-admins']);
    const boss = signedIn(await ssoSignIn('staff', who));
    expect(await boss.get('/api/v1/me')).toMatchObject({ role: 'admin' });
    const me = await boss.get<{ id: string }>('/api/v1/me');
    const admins = await boss.get<{ items: { id: string }[] }>('/api/v1/users?role=admin&limit=100');
    for (const other of admins.items.filter((u) => u.id !== me.id)) {
      await boss.expect(200, 'PATCH', `/api/v1/users/${other.id}`, { active: false });
    }

    setGroups(who, ['support']);
    const again = signedIn(await ssoSignIn('staff', who));
    expect(await again.get('/api/v1/me')).toMatchObject({ role: 'admin' });
    const page = await again.get<{ items: AuditEvent[] }>(
      '/api/v1/admin/audit?action=user_updated&limit=100',
    );
    const kept = page.items.find((e) => e.details.keptRole === 'admin');
    expect(kept?.details).toMatchObject({ mappedRole: 'agent', why: 'the last active administrator' });
  });
});
