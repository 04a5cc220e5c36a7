import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../common/api.js';
import { migrateTo, migrateToLatest } from '../src/db/migrate.js';
import { JOB_HANDLERS } from '../src/jobs/handlers.js';
import { runJobsOnce } from '../src/jobs/worker.js';
import { makeWorld, openTicket } from './client.js';
import { startTestApp, type TestEnv } from './helpers.js';
import { startSmtpSink } from './smtp-sink.js';

let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let env: TestEnv;
let w: Awaited<ReturnType<typeof makeWorld>>;

beforeAll(async () => {
  sink = await startSmtpSink();
  env = await startTestApp({ env: { SMTP_URL: sink.url, INBOUND_EMAIL_ADDRESS: 'support@helpdesk.test' } });
  w = await makeWorld(env.app);
  await w.admin.expect(200, 'POST', '/api/v1/intake/triage');
});
afterAll(async () => {
  await env?.close();
  await sink?.close();
});

const drain = async () => {
  while ((await runJobsOnce(env.app.ctx, JOB_HANDLERS, { intervalMs: 0 })) > 0);
};
const bug = (extra: Record<string, unknown> = {}) => ({
  type: 'bug',
  fields: {
    system: 'crm',
    impact: 'all_users',
    expected_behaviour: 'Reports match',
    current_behaviour: 'Totals differ',
    ...extra,
  },
});

