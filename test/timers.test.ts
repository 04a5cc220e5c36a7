import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { openDatabase } from '../src/db/database.js';
import { applyDueTimers, runTimerSweep } from '../src/modules/workflow/timers.service.js';
import { dueTicketIds } from '../src/modules/workflow/workflow.repository.js';
import { makeWorld, openTicket } from './client.js';
import { engine, startTestApp, type TestEnv } from './helpers.js';

// Timers against a clock the test moves: exactly-once, catch-up after downtime, races with replies.

const DAY = 86_400_000;
let now = Date.parse('2026-03-01T09:00:00.000Z');
const clock = () => new Date(now);
let env: TestEnv;
let w: Awaited<ReturnType<typeof makeWorld>>;

beforeAll(async () => {
  // Sessions outlive the weeks this test moves the clock through.
  env = await startTestApp({ clock, env: { TESSERA_SESSION_DAYS: '365' } });
  w = await makeWorld(env.app);
  await w.admin.expect(200, 'PUT', '/api/v1/workflow', { preset: 'escalation' });
});
afterAll(() => env?.close());

const count = async (
  table: 'ticket_events' | 'outbox' | 'surveys',
  ticketId: string,
  extra?: (q: string) => boolean,
) => {
  const db = env.database.db;
  if (table === 'outbox') {
    const rows = await db.selectFrom('outbox').select(['payload']).execute();
    return rows.filter((r) => r.payload.includes(ticketId) && (!extra || extra(r.payload))).length;
  }
  const rows = await db.selectFrom(table).select('id').where('ticket_id', '=', ticketId).execute();
  return rows.length;
};
const idOf = async (n: number) =>
  (await env.database.db.selectFrom('tickets').select('id').where('number', '=', n).executeTakeFirstOrThrow())
    .id;

describe('timer sweep', () => {
  it('after 10 days of downtime: closes once, one closing notice, no burst of stale reminders', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    await w.agent.expect(200, 'PATCH', `/api/v1/tickets/${t.number}`, { status: 'awaiting_customer' });
    now += 10 * DAY;
    const first = await runTimerSweep(env.app.ctx);
    expect(first.moved).toBeGreaterThanOrEqual(1);
    const second = await runTimerSweep(env.app.ctx);
    expect(second).toEqual({ examined: 0, moved: 0, reminded: 0 });
    const id = await idOf(t.number);
    const status = await w.agent.get<{ status: { key: string } }>(`/api/v1/tickets/${t.number}`);
    expect(status.status.key).toBe('closed');
    expect(await count('outbox', id, (p) => p.includes('"ticket.closed"'))).toBe(1);
    expect(await count('outbox', id, (p) => p.includes('"ticket.reminder"'))).toBe(0);
    expect(await count('surveys', id)).toBe(1);
  });

  it('reminders at 2 and 5 days, each once, however often the sweep runs', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    await w.agent.expect(200, 'PATCH', `/api/v1/tickets/${t.number}`, { status: 'awaiting_customer' });
    const id = await idOf(t.number);
    const base = now;
    const reminders = async () => count('outbox', id, (p) => p.includes('"ticket.reminder"'));
    now = base + 1 * DAY;
    await runTimerSweep(env.app.ctx);
    expect(await reminders()).toBe(0);
    now = base + 2 * DAY;
    await runTimerSweep(env.app.ctx);
    await runTimerSweep(env.app.ctx);
    expect(await reminders()).toBe(1);
    now = base + 5 * DAY;
    await Promise.all([runTimerSweep(env.app.ctx), runTimerSweep(env.app.ctx)]);
    expect(await reminders()).toBe(2);
    now = base + 7 * DAY;
    await runTimerSweep(env.app.ctx);
    expect((await w.agent.get<{ status: { key: string } }>(`/api/v1/tickets/${t.number}`)).status.key).toBe(
      'closed',
    );
    expect(await reminders()).toBe(2);
  });

  it('a customer reply that lands between the sweep’s read and its write wins', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    await w.agent.expect(200, 'PATCH', `/api/v1/tickets/${t.number}`, { status: 'resolved' });
    now += 3 * DAY;
    const id = await idOf(t.number);
    const due = await dueTicketIds(env.database.db, clock().toISOString(), 100);
    expect(due).toContain(id);
    await w.alice.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, { body: 'Not fixed, sorry' });
    expect(await applyDueTimers(env.app.ctx, id)).toBe('none');
    const after = await w.agent.get<{ status: { key: string } }>(`/api/v1/tickets/${t.number}`);
    expect(after.status.key).toBe('with_support');
  });

  it.runIf(engine === 'postgres')(
    'two schedulers on one database close 200 due tickets once each',
    async () => {
      const numbers: number[] = [];
      for (let i = 0; i < 200; i++) {
        const t = await openTicket(i % 2 ? w.alice : w.bob, w.billing.id, { subject: `Due ${i}` });
        numbers.push(t.number);
      }
      await Promise.all(
        numbers.map((n) => w.agent.expect(200, 'PATCH', `/api/v1/tickets/${n}`, { status: 'resolved' })),
      );
      now += 3 * DAY;
      const second = openDatabase(env.url, { poolSize: 5 });
      const node2 = await buildApp({ config: env.app.ctx.config, database: second, clock, logger: false });
      try {
        const [a, b] = await Promise.all([runTimerSweep(env.app.ctx), runTimerSweep(node2.ctx)]);
        expect(a.moved + b.moved).toBe(200);
      } finally {
        await node2.close();
        await second.close();
      }
      const db = env.database.db;
      const ids = await db
        .selectFrom('tickets')
        .select(['id', 'status'])
        .where('number', 'in', numbers)
        .execute();
      expect(ids.every((r) => r.status === 'closed')).toBe(true);
      const closeEvents = await db
        .selectFrom('ticket_events')
        .select(['ticket_id'])
        .where(
          'ticket_id',
          'in',
          ids.map((r) => r.id),
        )
        .where('to_value', '=', 'closed')
        .execute();
      expect(closeEvents).toHaveLength(200);
      const outbox = await db.selectFrom('outbox').select('payload').execute();
      const closedNotices = outbox.filter(
        (r) => r.payload.includes('"ticket.closed"') && ids.some((t) => r.payload.includes(t.id)),
      );
      expect(closedNotices).toHaveLength(200);
    },
  );
});
