import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { webhookPayloadSchema } from '../common/webhooks.js';
import { buildApp } from '../src/app.js';
import { openDatabase } from '../src/db/database.js';
import { sweepOnce } from '../src/jobs/scheduler.js';
import { runAutomationSweep } from '../src/modules/triggers/automations.sweep.js';
import { verifySignature } from '../src/modules/webhooks/signature.js';
import { makeWorld, openTicket } from './client.js';
import { engine, manualClock, startTestApp, type TestEnv } from './helpers.js';
import { startReceiver } from './receiver.js';

// Time-based automations on a clock the test moves: refused at save unless they nullify
// themselves; fire once per ticket with two schedulers sweeping, re-arm when their conditions
// stop holding, fire once after downtime, and count business hours on a calendar. A trigger's
// webhook action reaches a real receiver through the webhooks' signed delivery; a notice to a
// department goes to each of its staff.

type Json = Record<string, unknown>;
type Ev = { type: string; field: string | null; actor: { kind: string; name: string } };
const HOUR = 3_600_000;
const time = manualClock('2026-03-02T09:00:00.000Z'); // a Monday
let env: TestEnv;
let w: Awaited<ReturnType<typeof makeWorld>>;
let rx: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  rx = await startReceiver(() => 200);
  env = await startTestApp({ clock: time.clock, env: { TESSERA_SESSION_DAYS: '365' } });
  w = await makeWorld(env.app);
});
afterAll(async () => {
  await env?.close();
  await rx?.close();
});
afterEach(async () => {
  for (const a of (await w.admin.get<{ items: { id: string }[] }>('/api/v1/automations')).items)
    await w.admin.expect(204, 'DELETE', `/api/v1/automations/${a.id}`);
});

const automation = (body: Json) =>
  w.admin.expect<{ id: string; name: string }>(201, 'POST', '/api/v1/automations', body);
const events = async (n: number) => (await w.agent.get<{ items: Ev[] }>(`/api/v1/tickets/${n}/events`)).items;
const byRule = async (n: number, field: string) =>
  (await events(n)).filter((e) => e.actor.kind === 'rule' && e.field === field);
const sweep = () => runAutomationSweep(env.app.ctx);
const remind = {
  name: 'Remind',
  conditions: [
    { type: 'hoursSince', since: 'created', op: 'gte', hours: 24 },
    { type: 'tag', op: 'lacks', tag: 'reminded' },
  ],
  actions: [
    { type: 'update', changes: { addTags: ['reminded'] } },
    { type: 'note', body: 'Reminder on #{{ticket.number}}' },
  ],
};

describe('managing automations', () => {
  it('refuses an automation that would not nullify itself, or names nothing, with nothing saved', async () => {
    const note = [{ type: 'note', body: 'still waiting' }];
    const bad: [Json, string][] = [
      [
        {
          conditions: [{ type: 'tag', op: 'lacks', tag: 'x' }],
          actions: [{ type: 'update', changes: { addTags: ['x'] } }],
        },
        'hours',
      ],
      [
        {
          conditions: [{ type: 'hoursSince', since: 'lastStaffMessage', op: 'gte', hours: 24 }],
          actions: note,
        },
        'no action changes',
      ],
      [
        {
          conditions: [{ type: 'hoursSince', since: 'created', op: 'gte', hours: 1 }],
          actions: [{ type: 'update', changes: { priority: 'high' } }],
        },
        'no action changes',
      ],
      [
        {
          conditions: [
            { type: 'hoursSince', since: 'created', op: 'gte', hours: 1, calendarId: 'nope' },
            { type: 'tag', op: 'lacks', tag: 'x' },
          ],
          actions: [{ type: 'update', changes: { addTags: ['x'] } }],
        },
        'calendar',
      ],
    ];
    for (const [b, words] of bad) {
      const res = await w.admin.request('POST', '/api/v1/automations', { name: 'Bad', ...b });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.body).toContain(words);
    }
    expect((await w.admin.get<{ items: unknown[] }>('/api/v1/automations')).items).toHaveLength(0);
    expect((await w.agent.request('GET', '/api/v1/automations')).statusCode).toBe(403);
    // Nullified: a status condition and a status change; hours since updated and any change.
    await automation({
      name: 'Close stale',
      conditions: [
        { type: 'field', field: 'priority', op: 'isNot', value: 'urgent' },
        { type: 'hoursSince', since: 'updated', op: 'gte', hours: 72 },
      ],
      actions: [{ type: 'update', changes: { priority: 'urgent' } }],
    });
    await automation({ ...remind, name: 'Second' });
    const list = await w.admin.get<{ items: { id: string; name: string }[] }>('/api/v1/automations');
    expect(list.items.map((a) => a.name)).toEqual(['Close stale', 'Second']);
    const ids = list.items.map((a) => a.id).reverse();
    await w.admin.expect(200, 'PUT', '/api/v1/automations/order', { ids });
    // Automations are not triggers.
    expect((await w.admin.get<{ items: unknown[] }>('/api/v1/triggers')).items).toHaveLength(0);
    expect((await w.admin.request('GET', `/api/v1/triggers/${ids[0]}`)).statusCode).toBe(404);
    const audit = await w.admin.get<{ items: { details: Json }[] }>('/api/v1/admin/audit?limit=5');
    expect(audit.items.some((a) => a.details.area === 'automation' && a.details.created === 'Second')).toBe(
      true,
    );
  });
});

