import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../common/api.js';
import type { SlaFigures, SlaReport } from '../common/reports.js';
import { DEFAULT_PAUSE_ON, type SlaMetric } from '../common/sla.js';
import { type Client, makeWorld, openTicket } from './client.js';
import { startTestApp, type TestEnv } from './helpers.js';

// The service-level report: clocks written with exact figures on tickets made through the API,
// then one department whose clocks the service computes from a real policy and real replies.

type World = Awaited<ReturnType<typeof makeWorld>>;
let env: TestEnv;
let w: World;
let now = new Date('2026-03-10T15:00:00.000Z');
const t: Record<string, Ticket> = {};

type ClockSpec = {
  ticket: string;
  metric: SlaMetric;
  cycle?: number;
  business?: boolean;
  stoppedAt?: string;
  dueAt: string | null;
  elapsed?: number;
  breached?: boolean;
};

async function insertClock(c: ClockSpec) {
  const ticket = await env.database.db
    .selectFrom('tickets')
    .select('id')
    .where('number', '=', (t[c.ticket] as Ticket).number)
    .executeTakeFirstOrThrow();
  await env.database.db
    .insertInto('ticket_sla_clocks')
    .values({
      id: randomUUID(),
      ticket_id: ticket.id,
      metric: c.metric,
      cycle: c.cycle ?? 0,
      policy_id: null,
      calendar_id: 'any',
      business: c.business === false ? 0 : 1,
      target_minutes: 30,
      started_at: '2026-03-01T00:00:00.000Z',
      stopped_at: c.stoppedAt ?? null,
      paused_since: null,
      pauses: '[]',
      due_at: c.dueAt,
      warn_at: null,
      elapsed_minutes: c.elapsed ?? null,
      breached: c.breached ? 1 : 0,
      check_at: null,
      warned_at: null,
      breach_noticed_at: null,
      updated_at: '2026-03-01T00:00:00.000Z',
    })
    .execute();
}

beforeAll(async () => {
  env = await startTestApp({ clock: () => now });
  w = await makeWorld(env.app);
  const agentId = String(w.agent.user?.id);
  t.T1 = await openTicket(w.alice, w.billing.id, { subject: 'T1', priority: 'high' });
  t.T2 = await openTicket(w.alice, w.billing.id, { subject: 'T2', priority: 'urgent' });
  t.T3 = await openTicket(w.carol, w.tech.id, { subject: 'T3', priority: 'high' });
  t.T4 = await openTicket(w.bob, w.billing.id, { subject: 'T4', priority: 'low' });
  for (const k of ['T1', 'T4'])
    await w.agent.expect(200, 'PATCH', `/api/v1/tickets/${t[k]?.number}`, { assigneeId: agentId });

  const clocks: ClockSpec[] = [
    // First reply: met in 10 and 30 business minutes, missed in 60 calendar minutes, one overdue.
    { ticket: 'T1', metric: 'firstReply', stoppedAt: '2026-03-02T09:10:00.000Z', dueAt: 'x', elapsed: 10 },
    { ticket: 'T2', metric: 'firstReply', stoppedAt: '2026-03-02T12:30:00.000Z', dueAt: 'x', elapsed: 30 },
    {
      ticket: 'T3',
      metric: 'firstReply',
      business: false,
      stoppedAt: '2026-03-03T11:00:00.000Z',
      dueAt: 'x',
      elapsed: 60,
      breached: true,
    },
    { ticket: 'T4', metric: 'firstReply', dueAt: '2026-03-10T10:00:00.000Z', elapsed: 300 },
    // Next reply: missed (45), then met (15) on T1; met (5) on T2; one paused (no due time).
    {
      ticket: 'T1',
      metric: 'nextReply',
      cycle: 1,
      stoppedAt: '2026-03-03T10:00:00.000Z',
      dueAt: 'x',
      elapsed: 45,
      breached: true,
    },
    {
      ticket: 'T1',
      metric: 'nextReply',
      cycle: 2,
      stoppedAt: '2026-03-04T10:00:00.000Z',
      dueAt: 'x',
      elapsed: 15,
    },
    {
      ticket: 'T2',
      metric: 'nextReply',
      cycle: 1,
      stoppedAt: '2026-03-04T11:00:00.000Z',
      dueAt: 'x',
      elapsed: 5,
    },
    { ticket: 'T4', metric: 'nextReply', cycle: 1, dueAt: null, elapsed: 20 },
    // Resolution: missed in 1500, met in 600 (calendar minutes); one stopped before March; one not yet due.
    {
      ticket: 'T1',
      metric: 'resolution',
      business: false,
      stoppedAt: '2026-03-04T12:00:00.000Z',
      dueAt: 'x',
      elapsed: 1500,
      breached: true,
    },
    {
      ticket: 'T3',
      metric: 'resolution',
      business: false,
      stoppedAt: '2026-03-05T08:00:00.000Z',
      dueAt: 'x',
      elapsed: 600,
    },
    {
      ticket: 'T2',
      metric: 'resolution',
      business: false,
      stoppedAt: '2026-02-20T08:00:00.000Z',
      dueAt: 'x',
      elapsed: 100,
    },
    { ticket: 'T4', metric: 'resolution', dueAt: '2026-03-12T10:00:00.000Z', elapsed: 500 },
  ];
  // A stopped clock's due time does not matter to the report; an open one's does.
  for (const c of clocks)
    await insertClock({ ...c, dueAt: c.dueAt === 'x' ? '2026-03-01T01:00:00.000Z' : c.dueAt });
});
afterAll(() => env?.close());

