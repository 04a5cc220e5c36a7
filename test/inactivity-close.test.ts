import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReasonValues } from '../common/timeline.js';
import { down, up } from '../src/db/migrations/0011_classic_close_answered.js';
import { newId } from '../src/lib/crypto.js';
import { reasonText } from '../src/modules/ticket-data/reasons.js';
import { runTimerSweep } from '../src/modules/workflow/timers.service.js';
import { PRESETS } from '../src/workflow/presets/index.js';
import { makeWorld, openTicket } from './client.js';
import { startTestApp, type TestEnv } from './helpers.js';

// The classic preset's inactivity close, against a clock the test moves and an explicit sweep:
// it closes tickets waiting on the customer, never tickets waiting on the staff.

const DAY = 86_400_000;
let now = Date.parse('2026-03-01T09:00:00.000Z');
const clock = () => new Date(now);
let env: TestEnv;
let w: Awaited<ReturnType<typeof makeWorld>>;

beforeAll(async () => {
  // Sessions outlive the weeks this test moves the clock through.
  env = await startTestApp({
    clock,
    env: { TESSERA_SESSION_DAYS: '365', TESSERA_WORKFLOW_PRESET: 'classic' },
  });
  w = await makeWorld(env.app);
});
afterAll(() => env?.close());

type Event = {
  field: string | null;
  from: string | null;
  to: string | null;
  actor: { kind: string };
  reason: string | null;
};
const statusOf = async (n: number) =>
  (await w.agent.get<{ status: { key: string } }>(`/api/v1/tickets/${n}`)).status.key;
const reply = (who: typeof w.agent, n: number, body: string) =>
  who.expect(201, 'POST', `/api/v1/tickets/${n}/messages`, { body });
const sweep = () => runTimerSweep(env.app.ctx);

describe('classic: inactivity close', () => {
  it('a ticket nobody on the staff answered stays open however long it waits', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    now += 30 * DAY;
    await sweep();
    expect(await statusOf(t.number)).toBe('open');
    await reply(w.alice, t.number, 'Anyone there?');
    expect(await statusOf(t.number)).toBe('customer_reply');
    now += 60 * DAY;
    await sweep();
    expect(await statusOf(t.number)).toBe('customer_reply');
  });

  it('an answered ticket closes after 7 days without the customer; their reply makes it wait on staff again', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    await reply(w.agent, t.number, 'Try turning it off and on again.');
    expect(await statusOf(t.number)).toBe('answered');
    now += 6 * DAY;
    await sweep();
    expect(await statusOf(t.number)).toBe('answered');
    await reply(w.alice, t.number, 'Still broken.');
    expect(await statusOf(t.number)).toBe('customer_reply');
    now += 30 * DAY;
    await sweep();
    expect(await statusOf(t.number)).toBe('customer_reply');

    await reply(w.agent, t.number, 'Fixed on our side.');
    now += 7 * DAY;
    await sweep();
    expect(await statusOf(t.number)).toBe('closed');
    const { items } = await w.agent.get<{ items: Event[] }>(`/api/v1/tickets/${t.number}/events`);
    expect(items.filter((e) => e.field === 'status').at(-1)).toMatchObject({
      from: 'answered',
      to: 'closed',
      actor: { kind: 'automation' },
      reason: '7 days without activity',
      reasonCode: 'timer_idle',
      reasonValues: { count: 7, unit: 'day' },
    });
    // The code is what a reader of another language reads; English is the default.
    const closed = items.filter((e) => e.field === 'status').at(-1) as Event & { reasonValues: ReasonValues };
    expect(reasonText('de', { code: 'timer_idle', values: closed.reasonValues })).toBe(
      '7 Tage ohne Aktivität',
    );
    expect(reasonText('en', { code: 'timer_idle', values: closed.reasonValues })).toBe(
      '7 days without activity',
    );

    // An event written before codes were kept shows its sentence as it is.
    await env.database.db
      .insertInto('ticket_events')
      .values({
        id: newId(),
        ticket_id: (
          await env.database.db
            .selectFrom('tickets')
            .select('id')
            .where('number', '=', t.number)
            .executeTakeFirstOrThrow()
        ).id,
        actor_id: null,
        actor_kind: 'automation',
        type: 'reminder',
        field: null,
        from_value: null,
        to_value: null,
        public: 1,
        reason: 'reminder after P3D',
        created_at: clock().toISOString(),
      })
      .execute();
    const again = await w.agent.get<{ items: Event[] }>(`/api/v1/tickets/${t.number}/events`);
    expect(again.items.at(-1)).toMatchObject({
      reason: 'reminder after P3D',
      reasonCode: null,
      reasonValues: null,
    });
  });

  it('an installation that saved the old classic preset is moved along by migration 0011', async () => {
    const old = {
      ...structuredClone(PRESETS.classic),
      timers: [{ ...PRESETS.classic.timers[0]!, status: '*' }],
    };
    await w.admin.expect(200, 'PUT', '/api/v1/workflow', old);
    const t = await openTicket(w.alice, w.billing.id);
    const answered = await openTicket(w.alice, w.billing.id);
    await reply(w.agent, answered.number, 'Done.');

    await up(env.database.db);
    const doc = await w.admin.get<{ timers: unknown[] }>('/api/v1/workflow');
    expect(doc.timers).toEqual(PRESETS.classic.timers);
    now += 8 * DAY;
    await sweep();
    expect(await statusOf(t.number)).toBe('open');
    expect(await statusOf(answered.number)).toBe('closed');

    await down(env.database.db);
    expect((await w.admin.get<{ timers: unknown[] }>('/api/v1/workflow')).timers).toEqual(old.timers);
    await up(env.database.db);
  });

  it('a timer an administrator wrote is left as it is', async () => {
    const own = [{ status: '*', after: 'P30D', action: 'transition', to: 'closed' }];
    await w.admin.expect(200, 'PUT', '/api/v1/workflow', {
      ...structuredClone(PRESETS.classic),
      timers: own,
    });
    await up(env.database.db);
    expect((await w.admin.get<{ timers: unknown[] }>('/api/v1/workflow')).timers).toEqual(own);
  });
});
