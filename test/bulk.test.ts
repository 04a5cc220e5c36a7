import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../common/api.js';
import type { BulkJob } from '../common/bulk.js';
import { type Client, makeWorld, openTicket } from './client.js';
import { startTestApp, type TestEnv } from './helpers.js';
import { startSmtpSink } from './smtp-sink.js';

// Bulk changes: each ticket changed as a single edit would change it, or skipped with the
// reason; one digest per recipient instead of a notice per ticket; progress while it runs.

let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let env: TestEnv;
let w: Awaited<ReturnType<typeof makeWorld>>;

beforeAll(async () => {
  sink = await startSmtpSink();
  env = await startTestApp({
    env: {
      SMTP_URL: sink.url,
      MAIL_FROM: 'Acme Support <support@helpdesk.test>',
      TESSERA_WORKFLOW_PRESET: 'classic',
    },
  });
  w = await makeWorld(env.app);
});
afterAll(async () => {
  await env?.close();
  await sink?.close();
});

const db = () => env.database.db;

/** Starts a bulk change, works the outbox until it is done, and returns the job as its starter sees it. */
async function runBulk(client: Client, body: unknown): Promise<BulkJob> {
  const started = await client.expect<BulkJob>(202, 'POST', '/api/v1/tickets/bulk', body);
  expect(started.status).toBe('queued');
  await env.drain();
  return client.get<BulkJob>(`/api/v1/tickets/bulk/${started.id}`);
}

/** Opens `n` tickets, `per` at once, through the API. */
async function openMany(client: Client, n: number, extra: (i: number) => Record<string, unknown>) {
  const out: Ticket[] = [];
  for (let i = 0; i < n; i += 50) {
    const chunk = Array.from({ length: Math.min(50, n - i) }, (_, j) =>
      openTicket(client, w.billing.id, { subject: `Bulk ${i + j}`, ...extra(i + j) }),
    );
    out.push(...(await Promise.all(chunk)));
  }
  return out;
}

/** The outbox's jobs of a topic created since `since`. */
async function jobsSince(topic: string, since: string) {
  return db()
    .selectFrom('outbox')
    .select(['payload', 'dedupe_key'])
    .where('topic', '=', topic)
    .where('created_at', '>', since)
    .execute();
}

/** Settles the outbox as it stands (the tickets' own opening notices are not what is counted here). */
async function settleOutbox() {
  await db().updateTable('outbox').set({ state: 'done' }).where('state', '=', 'pending').execute();
  await new Promise((r) => setTimeout(r, 5));
  return new Date().toISOString();
}

