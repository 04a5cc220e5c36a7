import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setPasswordSignIn } from '../src/modules/auth/auth.service.js';
import { Client, login, loginAdmin } from './client.js';
import { manualClock, startTestApp, type TestEnv } from './helpers.js';
import type { Received } from './smtp-sink.js';
import { startSmtpSink } from './smtp-sink.js';

// Invitations, password resets and changes, one's sessions, and what deactivation revokes: through
// the HTTP API, with the mails read from a real SMTP server and time moved by a manual clock.

type Json = Record<string, unknown>;
const time = manualClock('2026-05-04T08:00:00.000Z');
let env: TestEnv;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let admin: Client;
const GOOD = 'a long enough passphrase';

beforeAll(async () => {
  sink = await startSmtpSink();
  env = await startTestApp({ clock: time.clock, env: { SMTP_URL: sink.url } });
  admin = await loginAdmin(env.app);
});
afterAll(async () => {
  await env?.close();
  await sink?.close();
});

/** Runs the outbox, then the mails sent to `to` since `from` (an index into what the sink got). */
async function mailsTo(to: string, from = 0): Promise<Received[]> {
  await env.drain();
  return sink.received.slice(from).filter((m) => m.envelope.to.includes(to));
}

/** The token of the link in a mail. */
function linkToken(mail: Received, page: string): string {
  const match = new RegExp(`${page}\\?token=([^\\s"<>]+)`).exec(mail.mail.text ?? '');
  if (!match?.[1]) throw new Error(`no ${page} link in: ${mail.mail.text}`);
  return decodeURIComponent(match[1]);
}

const post = (url: string, payload: Json, ip = '203.0.113.7') =>
  env.app.inject({ method: 'POST', url, payload, remoteAddress: ip });

let seq = 0;
const address = (who: string) => `${who}-${++seq}@example.test`;

async function invite(email: string, extra: Json = {}) {
  const res = await admin.expect<{ results: Json[] }>(200, 'POST', '/api/v1/users/invitations', {
    invitees: [{ email }],
    role: 'agent',
    ...extra,
  });
  const [mail] = await mailsTo(email, sink.received.length);
  if (!mail) throw new Error(`no invitation mail to ${email}`);
  return { result: res.results[0] as Json, token: linkToken(mail, '/invite'), mail };
}

