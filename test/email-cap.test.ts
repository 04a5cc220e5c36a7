import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_HANDLERS } from '../src/jobs/handlers.js';
import { runJobsOnce } from '../src/jobs/worker.js';
import { loginAdmin } from './client.js';
import type { TestEnv } from './helpers.js';
import { type MailApp, startMailApp } from './mail-app.js';

// Automatic mail (refusals, "your reply was not added") is capped per recipient, counted in the
// database: a sender whose mail keeps being refused gets at most 10 answers in 10 minutes and 25
// in an hour; the rest are suppressed and recorded for admins.

let mail: MailApp;
let sink: NonNullable<MailApp['sink']>;
let env: TestEnv;
let send: MailApp['send'];
let offsetMs = 0;

beforeAll(async () => {
  mail = await startMailApp({
    sink: true,
    clock: () => new Date(Date.now() + offsetMs),
    env: { TESSERA_UNKNOWN_SENDERS: 'reject' },
  });
  ({ env, send } = mail);
  sink = mail.sink!;
});
afterAll(async () => {
  await mail?.close();
});

async function drain() {
  while ((await runJobsOnce(env.app.ctx, JOB_HANDLERS, { intervalMs: 0 })) > 0);
}
const answersTo = (email: string) => sink.received.filter((r) => r.envelope.to.includes(email)).length;

async function burst(from: string, n: number, tag: string) {
  for (let i = 0; i < n; i++)
    await send({ from, subject: 'Help', messageId: `<${tag}-${i}@stranger.test>`, text: `try ${i}` });
  await drain();
}

describe('the cap on automatic mail', () => {
  it('answers at most 10 refusals in 10 minutes and 25 in an hour per address, and records the rest', async () => {
    const who = 'stranger@stranger.test';
    await burst(who, 20, 'a');
    expect(answersTo(who)).toBe(10);

    // Someone else is not held back by the stranger's cap.
    await burst('other@stranger.test', 1, 'o');
    expect(answersTo('other@stranger.test')).toBe(1);

    offsetMs = 11 * 60_000;
    await burst(who, 12, 'b');
    expect(answersTo(who)).toBe(20);

    offsetMs = 22 * 60_000;
    await burst(who, 12, 'c');
    expect(answersTo(who)).toBe(25); // the hourly cap

    offsetMs = 61 * 60_000 + 22 * 60_000;
    await burst(who, 1, 'd');
    expect(answersTo(who)).toBe(26);

    const suppressed = await env.database.db
      .selectFrom('auto_replies')
      .select(['recipient', 'suppressed'])
      .where('suppressed', '=', 1)
      .execute();
    expect(suppressed).toHaveLength(10 + 2 + 7);
    expect(new Set(suppressed.map((s) => s.recipient))).toEqual(new Set([who]));

    // Every refused mail is listed for admins; those whose answer was held back say so.
    const admin = await loginAdmin(env.app);
    const page = await admin.get<{ items: { state: string; autoReply: string | null }[] }>(
      '/api/v1/admin/inbound?state=refused&limit=100',
    );
    expect(page.items.filter((i) => i.autoReply === 'suppressed')).toHaveLength(19);
    expect(page.items.filter((i) => i.autoReply === 'sent')).toHaveLength(27);
  });
});
