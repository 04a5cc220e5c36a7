import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BacklogReport, ResponseTimesReport, VolumeRow } from '../common/reports.js';
import { type Client, makeWorld, openTicket } from './client.js';
import { startTestApp, type TestEnv } from './helpers.js';

// Volume, backlog and response times over tickets made at known times by a clock the test moves.

type World = Awaited<ReturnType<typeof makeWorld>>;
let env: TestEnv;
let w: World;
let now = new Date('2026-03-02T08:00:00.000Z');
const at = (iso: string) => {
  now = new Date(iso);
};

const reply = (c: Client, n: number) =>
  c.expect(201, 'POST', `/api/v1/tickets/${n}/messages`, { body: 'Looking into it' });
const move = (c: Client, n: number, status: string) =>
  c.expect(200, 'PATCH', `/api/v1/tickets/${n}`, { status });

beforeAll(async () => {
  env = await startTestApp({ clock: () => now });
  w = await makeWorld(env.app);
  await w.admin.expect(200, 'PUT', '/api/v1/workflow', { preset: 'portal' });

  // Billing, Monday 2 March: answered after 10 min, closed after 2 h.
  at('2026-03-02T09:00:00.000Z');
  const t1 = await openTicket(w.alice, w.billing.id, { subject: 'T1' });
  at('2026-03-02T09:10:00.000Z');
  await reply(w.agent, t1.number);
  at('2026-03-02T11:00:00.000Z');
  await move(w.agent, t1.number, 'closed');

  // Billing: answered after 30 min, resolved the next day after 24 h.
  at('2026-03-02T12:00:00.000Z');
  const t2 = await openTicket(w.bob, w.billing.id, { subject: 'T2' });
  at('2026-03-02T12:30:00.000Z');
  await reply(w.agent, t2.number);
  at('2026-03-03T12:00:00.000Z');
  await move(w.agent, t2.number, 'resolved');

  // Billing, Tuesday: answered after 1 h, still being worked on.
  at('2026-03-03T08:00:00.000Z');
  const t3 = await openTicket(w.alice, w.billing.id, { subject: 'T3' });
  at('2026-03-03T09:00:00.000Z');
  await reply(w.agent, t3.number);
  await move(w.agent, t3.number, 'in_progress');

  // Technical, Tuesday: only the technical agent and the admin see it.
  at('2026-03-03T10:00:00.000Z');
  await openTicket(w.carol, w.tech.id, { subject: 'T5' });

  // Billing, the Monday after: not answered.
  at('2026-03-09T10:00:00.000Z');
  await openTicket(w.alice, w.billing.id, { subject: 'T4' });

  at('2026-03-10T15:00:00.000Z');
});
afterAll(() => env?.close());

const days = (rows: VolumeRow[]) => rows.filter((r) => r.created || r.resolved);

describe('GET /api/v1/reports/volume', () => {
  it('counts created and resolved tickets per day, listing quiet days as zeros', async () => {
    const rows = await w.agent.get<VolumeRow[]>(
      '/api/v1/reports/volume?from=2026-03-02T00:00:00Z&to=2026-03-10T00:00:00Z',
    );
    expect(rows.map((r) => r.period)).toEqual([
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
      '2026-03-08',
      '2026-03-09',
    ]);
    expect(days(rows)).toEqual([
      { period: '2026-03-02', created: 2, resolved: 1 },
      { period: '2026-03-03', created: 1, resolved: 1 },
      { period: '2026-03-09', created: 1, resolved: 0 },
    ]);
  });

  it('groups by ISO week starting on Monday', async () => {
    const rows = await w.agent.get<VolumeRow[]>(
      '/api/v1/reports/volume?from=2026-03-02T00:00:00Z&to=2026-03-16T00:00:00Z&interval=week',
    );
    expect(rows).toEqual([
      { period: '2026-03-02', created: 3, resolved: 2 },
      { period: '2026-03-09', created: 1, resolved: 0 },
    ]);
  });

  it('without a range runs from the first visible ticket to now', async () => {
    const rows = await w.agent.get<VolumeRow[]>('/api/v1/reports/volume');
    expect(rows[0]?.period).toBe('2026-03-02');
    expect(rows.at(-1)?.period).toBe('2026-03-10');
    expect(rows).toHaveLength(9);
  });

  it('a range ending at the last instant of the year 9999 ends there (it once never ended)', async () => {
    const rows = await w.agent.get<VolumeRow[]>('/api/v1/reports/volume?to=9999-12-31T23:59:59.999Z');
    expect(rows.at(-1)?.period).toBe('9999-12-31');
    const weeks = await w.agent.get<VolumeRow[]>(
      '/api/v1/reports/volume?to=9999-12-31T23:59:59.999Z&interval=week',
    );
    expect(weeks.at(-1)?.period).toBe('9999-12-27');
  });

  it('an instant bound is exact: a range ending at 10:00 on Monday leaves out the ticket of 12:00', async () => {
    const rows = await w.agent.get<VolumeRow[]>(
      '/api/v1/reports/volume?from=2026-03-02T00:00:00Z&to=2026-03-02T10:00:00Z',
    );
    expect(rows).toEqual([{ period: '2026-03-02', created: 1, resolved: 0 }]);
  });

  it('the admin sees every department; another department’s agent sees only its own ticket', async () => {
    const all = await w.admin.get<VolumeRow[]>(
      '/api/v1/reports/volume?from=2026-03-02T00:00:00Z&to=2026-03-10T00:00:00Z',
    );
    expect(days(all)).toEqual([
      { period: '2026-03-02', created: 2, resolved: 1 },
      { period: '2026-03-03', created: 2, resolved: 1 },
      { period: '2026-03-09', created: 1, resolved: 0 },
    ]);
    const tech = await w.techAgent.get<VolumeRow[]>(
      '/api/v1/reports/volume?from=2026-03-02T00:00:00Z&to=2026-03-10T00:00:00Z',
    );
    expect(days(tech)).toEqual([{ period: '2026-03-03', created: 1, resolved: 0 }]);
  });
});

