import { generate } from 'otplib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Client, login, makeWorld, openTicket } from './client.js';
import { ADMIN, manualClock, startTestApp, type TestEnv } from './helpers.js';
import { startSmtpSink } from './smtp-sink.js';

// The account settings: two-factor sign-in required of a role (and what someone without one may
// still do), agents inviting customers, and both on the audit trail.

type Json = Record<string, unknown>;
const time = manualClock('2026-05-04T08:00:00.000Z');
let env: TestEnv;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let w: Awaited<ReturnType<typeof makeWorld>>;
const OFF = { requireSecondFactor: 'off', agentsInviteCustomers: false };

beforeAll(async () => {
  sink = await startSmtpSink();
  env = await startTestApp({ clock: time.clock, env: { SMTP_URL: sink.url } });
  w = await makeWorld(env.app);
});
afterAll(async () => {
  await env?.close();
  await sink?.close();
});
afterEach(async () => {
  await w.admin.expect(200, 'PUT', '/api/v1/settings/accounts', OFF);
});

const totp = (secret: string) => generate({ secret, epoch: Math.floor(time.clock().getTime() / 1000) });

/** Sets up an authenticator app for a signed-in client; answers its secret. */
async function enrol(client: Client): Promise<string> {
  const { secret } = await client.expect<{ secret: string }>(200, 'POST', '/api/v1/me/second-factor');
  await client.expect(200, 'POST', '/api/v1/me/second-factor/confirm', { code: await totp(secret) });
  time.advance(30_000);
  return secret;
}

