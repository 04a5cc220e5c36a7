import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../common/api.js';
import { DEFAULT_PAUSE_ON, type SlaTarget, type TicketSla } from '../common/sla.js';
import { buildApp } from '../src/app.js';
import { openDatabase } from '../src/db/database.js';
import { newId } from '../src/lib/crypto.js';
import { runSlaSweep } from '../src/modules/sla/sla.sweep.js';
import { makeWorld, openTicket } from './client.js';
import { engine, manualClock, startTestApp, type TestEnv } from './helpers.js';

// Service-level clocks through the real API on a clock the test moves: replies meet targets,
// pauses move deadlines, warnings and breaches are announced once (also by two schedulers at
// once and after days of downtime), and the queue sorts and filters by what is due.

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const time = manualClock('2026-03-02T09:00:00.000Z'); // a Monday
let env: TestEnv;
let w: Awaited<ReturnType<typeof makeWorld>>;
let department: { id: string };

type Detail = Ticket & { sla: TicketSla | null; slaDueAt: string | null };

beforeAll(async () => {
  env = await startTestApp({ clock: time.clock, env: { TESSERA_SESSION_DAYS: '365' } });
  w = await makeWorld(env.app);
  department = w.billing;
});
afterAll(() => env?.close());

let position = 0;
async function addPolicy(p: {
  targets: SlaTarget[];
  departmentId?: string;
  calendarId?: string;
  notifyOutsideHours?: boolean;
}): Promise<string> {
  const id = newId();
  const now = time.clock().toISOString();
  await env.database.db
    .insertInto('sla_policies')
    .values({
      id,
      name: `Policy ${id}`,
      position: position++,
      enabled: 1,
      conditions: JSON.stringify({ departmentIds: [p.departmentId ?? department.id] }),
      calendar_id: p.calendarId ?? '24x7',
      targets: JSON.stringify(p.targets),
      pause_on: JSON.stringify(DEFAULT_PAUSE_ON),
      warning: JSON.stringify({ percent: 80 }),
      notify_outside_hours: p.notifyOutsideHours === false ? 0 : 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}
const target = (
  priority: SlaTarget['priority'],
  metric: SlaTarget['metric'],
  minutes: number,
): SlaTarget => ({
  priority,
  metric,
  minutes,
  businessHours: false,
});

const detail = (n: number) => w.agent.get<Detail>(`/api/v1/tickets/${n}`);
const clockOf = (t: Detail, metric: string) => t.sla?.clocks.filter((c) => c.metric === metric).at(-1);
const idOf = async (n: number) =>
  (await env.database.db.selectFrom('tickets').select('id').where('number', '=', n).executeTakeFirstOrThrow())
    .id;
const slaEvents = async (n: number) =>
  env.database.db
    .selectFrom('ticket_events')
    .select(['field', 'to_value', 'public'])
    .where('ticket_id', '=', await idOf(n))
    .where('type', '=', 'sla')
    .orderBy('created_at')
    .execute();
const notices = async (n: number, event: string) => {
  const id = await idOf(n);
  const rows = await env.database.db
    .selectFrom('outbox')
    .select('payload')
    .where('topic', '=', 'notification')
    .execute();
  return rows.filter((r) => r.payload.includes(id) && r.payload.includes(`"${event}"`)).length;
};
const iso = (ms: number) => new Date(ms).toISOString();

describe('service-level clocks', () => {
  let own: { id: string };
  beforeAll(async () => {
    // A department of this block's own, so its policy applies to its tickets alone.
    own = await w.admin.expect<{ id: string }>(201, 'POST', '/api/v1/departments', {
      name: `SLA ${newId()}`,
    });
    await w.admin.expect(
      200,
      'PATCH',
      `/api/v1/users/${(await w.agent.get<{ id: string }>('/api/v1/me')).id}`,
      {
        departmentIds: [w.billing.id, own.id],
      },
    );
    await addPolicy({
      departmentId: own.id,
      targets: [
        target('normal', 'firstReply', 60),
        target('normal', 'nextReply', 30),
        target('normal', 'resolution', 8 * 60),
        target('urgent', 'firstReply', 15),
        target('urgent', 'resolution', 2 * 60),
      ],
    });
  });

  it('a staff reply meets first reply; a later customer message starts next reply', async () => {
    const start = time.clock().getTime();
    const t = await openTicket(w.alice, own.id, { priority: 'normal' });
    let d = await detail(t.number);
    expect(clockOf(d, 'firstReply')).toMatchObject({ state: 'running', dueAt: iso(start + HOUR) });
    expect(clockOf(d, 'resolution')).toMatchObject({ state: 'running', dueAt: iso(start + 8 * HOUR) });
    expect(d.slaDueAt).toBe(iso(start + HOUR));

    time.advance(20 * MIN);
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, { body: 'Looking into it' });
    d = await detail(t.number);
    expect(clockOf(d, 'firstReply')).toMatchObject({ state: 'met', stoppedAt: iso(start + 20 * MIN) });
    // The reply set the ticket to wait on the customer: resolution stands still, nothing is due.
    expect(clockOf(d, 'resolution')).toMatchObject({ state: 'paused', dueAt: null });
    expect(d.slaDueAt).toBeNull();

    time.advance(40 * MIN);
    await w.alice.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, { body: 'Still broken' });
    d = await detail(t.number);
    expect(clockOf(d, 'nextReply')).toMatchObject({ state: 'running', dueAt: iso(start + 90 * MIN) });
    // Resolution went on with the 40 minutes it spent waiting added to its deadline.
    expect(clockOf(d, 'resolution')).toMatchObject({
      state: 'running',
      dueAt: iso(start + 8 * HOUR + 40 * MIN),
    });
    expect(d.slaDueAt).toBe(iso(start + 90 * MIN));
  });

  it('a priority raised mid-way gives the stricter target and keeps the time spent', async () => {
    const start = time.clock().getTime();
    const t = await openTicket(w.alice, own.id, { priority: 'normal' });
    time.advance(10 * MIN);
    await w.agent.expect(200, 'PATCH', `/api/v1/tickets/${t.number}`, { priority: 'urgent' });
    const d = await detail(t.number);
    expect(clockOf(d, 'firstReply')).toMatchObject({
      state: 'running',
      targetMinutes: 15,
      startedAt: iso(start),
      dueAt: iso(start + 15 * MIN),
      remainingMinutes: 5,
    });
  });

  it('warns at 80 % and breaches at the deadline, each once, with two schedulers sweeping', async () => {
    const start = time.clock().getTime();
    const t = await openTicket(w.alice, own.id, { priority: 'normal' });
    // PostgreSQL: a second node on the same database. SQLite is one node's database (its driver
    // waits synchronously, so two in one process would only wait on each other): two sweeps at once.
    const node2db = engine === 'postgres' ? openDatabase(env.url, { poolSize: 5 }) : null;
    const node2 = node2db
      ? await buildApp({ config: env.app.ctx.config, database: node2db, clock: time.clock, logger: false })
      : null;
    const both = () => Promise.all([runSlaSweep(env.app.ctx), runSlaSweep(node2?.ctx ?? env.app.ctx)]);
    try {
      time.advance(47 * MIN);
      await both();
      expect(await slaEvents(t.number)).toEqual([]);
      time.advance(MIN); // 48 minutes: 80 % of an hour
      await both();
      await both();
      expect(await slaEvents(t.number)).toEqual([{ field: 'warning', to_value: 'firstReply', public: 0 }]);
      expect(await notices(t.number, 'ticket.sla_warning')).toBe(1);
      time.advance(12 * MIN);
      await both();
      await both();
      expect((await slaEvents(t.number)).map((e) => e.field)).toEqual(['warning', 'breach']);
      expect(await notices(t.number, 'ticket.sla_breach')).toBe(1);
      const d = await detail(t.number);
      expect(clockOf(d, 'firstReply')).toMatchObject({ state: 'breached', remainingMinutes: 0 });
      time.advance(5 * MIN);
      expect(clockOf(await detail(t.number), 'firstReply')?.remainingMinutes).toBe(-5);
      // The queue finds it among the overdue, soonest first.
      const overdue = await w.agent.get<{ items: Detail[] }>(
        `/api/v1/tickets?departmentId=${own.id}&slaBreached=true&sort=slaDue&order=asc&limit=100`,
      );
      expect(overdue.items.map((x) => x.number)).toContain(t.number);
      expect(
        overdue.items.every((x) => x.slaDueAt !== null && x.slaDueAt <= iso(time.clock().getTime())),
      ).toBe(true);
      expect(iso(start + HOUR)).toBe(d.slaDueAt);
    } finally {
      await node2?.close();
      await node2db?.close();
    }
  });

  it('after three days of downtime: one breach event and one notice per ticket, no warnings', async () => {
    const numbers: number[] = [];
    for (let i = 0; i < 5; i++)
      numbers.push((await openTicket(w.bob, own.id, { subject: `Down ${i}`, priority: 'normal' })).number);
    // Everything earlier in this block is long overdue too; only these tickets are counted.
    time.advance(3 * DAY);
    await Promise.all([runSlaSweep(env.app.ctx), runSlaSweep(env.app.ctx)]);
    await runSlaSweep(env.app.ctx);
    for (const n of numbers) {
      const events = await slaEvents(n);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ field: 'breach', to_value: 'firstReply,resolution' });
      expect(await notices(n, 'ticket.sla_breach')).toBe(1);
      expect(await notices(n, 'ticket.sla_warning')).toBe(0);
    }
    expect(await runSlaSweep(env.app.ctx)).toEqual({ examined: 0, warned: 0, breached: 0 });
  });

  it('the queue sorts by what is due first and filters what falls due within hours', async () => {
    const urgent = await openTicket(w.alice, own.id, { priority: 'urgent', subject: 'Soon' });
    const normal = await openTicket(w.alice, own.id, { subject: 'Later', priority: 'normal' });
    const list = async (q: string) =>
      (await w.agent.get<{ items: Detail[] }>(`/api/v1/tickets?departmentId=${own.id}&limit=100&${q}`)).items;
    const sorted = await list('sort=slaDue&order=asc&slaBreached=false');
    expect(sorted.map((x) => x.number).slice(0, 2)).toEqual([urgent.number, normal.number]);
    const dueSoon = await list('slaDueWithinHours=1');
    expect(dueSoon.map((x) => x.number)).toContain(urgent.number);
    expect(dueSoon.map((x) => x.number)).toContain(normal.number);
    time.advance(30 * MIN);
    const byThen = await list('slaDueWithinHours=1');
    expect(byThen.map((x) => x.number)).toContain(normal.number);
    expect(byThen.map((x) => x.number)).not.toContain(urgent.number); // overdue now, not "due within"
    // Paging through the due order keeps every ticket once.
    const all = await list('sort=slaDue&order=asc');
    let cursor: string | null = null;
    const paged: number[] = [];
    do {
      const page: { items: Detail[]; nextCursor: string | null } = await w.agent.get(
        `/api/v1/tickets?departmentId=${own.id}&sort=slaDue&order=asc&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      paged.push(...page.items.map((x) => x.number));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.map((x) => x.number));
    // Customers see no service levels.
    const mine = await w.alice.get<Detail>(`/api/v1/tickets/${urgent.number}`);
    expect(mine.sla).toBeUndefined();
    expect(mine.slaDueAt).toBeUndefined();
    await w.alice.expect(400, 'GET', '/api/v1/tickets?slaDueWithinHours=0');
  });
});

describe('announcing only within business hours', () => {
  it('a deadline at night is announced when the office opens, unless the policy says otherwise', async () => {
    const night = await w.admin.expect<{ id: string }>(201, 'POST', '/api/v1/departments', {
      name: `Night ${newId()}`,
    });
    const office = [{ start: '09:00', end: '17:00' }];
    const cal = await w.admin.expect<{ id: string }>(201, 'POST', '/api/v1/calendars', {
      name: `Office ${newId()}`,
      timeZone: 'Europe/Berlin',
      hours: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] },
    });
    await addPolicy({
      departmentId: night.id,
      calendarId: cal.id,
      notifyOutsideHours: false,
      targets: [target('normal', 'firstReply', 60)],
    });
    // Move to Friday 22:30 in Berlin (21:30 UTC in winter).
    const friday = Date.parse('2026-03-06T21:30:00.000Z');
    time.advance(Math.max(0, friday - time.clock().getTime()));
    const fridayNow = time.clock().getTime();
    const t = await openTicket(w.alice, night.id, { priority: 'normal' });
    time.advance(2 * HOUR); // due at 23:30, now past it
    await runSlaSweep(env.app.ctx);
    expect(await slaEvents(t.number)).toEqual([]);
    // Monday 09:00 in Berlin.
    time.advance(Date.parse('2026-03-09T08:00:00.000Z') - time.clock().getTime());
    await runSlaSweep(env.app.ctx);
    expect((await slaEvents(t.number)).map((e) => e.field)).toEqual(['breach']);
    const d = await w.admin.get<Detail>(`/api/v1/tickets/${t.number}`);
    expect(clockOf(d, 'firstReply')).toMatchObject({ state: 'breached', dueAt: iso(fridayNow + HOUR) });
  });
});

it('a policy added later applies to an open ticket at its next change, from the ticket’s creation', async () => {
  const late = await w.admin.expect<{ id: string }>(201, 'POST', '/api/v1/departments', {
    name: `Late ${newId()}`,
  });
  await w.admin.expect(
    200,
    'PATCH',
    `/api/v1/users/${(await w.agent.get<{ id: string }>('/api/v1/me')).id}`,
    {
      departmentIds: [w.billing.id, late.id],
    },
  );
  const t = await openTicket(w.alice, late.id, { priority: 'normal' });
  expect((await detail(t.number)).sla).toBeNull();
  time.advance(2 * HOUR);
  await addPolicy({ departmentId: late.id, targets: [target('normal', 'firstReply', 60)] });
  await w.agent.expect(200, 'PATCH', `/api/v1/tickets/${t.number}`, { priority: 'high' });
  await w.agent.expect(200, 'PATCH', `/api/v1/tickets/${t.number}`, { priority: 'normal' });
  expect(clockOf(await detail(t.number), 'firstReply')).toMatchObject({
    state: 'breached',
    remainingMinutes: -60,
  });
});

it('renaming a tag a policy names recomputes the tickets it now matches, in the background', async () => {
  const vipDept = await w.admin.expect<{ id: string }>(201, 'POST', '/api/v1/departments', {
    name: `VIP ${newId()}`,
  });
  const id = newId();
  const now = time.clock().toISOString();
  await env.database.db
    .insertInto('sla_policies')
    .values({
      id,
      name: `Tagged ${id}`,
      position: position++,
      enabled: 1,
      conditions: JSON.stringify({ departmentIds: [vipDept.id], tags: ['vip'] }),
      calendar_id: '24x7',
      targets: JSON.stringify([target('normal', 'firstReply', 30)]),
      pause_on: JSON.stringify(DEFAULT_PAUSE_ON),
      warning: null,
      notify_outside_hours: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const t = await openTicket(w.alice, vipDept.id, { priority: 'normal' });
  const tag = `gold-${Date.now()}`;
  await w.admin.expect(200, 'PATCH', `/api/v1/tickets/${t.number}`, { tags: [tag] });
  expect((await w.admin.get<Detail>(`/api/v1/tickets/${t.number}`)).sla).toBeNull();
  await w.admin.expect(200, 'PATCH', `/api/v1/tags/${tag}`, { name: 'vip' });
  await env.drain();
  const d = await w.admin.get<Detail>(`/api/v1/tickets/${t.number}`);
  expect(clockOf(d, 'firstReply')).toMatchObject({ state: 'running', targetMinutes: 30 });
});

it('previews what a policy as written would give a ticket, without saving it', async () => {
  const t = await openTicket(w.alice, w.billing.id, { priority: 'normal' });
  const policy = {
    name: 'Draft',
    calendarId: '24x7',
    conditions: { departmentIds: [w.billing.id] },
    targets: [{ priority: 'normal', metric: 'firstReply', minutes: 90, businessHours: false }],
  };
  const before = await env.database.db.selectFrom('sla_policies').select('id').execute();
  const p = await w.admin.expect<{ matches: boolean; clocks: TicketSla['clocks'] }>(
    200,
    'POST',
    '/api/v1/sla/policies/preview',
    { ticketNumber: t.number, policy },
  );
  expect(p.matches).toBe(true);
  expect(p.clocks).toEqual([
    expect.objectContaining({
      metric: 'firstReply',
      state: 'running',
      dueAt: iso(Date.parse(t.createdAt) + 90 * MIN),
    }),
  ]);
  const elsewhere = await w.admin.expect<{ matches: boolean }>(200, 'POST', '/api/v1/sla/policies/preview', {
    ticketNumber: t.number,
    policy: { ...policy, conditions: { departmentIds: [w.tech.id] } },
  });
  expect(elsewhere.matches).toBe(false);
  await w.admin.expect(400, 'POST', '/api/v1/sla/policies/preview', { ticketNumber: 999_999, policy });
  await w.admin.expect(400, 'POST', '/api/v1/sla/policies/preview', {
    ticketNumber: t.number,
    policy: { ...policy, calendarId: 'nope' },
  });
  await w.agent.expect(403, 'POST', '/api/v1/sla/policies/preview', { ticketNumber: t.number, policy });
  expect(await env.database.db.selectFrom('sla_policies').select('id').execute()).toEqual(before);
});