const MARCH = 'from=2026-03-01T00:00:00Z&to=2026-03-11T00:00:00Z';
const report = (c: Client, query: string) => c.get<SlaReport>(`/api/v1/reports/sla?${query}`);

/** The figures in a short form: clocks, met, breached (of which open), met %, median, p90, unit. */
const brief = (f: SlaFigures | undefined) =>
  f && [f.clocks, f.met, f.breached, f.openBreached, f.metPercent, f.medianMinutes, f.p90Minutes, f.unit];
const table = (r: SlaReport) =>
  Object.fromEntries(
    r.groups.map((g) => [g.label, Object.fromEntries(g.metrics.map((m) => [m.metric, brief(m)]))]),
  );

describe('GET /api/v1/reports/sla', () => {
  it('by target: met %, breaches (open and overdue ones too), median and p90 of elapsed minutes', async () => {
    const r = await report(w.admin, `${MARCH}&groupBy=metric`);
    expect(r.groups.map((g) => g.key)).toEqual(['firstReply', 'nextReply', 'resolution']);
    expect(table(r)).toEqual({
      'First reply': { firstReply: [4, 2, 2, 1, 50, 30, 54, 'mixed'] },
      'Next reply': { nextReply: [3, 2, 1, 0, 66.7, 15, 39, 'business'] },
      Resolution: { resolution: [2, 1, 1, 0, 50, 1050, 1410, 'calendar'] },
    });
    expect(r.groups[0]?.metrics[0]?.stopped).toBe(3);
    expect(r).toMatchObject({
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-11T00:00:00.000Z',
      now: '2026-03-10T15:00:00.000Z',
      groupBy: 'metric',
      sampled: false,
    });
    expect(r.unitNote).toMatch(/business minutes/);
  });

  it('an agent counts only their departments’ clocks; another department’s agent only theirs', async () => {
    expect(table(await report(w.agent, MARCH))).toEqual({
      'First reply': { firstReply: [3, 2, 1, 1, 66.7, 20, 28, 'business'] },
      'Next reply': { nextReply: [3, 2, 1, 0, 66.7, 15, 39, 'business'] },
      Resolution: { resolution: [1, 0, 1, 0, 0, 1500, 1500, 'calendar'] },
    });
    expect(table(await report(w.techAgent, MARCH))).toEqual({
      'First reply': { firstReply: [1, 0, 1, 0, 0, 60, 60, 'calendar'] },
      'Next reply': { nextReply: [0, 0, 0, 0, null, null, null, null] },
      Resolution: { resolution: [1, 1, 0, 0, 100, 600, 600, 'calendar'] },
    });
  });

  it('by department, by assignee and by priority', async () => {
    const byDept = await report(w.admin, `${MARCH}&groupBy=department`);
    expect(byDept.groups.map((g) => g.key)).toEqual([w.billing.id, w.tech.id]);
    expect(table(byDept)).toEqual({
      [w.billing.name]: {
        firstReply: [3, 2, 1, 1, 66.7, 20, 28, 'business'],
        nextReply: [3, 2, 1, 0, 66.7, 15, 39, 'business'],
        resolution: [1, 0, 1, 0, 0, 1500, 1500, 'calendar'],
      },
      [w.tech.name]: {
        firstReply: [1, 0, 1, 0, 0, 60, 60, 'calendar'],
        resolution: [1, 1, 0, 0, 100, 600, 600, 'calendar'],
      },
    });

    const byAgent = await report(w.admin, `${MARCH}&groupBy=agent`);
    expect(byAgent.groups.map((g) => g.key)).toEqual([String(w.agent.user?.id), null]);
    expect(byAgent.groups.map((g) => g.label)).toEqual([String(w.agent.user?.name), 'Unassigned']);
    expect(table(byAgent)).toEqual({
      [String(w.agent.user?.name)]: {
        firstReply: [2, 1, 1, 1, 50, 10, 10, 'business'],
        nextReply: [2, 1, 1, 0, 50, 30, 42, 'business'],
        resolution: [1, 0, 1, 0, 0, 1500, 1500, 'calendar'],
      },
      Unassigned: {
        firstReply: [2, 1, 1, 0, 50, 45, 57, 'mixed'],
        nextReply: [1, 1, 0, 0, 100, 5, 5, 'business'],
        resolution: [1, 1, 0, 0, 100, 600, 600, 'calendar'],
      },
    });

    const byPriority = await report(w.admin, `${MARCH}&groupBy=priority`);
    expect(byPriority.groups.map((g) => g.key)).toEqual(['urgent', 'high', 'low']);
    expect(table(byPriority)).toEqual({
      Urgent: {
        firstReply: [1, 1, 0, 0, 100, 30, 30, 'business'],
        nextReply: [1, 1, 0, 0, 100, 5, 5, 'business'],
      },
      High: {
        firstReply: [2, 1, 1, 0, 50, 35, 55, 'mixed'],
        nextReply: [2, 1, 1, 0, 50, 30, 42, 'business'],
        resolution: [2, 1, 1, 0, 50, 1050, 1410, 'calendar'],
      },
      Low: { firstReply: [1, 0, 1, 1, 0, null, null, 'business'] },
    });
  });

  it('by period: stopped clocks on the day they stopped, overdue ones on the day they fell due', async () => {
    const days = await report(w.admin, `${MARCH}&groupBy=period&interval=day`);
    expect(days.groups.map((g) => [g.key, g.metrics.map((m) => `${m.metric}:${m.met}/${m.clocks}`)])).toEqual(
      [
        ['2026-03-02', ['firstReply:2/2']],
        ['2026-03-03', ['firstReply:0/1', 'nextReply:0/1']],
        ['2026-03-04', ['nextReply:2/2', 'resolution:0/1']],
        ['2026-03-05', ['resolution:1/1']],
        ['2026-03-10', ['firstReply:0/1']],
      ],
    );
    const weeks = await report(w.admin, `${MARCH}&groupBy=period&interval=week`);
    expect(table(weeks)).toEqual({
      '2026-03-02': {
        firstReply: [3, 2, 1, 0, 66.7, 30, 54, 'mixed'],
        nextReply: [3, 2, 1, 0, 66.7, 15, 39, 'business'],
        resolution: [2, 1, 1, 0, 50, 1050, 1410, 'calendar'],
      },
      '2026-03-09': { firstReply: [1, 0, 1, 1, 0, null, null, 'business'] },
    });
    const months = await report(w.admin, `${MARCH}&groupBy=period&interval=month`);
    expect(months.groups.map((g) => g.key)).toEqual(['2026-03-01']);
    expect(months.groups[0]?.metrics.map((m) => m.clocks)).toEqual([4, 3, 2]);
  });

  it('the range and the department filter narrow what is counted', async () => {
    // Only what stopped on 3 March; the overdue clock fell due after the range.
    expect(table(await report(w.admin, 'from=2026-03-03T00:00:00Z&to=2026-03-04T00:00:00Z'))).toEqual({
      'First reply': { firstReply: [1, 0, 1, 0, 0, 60, 60, 'calendar'] },
      'Next reply': { nextReply: [1, 0, 1, 0, 0, 45, 45, 'business'] },
      Resolution: { resolution: [0, 0, 0, 0, null, null, null, null] },
    });
    // Without a range: up to now, so the February resolution counts and the one due on 12 March not.
    const all = await report(w.admin, 'groupBy=metric');
    expect(all.groups.map((g) => g.metrics[0]?.clocks)).toEqual([4, 3, 3]);
    expect(all.to).toBe('2026-03-10T15:00:00.000Z');
    // A range reaching past now still judges open clocks at now.
    const ahead = await report(w.admin, 'from=2026-03-01T00:00:00Z&to=2026-03-20T00:00:00Z');
    expect(ahead.groups.map((g) => g.metrics[0]?.clocks)).toEqual([4, 3, 2]);

    const tech = await report(w.admin, `${MARCH}&groupBy=department&departmentId=${w.tech.id}`);
    expect(tech.groups.map((g) => g.label)).toEqual([w.tech.name]);
    // A department the agent does not work in gives them nothing.
    const none = await report(w.agent, `${MARCH}&departmentId=${w.tech.id}`);
    expect(none.groups.map((g) => g.metrics[0]?.clocks)).toEqual([0, 0, 0]);
  });

  it('customers get 403, anonymous callers 401, on the JSON and the CSV', async () => {
    for (const url of ['/api/v1/reports/sla', '/api/v1/reports/sla.csv']) {
      expect((await w.alice.request('GET', url)).statusCode, url).toBe(403);
      expect((await env.app.inject({ method: 'GET', url })).statusCode, url).toBe(401);
    }
  });

  it.each([
    'groupBy=customer',
    'groupBy=period&interval=year',
    'from=2026-03-09T00:00:00Z&to=2026-03-02T00:00:00Z',
    'from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z',
    'from=2000-01-01T00:00:00Z',
    'from=yesterday',
    'departmentId=',
    'colour=blue',
  ])('?%s is a 400', async (query) => {
    for (const path of ['/api/v1/reports/sla', '/api/v1/reports/sla.csv']) {
      const res = await w.admin.request('GET', `${path}?${query}`);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
  });

  it('as CSV: a row per group and target, the same figures as the JSON', async () => {
    const cell = (v: number | string | null) => (v === null ? '' : String(v));
    for (const groupBy of ['metric', 'department', 'agent', 'priority', 'period']) {
      const q = `${MARCH}&groupBy=${groupBy}`;
      const json = await report(w.agent, q);
      const res = await w.agent.request('GET', `/api/v1/reports/sla.csv?${q}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe('attachment; filename="sla-2026-03-10.csv"');
      expect(res.body.startsWith('\ufeff')).toBe(true);
      const lines = res.body.slice(1).trimEnd().split('\r\n').join('\n').split('\n');
      const labels = { firstReply: 'First reply', nextReply: 'Next reply', resolution: 'Resolution' };
      expect(lines.slice(1)).toEqual(
        json.groups.flatMap((g) =>
          g.metrics.map((m) =>
            [
              g.label,
              labels[m.metric],
              m.clocks,
              m.met,
              m.breached,
              m.openBreached,
              m.metPercent,
              m.stopped,
              m.medianMinutes,
              m.p90Minutes,
              m.unit,
            ]
              .map(cell)
              .join(','),
          ),
        ),
      );
      expect(lines[0]).toMatch(
        /^\w+,Target,Clocks,Met,Breached,Breached and still open,Met %,Stopped,Median minutes,90th percentile minutes,Minutes$/,
      );
    }
    const lines = (await w.agent.request('GET', `/api/v1/reports/sla.csv?${MARCH}`)).body.split(/\r?\n/);
    expect(lines[1]).toBe('First reply,First reply,3,2,1,1,66.7,2,20,28,business');
  });

  it('is in the OpenAPI document, with its CSV', async () => {
    const doc = (await env.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
      paths: Record<string, unknown>;
    };
    expect(doc.paths).toHaveProperty(['/api/v1/reports/sla']);
    expect(doc.paths).toHaveProperty(['/api/v1/reports/sla.csv']);
  });
});

describe('the clocks a real policy gives', () => {
  it('counts first replies met, missed and overdue, as the service computed them', async () => {
    const dept = await w.admin.expect<{ id: string; name: string }>(201, 'POST', '/api/v1/departments', {
      name: `Live ${Date.now()}`,
    });
    const calendar = await env.database.db
      .selectFrom('calendars')
      .select('id')
      .where('builtin', '=', 1)
      .executeTakeFirstOrThrow();
    await env.database.db
      .insertInto('sla_policies')
      .values({
        id: randomUUID(),
        name: 'Live department',
        position: 1,
        enabled: 1,
        conditions: JSON.stringify({ departmentIds: [dept.id] }),
        calendar_id: calendar.id,
        targets: JSON.stringify([
          { priority: 'high', metric: 'firstReply', minutes: 30, businessHours: false },
        ]),
        pause_on: JSON.stringify(DEFAULT_PAUSE_ON),
        warning: null,
        notify_outside_hours: 1,
        created_at: '2026-03-10T15:00:00.000Z',
        updated_at: '2026-03-10T15:00:00.000Z',
      })
      .execute();
    const admin = w.admin;
    const at = (iso: string) => {
      now = new Date(iso);
    };
    const reply = (n: number) =>
      admin.expect(201, 'POST', `/api/v1/tickets/${n}/messages`, { body: 'On it' });

    at('2026-03-10T16:00:00.000Z');
    const fast = await openTicket(w.alice, dept.id, { subject: 'Fast' });
    const slow = await openTicket(w.alice, dept.id, { subject: 'Slow' });
    const waiting = await openTicket(w.alice, dept.id, { subject: 'Waiting' });
    const live = `departmentId=${dept.id}&from=2026-03-10T16:00:00Z&to=2026-03-11T00:00:00Z`;
    at('2026-03-10T16:10:00.000Z');
    await reply(fast.number);
    // Before the other two fall due, only the answered one counts.
    at('2026-03-10T16:20:00.000Z');
    expect(brief((await report(admin, live)).groups[0]?.metrics[0])).toEqual([
      1,
      1,
      0,
      0,
      100,
      10,
      10,
      'calendar',
    ]);
    at('2026-03-10T16:45:00.000Z');
    await reply(slow.number);
    at('2026-03-10T18:00:00.000Z');

    const r = await report(admin, live);
    expect(r.groups.map((g) => [g.key, brief(g.metrics[0])])).toEqual([
      ['firstReply', [3, 1, 2, 1, 33.3, 27.5, 41.5, 'calendar']],
      ['nextReply', [0, 0, 0, 0, null, null, null, null]],
      ['resolution', [0, 0, 0, 0, null, null, null, null]],
    ]);
    expect(waiting.number).toBeGreaterThan(0);
  });
});