describe('GET /api/v1/reports/backlog', () => {
  it('counts tickets not solved or closed by status and by department', async () => {
    const backlog = await w.agent.get<BacklogReport>('/api/v1/reports/backlog');
    expect(backlog.byStatus).toEqual([
      { status: 'in_progress', category: 'open', count: 1 },
      { status: 'open', category: 'open', count: 1 },
    ]);
    expect(backlog.byDepartment).toEqual([{ departmentId: w.billing.id, name: w.billing.name, count: 2 }]);

    const all = await w.admin.get<BacklogReport>('/api/v1/reports/backlog');
    expect(all.byStatus).toEqual([
      { status: 'open', category: 'open', count: 2 },
      { status: 'in_progress', category: 'open', count: 1 },
    ]);
    expect(all.byDepartment).toEqual([
      { departmentId: w.billing.id, name: w.billing.name, count: 2 },
      { departmentId: w.tech.id, name: w.tech.name, count: 1 },
    ]);

    const tech = await w.techAgent.get<BacklogReport>('/api/v1/reports/backlog');
    expect(tech.byDepartment).toEqual([{ departmentId: w.tech.id, name: w.tech.name, count: 1 }]);
  });
});

describe('GET /api/v1/reports/response-times', () => {
  it('gives the median and 90th percentile in minutes over tickets created in the range', async () => {
    const r = await w.agent.get<ResponseTimesReport>(
      '/api/v1/reports/response-times?from=2026-03-02T00:00:00Z&to=2026-03-10T00:00:00Z',
    );
    // First responses 10, 30, 60 min; resolutions 120 and 1440 min (T4 has neither).
    expect(r).toEqual({
      firstResponse: { count: 3, medianMinutes: 30, p90Minutes: 54 },
      resolution: { count: 2, medianMinutes: 780, p90Minutes: 1308 },
      sampled: false,
    });
    const monday = await w.agent.get<ResponseTimesReport>(
      '/api/v1/reports/response-times?from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z',
    );
    expect(monday.firstResponse).toEqual({ count: 2, medianMinutes: 20, p90Minutes: 28 });
    expect(monday.resolution).toEqual({ count: 2, medianMinutes: 780, p90Minutes: 1308 });
  });

  it('another department’s agent measures none of these tickets', async () => {
    const r = await w.techAgent.get<ResponseTimesReport>('/api/v1/reports/response-times');
    expect(r).toEqual({
      firstResponse: { count: 0, medianMinutes: null, p90Minutes: null },
      resolution: { count: 0, medianMinutes: null, p90Minutes: null },
      sampled: false,
    });
  });
});

