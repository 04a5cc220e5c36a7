import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, makeWorld } from './client.js';
import { startTestApp, type TestEnv } from './helpers.js';

// Service-level policies through the API, on both engines: administrators create, change, order
// and delete them (audited), staff read them, customers are refused; what a policy names must
// exist, bad input answers 400 or 409 and changes nothing, and a calendar a policy counts on cannot
// be deleted.

type Json = Record<string, unknown>;
type Policy = Json & { id: string; name: string; position: number; calendarId: string };

let env: TestEnv;
let w: Awaited<ReturnType<typeof makeWorld>>;
let calendarId: string;
let serviceId: string;
const TYPE = 'sla_incident';

beforeAll(async () => {
  env = await startTestApp();
  w = await makeWorld(env.app);
  const day = [{ start: '09:00', end: '17:00' }];
  calendarId = (
    await w.admin.expect<{ id: string }>(201, 'POST', '/api/v1/calendars', {
      name: 'SLA office',
      timeZone: 'Europe/Berlin',
      hours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] },
    })
  ).id;
  serviceId = (await w.admin.expect<{ id: string }>(201, 'POST', '/api/v1/services', { name: 'SLA hosting' }))
    .id;
  await w.admin.expect(201, 'POST', '/api/v1/ticket-types', { key: TYPE, name: 'Incident' });
});
afterAll(async () => {
  await env?.close();
});

let seq = 0;
const body = (extra: Json = {}) => ({
  name: `Gold ${++seq}`,
  calendarId,
  conditions: { priorities: ['high', 'urgent'], departmentIds: [w.billing.id] },
  targets: [
    { priority: 'high', metric: 'firstReply', minutes: 240, businessHours: true },
    { priority: 'urgent', metric: 'firstReply', minutes: 60, businessHours: false },
    { priority: 'urgent', metric: 'resolution', minutes: 8 * 60 },
  ],
  ...extra,
});
const create = (extra: Json = {}) => w.admin.expect<Policy>(201, 'POST', '/api/v1/sla/policies', body(extra));
const list = async (c: Client = w.admin) => (await c.get<{ items: Policy[] }>('/api/v1/sla/policies')).items;
const names = async () => (await list()).map((p) => p.name);
const auditCount = async () =>
  (await w.admin.get<{ items: Json[] }>('/api/v1/admin/audit?action=settings_changed&limit=100')).items
    .length;
const lastAudit = async () =>
  (await w.admin.get<{ items: Json[] }>('/api/v1/admin/audit?action=settings_changed&limit=1')).items[0];
/** How many recomputations of tickets' clocks have been queued. */
const resyncs = async () =>
  (await env.database.db.selectFrom('outbox').select('id').where('topic', '=', 'sla.resync').execute())
    .length;
const order = (c: Client, ids: string[]) => c.request('PUT', '/api/v1/sla/policies/order', { ids });

