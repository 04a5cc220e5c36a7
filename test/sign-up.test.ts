import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setPasswordSignIn } from '../src/modules/auth/auth.service.js';
import { Client, login, loginAdmin } from './client.js';
import { manualClock, startTestApp, type TestEnv } from './helpers.js';
import { type Received, startSmtpSink } from './smtp-sink.js';

// Customer self-sign-up through the HTTP API: the settings, the request that answers the same for
// everyone, the mail read from a real SMTP server, the link that makes the customer, and the limits
// that keep anonymous sign-up from mailing anyone much.

type Json = Record<string, unknown>;
const time = manualClock('2026-06-01T08:00:00.000Z');
let env: TestEnv;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let admin: Client;
let defaults: Json;
const GOOD = 'a long enough passphrase';

beforeAll(async () => {
  sink = await startSmtpSink();
  env = await startTestApp({
    clock: time.clock,
    env: {
      SMTP_URL: sink.url,
      INBOUND_EMAIL_ADDRESS: 'help@support.example.test',
      MAIL_FROM: 'Support <noreply@mail.example.test>',
      TESSERA_SIGNUP_IP_LIMIT: '5',
    },
  });
  admin = await loginAdmin(env.app);
  defaults = {
    settings: await admin.get('/api/v1/settings/sign-up'),
    options: (await env.app.inject({ url: '/api/v1/auth/options' })).json().signUp,
    signUp: (await signUp(address('first'))).statusCode,
  };
});
afterAll(async () => {
  await env?.close();
  await sink?.close();
});

let ipSeq = 0;
/** A network address of its own, so one test's sign-ups do not count against another's. */
const freshIp = () => `198.51.100.${++ipSeq}`;
let seq = 0;
const address = (who: string, domain = 'example.test') => `${who}-${++seq}@${domain}`;

const settings = (body: Json) => admin.expect<Json>(200, 'PUT', '/api/v1/settings/sign-up', body);
const signUp = (email: string, ip = freshIp(), extra: Json = {}) =>
  env.app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-up',
    payload: { name: 'Sam Sign', email, ...extra },
    remoteAddress: ip,
  });
const verify = (token: string, password = GOOD) =>
  env.app.inject({ method: 'POST', url: '/api/v1/auth/sign-up/verify', payload: { token, password } });

async function mailsTo(to: string, from = 0): Promise<Received[]> {
  await env.drain();
  return sink.received.slice(from).filter((m) => m.envelope.to.includes(to));
}

function tokenIn(mail: Received | undefined, page: string): string {
  const match = new RegExp(`${page}\\?token=([^\\s"<>]+)`).exec(mail?.mail.text ?? '');
  if (!match?.[1]) throw new Error(`no ${page} link in: ${mail?.mail.text}`);
  return decodeURIComponent(match[1]);
}

/** Signs up and opens the mailed link: the new customer's client. */
async function signedUp(email: string): Promise<{ client: Client; user: Json }> {
  expect((await signUp(email)).statusCode).toBe(202);
  const [mail] = await mailsTo(email);
  const res = await verify(tokenIn(mail, '/verify-email'));
  expect(res.statusCode).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'tessera_session')?.value;
  return { client: new Client(env.app, { cookie }), user: res.json().user };
}

const department = async () =>
  admin.expect<{ id: string }>(201, 'POST', '/api/v1/departments', { name: `Help ${++seq}` });
const ticketBody = (departmentId: string) => ({
  subject: 'My first question',
  description: 'How do I start?',
  departmentId,
});

beforeEach(() => settings({ mode: 'open', domains: [] }));