describe('bulk status change over 1,000 tickets', () => {
  it('applies the workflow, one event per ticket, one digest per recipient, skips another department', async () => {
    const alice = w.alice.user!.id;
    const carol = w.carol.user!.id;
    const billing = await openMany(w.admin, 990, (i) => ({ requesterId: i % 2 ? alice : carol }));
    const tech = await Promise.all(
      Array.from({ length: 10 }, () => openTicket(w.admin, w.tech.id, { requesterId: alice })),
    );
    const since = await settleOutbox();

    const numbers = [...billing, ...tech].map((t) => t.number);
    const t0 = performance.now();
    const job = await runBulk(w.agent, {
      numbers,
      action: { kind: 'update', changes: { status: 'closed' } },
    });
    const seconds = (performance.now() - t0) / 1000;
    console.log(`bulk close of 1,000 tickets (${env.database.dialect}): ${seconds.toFixed(1)} s`);

    expect(job).toMatchObject({ status: 'done', total: 1000, done: 1000, changed: 990, skipped: 10 });
    expect(job.skippedTickets.map((s) => s.number).sort()).toEqual(tech.map((t) => t.number).sort());
    expect(job.skippedTickets[0]!.reason).toMatch(/not yours to see/);

    // The workflow's move: closed with its time, one status event per ticket, none on the others.
    const closed = await db()
      .selectFrom('tickets')
      .select(['status', 'closed_at', 'department_id'])
      .where(
        'number',
        'in',
        billing.map((t) => t.number),
      )
      .execute();
    expect(closed.every((t) => t.status === 'closed' && t.closed_at !== null)).toBe(true);
    const perTicket = await db()
      .selectFrom('ticket_events')
      .innerJoin('tickets', 'tickets.id', 'ticket_events.ticket_id')
      .select(['tickets.number', 'tickets.department_id'])
      .where('ticket_events.field', '=', 'status')
      .where('ticket_events.type', '=', 'changed')
      .where('ticket_events.created_at', '>', since)
      .execute();
    expect(perTicket).toHaveLength(990);
    expect(new Set(perTicket.map((e) => e.number)).size).toBe(990);
    expect(perTicket.every((e) => e.department_id === w.billing.id)).toBe(true);

    // No notice per ticket: one digest mail for each customer, listing only their own tickets.
    expect(await jobsSince('notification', since)).toHaveLength(0);
    const mails = await jobsSince('deliver.email-notice', since);
    const to = mails.map((m) => (JSON.parse(m.payload) as { to: string }).to).sort();
    expect(to).toEqual([w.alice.user!.email, w.carol.user!.email].sort());
    const aliceMail = JSON.parse(mails.find((m) => m.payload.includes(w.alice.user!.email))!.payload) as {
      text: string;
      subject: string;
    };
    expect(aliceMail.subject).toBe('495 tickets updated');
    const listed = [...aliceMail.text.matchAll(/^#(\d+) /gm)].map((m) => Number(m[1]));
    const alicesOwn = new Set(billing.filter((_, i) => i % 2).map((t) => t.number));
    expect(listed.length).toBe(50);
    expect(listed.every((n) => alicesOwn.has(n))).toBe(true);
    expect(aliceMail.text).toContain('…and 445 more.');
  }, 240_000);

  it('staff hear of tickets assigned to them in one digest; a move the workflow refuses is skipped', async () => {
    const tickets = await openMany(w.admin, 20, () => ({ requesterId: w.alice.user!.id }));
    const since = await settleOutbox();
    const numbers = tickets.map((t) => t.number);
    const job = await runBulk(w.admin, {
      numbers,
      action: { kind: 'update', changes: { assigneeId: w.agent.user!.id } },
    });
    expect(job).toMatchObject({ status: 'done', changed: 20, skipped: 0 });
    const mails = (await jobsSince('deliver.email-notice', since)).map(
      (m) => JSON.parse(m.payload) as { to: string; text: string },
    );
    expect(mails.map((m) => m.to)).toEqual([w.agent.user!.email]);
    expect(mails[0]!.text).toContain(`/agent/tickets/${numbers[0]}`);

    // 'Answered' is the workflow's to set: every ticket is skipped with its reason, none changed.
    const refused = await runBulk(w.admin, {
      numbers,
      action: { kind: 'update', changes: { status: 'answered' } },
    });
    expect(refused).toMatchObject({ status: 'done', changed: 0, skipped: 20 });
    expect(refused.skippedTickets[0]!.reason).toMatch(/set by the workflow/);
    const still = await w.admin.get<Ticket>(`/api/v1/tickets/${numbers[0]}`);
    expect(still.status.key).toBe('open');
  }, 60_000);
});

describe('bulk actions', () => {
  it('tags are added and removed, and survive a bulk merge into one ticket', async () => {
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => openTicket(w.alice, w.billing.id)));
    const tagged = await runBulk(w.agent, {
      numbers: [a!.number, b!.number],
      action: { kind: 'update', changes: { addTags: ['vip', 'refund'] } },
    });
    expect(tagged).toMatchObject({ changed: 2 });
    await runBulk(w.agent, {
      numbers: [b!.number],
      action: { kind: 'update', changes: { removeTags: ['refund'] } },
    });
    const merged = await runBulk(w.agent, {
      numbers: [a!.number, b!.number, c!.number],
      action: { kind: 'merge', into: c!.number },
    });
    expect(merged).toMatchObject({ status: 'done', changed: 2, skipped: 1 });
    expect(merged.skippedTickets).toEqual([
      { number: c!.number, reason: expect.stringMatching(/merged into/) },
    ]);
    const target = await w.agent.get<Ticket>(`/api/v1/tickets/${c!.number}`);
    expect(target.tags).toEqual(['refund', 'vip']);
    const source = await w.agent.expect<Ticket>(308, 'GET', `/api/v1/tickets/${a!.number}`);
    expect(source.mergedInto).toBe(c!.number);
  });

  it('adds an internal note to each ticket; customers never see it', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    const job = await runBulk(w.agent, {
      numbers: [t.number],
      action: { kind: 'message', body: 'Checked in bulk', internal: true },
    });
    expect(job.changed).toBe(1);
    const staffView = await w.agent.get<{ items: { body: string; internal: boolean }[] }>(
      `/api/v1/tickets/${t.number}/messages`,
    );
    expect(staffView.items.some((m) => m.body === 'Checked in bulk' && m.internal)).toBe(true);
    const customerView = await w.alice.get<{ items: { body: string }[] }>(
      `/api/v1/tickets/${t.number}/messages`,
    );
    expect(customerView.items.some((m) => m.body === 'Checked in bulk')).toBe(false);
  });

  it('deletes for administrators only', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    const body = { numbers: [t.number], action: { kind: 'delete' } };
    await w.agent.expect(403, 'POST', '/api/v1/tickets/bulk', body);
    const job = await runBulk(w.admin, body);
    expect(job.changed).toBe(1);
    await w.admin.expect(404, 'GET', `/api/v1/tickets/${t.number}`);
  });

  it('a batch run again after a crash does nothing twice', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    const started = await w.agent.expect<BulkJob>(202, 'POST', '/api/v1/tickets/bulk', {
      numbers: [t.number],
      action: { kind: 'update', changes: { priority: 'urgent' } },
    });
    const step = await db()
      .selectFrom('outbox')
      .selectAll()
      .where('dedupe_key', '=', `bulk:${started.id}:0`)
      .executeTakeFirstOrThrow();
    await env.drain();
    // The worker died after the batch committed but before it marked the job done: it runs again.
    await db()
      .updateTable('outbox')
      .set({ state: 'pending', done_at: null })
      .where('id', '=', step.id)
      .execute();
    await env.drain();
    const job = await w.agent.get<BulkJob>(`/api/v1/tickets/bulk/${started.id}`);
    expect(job).toMatchObject({ status: 'done', done: 1, changed: 1 });
    const events = await db()
      .selectFrom('ticket_events')
      .innerJoin('tickets', 'tickets.id', 'ticket_events.ticket_id')
      .select('ticket_events.id')
      .where('tickets.number', '=', t.number)
      .where('ticket_events.field', '=', 'priority')
      .execute();
    expect(events).toHaveLength(1);
  });
});

