import { afterAll, beforeAll, expect, it } from 'vitest';
import { JOB_HANDLERS } from '../src/jobs/handlers.js';
import { runJobsOnce } from '../src/jobs/worker.js';
import { bigMail } from './big-mail.js';
import { Client, makeWorld } from './client.js';
import { startTestApp, type TestEnv } from './helpers.js';

// A large mail through the raw-MIME endpoint costs about what its bytes cost: the request checks
// must not walk the body as an object (a 29 MB mail once took 199 s and 4.6 GiB).

let env: TestEnv;
let w: Awaited<ReturnType<typeof makeWorld>>;
let mta: Client;

beforeAll(async () => {
  env = await startTestApp({ env: { INBOUND_EMAIL_ADDRESS: 'support@helpdesk.test' } });
  w = await makeWorld(env.app);
  const { token } = await w.admin.expect<{ token: string }>(201, 'POST', '/api/v1/tokens', { name: 'mta' });
  mta = new Client(env.app, { token });
});
afterAll(async () => {
  await env?.close();
});

it('takes a 25 MB mail through the raw endpoint without walking its bytes', async () => {
  const raw = bigMail(25, 'big-25@x.test', w.bob.user?.email ?? '');
  expect(raw.length).toBeGreaterThan(25 * 1024 * 1024);
  let peak = process.memoryUsage().rss;
  const before = peak;
  const sample = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const res = await mta.request('POST', '/api/v1/inbound/email', raw, { 'content-type': 'message/rfc822' });
  peak = Math.max(peak, process.memoryUsage().rss);
  clearInterval(sample);
  expect(res.statusCode, res.body).toBe(202);
  // Walking the Buffer as an object grows the heap by gigabytes; the bytes themselves cost tens of MB.
  expect(peak - before).toBeLessThan(400 * 1024 * 1024);

  while ((await runJobsOnce(env.app.ctx, JOB_HANDLERS, { intervalMs: 0 })) > 0);
  const list = await w.bob.get<{ items: { number: number; subject: string }[] }>('/api/v1/tickets?limit=5');
  const ticket = list.items.find((t) => t.subject === 'Scanned contract');
  expect(ticket).toBeDefined();
  const thread = await w.bob.get<{
    items: { body: string; attachments: { filename: string; size: number }[] }[];
  }>(`/api/v1/tickets/${ticket?.number}/messages`);
  const file = thread.items.flatMap((m) => m.attachments).find((a) => a.filename === 'contract.pdf');
  expect(file?.size).toBeGreaterThan(18 * 1024 * 1024);
}, 120_000);

it('refuses a mail over the size limit with 413 and stores nothing', async () => {
  const raw = bigMail(31, 'big-31@x.test', w.bob.user?.email ?? '');
  const res = await mta.request('POST', '/api/v1/inbound/email', raw, { 'content-type': 'message/rfc822' });
  expect(res.statusCode).toBe(413);
  expect(res.headers['content-type']).toContain('application/problem+json');
}, 60_000);
