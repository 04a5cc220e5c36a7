import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelTestResult } from '../common/channels.js';
import { JOB_HANDLERS } from '../src/jobs/handlers.js';
import { enqueue } from '../src/jobs/outbox.js';
import { runJobsOnce } from '../src/jobs/worker.js';
import { makeWorld } from './client.js';
import { startFakeGraph, startFakeTelegram, TG, WA } from './fake-channels.js';
import { startTestApp, type TestEnv } from './helpers.js';
import { startSmtpSink } from './smtp-sink.js';

// With no TESSERA_OUTBOUND_ALLOW, Tessera connects to nothing local or private: such settings are
// refused when saved, and settings that reach it anyway (the environment, a name resolving there)
// fail at connection time, for good and with the reason, while the server behind them hears nothing.

let env: TestEnv;
let w: Awaited<ReturnType<typeof makeWorld>>;
let graph: Awaited<ReturnType<typeof startFakeGraph>>;
let tg: Awaited<ReturnType<typeof startFakeTelegram>>;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;

beforeAll(async () => {
  [graph, tg, sink] = await Promise.all([startFakeGraph(), startFakeTelegram(), startSmtpSink()]);
  env = await startTestApp({
    env: {
      TESSERA_OUTBOUND_ALLOW: '',
      SMTP_URL: sink.url,
      INBOUND_EMAIL_ADDRESS: 'support@helpdesk.test',
      WHATSAPP_API_URL: graph.apiUrl,
      WHATSAPP_TOKEN: WA.token,
      WHATSAPP_PHONE_NUMBER_ID: WA.phoneNumberId,
      WHATSAPP_APP_SECRET: WA.appSecret,
      TELEGRAM_API_URL: tg.apiUrl,
      TELEGRAM_BOT_TOKEN: TG.token,
      TELEGRAM_WEBHOOK_SECRET: TG.secret,
    },
  });
  w = await makeWorld(env.app);
});
afterAll(async () => {
  await env?.close();
  await Promise.all([graph?.close(), tg?.close(), sink?.close()]);
});

const nothingReached = () => {
  expect(graph.requests).toEqual([]);
  expect(tg.requests).toEqual([]);
  expect(sink.received).toEqual([]);
};

const SPELLINGS = [
  '127.0.0.1',
  '127.1',
  '2130706433',
  '0x7f000001',
  '[::1]',
  '[::ffff:127.0.0.1]',
  '0.0.0.0',
  '169.254.169.254',
  '10.0.0.1',
  '100.64.0.1',
  '[fd00:ec2::254]',
  'localhost',
];

describe('saving a local or private address', () => {
  it.each(SPELLINGS)('%s is refused with 400 naming the field, and nothing is saved', async (host) => {
    const before = (await w.admin.request('GET', '/api/v1/admin/channels')).body;
    const cases: [string, string, string][] = [
      ['whatsapp', 'apiUrl', `http://${host}:8080/v21.0`],
      ['telegram', 'apiUrl', `http://${host}:8081`],
      ['email', 'smtpUrl', `smtp://${host}:2525`],
      ['email', 'imapUrl', `imap://bot:pw@${host}:1143/INBOX`],
    ];
    for (const [channel, field, value] of cases) {
      const res = await w.admin.request('PUT', `/api/v1/admin/channels/${channel}`, { [field]: value });
      expect(res.statusCode, `${channel}.${field} = ${value}: ${res.body}`).toBe(400);
      const problem = res.json() as { code: string; errors: { path: string; message: string }[] };
      expect(problem.code).toBe('validation');
      expect(problem.errors).toEqual([
        { path: `body.${field}`, message: expect.stringMatching(/refused to connect: .* address/) },
      ]);
    }
    expect((await w.admin.request('GET', '/api/v1/admin/channels')).body).toBe(before);
    nothingReached();
  });

  it('a public API base is still taken', async () => {
    const res = await w.admin.request('PUT', '/api/v1/admin/channels/telegram', {
      apiUrl: 'https://1.1.1.1',
    });
    expect(res.statusCode, res.body).toBe(200);
    await w.admin.request('PUT', '/api/v1/admin/channels/telegram', { apiUrl: null });
  });
});

describe('connecting to a local address set in the environment', () => {
  const test = async (channel: string, body: object = {}) => {
    const res = await w.admin.request('POST', `/api/v1/admin/channels/${channel}/test`, body);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as ChannelTestResult;
  };

  it('every channel test fails with the reason, and no server hears from Tessera', async () => {
    for (const [channel, body] of [
      ['email', {}],
      ['whatsapp', { to: '+44 7700 900123' }],
      ['telegram', {}],
    ] as const) {
      const result = await test(channel, body);
      expect(result.ok).toBe(false);
      expect(result.detail).toMatch(/refused to connect: 127\.0\.0\.1 is a loopback address/);
    }
    nothingReached();
  });

  it('deliveries fail permanently at the first attempt, with the reason in the outbox', async () => {
    const now = new Date().toISOString();
    const jobs = [
      { topic: 'deliver.whatsapp-notice', payload: { to: '447700900123', text: 'hi', replyTo: null } },
      { topic: 'deliver.telegram-notice', payload: { chatId: '42', text: 'hi', replyTo: 1 } },
      {
        topic: 'deliver.email-notice',
        payload: { to: 'someone@example.test', subject: 'hi', text: 'hi', inReplyTo: null },
      },
    ] as const;
    for (const [i, job] of jobs.entries())
      await enqueue(env.app.ctx.db, { ...job, dedupeKey: `ssrf-${i}`, runAt: now }, now);
    while ((await runJobsOnce(env.app.ctx, JOB_HANDLERS, { intervalMs: 0 })) > 0);
    const rows = await env.database.db
      .selectFrom('outbox')
      .select(['topic', 'state', 'attempts', 'last_error'])
      .where('dedupe_key', 'like', 'ssrf-%')
      .orderBy('topic')
      .execute();
    expect(rows.map((r) => r.topic)).toEqual(jobs.map((j) => j.topic).sort());
    for (const row of rows) {
      expect(row).toMatchObject({ state: 'failed', attempts: 1 });
      expect(row.last_error).toMatch(
        /refused to connect: 127\.0\.0\.1 is a loopback address.*TESSERA_OUTBOUND_ALLOW/,
      );
    }
    nothingReached();
  });
});