describe('reports as CSV', () => {
  const csv = async (c: Client, url: string) => {
    const res = await c.request('GET', url);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[a-z-]+-2026-03-10\.csv"$/);
    expect(res.body.startsWith('\ufeff')).toBe(true);
    return res.body.slice(1).trimEnd().split('\r\n').join('\n').split('\n');
  };
  const range = 'from=2026-03-02T00:00:00.000Z&to=2026-03-04T00:00:00.000Z';

  it('volume: the JSON figures, a row per period, for the same range and interval', async () => {
    const json = await w.admin.get<VolumeRow[]>(`/api/v1/reports/volume?${range}`);
    const lines = await csv(w.admin, `/api/v1/reports/volume.csv?${range}`);
    expect(lines).toEqual([
      'Period,Created,Resolved',
      ...json.map((r) => `${r.period},${r.created},${r.resolved}`),
    ]);
    expect(lines.slice(1)).toEqual(['2026-03-02,2,1', '2026-03-03,2,1']);
    // The technical ticket of Tuesday is not the billing agent's to count.
    expect((await csv(w.agent, `/api/v1/reports/volume.csv?${range}`)).slice(1)).toEqual([
      '2026-03-02,2,1',
      '2026-03-03,1,1',
    ]);
  });

  it('backlog, response times and satisfaction: the same numbers as their JSON', async () => {
    const backlog = await w.agent.get<BacklogReport>('/api/v1/reports/backlog');
    expect(await csv(w.agent, '/api/v1/reports/backlog.csv')).toEqual([
      'Group,Name,Category,Unsolved tickets',
      ...backlog.byStatus.map((s) => `status,${s.status},${s.category},${s.count}`),
      ...backlog.byDepartment.map((d) => `department,${d.name},,${d.count}`),
    ]);
    const times = await w.admin.get<ResponseTimesReport>(`/api/v1/reports/response-times?${range}`);
    const cells = (v: number | null) => (v === null ? '' : String(v));
    expect(await csv(w.admin, `/api/v1/reports/response-times.csv?${range}`)).toEqual([
      'Measure,Tickets,Median minutes,90th percentile minutes,Sampled',
      `first response,${times.firstResponse.count},${cells(times.firstResponse.medianMinutes)},${cells(times.firstResponse.p90Minutes)},no`,
      `resolution,${times.resolution.count},${cells(times.resolution.medianMinutes)},${cells(times.resolution.p90Minutes)},no`,
    ]);
    const [head, row] = await csv(w.admin, '/api/v1/reports/csat.csv');
    expect(head).toMatch(/^Surveys sent,Responses,Average rating,Satisfied %/);
    expect(row).toMatch(/^0,0,,/);
  });

  it('the same refusals as the JSON: customers 403, a bad range 400', async () => {
    expect((await w.alice.request('GET', '/api/v1/reports/volume.csv')).statusCode).toBe(403);
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/reports/backlog.csv' })).statusCode).toBe(
      401,
    );
    const bad = await w.admin.request('GET', '/api/v1/reports/volume.csv?interval=month');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
  });
});

describe('refusals', () => {
  const urls = ['/api/v1/reports/volume', '/api/v1/reports/backlog', '/api/v1/reports/response-times'];

  it('customers get 403, anonymous callers 401', async () => {
    for (const url of urls) {
      expect((await w.alice.request('GET', url)).statusCode, url).toBe(403);
      expect((await env.app.inject({ method: 'GET', url })).statusCode, url).toBe(401);
    }
  });

  it.each([
    '/api/v1/reports/volume?interval=month',
    '/api/v1/reports/volume?from=2026-13-01T00:00:00Z',
    '/api/v1/reports/volume?from=yesterday',
    '/api/v1/reports/volume?from=2026-03-02',
    '/api/v1/reports/volume?from=2026-03-02T00:00:00%2B01:00',
    '/api/v1/reports/volume?from=2026-03-09T00:00:00Z&to=2026-03-02T00:00:00Z',
    '/api/v1/reports/volume?from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z',
    '/api/v1/reports/volume?from=2000-01-01T00:00:00Z',
    '/api/v1/reports/volume?colour=blue',
    '/api/v1/reports/response-times?to=2026-02-30T00:00:00Z',
    '/api/v1/reports/response-times?from=2026-03-09T00:00:00Z&to=2026-03-02T00:00:00Z',
    '/api/v1/reports/response-times?interval=day',
    '/api/v1/reports/backlog?from=2026-03-02T00:00:00Z',
  ])('%s is a 400', async (url) => {
    const res = await w.admin.request('GET', url);
    expect(res.statusCode, res.body).toBe(400);
  });

  it('the report routes are in the OpenAPI document', async () => {
    const doc = (await env.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
      paths: Record<string, unknown>;
    };
    for (const url of urls) expect(doc.paths).toHaveProperty([url]);
  });
});
