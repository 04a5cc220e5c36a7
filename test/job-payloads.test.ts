import { afterAll, beforeAll, expect, it } from 'vitest';
import { JOB_HANDLERS } from '../src/jobs/handlers.js';
import { runJobsOnce } from '../src/jobs/worker.js';
import { startTestApp, type TestEnv } from './helpers.js';

// The worker checks each payload against its topic's schema before a handler sees it. A payload
// that does not parse never will: the job is parked at the first attempt with the reason, and the
// jobs next to it still run.

let env: TestEnv;

beforeAll(async () => {
  env = await startTestApp();
});
afterAll(async () => {
  await env?.close();
});

const insertRaw = (key: string, topic: string, payload: string) => {
  const now = new Date().toISOString();
  return env.database.db
    .insertInto('outbox')
    .values({
      id: `job-${key}`,
      topic,
      payload,
      dedupe_key: key,
      state: 'pending',
      attempts: 0,
      run_at: now,
      locked_until: null,
      last_error: null,
      created_at: now,
      done_at: null,
    })
    .execute();
};

it('parks a job whose payload does not parse, with the reason, and runs the others', async () => {
  await insertRaw('bad-notification', 'notification', JSON.stringify({ event: 'ticket.created' }));
  await insertRaw('bad-inbound', 'inbound.email', JSON.stringify({ inboundId: 42 }));
  await insertRaw('not-json', 'deliver.telegram-notice', '{"chatId": "4');
  await insertRaw('unknown-topic', 'deliver.pigeon', '{}');
  // Well formed, about a ticket that does not exist: the fan-out finds nobody and is done.
  await insertRaw('good', 'notification', JSON.stringify({ event: 'ticket.created', ticketId: 'nope' }));

  while ((await runJobsOnce(env.app.ctx, JOB_HANDLERS, { intervalMs: 0 })) > 0);

  const rows = await env.database.db
    .selectFrom('outbox')
    .select(['dedupe_key', 'state', 'attempts', 'last_error'])
    .where('dedupe_key', 'in', ['bad-notification', 'bad-inbound', 'not-json', 'unknown-topic', 'good'])
    .orderBy('dedupe_key')
    .execute();
  expect(rows).toEqual([
    {
      dedupe_key: 'bad-inbound',
      state: 'failed',
      attempts: 1,
      last_error: expect.stringMatching(/^payload of inbound\.email does not parse: inboundId: /),
    },
    {
      dedupe_key: 'bad-notification',
      state: 'failed',
      attempts: 1,
      last_error: expect.stringMatching(/^payload of notification does not parse: ticketId: /),
    },
    { dedupe_key: 'good', state: 'done', attempts: 1, last_error: null },
    {
      dedupe_key: 'not-json',
      state: 'failed',
      attempts: 1,
      last_error: 'payload of deliver.telegram-notice is not JSON',
    },
    {
      dedupe_key: 'unknown-topic',
      state: 'failed',
      attempts: 1,
      last_error: 'no handler for topic deliver.pigeon',
    },
  ]);
});