describe('sign-up settings', () => {
  it('are off by default; off refuses sign-up and the sign-in page offers none', async () => {
    expect(defaults).toEqual({
      settings: { mode: 'off', domains: [] },
      options: false,
      signUp: 403,
    });
    expect(await admin.get('/api/v1/settings/sign-up')).toEqual({ mode: 'open', domains: [] });
    await settings({ mode: 'off', domains: [] });
    expect((await env.app.inject({ url: '/api/v1/auth/options' })).json()).toMatchObject({ signUp: false });
    const email = address('closed');
    const res = await signUp(email);
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toMatch(/Sign-up is closed/);
    expect(await mailsTo(email)).toHaveLength(0);
    await settings({ mode: 'open', domains: [] });
    expect((await env.app.inject({ url: '/api/v1/auth/options' })).json()).toMatchObject({ signUp: true });
  });

  it('refuse the support and reply domains, a domain twice and an unknown organisation, naming the field', async () => {
    const put = (domains: Json[]) =>
      admin.request('PUT', '/api/v1/settings/sign-up', { mode: 'domains', domains });
    for (const domain of ['support.example.test', 'MAIL.example.test']) {
      const res = await put([{ domain, organisationId: null }]);
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0]).toEqual({
        path: 'domains.0.domain',
        message: `${domain.toLowerCase()} is the support or reply domain; it can never be a sign-up domain`,
      });
    }
    const twice = await put([
      { domain: 'acme.test', organisationId: null },
      { domain: 'Acme.test', organisationId: null },
    ]);
    expect(twice.json().errors).toEqual([{ path: 'domains.1.domain', message: 'acme.test is listed twice' }]);
    const noOrg = await put([{ domain: 'acme.test', organisationId: 'nope' }]);
    expect(noOrg.json().errors).toEqual([
      { path: 'domains.0.organisationId', message: 'no such organisation' },
    ]);
    expect((await put([{ domain: 'not a domain', organisationId: null }])).statusCode).toBe(400);
    expect(await admin.get('/api/v1/settings/sign-up')).toEqual({ mode: 'open', domains: [] });
  });

  it('are not offered while customers sign in with single sign-on only', async () => {
    const db = env.app.ctx.db;
    await setPasswordSignIn(db, 'customers', false, time.clock().toISOString());
    try {
      expect((await env.app.inject({ url: '/api/v1/auth/options' })).json()).toMatchObject({ signUp: false });
      const res = await signUp(address('sso'));
      expect(res.statusCode).toBe(403);
      expect(res.json().detail).toMatch(/single sign-on/);
    } finally {
      await setPasswordSignIn(db, 'customers', true, time.clock().toISOString());
    }
  });

  it('are for administrators only', async () => {
    const { client } = await signedUp(address('nosy'));
    expect((await client.request('GET', '/api/v1/settings/sign-up')).statusCode).toBe(403);
    expect(
      (await client.request('PUT', '/api/v1/settings/sign-up', { mode: 'open', domains: [] })).statusCode,
    ).toBe(403);
  });
});