describe('selecting', () => {
  it('counts what "select all" selects, as the caller sees it; exports the selected tickets', async () => {
    const [a, b] = await Promise.all(
      [1, 2].map(() => openTicket(w.alice, w.tech.id, { subject: 'Count me' })),
    );
    const q = `?departmentId=${w.tech.id}&q=count`;
    const list = await w.admin.get<{ items: Ticket[] }>(`/api/v1/tickets${q}&limit=100`);
    expect((await w.admin.get<{ count: number }>(`/api/v1/tickets/count${q}`)).count).toBe(list.items.length);
    expect((await w.agent.get<{ count: number }>(`/api/v1/tickets/count${q}`)).count).toBe(0);
    await w.alice.expect(403, 'GET', `/api/v1/tickets/count${q}`);

    const csv = await w.admin.request('GET', `/api/v1/tickets/export?numbers=${a!.number},${b!.number}`);
    expect(csv.statusCode).toBe(200);
    const rows = csv.body.trim().split('\n').slice(1);
    expect(rows.map((r) => Number(r.split(',')[0])).sort()).toEqual([a!.number, b!.number].sort());
    expect((await w.admin.request('GET', '/api/v1/tickets/export?numbers=1,x')).statusCode).toBe(400);
  });
});

describe('bad input changes nothing', () => {
  const cases: [string, unknown][] = [
    ['an empty selection', { numbers: [], action: { kind: 'update', changes: { priority: 'low' } } }],
    ['an unknown status', { numbers: [1], action: { kind: 'update', changes: { status: 'nonsense' } } }],
    [
      'too many numbers',
      {
        numbers: Array.from({ length: 1001 }, (_, i) => i + 1),
        action: { kind: 'update', changes: { priority: 'low' } },
      },
    ],
    [
      'both numbers and filter',
      { numbers: [1], filter: {}, action: { kind: 'update', changes: { priority: 'low' } } },
    ],
    ['neither numbers nor filter', { action: { kind: 'update', changes: { priority: 'low' } } }],
    ['no change', { numbers: [1], action: { kind: 'update', changes: {} } }],
    ['an unknown action', { numbers: [1], action: { kind: 'explode' } }],
    [
      'a filter matching nothing',
      { filter: { q: 'zzzqqqxxyy' }, action: { kind: 'update', changes: { priority: 'low' } } },
    ],
    ['a bad filter', { filter: { colour: 'red' }, action: { kind: 'update', changes: { priority: 'low' } } }],
  ];
  it.each(cases)('%s is a 400', async (_, body) => {
    const before = await db().selectFrom('bulk_jobs').select('id').execute();
    const res = await w.agent.request('POST', '/api/v1/tickets/bulk', body);
    expect(res.statusCode, res.body).toBe(400);
    expect(await db().selectFrom('bulk_jobs').select('id').execute()).toHaveLength(before.length);
  });

  it('customers get 403; a job is 404 to anyone but its starter and administrators', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    const body = { numbers: [t.number], action: { kind: 'update', changes: { priority: 'low' } } };
    await w.alice.expect(403, 'POST', '/api/v1/tickets/bulk', body);
    const job = await runBulk(w.agent, body);
    await w.alice.expect(403, 'GET', `/api/v1/tickets/bulk/${job.id}`);
    await w.techAgent.expect(404, 'GET', `/api/v1/tickets/bulk/${job.id}`);
    await w.agent.expect(404, 'GET', '/api/v1/tickets/bulk/no-such-job');
    expect((await w.admin.get<BulkJob>(`/api/v1/tickets/bulk/${job.id}`)).id).toBe(job.id);
  });
});