describe('the sweep', () => {
  it('counts business hours on the calendar named', async () => {
    const day = [{ start: '09:00', end: '17:00' }];
    const cal = await w.admin.expect<{ id: string }>(201, 'POST', '/api/v1/calendars', {
      name: 'Office',
      timeZone: 'UTC',
      hours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] },
    });
    await automation({
      name: 'Nudge',
      conditions: [
        { type: 'hoursSince', since: 'created', op: 'gte', hours: 4, calendarId: cal.id },
        { type: 'tag', op: 'lacks', tag: 'nudged' },
      ],
      actions: [{ type: 'update', changes: { addTags: ['nudged'] } }],
    });
    time.advance(6 * HOUR); // Monday 15:00
    const t = await openTicket(w.alice, w.billing.id);
    time.advance(5 * HOUR); // 20:00: five hours, two of them business hours
    await sweep();
    expect(await byRule(t.number, 'tags')).toHaveLength(0);
    time.advance(14.5 * HOUR); // Tuesday 10:30: three and a half
    await sweep();
    expect(await byRule(t.number, 'tags')).toHaveLength(0);
    time.advance(HOUR / 2); // 11:00: four
    await sweep();
    expect((await byRule(t.number, 'tags')).map((e) => e.actor.name)).toEqual(['Automation “Nudge”']);
    // The calendar cannot go while a rule counts on it: its hours would silently stop passing.
    const refused = await w.admin.request('DELETE', `/api/v1/calendars/${cal.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('“Nudge”');
  });

  it('fires once with two schedulers, re-arms when its conditions stop holding, and survives downtime', async () => {
    await automation(remind);
    const t = await openTicket(w.alice, w.billing.id);
    // PostgreSQL: a second node on the same database. SQLite is one node's database: two sweeps at once.
    const node2db = engine === 'postgres' ? openDatabase(env.url, { poolSize: 5 }) : null;
    const node2 = node2db
      ? await buildApp({ config: env.app.ctx.config, database: node2db, clock: time.clock, logger: false })
      : null;
    const both = () => Promise.all([sweep(), runAutomationSweep(node2?.ctx ?? env.app.ctx)]);
    try {
      time.advance(23 * HOUR);
      await both();
      expect(await byRule(t.number, 'note')).toHaveLength(0);
      time.advance(2 * HOUR);
      await both();
      await both();
      const notes = await byRule(t.number, 'note');
      expect(notes.map((e) => e.actor.name)).toEqual(['Automation “Remind”']);
      expect((await byRule(t.number, 'tags')).map((e) => e.actor.name)).toEqual(['Automation “Remind”']);
      // The tag taken away: its conditions hold again, and it fires again, once.
      await w.agent.expect(200, 'PATCH', `/api/v1/tickets/${t.number}`, { removeTags: ['reminded'] });
      await both();
      await both();
      expect(await byRule(t.number, 'note')).toHaveLength(2);
    } finally {
      await node2?.close();
      await node2db?.close();
    }
    // Three days with no scheduler running: the next sweep fires what came due, once.
    const u = await openTicket(w.alice, w.billing.id);
    time.advance(3 * 24 * HOUR);
    const r = await sweep();
    expect(r.fired).toBe(1);
    await sweep();
    expect(await byRule(u.number, 'note')).toHaveLength(1);
    expect(await byRule(t.number, 'note')).toHaveLength(2);
    const list = await w.admin.get<{ items: { firedLastDay: number }[] }>('/api/v1/automations');
    expect(list.items[0]?.firedLastDay).toBe(1);
  });

  it('counts from the last staff reply, and a ticket without one does not match', async () => {
    await automation({
      name: 'Chase',
      conditions: [
        { type: 'hoursSince', since: 'lastStaffMessage', op: 'gte', hours: 2 },
        { type: 'tag', op: 'lacks', tag: 'chased' },
      ],
      actions: [{ type: 'update', changes: { addTags: ['chased'] } }],
    });
    const silent = await openTicket(w.alice, w.billing.id);
    const answered = await openTicket(w.alice, w.billing.id);
    time.advance(HOUR);
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${answered.number}/messages`, { body: 'On it' });
    time.advance(HOUR);
    await sweep();
    expect(await byRule(answered.number, 'tags')).toHaveLength(0);
    time.advance(HOUR);
    await sweep();
    expect((await byRule(answered.number, 'tags')).map((e) => e.actor.name)).toEqual(['Automation “Chase”']);
    expect(await byRule(silent.number, 'tags')).toHaveLength(0);
  });

  it('leaves closed tickets alone and a dry run names the tickets its conditions match now', async () => {
    await automation(remind);
    const t = await openTicket(w.alice, w.billing.id, { subject: 'Dry run target' });
    const res = await w.admin.expect<{ matches: { number: number }[] }>(
      200,
      'POST',
      '/api/v1/automations/dry-run',
      {
        conditions: [{ type: 'hoursSince', since: 'created', op: 'lte', hours: 1 }],
      },
    );
    expect(res.matches.map((m) => m.number)).toEqual([t.number]);
    await w.agent.expect(200, 'PATCH', `/api/v1/tickets/${t.number}`, { status: 'closed' });
    time.advance(25 * HOUR);
    await sweep();
    expect(await byRule(t.number, 'note')).toHaveLength(0);
  });
});