describe('signing up', () => {
  it('mails a link; the link makes the customer, signs them in, and they open a ticket', async () => {
    const email = address('sam');
    const res = await signUp(email);
    expect(res.statusCode).toBe(202);
    expect(res.json().message).toMatch(/Check your mail/);
    const [mail] = await mailsTo(email);
    expect(mail?.mail.subject).toMatch(/Confirm your address/);
    expect(mail?.mail.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail?.mail.html).toContain('/verify-email?token=');

    // Before the link is opened there is no account: no sign-in, no ticket.
    const early = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: GOOD },
    });
    expect(early.statusCode).toBe(401);
    const dept = await department();
    const anonymous = await env.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      payload: ticketBody(dept.id),
    });
    expect(anonymous.statusCode).toBe(401);

    const token = tokenIn(mail, '/verify-email');
    const verified = await verify(token);
    expect(verified.statusCode).toBe(200);
    expect(verified.json().user).toMatchObject({ email, name: 'Sam Sign', role: 'customer' });
    const cookie = verified.cookies.find((c) => c.name === 'tessera_session')?.value;
    const sam = new Client(env.app, { cookie });
    expect((await sam.get('/api/v1/me')).email).toBe(email);
    const ticket = await sam.expect<Json>(201, 'POST', '/api/v1/tickets', ticketBody(dept.id));
    expect(ticket.subject).toBe('My first question');
    await login(env.app, email, GOOD);

    const again = await verify(token);
    expect(again.statusCode).toBe(404);
    expect(again.json().detail).toMatch(/invalid, used or expired/);
  });

  it('refuses bad input and mails nothing; the password is chosen on the link’s page, and a weak one is refused there', async () => {
    expect((await signUp('not-an-address')).statusCode).toBe(400);
    const email = address('weak');
    // A password is not taken with the request: whoever asks never chooses the account's password.
    expect((await signUp(email, freshIp(), { password: GOOD })).statusCode).toBe(400);
    expect(await mailsTo(email)).toHaveLength(0);

    await signUp(email);
    const token = tokenIn((await mailsTo(email))[0], '/verify-email');
    const weak = await verify(token, 'password1');
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors).toEqual([
      { path: 'password', message: 'is one of the most common passwords; choose another' },
    ]);
    // The link was not used up by the refusal.
    expect((await verify(token)).statusCode).toBe(200);
  });

  it('a sign-up asked for in someone else’s name gives the asker nothing: the owner of the mailbox chooses the password', async () => {
    const email = address('victim');
    await signUp(email, freshIp(), { name: 'Mallory' });
    // The owner asks too, within the window: no second mail, the first link is theirs all the same.
    await signUp(email, freshIp(), { name: 'Victoria' });
    const mails = await mailsTo(email);
    expect(mails).toHaveLength(1);
    const owner = await verify(tokenIn(mails[0], '/verify-email'), 'the owner’s own passphrase');
    expect(owner.statusCode).toBe(200);
    await login(env.app, email, 'the owner’s own passphrase');
  });

  it('links work once, expire after 24 hours, and a forged one is refused', async () => {
    const email = address('late');
    await signUp(email);
    const token = tokenIn((await mailsTo(email))[0], '/verify-email');
    const [id] = token.split('.');
    for (const forged of [`${id}.AAAA`, `${id}`, 'nonsense', `${token}x`]) {
      expect((await verify(forged)).statusCode).toBe(404);
    }
    time.advance(24 * 3_600_000 + 1000);
    expect((await verify(token)).statusCode).toBe(404);
    expect(
      (
        await env.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email, password: GOOD },
        })
      ).statusCode,
    ).toBe(401);
  });

  it('answers the same for an address with an account, makes no second one, and mails a reset link instead', async () => {
    const { user } = await signedUp(address('twice'));
    const email = String(user.email);
    time.advance(61 * 60_000);
    const before = sink.received.length;
    const known = await signUp(email, freshIp(), { name: 'Mallory' });
    const unknown = await signUp(address('nobody'));
    expect(known.statusCode).toBe(202);
    expect(known.body).toBe(unknown.body);
    const [mail] = await mailsTo(email, before);
    expect(mail?.mail.subject).toMatch(/already have an account/);
    expect(mail?.mail.headers.get('auto-submitted')).toBe('auto-generated');
    const reset = tokenIn(mail, '/reset-password');
    // The account is as it was: the old password still works, and the link resets it.
    await login(env.app, email, GOOD);
    const users = await admin.get<{ items: Json[] }>(`/api/v1/users?q=${encodeURIComponent(email)}`);
    expect(users.items).toHaveLength(1);
    expect(
      (
        await env.app.inject({
          method: 'POST',
          url: '/api/v1/auth/password/reset',
          payload: { token: reset, password: 'a brand new passphrase' },
        })
      ).statusCode,
    ).toBe(204);
    await login(env.app, email, 'a brand new passphrase');
  });
});

describe('confirming later', () => {
  it('is refused while sign-up is closed, and the link works again once it reopens', async () => {
    const email = address('paused');
    await signUp(email);
    const token = tokenIn((await mailsTo(email))[0], '/verify-email');
    await settings({ mode: 'off', domains: [] });
    const closed = await verify(token);
    expect(closed.statusCode).toBe(403);
    expect(closed.json().detail).toMatch(/Sign-up is closed/);
    await settings({ mode: 'open', domains: [] });
    expect((await verify(token)).statusCode).toBe(200);
  });

  it('makes no second account when the address got one meanwhile', async () => {
    const email = address('meanwhile');
    await signUp(email);
    const token = tokenIn((await mailsTo(email))[0], '/verify-email');
    await admin.expect(201, 'POST', '/api/v1/users', { email, name: 'By Staff', role: 'customer' });
    const res = await verify(token);
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toMatch(/has an account already/);
    const users = await admin.get<{ items: Json[] }>(`/api/v1/users?q=${encodeURIComponent(email)}`);
    expect(users.items).toEqual([expect.objectContaining({ email, name: 'By Staff' })]);
  });
});