describe('invitations', () => {
  it('invites by email; the invitee chooses a name and password and lands signed in, once', async () => {
    const email = address('maya');
    const { result, token, mail } = await invite(email);
    expect(result).toMatchObject({ email, outcome: 'invited' });
    expect(mail.mail.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail.mail.subject).toMatch(/invited/);
    expect(mail.mail.html).toContain('/invite?token=');

    const listed = await admin.get<{ items: Json[] }>(`/api/v1/users?q=${encodeURIComponent(email)}`);
    expect(listed.items[0]).toMatchObject({
      credentialsSet: false,
      invitedUntil: '2026-05-07T08:00:00.000Z',
    });

    const info = await env.app.inject({
      url: `/api/v1/auth/links/invite?token=${encodeURIComponent(token)}`,
    });
    expect(info.json()).toMatchObject({ email, expiresAt: '2026-05-07T08:00:00.000Z' });

    const accepted = await post('/api/v1/auth/invitations/accept', {
      token,
      name: 'Maya Lind',
      password: GOOD,
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().user).toMatchObject({
      email,
      name: 'Maya Lind',
      role: 'agent',
      credentialsSet: true,
    });
    const cookie = accepted.cookies.find((c) => c.name === 'tessera_session')?.value;
    const maya = new Client(env.app, { cookie });
    expect((await maya.get('/api/v1/me')).email).toBe(email);

    const again = await post('/api/v1/auth/invitations/accept', { token, name: 'Mallory', password: GOOD });
    expect(again.statusCode).toBe(404);
    expect(again.json().detail).toMatch(/invalid, used or expired/);
    expect(
      (await admin.get<{ items: Json[] }>(`/api/v1/users?q=${encodeURIComponent(email)}`)).items[0],
    ).toMatchObject({
      name: 'Maya Lind',
      invitedUntil: null,
    });
    await login(env.app, email, GOOD);
  });

  it('cannot be taken up while staff may not sign in with a password', async () => {
    const { token } = await invite(address('sso-only'));
    await setPasswordSignIn(env.app.ctx.db, 'staff', false, time.clock().toISOString());
    try {
      const refused = await post('/api/v1/auth/invitations/accept', { token, name: 'Late', password: GOOD });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().detail).toMatch(/Password sign-in is turned off/);
    } finally {
      await setPasswordSignIn(env.app.ctx.db, 'staff', true, time.clock().toISOString());
    }
    // The link was not used up: it works once passwords are back.
    expect(
      (await post('/api/v1/auth/invitations/accept', { token, name: 'Late', password: GOOD })).statusCode,
    ).toBe(200);
  });

  it('expires after 72 hours', async () => {
    const { token } = await invite(address('late'));
    time.advance(72 * 3_600_000 + 1000);
    const info = await env.app.inject({
      url: `/api/v1/auth/links/invite?token=${encodeURIComponent(token)}`,
    });
    expect(info.statusCode).toBe(404);
    expect(
      (await post('/api/v1/auth/invitations/accept', { token, name: 'Late', password: GOOD })).statusCode,
    ).toBe(404);
  });

  it('refuses a forged or tampered link and a common password, and the link still works after', async () => {
    const { token } = await invite(address('tamper'));
    const [id] = token.split('.');
    for (const forged of [`${id}.AAAA`, `${id}`, 'nonsense', `${token}x`]) {
      expect(
        (await post('/api/v1/auth/invitations/accept', { token: forged, name: 'X', password: GOOD }))
          .statusCode,
      ).toBe(404);
    }
    const weak = await post('/api/v1/auth/invitations/accept', { token, name: 'X', password: 'password1' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors).toEqual([
      { path: 'password', message: 'is one of the most common passwords; choose another' },
    ]);
    expect(
      (await post('/api/v1/auth/invitations/accept', { token, name: 'X', password: 'qwertyuiop' }))
        .statusCode,
    ).toBe(400);
    expect(
      (await post('/api/v1/auth/invitations/accept', { token, name: 'X', password: GOOD })).statusCode,
    ).toBe(200);
  });

  it('resends (the old link stops working) and revokes', async () => {
    const email = address('resend');
    const { result, token: first } = await invite(email);
    const before = sink.received.length;
    const sent = await admin.expect<Json>(200, 'POST', `/api/v1/users/${result.userId}/invitation`);
    expect(sent.expiresAt).toBeDefined();
    const [mail] = await mailsTo(email, before);
    const second = linkToken(mail as Received, '/invite');
    expect(second).not.toBe(first);
    expect(
      (await post('/api/v1/auth/invitations/accept', { token: first, name: 'A', password: GOOD })).statusCode,
    ).toBe(404);

    await admin.expect(204, 'DELETE', `/api/v1/users/${result.userId}/invitation`);
    expect(
      (await post('/api/v1/auth/invitations/accept', { token: second, name: 'A', password: GOOD }))
        .statusCode,
    ).toBe(404);
    await admin.expect(404, 'DELETE', `/api/v1/users/${result.userId}/invitation`);

    // Accepted users are not invited again.
    const { result: other, token } = await invite(address('done'));
    await post('/api/v1/auth/invitations/accept', { token, name: 'Done', password: GOOD });
    const conflict = await admin.request('POST', `/api/v1/users/${other.userId}/invitation`);
    expect(conflict.statusCode).toBe(409);
  });

  it('invites a list: existing addresses and repeats are reported, not changed; one bad address changes nothing', async () => {
    const fresh = [address('bulk'), address('bulk')];
    const res = await admin.expect<{ results: Json[] }>(200, 'POST', '/api/v1/users/invitations', {
      invitees: [
        { email: fresh[0], name: 'First Bulk' },
        { email: fresh[1] },
        { email: 'admin@example.test' },
        { email: fresh[0] },
      ],
      role: 'customer',
    });
    expect(res.results.map((r) => [r.email, r.outcome])).toEqual([
      [fresh[0], 'invited'],
      [fresh[1], 'invited'],
      ['admin@example.test', 'exists'],
    ]);
    expect(await mailsTo(fresh[1] as string, 0)).toHaveLength(1);
    const bad = await admin.request('POST', '/api/v1/users/invitations', {
      invitees: [{ email: address('never') }, { email: 'not-an-address' }],
      role: 'customer',
    });
    expect(bad.statusCode).toBe(400);
    expect((await admin.get<{ items: Json[] }>('/api/v1/users?q=never-')).items).toEqual([]);
  });

  it('goes out in the language chosen for the invitees, which the app then speaks', async () => {
    const email = address('lena');
    const { mail, token } = await invite(email, { locale: 'de' });
    expect(mail.mail.headers.get('content-language')).toBe('de');
    expect(mail.mail.subject).not.toMatch(/invited/);
    await post('/api/v1/auth/invitations/accept', { token, name: 'Lena', password: GOOD });
    const lena = (await admin.get<{ items: { locale: string | null }[] }>(`/api/v1/users?q=${email}`))
      .items[0];
    expect(lena?.locale).toBe('de');
    const wrong = await admin.request('POST', '/api/v1/users/invitations', {
      invitees: [{ email: address('klingon') }],
      role: 'agent',
      locale: 'tlh',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].path).toBe('locale');
    expect((await admin.get<{ items: Json[] }>('/api/v1/users?q=klingon')).items).toEqual([]);
  });

  it('is for administrators only', async () => {
    const { token } = await invite(address('agent'));
    const res = await post('/api/v1/auth/invitations/accept', { token, name: 'Agent', password: GOOD });
    const agent = new Client(env.app, {
      cookie: res.cookies.find((c) => c.name === 'tessera_session')?.value,
    });
    const refused = await agent.request('POST', '/api/v1/users/invitations', {
      invitees: [{ email: address('x') }],
      role: 'customer',
    });
    expect(refused.statusCode).toBe(403);
  });
});

describe('password reset', () => {
  async function userWithPassword(password = GOOD) {
    const email = address('reset');
    await admin.expect(201, 'POST', '/api/v1/users', { email, name: 'Reset Me', role: 'customer', password });
    return email;
  }

  it('answers the same whether or not the address exists, and mails a link only to an account', async () => {
    const email = await userWithPassword();
    const nobody = address('nobody');
    const known = await post('/api/v1/auth/password/forgot', { email }, '198.51.100.1');
    const unknown = await post('/api/v1/auth/password/forgot', { email: nobody }, '198.51.100.1');
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);
    expect(await mailsTo(email, 0)).toHaveLength(1);
    expect(await mailsTo(nobody, 0)).toHaveLength(0);
  });

  it('takes a similar time for an address with and without an account', async () => {
    const email = await userWithPassword();
    const timed = async (to: string, i: number) => {
      const start = performance.now();
      await post('/api/v1/auth/password/forgot', { email: to }, `198.51.100.${50 + i}`);
      return performance.now() - start;
    };
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 9; i++) {
      known.push(await timed(email, i));
      unknown.push(await timed(address('ghost'), i));
    }
    // No password hashing on either path; the difference is a row or two, not a measurable gap.
    expect(Math.abs(median(known) - median(unknown))).toBeLessThan(25);
  });

  it('works once, ends every session, and expires after an hour', async () => {
    const email = await userWithPassword();
    const old = await login(env.app, email, GOOD);
    const before = sink.received.length;
    await post('/api/v1/auth/password/forgot', { email }, '198.51.100.2');
    const [mail] = await mailsTo(email, before);
    const token = linkToken(mail as Received, '/reset-password');
    expect(mail?.mail.headers.get('auto-submitted')).toBe('auto-generated');

    const info = await env.app.inject({ url: `/api/v1/auth/links/reset?token=${encodeURIComponent(token)}` });
    expect(info.json()).toMatchObject({ email });
    expect((await post('/api/v1/auth/password/reset', { token, password: '12345678' })).statusCode).toBe(400);
    expect(
      (await post('/api/v1/auth/password/reset', { token, password: 'a brand new passphrase' })).statusCode,
    ).toBe(204);
    expect((await old.request('GET', '/api/v1/me')).statusCode).toBe(401);
    await login(env.app, email, 'a brand new passphrase');
    expect(
      (await post('/api/v1/auth/password/reset', { token, password: 'yet another passphrase' })).statusCode,
    ).toBe(404);

    await post('/api/v1/auth/password/forgot', { email }, '198.51.100.2');
    const [later] = await mailsTo(email, before + 1);
    time.advance(3_600_000 + 1000);
    const expired = await post('/api/v1/auth/password/reset', {
      token: linkToken(later as Received, '/reset-password'),
      password: 'yet another passphrase',
    });
    expect(expired.statusCode).toBe(404);
  });

  it('mails one address a few times an hour at most, and refuses a network address that asks too often', async () => {
    const email = await userWithPassword();
    const before = sink.received.length;
    for (let i = 0; i < 8; i++) {
      const res = await post('/api/v1/auth/password/forgot', { email }, `192.0.2.${i + 1}`);
      expect(res.statusCode).toBe(202);
      await env.drain();
    }
    expect(await mailsTo(email, before)).toHaveLength(3);

    const ip = '192.0.2.200';
    for (let i = 0; i < 10; i++) {
      expect((await post('/api/v1/auth/password/forgot', { email: address('spray') }, ip)).statusCode).toBe(
        202,
      );
    }
    const refused = await post('/api/v1/auth/password/forgot', { email: address('spray') }, ip);
    expect(refused.statusCode).toBe(429);
    time.advance(15 * 60_000 + 1000);
    expect((await post('/api/v1/auth/password/forgot', { email: address('spray') }, ip)).statusCode).toBe(
      202,
    );
  });
});