describe('a trigger calling a webhook', () => {
  it('sends the event to the endpoint named, signed and logged, whatever events it asked for', async () => {
    const hook = await w.admin.expect<{ id: string; secret: string }>(201, 'POST', '/api/v1/webhooks', {
      name: 'Rule hook',
      url: rx.url('/rule'),
      events: ['ticket.sla_breach'],
    });
    const base = { name: 'Call out', on: [{ type: 'ticket.created' }] };
    const bad = await w.admin.request('POST', '/api/v1/triggers', {
      ...base,
      actions: [{ type: 'webhook', endpointId: 'no-such-endpoint' }],
    });
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.body).toContain('no such webhook endpoint');
    const rule = await w.admin.expect<{ id: string }>(201, 'POST', '/api/v1/triggers', {
      ...base,
      actions: [{ type: 'webhook', endpointId: hook.id }],
    });
    const t = await openTicket(w.alice, w.billing.id, { subject: 'Call the hook' });
    await env.drain();
    const got = rx.at('/rule');
    expect(got).toHaveLength(1);
    const r = got[0]!;
    const now = Math.floor(time.clock().getTime() / 1000);
    expect(verifySignature(hook.secret, String(r.headers['tessera-signature']), r.body, now)).toBe(true);
    expect(webhookPayloadSchema.parse(JSON.parse(r.body))).toMatchObject({
      type: 'ticket.created',
      data: { ticket: { number: t.number, subject: 'Call the hook' } },
    });
    const log = await w.admin.get<{ items: { state: string }[] }>(`/api/v1/webhooks/${hook.id}/deliveries`);
    expect(log.items.map((d) => d.state)).toEqual(['succeeded']);
    const sent = await byRule(t.number, 'webhook');
    expect(sent.map((e) => e.actor.name)).toEqual(['Trigger “Call out”']);
    await w.admin.expect(204, 'DELETE', `/api/v1/triggers/${rule.id}`);
  });
});