describe('limits', () => {
  it('mails an address once per window however often it is signed up, from however many networks', async () => {
    const email = address('victim');
    for (let i = 0; i < 50; i++) expect((await signUp(email, `203.0.113.${i + 1}`)).statusCode).toBe(202);
    expect(await mailsTo(email)).toHaveLength(1);
    time.advance(61 * 60_000);
    await signUp(email, '203.0.113.200');
    expect(await mailsTo(email)).toHaveLength(2);
  });

  it('answers 429 to a network address that signs up too often', async () => {
    const ip = freshIp();
    for (let i = 0; i < 5; i++) expect((await signUp(address('burst'), ip)).statusCode).toBe(202);
    const refused = await signUp(address('burst'), ip);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().detail).toMatch(/Too many sign-ups/);
    time.advance(61 * 60_000);
    expect((await signUp(address('burst'), ip)).statusCode).toBe(202);
  });
});

describe('domains', () => {
  it('lets only listed domains sign up, puts each in its organisation, and never the support domain', async () => {
    const org = await admin.expect<{ id: string }>(201, 'POST', '/api/v1/organisations', {
      name: 'Acme Ltd',
    });
    await settings({
      mode: 'domains',
      domains: [
        { domain: 'acme.test', organisationId: org.id },
        { domain: 'solo.test', organisationId: null },
      ],
    });
    const outsider = await signUp(address('out', 'elsewhere.test'));
    expect(outsider.statusCode).toBe(403);
    expect(outsider.json().detail).toMatch(/only to addresses of the domains/);
    const staffish = await signUp(address('fake', 'support.example.test'));
    expect(staffish.statusCode).toBe(403);

    const acme = await signedUp(address('ann', 'acme.test'));
    expect((await acme.client.get('/api/v1/me')).organisationId).toBe(org.id);
    const solo = await signedUp(address('sol', 'solo.test'));
    expect((await solo.client.get('/api/v1/me')).organisationId).toBeNull();
  });
});

describe('audit trail', () => {
  it('records sign-ups asked for, held back, for existing accounts, and confirmed, and settings changes', async () => {
    const email = address('audited');
    const { user } = await signedUp(email);
    await signUp(email);
    time.advance(61 * 60_000);
    await signUp(email);
    await env.drain();
    const trail = await admin.get<{ items: Json[] }>('/api/v1/admin/audit?limit=100');
    const mine = trail.items.filter((e) => (e.subject as { email: string } | null)?.email === email);
    expect(mine.map((e) => e.action).reverse()).toEqual([
      'sign_up_requested',
      'sign_up_verified',
      'sign_up_suppressed',
      'sign_up_requested',
      'sign_up_existing_account',
    ]);
    expect(mine.find((e) => e.action === 'sign_up_verified')).toMatchObject({
      actor: { id: user.id, email },
    });
    const change = trail.items.find((e) => e.action === 'settings_changed');
    expect(change?.details).toMatchObject({ area: 'sign-up', changes: { mode: { to: expect.any(String) } } });
  });
});

describe("a new customer's language", () => {
  const verifyIn = (token: string, acceptLanguage?: string) =>
    env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-up/verify',
      payload: { token, password: GOOD },
      headers: acceptLanguage ? { 'accept-language': acceptLanguage } : {},
    });
  const signUpIn = async (acceptLanguage?: string) => {
    const email = address('lang');
    expect((await signUp(email)).statusCode).toBe(202);
    const [mail] = await mailsTo(email);
    const res = await verifyIn(tokenIn(mail, '/verify-email'), acceptLanguage);
    expect(res.statusCode).toBe(200);
    return res.json().user as Json;
  };

  it("is their browser's when the installation speaks it, else the installation's default", async () => {
    expect(await signUpIn('de-CH,de;q=0.9,en;q=0.5')).toMatchObject({
      locale: 'de',
      display: { locale: 'de' },
    });
    expect(await signUpIn('pt;q=0.8, fr-CA')).toMatchObject({ locale: 'fr', display: { locale: 'fr' } });
    expect(await signUpIn('ar')).toMatchObject({ locale: 'ar', display: { direction: 'rtl' } });
    expect(await signUpIn('tlh, x-klingon')).toMatchObject({ locale: null, display: { locale: 'en' } });
    expect(await signUpIn()).toMatchObject({ locale: null, display: { locale: 'en', direction: 'ltr' } });
  });

  it('the answer to a sign-up is in the language the browser asks for', async () => {
    const asked = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-up',
      payload: { name: 'Sam Sign', email: address('sprache') },
      remoteAddress: freshIp(),
      headers: { 'accept-language': 'de-DE,de;q=0.9' },
    });
    expect(asked.statusCode).toBe(202);
    expect(asked.json().message).toMatch(/^Bitte prüfen Sie Ihre E-Mails/);
  });
});