describe('service-level policies', () => {
  it('an administrator creates policies, each after the last, with the defaults filled in; on the audit trail', async () => {
    const queued = await resyncs();
    const first = await create();
    // Tickets' clocks are recomputed under the new policies in the background.
    expect(await resyncs()).toBe(queued + 1);
    expect(first).toMatchObject({
      enabled: true,
      calendarId,
      conditions: { priorities: ['high', 'urgent'], departmentIds: [w.billing.id] },
      pauseOn: { firstReply: ['pending'], nextReply: ['pending'], resolution: ['pending'] },
      warning: { percent: 80 },
      notifyOutsideHours: false,
    });
    expect(first.targets).toContainEqual({
      priority: 'urgent',
      metric: 'resolution',
      minutes: 480,
      businessHours: true,
    });
    expect(await lastAudit()).toMatchObject({
      details: { area: 'sla_policy', created: first.name, calendarId },
    });
    const second = await create({
      enabled: false,
      conditions: {
        types: [TYPE],
        organisationIds: [w.orgA.id],
        serviceIds: [serviceId],
        channels: ['email'],
        tags: ['vip'],
        departmentIds: [],
      },
      pauseOn: { firstReply: [], nextReply: ['pending', 'on_hold'], resolution: ['on_hold'] },
      warning: { minutesBefore: 30 },
      notifyOutsideHours: true,
    });
    expect(second.position).toBeGreaterThan(first.position);
    // An empty list matches any, so it is left out.
    expect(second.conditions).toEqual({
      types: [TYPE],
      organisationIds: [w.orgA.id],
      serviceIds: [serviceId],
      channels: ['email'],
      tags: ['vip'],
    });
    expect(second).toMatchObject({
      enabled: false,
      warning: { minutesBefore: 30 },
      notifyOutsideHours: true,
    });
    const all = await list();
    expect(all.map((p) => p.id).slice(-2)).toEqual([first.id, second.id]);
    expect(await w.admin.get(`/api/v1/sla/policies/${second.id}`)).toEqual(second);
  });

  it('the order is set by naming every policy once; anything else is refused in words and changes nothing', async () => {
    const a = await create();
    const b = await create();
    const before = await list();
    const ids = before.map((p) => p.id);
    const cases: [string[], RegExp][] = [
      [ids.slice(1), /is missing; name every policy once/],
      [[...ids, ids[0] as string], /is named twice/],
      [[...ids.slice(1), 'nope'], /there is no policy nope/],
      [[], /is missing/],
    ];
    for (const [given, why] of cases) {
      const res = await order(w.admin, given);
      expect(res.statusCode, JSON.stringify(given)).toBe(400);
      expect(res.json().detail).toMatch(why);
    }
    expect(await list()).toEqual(before);

    const queued = await resyncs();
    const reversed = [...ids].reverse();
    const res = await order(w.admin, reversed);
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json().items as Policy[]).map((p) => p.id)).toEqual(reversed);
    const now = await list();
    expect(now.map((p) => p.id)).toEqual(reversed);
    expect(now.map((p) => p.position)).toEqual(reversed.map((_, i) => i));
    expect(await lastAudit()).toMatchObject({
      details: {
        area: 'sla_policy',
        reordered: [
          b.name,
          a.name,
          ...before
            .slice(0, -2)
            .reverse()
            .map((p) => p.name),
        ],
      },
    });
    // The same order again changes nothing and records nothing.
    const entries = await auditCount();
    expect((await order(w.admin, reversed)).statusCode).toBe(200);
    expect(await auditCount()).toBe(entries);
    expect(await resyncs()).toBe(queued + 1);
    // A new policy still comes last.
    const c = await create();
    expect((await list()).at(-1)?.id).toBe(c.id);
  });

  it('bad input answers 400 or 409 with what is wrong, and changes nothing', async () => {
    const existing = await create();
    const before = await list();
    const entries = await auditCount();
    const queued = await resyncs();
    const cases: [Json, number, RegExp][] = [
      [{ calendarId: 'no-such-calendar' }, 400, /^calendarId: no such calendar/],
      [
        {
          targets: [
            { priority: 'normal', metric: 'resolution', minutes: 60 },
            { priority: 'normal', metric: 'resolution', minutes: 120, businessHours: false },
          ],
        },
        400,
        /^targets\.1: Normal priority has a resolution target twice/,
      ],
      [
        { conditions: { departmentIds: [w.billing.id, 'gone'] } },
        400,
        /conditions\.departmentIds: no such department: gone/,
      ],
      [
        { conditions: { organisationIds: ['gone'] } },
        400,
        /conditions\.organisationIds: no such organisation/,
      ],
      [{ conditions: { serviceIds: ['gone'] } }, 400, /conditions\.serviceIds: no such service/],
      [{ conditions: { types: ['no_such_type'] } }, 400, /conditions\.types: no such ticket type/],
      [{ conditions: { priorities: ['extreme'] } }, 400, /priorities/],
      [{ conditions: { colour: ['red'] } }, 400, /colour/],
      [{ targets: [] }, 400, /targets/],
      [{ targets: [{ priority: 'low', metric: 'firstReply', minutes: 0 }] }, 400, /minutes/],
      [{ targets: [{ priority: 'low', metric: 'lunch', minutes: 5 }] }, 400, /metric/],
      [{ pauseOn: { firstReply: ['asleep'], nextReply: [], resolution: [] } }, 400, /pauseOn/],
      [{ warning: { percent: 100 } }, 400, /warning/],
      [{ name: '' }, 400, /name/],
      [{ name: existing.name }, 409, /A service-level policy with this name exists/],
    ];
    for (const [extra, status, why] of cases) {
      const res = await w.admin.request('POST', '/api/v1/sla/policies', body(extra));
      expect(res.statusCode, JSON.stringify(extra)).toBe(status);
      expect(res.json().detail, JSON.stringify(extra)).toMatch(why);
    }
    for (const [extra, status, why] of cases.filter(([e]) => !('name' in e))) {
      const res = await w.admin.request('PATCH', `/api/v1/sla/policies/${existing.id}`, extra);
      expect(res.statusCode, JSON.stringify(extra)).toBe(status);
      expect(res.json().detail, JSON.stringify(extra)).toMatch(why);
    }
    const other = before.find((p) => p.id !== existing.id);
    const taken = await w.admin.request('PATCH', `/api/v1/sla/policies/${existing.id}`, {
      name: other?.name,
    });
    expect(taken.statusCode).toBe(409);
    expect(await list()).toEqual(before);
    expect(await auditCount()).toBe(entries);
    expect(await resyncs()).toBe(queued);
  });

  it('an administrator changes and deletes one, on the audit trail; staff read; customers are refused', async () => {
    const p = await create();
    const queued = await resyncs();
    const changed = await w.admin.expect<Policy>(200, 'PATCH', `/api/v1/sla/policies/${p.id}`, {
      enabled: false,
      warning: null,
      targets: [{ priority: 'low', metric: 'nextReply', minutes: 24 * 60, businessHours: false }],
    });
    expect(changed).toMatchObject({ name: p.name, enabled: false, warning: null, position: p.position });
    expect(changed.targets).toEqual([
      { priority: 'low', metric: 'nextReply', minutes: 1440, businessHours: false },
    ]);
    const entry = await lastAudit();
    expect(entry).toMatchObject({ details: { area: 'sla_policy', changed: p.name } });
    expect(Object.keys((entry?.details as { changes: Json } | undefined)?.changes ?? {}).sort()).toEqual([
      'enabled',
      'targets',
      'warning',
    ]);
    expect(await resyncs()).toBe(queued + 1);
    // Nothing changed, nothing recorded, nothing recomputed.
    const entries = await auditCount();
    expect(await w.admin.expect(200, 'PATCH', `/api/v1/sla/policies/${p.id}`, { enabled: false })).toEqual(
      changed,
    );
    expect(await auditCount()).toBe(entries);
    expect(await resyncs()).toBe(queued + 1);

    expect(await w.agent.get(`/api/v1/sla/policies/${p.id}`)).toEqual(changed);
    expect((await list(w.agent)).map((x) => x.id)).toEqual((await list()).map((x) => x.id));
    const ids = (await list()).map((x) => x.id);
    for (const res of [
      await w.agent.request('POST', '/api/v1/sla/policies', body()),
      await w.agent.request('PATCH', `/api/v1/sla/policies/${p.id}`, { enabled: true }),
      await w.agent.request('DELETE', `/api/v1/sla/policies/${p.id}`),
      await order(w.agent, [...ids].reverse()),
      await w.alice.request('GET', '/api/v1/sla/policies'),
      await w.alice.request('GET', `/api/v1/sla/policies/${p.id}`),
      await w.alice.request('POST', '/api/v1/sla/policies', body()),
      await order(w.alice, ids),
    ])
      expect(res.statusCode).toBe(403);
    expect(await w.admin.get(`/api/v1/sla/policies/${p.id}`)).toEqual(changed);
    expect((await list()).map((x) => x.id)).toEqual(ids);

    expect((await w.admin.request('DELETE', `/api/v1/sla/policies/${p.id}`)).statusCode).toBe(204);
    expect(await resyncs()).toBe(queued + 2);
    expect(await lastAudit()).toMatchObject({ details: { area: 'sla_policy', deleted: p.name } });
    expect((await w.admin.request('GET', `/api/v1/sla/policies/${p.id}`)).statusCode).toBe(404);
    expect((await w.admin.request('DELETE', `/api/v1/sla/policies/${p.id}`)).statusCode).toBe(404);
    expect((await w.admin.request('PATCH', `/api/v1/sla/policies/${p.id}`, { name: 'x' })).statusCode).toBe(
      404,
    );
    // The order now names the others only.
    expect((await order(w.admin, ids)).statusCode).toBe(400);
    expect(
      (
        await order(
          w.admin,
          ids.filter((x) => x !== p.id),
        )
      ).statusCode,
    ).toBe(200);
  });

  it('a calendar a policy counts on cannot be deleted until no policy does', async () => {
    const day = [{ start: '08:00', end: '16:00' }];
    const cal = await w.admin.expect<{ id: string }>(201, 'POST', '/api/v1/calendars', {
      name: 'Short-lived',
      timeZone: 'UTC',
      hours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] },
    });
    const p = await create({ calendarId: cal.id });
    const refused = await w.admin.request('DELETE', `/api/v1/calendars/${cal.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain(`“${p.name}”`);
    expect((await w.admin.request('GET', `/api/v1/calendars/${cal.id}`)).statusCode).toBe(200);

    await w.admin.expect(200, 'PATCH', `/api/v1/sla/policies/${p.id}`, { calendarId: '24x7' });
    expect((await w.admin.request('DELETE', `/api/v1/calendars/${cal.id}`)).statusCode).toBe(204);
    expect((await w.admin.get<Policy>(`/api/v1/sla/policies/${p.id}`)).calendarId).toBe('24x7');
    expect(await names()).toContain(p.name);
  });
});