describe('account settings', () => {
  it('are off by default, read by staff, changed by administrators only, and audited as old → new', async () => {
    expect(await w.agent.get('/api/v1/settings/accounts')).toEqual(OFF);
    expect((await w.alice.request('GET', '/api/v1/settings/accounts')).statusCode).toBe(403);
    const next = { requireSecondFactor: 'off', agentsInviteCustomers: true };
    expect((await w.agent.request('PUT', '/api/v1/settings/accounts', next)).statusCode).toBe(403);
    const bad = await w.admin.request('PUT', '/api/v1/settings/accounts', {
      ...next,
      requireSecondFactor: 'all',
    });
    expect(bad.statusCode).toBe(400);
    expect(await w.admin.get('/api/v1/settings/accounts')).toEqual(OFF);

    expect(await w.admin.expect(200, 'PUT', '/api/v1/settings/accounts', next)).toEqual(next);
    const trail = await w.admin.get<{ items: Json[] }>('/api/v1/admin/audit?action=settings_changed&limit=1');
    expect(trail.items[0]).toMatchObject({
      actor: { email: ADMIN.email },
      details: { area: 'accounts', changes: { agentsInviteCustomers: { from: false, to: true } } },
    });
  });

  it('will not require a second factor of administrators while the one saving has none', async () => {
    const res = await w.admin.request('PUT', '/api/v1/settings/accounts', {
      ...OFF,
      requireSecondFactor: 'admins',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toMatch(/yourself first/);
    expect(await w.admin.get('/api/v1/settings/accounts')).toEqual(OFF);
  });
});

describe('two-factor sign-in required of staff', () => {
  it('holds an agent without one to setting it up, then lets them work; customers are not asked', async () => {
    const ticket = await openTicket(w.alice, w.billing.id);
    // Required of all staff, administrators included: the administrator sets up theirs first.
    await enrol(w.admin);
    await w.admin.expect(200, 'PUT', '/api/v1/settings/accounts', { ...OFF, requireSecondFactor: 'staff' });
    const agentEmail = (await w.agent.get<Json>('/api/v1/me')).email as string;

    // The agent's open session and a new sign-in are both held.
    const me = await w.agent.get<Json>('/api/v1/me');
    expect(me.secondFactorSetupRequired).toBe(true);
    const held = await w.agent.request('GET', `/api/v1/tickets/${ticket.number}`);
    expect(held.statusCode).toBe(403);
    expect(held.json().code).toBe('second_factor_required');
    const fresh = await login(env.app, agentEmail, w.password);
    expect((await fresh.get<Json>('/api/v1/me')).secondFactorSetupRequired).toBe(true);
    expect(
      (await fresh.request('PATCH', `/api/v1/tickets/${ticket.number}`, { priority: 'low' })).statusCode,
    ).toBe(403);

    // Customers go on as before.
    expect((await w.alice.get<Json>('/api/v1/me')).secondFactorSetupRequired).toBe(false);
    expect((await w.alice.request('GET', `/api/v1/tickets/${ticket.number}`)).statusCode).toBe(200);

    // Setting it up lets them work, and it cannot be turned off while required.
    await enrol(fresh);
    expect((await fresh.get<Json>('/api/v1/me')).secondFactorSetupRequired).toBe(false);
    expect((await fresh.request('GET', `/api/v1/tickets/${ticket.number}`)).statusCode).toBe(200);
    expect(await fresh.get('/api/v1/me/second-factor')).toMatchObject({ enabled: true, required: true });
    const off = await fresh.request('POST', '/api/v1/me/second-factor/disable', { password: w.password });
    expect(off.statusCode).toBe(403);
    expect((await fresh.get<Json>('/api/v1/me/second-factor')).enabled).toBe(true);
  });

  it('required of administrators only leaves agents alone', async () => {
    await w.admin.expect(200, 'PUT', '/api/v1/settings/accounts', { ...OFF, requireSecondFactor: 'admins' });
    expect((await w.techAgent.get<Json>('/api/v1/me')).secondFactorSetupRequired).toBe(false);
    expect((await w.admin.get<Json>('/api/v1/me')).secondFactorSetupRequired).toBe(false);
  });
});

describe('agents inviting customers', () => {
  const invite = (client: Client, body: Json) =>
    client.request('POST', '/api/v1/users/invitations', {
      invitees: [{ email: `${crypto.randomUUID()}@example.test` }],
      ...body,
    });

  it('is refused while the setting is off, and then only for customers of organisations they serve', async () => {
    await openTicket(w.alice, w.billing.id);
    const intoA = { role: 'customer', organisationId: w.orgA.id };
    expect((await invite(w.agent, intoA)).statusCode).toBe(403);

    await w.admin.expect(200, 'PUT', '/api/v1/settings/accounts', { ...OFF, agentsInviteCustomers: true });
    const ok = await invite(w.agent, intoA);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().results[0]).toMatchObject({ outcome: 'invited' });

    // Globex has no ticket in Billing; the technical agent serves neither organisation.
    const other = await invite(w.agent, { role: 'customer', organisationId: w.orgB.id });
    expect(other.statusCode).toBe(403);
    expect(other.json().detail).toMatch(/organisations whose tickets your departments handle/);
    expect((await invite(w.techAgent, intoA)).statusCode).toBe(403);
    expect((await invite(w.agent, { role: 'customer' })).statusCode).toBe(400);
    expect((await invite(w.agent, { role: 'agent' })).statusCode).toBe(403);
    expect((await invite(w.alice, intoA)).statusCode).toBe(403);

    // Only at the domains of the organisation's people: an agent cannot let in an address of their choosing.
    const stranger = await w.agent.request('POST', '/api/v1/users/invitations', {
      invitees: [{ email: 'me-at-home@gmail.test' }],
      ...intoA,
    });
    expect(stranger.statusCode).toBe(403);
    expect(stranger.json().detail).toMatch(/domains of this organisation's people \(example\.test\)/);

    const userId = ok.json().results[0].userId as string;
    expect((await w.agent.request('POST', `/api/v1/users/${userId}/invitation`)).statusCode).toBe(403);
    const trail = await w.admin.get<{ items: Json[] }>(
      `/api/v1/admin/audit?action=invitation_sent&userId=${userId}`,
    );
    expect(trail.items).toHaveLength(1);
  });
});