describe('ticket types and custom fields (the guided intake)', () => {
  it('ships the six types and the seed’s fields; the form asks for the fields of a type', async () => {
    const types = await w.alice.get<{ items: { key: string; urgent: boolean }[] }>('/api/v1/ticket-types');
    expect(types.items.map((t) => t.key)).toEqual([
      'operation_blocker',
      'bug',
      'risk_issue',
      'configuration_request',
      'question',
      'feature_request',
    ]);
    expect(types.items[0]?.urgent).toBe(true);
    const forBug = await w.alice.get<{ items: { key: string }[] }>(
      `/api/v1/fields?departmentId=${w.billing.id}&type=bug`,
    );
    expect(forBug.items.map((f) => f.key)).toEqual([
      'system',
      'impact',
      'expected_behaviour',
      'current_behaviour',
      'steps_to_reproduce',
    ]);
    const forQuestion = await w.alice.get<{ items: { key: string }[] }>(
      `/api/v1/fields?departmentId=${w.billing.id}&type=question`,
    );
    expect(forQuestion.items.map((f) => f.key)).toEqual(['system']);
    // installing twice changes nothing
    await w.admin.expect(200, 'POST', '/api/v1/intake/triage');
    expect((await w.alice.get<{ items: unknown[] }>('/api/v1/ticket-types')).items).toHaveLength(6);
  });

  it('a missing required field is 400 naming it; a wrong option and an unknown field too', async () => {
    const missing = await w.alice.request('POST', '/api/v1/tickets', {
      subject: 'Reports broken',
      description: 'See fields',
      departmentId: w.billing.id,
      priority: 'high',
      ...bug({ impact: undefined }),
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([{ path: 'body.fields.impact', message: 'Impact is required' }]);
    const wrong = await w.alice.request('POST', '/api/v1/tickets', {
      subject: 'x',
      description: 'y',
      departmentId: w.billing.id,
      priority: 'low',
      ...bug({ system: 'mainframe', colour: 'red' }),
    });
    expect(wrong.statusCode).toBe(400);
    expect(
      wrong
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['body.fields.colour', 'body.fields.system']);
    const badType = await w.alice.request('POST', '/api/v1/tickets', {
      subject: 'x',
      description: 'y',
      departmentId: w.billing.id,
      priority: 'low',
      type: 'rant',
    });
    expect(badType.statusCode).toBe(400);
  });

  it('stores the fields on the ticket, filters the queue by them, and validates edits', async () => {
    const t = await openTicket(w.alice, w.billing.id, bug());
    expect(t.type).toBe('bug');
    expect(t.fields).toMatchObject({ system: 'crm', impact: 'all_users' });
    const other = await openTicket(w.alice, w.billing.id, bug({ system: 'back_office' }));
    const crm = await w.agent.get<{ items: Ticket[] }>('/api/v1/tickets?fields.system=crm');
    expect(crm.items.map((i) => i.number)).toContain(t.number);
    expect(crm.items.map((i) => i.number)).not.toContain(other.number);
    expect((await w.agent.request('GET', '/api/v1/tickets?fields.Bad-Key=1')).statusCode).toBe(400);
    const edit = await w.agent.request('PATCH', `/api/v1/tickets/${t.number}`, {
      fields: { impact: 'everyone' },
    });
    expect(edit.statusCode).toBe(400);
    const ok = await w.agent.expect<Ticket>(200, 'PATCH', `/api/v1/tickets/${t.number}`, {
      fields: { impact: 'one_user' },
    });
    expect(ok.fields).toMatchObject({
      system: 'crm',
      impact: 'one_user',
      expected_behaviour: 'Reports match',
    });
  });

  it('an Operation Blocker is flagged urgent and pages the on-call staff at once', async () => {
    await w.admin.expect(200, 'PATCH', `/api/v1/users/${w.agent.user?.id}`, { onCall: true });
    const t = await openTicket(w.alice, w.billing.id, {
      type: 'operation_blocker',
      priority: 'high',
      fields: {
        system: 'trading_platform',
        impact: 'all_locations',
        expected_behaviour: 'Trades open',
        current_behaviour: 'Nothing loads',
      },
    });
    expect(t.urgent).toBe(true);
    const flagged = await w.agent.get<{ items: Ticket[] }>('/api/v1/tickets?urgent=true');
    expect(flagged.items.map((i) => i.number)).toContain(t.number);
    await drain();
    const paged = sink.received.filter(
      (r) => r.envelope.to.includes(w.agent.user?.email ?? '') && r.mail.text?.includes('Urgent'),
    );
    expect(paged.map((p) => p.mail.subject)).toContain(`[#${t.number}] Bot stopped trading`);
    // with urgent priority routing turned off, priority alone does not page
    await w.admin.expect(200, 'PUT', '/api/v1/settings/urgent-routing', { urgentPriority: false });
    const quiet = await openTicket(w.alice, w.billing.id, { ...bug(), priority: 'urgent' });
    expect(quiet.urgent).toBe(false);
    await w.admin.expect(200, 'PUT', '/api/v1/settings/urgent-routing', { urgentPriority: true });
    const loud = await openTicket(w.alice, w.billing.id, { ...bug(), priority: 'urgent' });
    expect(loud.urgent).toBe(true);
  });
});

describe('canned responses', () => {
  it('render a ticket’s values, per department, counting use', async () => {
    const global = await w.admin.expect<{ id: string }>(201, 'POST', '/api/v1/canned-responses', {
      title: 'Greeting',
      body: 'Hello {{customer.name}}, about #{{ticket.number}} "{{ticket.subject}}": {{agent.name}} is on it.',
    });
    const techOnly = await w.admin.expect<{ id: string }>(201, 'POST', '/api/v1/canned-responses', {
      title: 'Restart',
      body: 'Please restart the bot.',
      departmentId: w.tech.id,
    });
    const bad = await w.admin.request('POST', '/api/v1/canned-responses', {
      title: 'x',
      body: 'Hi {{customer.password}}',
    });
    expect(bad.statusCode).toBe(400);
    expect(
      (await w.agent.request('POST', '/api/v1/canned-responses', { title: 'x', body: 'y' })).statusCode,
    ).toBe(403);

    const t = await openTicket(w.alice, w.billing.id, { ...bug(), subject: 'Totals differ' });
    const rendered = await w.agent.expect<{ body: string }>(
      200,
      'POST',
      `/api/v1/canned-responses/${global.id}/render`,
      { ticketNumber: t.number },
    );
    expect(rendered.body).toBe(
      `Hello ${w.alice.user?.name}, about #${t.number} "Totals differ": ${w.agent.user?.name} is on it.`,
    );
    const mine = await w.agent.get<{ items: { id: string; usageCount: number }[] }>(
      '/api/v1/canned-responses',
    );
    expect(mine.items.map((c) => c.id)).toEqual([global.id]);
    expect(mine.items[0]?.usageCount).toBe(1);
    expect(
      (
        await w.agent.request('POST', `/api/v1/canned-responses/${techOnly.id}/render`, {
          ticketNumber: t.number,
        })
      ).statusCode,
    ).toBe(404);
    expect((await w.alice.request('GET', '/api/v1/canned-responses')).statusCode).toBe(403);
  });
});

describe('merging', () => {
  it('moves every message with its time, closes the merged ticket with a redirect, and tells the requester', async () => {
    const a = await openTicket(w.alice, w.billing.id, { ...bug(), subject: 'Duplicate A' });
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${a.number}/messages`, { body: 'Reply on A' });
    const b = await openTicket(w.bob, w.billing.id, { ...bug(), subject: 'Original B' });
    const before = await w.agent.get<{ items: { id: string; createdAt: string }[] }>(
      `/api/v1/tickets/${a.number}/messages`,
    );

    const merged = await w.agent.expect<Ticket>(200, 'POST', `/api/v1/tickets/${a.number}/merge`, {
      into: b.number,
    });
    expect(merged.number).toBe(b.number);
    const thread = await w.agent.get<{ items: { id: string; createdAt: string }[] }>(
      `/api/v1/tickets/${b.number}/messages`,
    );
    for (const m of before.items)
      expect(thread.items).toContainEqual(expect.objectContaining({ id: m.id, createdAt: m.createdAt }));
    expect(thread.items).toHaveLength(before.items.length + 1);

    const old = await w.alice.request('GET', `/api/v1/tickets/${a.number}`);
    expect(old.statusCode).toBe(308);
    expect(old.headers.location).toBe(`/api/v1/tickets/${b.number}`);
    expect(old.json()).toMatchObject({ mergedInto: b.number, status: { key: 'closed' } });
    expect((await w.alice.get<{ items: unknown[] }>(`/api/v1/tickets/${a.number}/messages`)).items).toEqual(
      [],
    );

    await drain();
    const told = sink.received.filter(
      (r) =>
        r.envelope.to.includes(w.alice.user?.email ?? '') &&
        r.mail.text?.includes(`merged into #${b.number}`),
    );
    expect(told).toHaveLength(1);

    const again = await w.agent.request('POST', `/api/v1/tickets/${a.number}/merge`, { into: b.number });
    expect(again.statusCode).toBe(409);
  });

  it('keeps finding every ticket after the search index is rebuilt by migration 0009', async () => {
    const numbers = async (q: string) =>
      (await w.agent.get<{ items: Ticket[] }>(`/api/v1/tickets?q=${q}`)).items.map((t) => t.number).sort();
    const t = await openTicket(w.alice, w.billing.id, { ...bug(), subject: 'Rebuild zirconword' });
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, { body: 'hafniumword' });
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, {
      body: 'osmiumword',
      internal: true,
    });
    await migrateTo(env.database.db, '0008_inbound_messages_link');
    await migrateToLatest(env.database.db);
    for (const word of ['zirconword', 'hafniumword', 'osmiumword'])
      expect(await numbers(word)).toEqual([t.number]);
    expect((await w.alice.get<{ items: Ticket[] }>('/api/v1/tickets?q=osmiumword')).items).toEqual([]);
    // New entries go after the rebuilt ones.
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, { body: 'rheniumword' });
    expect(await numbers('rheniumword')).toEqual([t.number]);
  });

  it('finds moved messages under the ticket they went to, and keeps indexing replies and subjects after', async () => {
    const numbers = async (q: string) =>
      (await w.agent.get<{ items: Ticket[] }>(`/api/v1/tickets?q=${q}`)).items.map((t) => t.number).sort();
    const a = await openTicket(w.alice, w.billing.id, { ...bug(), subject: 'Quasar duplicate' });
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${a.number}/messages`, { body: 'pulsarword on A' });
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${a.number}/messages`, {
      body: 'nebulanote kept internal',
      internal: true,
    });
    const b = await openTicket(w.bob, w.billing.id, { ...bug(), subject: 'Quasar firstname' });
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${b.number}/messages`, { body: 'cometword on B' });
    await w.agent.expect(200, 'POST', `/api/v1/tickets/${a.number}/merge`, { into: b.number });

    expect(await numbers('pulsarword')).toEqual([b.number]);
    expect(await numbers('cometword')).toEqual([b.number]);
    expect(await numbers('nebulanote')).toEqual([b.number]);
    expect((await w.bob.get<{ items: Ticket[] }>('/api/v1/tickets?q=nebulanote')).items).toEqual([]);
    // Subjects stay with their own ticket.
    expect(await numbers('quasar')).toEqual([a.number, b.number].sort());

    // Replies after the merge, and a new subject, are found too (and never collide in the index).
    for (const body of ['meteorword one', 'meteorword two'])
      await w.agent.expect(201, 'POST', `/api/v1/tickets/${b.number}/messages`, { body });
    expect(await numbers('meteorword')).toEqual([b.number]);
    await w.agent.expect(200, 'PATCH', `/api/v1/tickets/${b.number}`, { subject: 'Renamed galaxyword' });
    expect(await numbers('galaxyword')).toEqual([b.number]);
    expect(await numbers('firstname')).toEqual([]);
  });

  it('refuses tickets of different organisations and tickets the agent cannot see', async () => {
    const mine = await openTicket(w.alice, w.billing.id, bug());
    const theirs = await openTicket(w.carol, w.billing.id, bug());
    expect(
      (await w.agent.request('POST', `/api/v1/tickets/${mine.number}/merge`, { into: theirs.number }))
        .statusCode,
    ).toBe(409);
    const tech = await openTicket(w.alice, w.tech.id, bug());
    expect(
      (await w.agent.request('POST', `/api/v1/tickets/${mine.number}/merge`, { into: tech.number }))
        .statusCode,
    ).toBe(404);
    expect(
      (await w.alice.request('POST', `/api/v1/tickets/${mine.number}/merge`, { into: mine.number + 1 }))
        .statusCode,
    ).toBe(403);
  });
});