describe('one’s own password and sessions', () => {
  async function twoSessions() {
    const email = address('me');
    await admin.expect(201, 'POST', '/api/v1/users', {
      email,
      name: 'Two Devices',
      role: 'agent',
      password: GOOD,
    });
    const laptop = await login(env.app, email, GOOD);
    const phone = await login(env.app, email, GOOD);
    return { email, laptop, phone };
  }

  it('lists one’s sessions, marks this one, and ends one or all others', async () => {
    const { email, laptop, phone } = await twoSessions();
    const third = await login(env.app, email, GOOD);
    const list = await laptop.get<{ items: Json[] }>('/api/v1/me/sessions');
    expect(list.items).toHaveLength(3);
    expect(list.items.filter((s) => s.current)).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ ip: '127.0.0.1', lastSeenAt: expect.any(String) });
    const phoneId = (await phone.get<{ items: Json[] }>('/api/v1/me/sessions')).items.find(
      (s) => s.current,
    )?.id;
    await laptop.expect(204, 'DELETE', `/api/v1/me/sessions/${phoneId}`);
    expect((await phone.request('GET', '/api/v1/me')).statusCode).toBe(401);
    await laptop.expect(404, 'DELETE', `/api/v1/me/sessions/${phoneId}`);
    // Someone else's session is not found either.
    const adminSession = (await admin.get<{ items: Json[] }>('/api/v1/me/sessions')).items[0]?.id;
    await laptop.expect(404, 'DELETE', `/api/v1/me/sessions/${adminSession}`);

    expect(await laptop.expect(200, 'DELETE', '/api/v1/me/sessions')).toEqual({ ended: 1 });
    expect((await third.request('GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await laptop.request('GET', '/api/v1/me')).statusCode).toBe(200);
  });

  it('changes the password with the current one; other sessions end, this one stays', async () => {
    const { email, laptop, phone } = await twoSessions();
    const wrong = await laptop.request('PUT', '/api/v1/me/password', {
      currentPassword: 'not it',
      password: 'new and long enough',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].path).toBe('currentPassword');
    const common = await laptop.request('PUT', '/api/v1/me/password', {
      currentPassword: GOOD,
      password: 'iloveyou123',
    });
    expect(common.statusCode).toBe(400);
    await laptop.expect(204, 'PUT', '/api/v1/me/password', {
      currentPassword: GOOD,
      password: 'new and long enough',
    });
    expect((await phone.request('GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await laptop.request('GET', '/api/v1/me')).statusCode).toBe(200);
    await login(env.app, email, 'new and long enough');
  });

  it('deactivating a user ends their session and revokes their API token at the next request', async () => {
    const { email, laptop } = await twoSessions();
    const { token } = await laptop.expect<{ token: string }>(201, 'POST', '/api/v1/tokens', {
      name: 'script',
    });
    const bearer = new Client(env.app, { token });
    expect((await bearer.request('GET', '/api/v1/me')).statusCode).toBe(200);
    const user = (await admin.get<{ items: Json[] }>(`/api/v1/users?q=${encodeURIComponent(email)}`))
      .items[0];
    await admin.expect(200, 'PATCH', `/api/v1/users/${user?.id}`, { active: false });
    expect((await laptop.request('GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await bearer.request('GET', '/api/v1/me')).statusCode).toBe(401);
    // Reactivated, the old token stays revoked.
    await admin.expect(200, 'PATCH', `/api/v1/users/${user?.id}`, { active: true });
    expect((await bearer.request('GET', '/api/v1/me')).statusCode).toBe(401);
  });
});

describe('passwords an administrator sets', () => {
  it('are held to the same rules', async () => {
    const weak = await admin.request('POST', '/api/v1/users', {
      email: address('weak'),
      name: 'Weak',
      role: 'customer',
      password: 'password123',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors).toEqual([
      { path: 'password', message: 'is one of the most common passwords; choose another' },
    ]);
    const email = address('same');
    const same = await admin.request('POST', '/api/v1/users', {
      email,
      name: 'S',
      role: 'customer',
      password: email,
    });
    expect(same.statusCode).toBe(400);
  });
});

describe('audit trail', () => {
  type AuditEvent = {
    action: string;
    actor: { email: string | null } | null;
    subject: { email: string | null } | null;
    ip: string | null;
    details: Json;
  };
  const trail = async (query = '') =>
    (await admin.get<{ items: AuditEvent[] }>(`/api/v1/admin/audit?limit=100${query}`)).items;

  it('records each security event: who, to whom, from where, old → new, and never a secret', async () => {
    const email = address('audited');
    const { result, token } = await invite(email);
    await post(
      '/api/v1/auth/invitations/accept',
      { token, name: 'Audited', password: GOOD },
      '198.51.100.77',
    );
    const failed = await post('/api/v1/auth/login', { email, password: 'wrong password' }, '198.51.100.78');
    expect(failed.statusCode).toBe(401);
    const user = await login(env.app, email, GOOD);
    const { id: tokenId } = await user.expect<{ id: string }>(201, 'POST', '/api/v1/tokens', { name: 'ci' });
    await user.expect(204, 'DELETE', `/api/v1/tokens/${tokenId}`);
    await user.expect(204, 'PUT', '/api/v1/me/password', {
      currentPassword: GOOD,
      password: 'changed passphrase',
    });
    await admin.expect(200, 'PATCH', `/api/v1/users/${result.userId}`, {
      role: 'admin',
      password: 'set by the admin',
    });

    const mine = await trail(`&userId=${result.userId}`);
    const actions = mine.map((e) => e.action).reverse();
    expect(actions).toEqual([
      'invitation_sent',
      'invitation_accepted',
      'sign_in_failed',
      'sign_in',
      'token_created',
      'token_revoked',
      'password_changed',
      'user_updated',
      'password_set_by_admin',
    ]);
    const by = (action: string) => mine.find((e) => e.action === action);
    expect(by('invitation_sent')).toMatchObject({
      actor: { email: 'admin@example.test' },
      subject: { email },
    });
    expect(by('invitation_accepted')).toMatchObject({ ip: '198.51.100.77', actor: { email } });
    expect(by('sign_in_failed')).toMatchObject({ ip: '198.51.100.78', subject: { email } });
    expect(by('token_created')?.details).toMatchObject({ name: 'ci', scope: 'all' });
    expect(by('user_updated')?.details).toEqual({ role: ['agent', 'admin'] });
    expect(JSON.stringify(mine)).not.toMatch(/changed passphrase|set by the admin|a long enough/);
  });

  it('records a reset request, and one held back by the per-address limit', async () => {
    const email = address('limited');
    for (let i = 0; i < 4; i++) await post('/api/v1/auth/password/forgot', { email }, `203.0.113.${100 + i}`);
    const events = (await trail()).filter((e) => e.subject?.email === email);
    expect(events.map((e) => e.action).sort()).toEqual([
      'password_reset_requested',
      'password_reset_requested',
      'password_reset_requested',
      'password_reset_suppressed',
    ]);
    expect(events.find((e) => e.action === 'password_reset_suppressed')?.details.reason).toMatch(
      /3 reset mails/,
    );
  });

  it('records settings changes by area, without their values', async () => {
    await admin.expect(200, 'PUT', '/api/v1/workflow', { preset: 'classic' });
    const [latest] = await trail('&action=settings_changed');
    expect(latest).toMatchObject({
      actor: { email: 'admin@example.test' },
      details: { area: 'workflow', preset: 'classic', statusMapping: {} },
    });
  });

  it('is read-only and for administrators only', async () => {
    const email = address('reader');
    await admin.expect(201, 'POST', '/api/v1/users', {
      email,
      name: 'Reader',
      role: 'agent',
      password: GOOD,
    });
    const agent = await login(env.app, email, GOOD);
    expect((await agent.request('GET', '/api/v1/admin/audit')).statusCode).toBe(403);
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      expect((await admin.request(method, '/api/v1/admin/audit')).statusCode).toBe(404);
    }
    const page = await admin.get<{ items: unknown[]; nextCursor: string }>('/api/v1/admin/audit?limit=1');
    const next = await admin.get<{ items: unknown[] }>(
      `/api/v1/admin/audit?limit=1&cursor=${page.nextCursor}`,
    );
    expect(next.items).toHaveLength(1);
    expect(next.items).not.toContainEqual(page.items[0]);
  });
});

describe('two-factor sign-in', () => {
  const totp = (secret: string, at = time.clock()) =>
    generate({ secret, epoch: Math.floor(at.getTime() / 1000) });
  const signIn = (email: string, password = GOOD) => post('/api/v1/auth/login', { email, password });
  const second = (challenge: string, code: string) =>
    post('/api/v1/auth/login/second-factor', { challenge, code });

  async function enrolled() {
    const email = address('totp');
    await admin.expect(201, 'POST', '/api/v1/users', {
      email,
      name: 'Two Factor',
      role: 'agent',
      password: GOOD,
    });
    const user = await login(env.app, email, GOOD);
    const setup = await user.expect<{ secret: string; uri: string; qrSvg: string }>(
      200,
      'POST',
      '/api/v1/me/second-factor',
    );
    expect(setup.uri).toMatch(/^otpauth:\/\/totp\//);
    expect(setup.qrSvg).toMatch(/^<svg/);
    const wrong = await user.request('POST', '/api/v1/me/second-factor/confirm', { code: '000000' });
    expect(wrong.statusCode).toBe(400);
    const { recoveryCodes } = await user.expect<{ recoveryCodes: string[] }>(
      200,
      'POST',
      '/api/v1/me/second-factor/confirm',
      { code: await totp(setup.secret) },
    );
    expect(recoveryCodes).toHaveLength(10);
    expect(await user.get('/api/v1/me/second-factor')).toEqual({
      enabled: true,
      required: false,
      recoveryCodesLeft: 10,
    });
    time.advance(30_000);
    return { email, user, secret: setup.secret, recoveryCodes };
  }

  it('asks for a code after the password; a code works once; a wrong or replayed code is refused', async () => {
    const { email, secret } = await enrolled();
    const step1 = await signIn(email);
    expect(step1.statusCode).toBe(200);
    expect(step1.cookies.find((c) => c.name === 'tessera_session')).toBeUndefined();
    const { challenge } = step1.json().secondFactor;
    expect((await second(challenge, '123456')).statusCode).toBe(401);
    const code = await totp(secret);
    const ok = await second(challenge, code);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.email).toBe(email);
    const cookie = ok.cookies.find((c) => c.name === 'tessera_session')?.value;
    expect((await new Client(env.app, { cookie }).request('GET', '/api/v1/me')).statusCode).toBe(200);

    const replay = await second((await signIn(email)).json().secondFactor.challenge, code);
    expect(replay.statusCode).toBe(401);
    time.advance(30_000);
    expect(
      (await second((await signIn(email)).json().secondFactor.challenge, await totp(secret))).statusCode,
    ).toBe(200);
  });

  it('takes a recovery code once, and refuses a tampered or expired challenge', async () => {
    const { email, secret, recoveryCodes } = await enrolled();
    const [first = ''] = recoveryCodes;
    const { challenge } = (await signIn(email)).json().secondFactor;
    expect((await second(challenge, first.toUpperCase())).statusCode).toBe(200);
    expect((await second((await signIn(email)).json().secondFactor.challenge, first)).statusCode).toBe(401);

    const fresh = (await signIn(email)).json().secondFactor.challenge as string;
    const [payload = '', sig = ''] = fresh.split('.');
    const forged = `${Buffer.from(JSON.stringify(['someone-else', '2099-01-01T00:00:00.000Z'])).toString('base64url')}.${sig}`;
    expect((await second(forged, await totp(secret))).statusCode).toBe(401);
    expect((await second(`${payload}.AAAA`, await totp(secret))).statusCode).toBe(401);
    time.advance(5 * 60_000 + 1000);
    expect((await second(fresh, await totp(secret))).statusCode).toBe(401);
  });

  it('turns off with the password; an administrator can reset it; both on the audit trail', async () => {
    const { email, user } = await enrolled();
    expect(
      (await user.request('POST', '/api/v1/me/second-factor/disable', { password: 'nope' })).statusCode,
    ).toBe(400);
    await user.expect(204, 'POST', '/api/v1/me/second-factor/disable', { password: GOOD });
    expect((await signIn(email)).json().user.email).toBe(email);

    const other = await enrolled();
    const id = (await other.user.get<{ id: string }>('/api/v1/me')).id;
    expect((await other.user.request('DELETE', `/api/v1/users/${id}/second-factor`)).statusCode).toBe(403);
    expect(await admin.get(`/api/v1/users/${id}`)).toMatchObject({
      secondFactor: true,
      credentialsSet: true,
    });
    expect(await other.user.get('/api/v1/me')).toMatchObject({ secondFactor: true });
    await admin.expect(204, 'DELETE', `/api/v1/users/${id}/second-factor`);
    expect(await admin.get(`/api/v1/users/${id}`)).toMatchObject({ secondFactor: false });
    await admin.expect(404, 'DELETE', `/api/v1/users/${id}/second-factor`);
    expect((await signIn(other.email)).json().user.email).toBe(other.email);
    const actions = (
      await admin.get<{ items: { action: string }[] }>(`/api/v1/admin/audit?userId=${id}`)
    ).items.map((e) => e.action);
    expect(actions).toContain('second_factor_enabled');
    expect(actions[0]).toBe('sign_in');
    expect(actions[1]).toBe('second_factor_reset');
  });
});

describe('the client address', () => {
  it('is taken from X-Forwarded-For only when a proxy on a private network sends it', async () => {
    const email = address('nobody-here');
    const attempt = (remoteAddress: string) =>
      env.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email, password: 'not the password' },
        headers: { 'x-forwarded-for': '198.51.100.77' },
        remoteAddress,
      });
    await attempt('10.0.0.5');
    await attempt('203.0.113.50');
    const trail = await admin.get<{ items: Json[] }>('/api/v1/admin/audit?action=sign_in_failed&limit=10');
    const ips = trail.items.filter((e) => JSON.stringify(e).includes(email)).map((e) => e.ip);
    // Newest first: a client on the internet cannot choose its address for the limits and the trail.
    expect(ips).toEqual(['203.0.113.50', '198.51.100.77']);
  });
});