describe('a trigger notice to a department', () => {
  it('mails each of the department’s active agents, and is refused without a department', async () => {
    const base = { name: 'Tell billing', on: [{ type: 'ticket.created' }] };
    const notice = {
      type: 'notice',
      to: 'department',
      subject: 'New #{{ticket.number}}',
      body: 'See {{ticket.url}}',
    };
    const bad = await w.admin.request('POST', '/api/v1/triggers', { ...base, actions: [notice] });
    expect(bad.statusCode, bad.body).toBe(400);
    const rule = await w.admin.expect<{ id: string }>(201, 'POST', '/api/v1/triggers', {
      ...base,
      actions: [{ ...notice, departmentId: w.billing.id }],
    });
    await w.admin.expect(201, 'POST', '/api/v1/users', {
      email: 'second-biller@example.test',
      name: 'Second biller',
      role: 'agent',
      password: 'correct horse battery',
      departmentIds: [w.billing.id],
    });
    const db = env.database.db;
    const agents = await db
      .selectFrom('user_departments')
      .innerJoin('users', 'users.id', 'user_departments.user_id')
      .select('users.email')
      .where('user_departments.department_id', '=', w.billing.id)
      .where('users.role', '=', 'agent')
      .execute();
    expect(agents.length).toBeGreaterThan(1);
    const t = await openTicket(w.alice, w.billing.id);
    await env.drain();
    const mails = await db
      .selectFrom('outbox')
      .select('payload')
      .where('topic', '=', 'deliver.email-notice')
      .where('dedupe_key', 'like', `trigger:${rule.id}:%`)
      .execute();
    const to = mails.map((m) => (JSON.parse(m.payload) as { to: string; subject: string }).to).sort();
    expect(to).toEqual(agents.map((a) => a.email.toLowerCase()).sort());
    const said = (await events(t.number)).filter((e) => e.field === 'notice');
    expect(said).toHaveLength(1);
    await w.admin.expect(204, 'DELETE', `/api/v1/triggers/${rule.id}`);
  });
});

describe('the firing history', () => {
  it('is kept a week by the scheduler, but an automation standing on a ticket stays armed', async () => {
    // Turned off, so the sweep itself leaves its standing row alone.
    const rule = await automation({ ...remind, name: 'Long standing', enabled: false });
    const t = await openTicket(w.alice, w.billing.id);
    const db = env.database.db;
    const { id: ticketId } = await db
      .selectFrom('tickets')
      .select('id')
      .where('number', '=', t.number)
      .executeTakeFirstOrThrow();
    const old = new Date(time.clock().getTime() - 8 * 24 * HOUR).toISOString();
    const row = { trigger_id: rule.id, ticket_id: ticketId, depth: 0, messages: 0, capped: 0 as const };
    await db
      .insertInto('trigger_firings')
      .values([
        { ...row, id: 'firing-old-event', event_id: 'an-old-event', fired_at: old },
        { ...row, id: 'firing-armed', event_id: 'armed', fired_at: old },
      ])
      .execute();
    await sweepOnce(env.app.ctx);
    const left = await db
      .selectFrom('trigger_firings')
      .select('id')
      .where('ticket_id', '=', ticketId)
      .execute();
    expect(left.map((r) => r.id)).toEqual(['firing-armed']);
    await w.admin.expect(204, 'DELETE', `/api/v1/automations/${rule.id}`);
  });
});
