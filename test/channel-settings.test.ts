import { createRequire } from 'node:module';
import { type AddressInfo, createServer } from 'node:net';
import { ImapFlow } from 'imapflow';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelSettings, ChannelTestResult } from '../common/channels.js';
import { buildApp } from '../src/app.js';
import { pollImapOnce } from '../src/channels/email/imap-poller.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import type { App } from '../src/http/types.js';
import { JOB_HANDLERS } from '../src/jobs/handlers.js';
import { runJobsOnce } from '../src/jobs/worker.js';
import { refreshChannelSettings } from '../src/modules/channel-settings/channel-settings.service.js';
import { type Client, makeWorld, openTicket } from './client.js';
import { startFakeGraph, startFakeTelegram, TG, WA } from './fake-channels.js';
import { ADMIN, startTestApp, type TestEnv } from './helpers.js';
import { startSmtpSink } from './smtp-sink.js';

// Admin › Channels end to end: settings saved through the API override the environment at once on
// this process and after a refresh on another, never show a secret, and each channel's test speaks
// the real protocol to a server started here.

const require = createRequire(import.meta.url);
type Hoodiecrow = {
  listen(port: number, cb: () => void): void;
  close(cb: () => void): void;
  server: { address(): { port: number } };
};
const hoodiecrow = require('hoodiecrow-imap') as (opts: unknown) => Hoodiecrow;

const SMTP_AUTH = { user: 'tessera', pass: 'smtp-Pass-4821' };
const IMAP_AUTH = { user: 'mailbot', pass: 'imap-Pass-7731' };
const OLD_BOT = { token: '999999:OLD-bot-token', secret: 'old-webhook-secret', name: 'old_tessera_bot' };
const WRONG_TOKEN = 'wrong-token-5530';
/** Nothing any response says may contain one of these. */
const SECRETS = [
  SMTP_AUTH.pass,
  IMAP_AUTH.pass,
  WA.token,
  WA.appSecret,
  WA.verify,
  TG.token,
  TG.secret,
  OLD_BOT.token,
  OLD_BOT.secret,
  WRONG_TOKEN,
];

let sinkEnv: Awaited<ReturnType<typeof startSmtpSink>>;
let sinkAdmin: Awaited<ReturnType<typeof startSmtpSink>>;
let graph: Awaited<ReturnType<typeof startFakeGraph>>;
let tg: Awaited<ReturnType<typeof startFakeTelegram>>;
let imap: Hoodiecrow;
let env: TestEnv;
let w: Awaited<ReturnType<typeof makeWorld>>;
let ENV: Record<string, string>;

beforeAll(async () => {
  [sinkEnv, sinkAdmin, graph, tg] = await Promise.all([
    startSmtpSink(),
    startSmtpSink({ auth: SMTP_AUTH }),
    startFakeGraph(),
    startFakeTelegram(),
  ]);
  imap = hoodiecrow({
    plugins: ['IDLE', 'UIDPLUS', 'ENABLE'],
    users: { [IMAP_AUTH.user]: { password: IMAP_AUTH.pass } },
    storage: { INBOX: { messages: [] } },
  });
  await new Promise<void>((resolve) => imap.listen(0, resolve));
  ENV = {
    SMTP_URL: sinkEnv.url,
    MAIL_FROM: 'Env Support <support@helpdesk.test>',
    INBOUND_EMAIL_ADDRESS: 'support@helpdesk.test',
    TELEGRAM_API_URL: tg.apiUrl,
    TELEGRAM_BOT_TOKEN: OLD_BOT.token,
    TELEGRAM_WEBHOOK_SECRET: OLD_BOT.secret,
    TELEGRAM_BOT_USERNAME: OLD_BOT.name,
  };
  env = await startTestApp({ env: ENV });
  w = await makeWorld(env.app);
});
afterAll(async () => {
  await env?.close();
  await Promise.all([sinkEnv?.close(), sinkAdmin?.close(), graph?.close(), tg?.close()]);
  await new Promise<void>((resolve) => (imap ? imap.close(() => resolve()) : resolve()));
});

type Json = Record<string, unknown>;
type Method = 'GET' | 'POST' | 'PUT';

/** A request that must answer `status`; whatever the answer, it shows no secret. */
async function call<T = Json>(c: Client, status: number, method: Method, url: string, body?: unknown) {
  const res = await c.request(method, url, body);
  for (const secret of SECRETS) expect(res.body, `${method} ${url} shows a secret`).not.toContain(secret);
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
  return res.json() as T;
}
const settings = () => call<ChannelSettings>(w.admin, 200, 'GET', '/api/v1/admin/channels');
const put = (channel: string, body: Json, status = 200) =>
  call(w.admin, status, 'PUT', `/api/v1/admin/channels/${channel}`, body);
const test = (channel: string, body: Json = {}) =>
  call<ChannelTestResult>(w.admin, 200, 'POST', `/api/v1/admin/channels/${channel}/test`, body);

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function drain() {
  while ((await runJobsOnce(env.app.ctx, JOB_HANDLERS, { intervalMs: 0 })) > 0);
}

const adminSmtp = (pass = SMTP_AUTH.pass) => `smtp://${SMTP_AUTH.user}:${pass}@127.0.0.1:${sinkAdmin.port}`;
const imapUrl = (pass = IMAP_AUTH.pass) =>
  `imap://${IMAP_AUTH.user}:${pass}@127.0.0.1:${imap.server.address().port}/INBOX`;

describe('reading the settings', () => {
  it('shows the environment’s values as such, and of a secret only that it is set', async () => {
    const s = await settings();
    expect(s.email.configured).toBe(true);
    expect(s.email.fields.smtpUrl).toEqual({
      value: sinkEnv.url,
      source: 'env',
      secret: false,
      set: true,
      env: 'SMTP_URL',
    });
    expect(s.email.fields.from).toMatchObject({
      value: 'Env Support <support@helpdesk.test>',
      source: 'env',
    });
    expect(s.email.fields.imapUrl).toMatchObject({ value: null, source: 'unset', set: false });
    expect(s.whatsapp.configured).toBe(false);
    expect(s.whatsapp.fields.token).toEqual({
      value: null,
      source: 'unset',
      secret: true,
      set: false,
      env: 'WHATSAPP_TOKEN',
    });
    expect(s.whatsapp.fields.apiUrl).toMatchObject({
      value: 'https://graph.facebook.com/v21.0',
      source: 'env',
    });
    expect(s.telegram.configured).toBe(true);
    expect(s.telegram.fields.botToken).toEqual({
      value: null,
      source: 'env',
      secret: true,
      set: true,
      env: 'TELEGRAM_BOT_TOKEN',
    });
    expect(s.telegram.fields.botUsername).toMatchObject({ value: OLD_BOT.name, source: 'env' });
  });

  it('customers and agents are refused every route; an unknown channel is not found', async () => {
    for (const c of [w.alice, w.agent]) {
      await call(c, 403, 'GET', '/api/v1/admin/channels');
      await call(c, 403, 'PUT', '/api/v1/admin/channels/email', { from: 'Mallory <m@evil.test>' });
      await call(c, 403, 'PUT', '/api/v1/admin/channels/whatsapp', { apiUrl: null });
      await call(c, 403, 'PUT', '/api/v1/admin/channels/telegram', { botUsername: null });
      await call(c, 403, 'POST', '/api/v1/admin/channels/email/test', { to: 'm@evil.test' });
      await call(c, 403, 'POST', '/api/v1/admin/channels/imap/test', {});
      await call(c, 403, 'POST', '/api/v1/admin/channels/whatsapp/test', { to: '+44 7700 900123' });
      await call(c, 403, 'POST', '/api/v1/admin/channels/telegram/test', {});
    }
    expect((await settings()).email.fields.from).toMatchObject({ source: 'env' });
    expect(sinkEnv.received.some((r) => r.envelope.to.includes('m@evil.test'))).toBe(false);
    await call(w.admin, 404, 'PUT', '/api/v1/admin/channels/sms');
    await call(w.admin, 404, 'POST', '/api/v1/admin/channels/sms/test');
  });
});

describe('email', () => {
  it('an SMTP server saved in the admin is used at once: a ticket notification goes there through the outbox', async () => {
    const saved = await put('email', { smtpUrl: adminSmtp(), from: 'Admin Support <help@helpdesk.test>' });
    expect(saved).toMatchObject({
      configured: true,
      fields: {
        smtpUrl: { value: `smtp://tessera:********@127.0.0.1:${sinkAdmin.port}`, source: 'admin' },
        from: { value: 'Admin Support <help@helpdesk.test>', source: 'admin' },
      },
    });
    expect(env.app.ctx.config.mail.smtpUrl).toBe(adminSmtp());
    const t = await openTicket(w.alice, w.billing.id, { subject: 'Routed through the admin’s server' });
    await drain();
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, {
      body: 'Here is the answer.',
    });
    await drain();
    const ours = (r: { mail: { subject?: string } }) => r.mail.subject === `[#${t.number}] ${t.subject}`;
    const toAlice = sinkAdmin.received.filter(
      (r) => ours(r) && r.envelope.to.includes(w.alice.user?.email ?? ''),
    );
    expect(toAlice).toHaveLength(1);
    expect(toAlice[0]?.mail.text).toContain('Here is the answer.');
    expect(toAlice[0]?.mail.from?.value[0]?.address).toBe('help@helpdesk.test');
    expect(sinkEnv.received.some(ours)).toBe(false);
    await put('email', { smtpUrl: null, from: null });
  });

  it('a URL given back with ******** keeps the password; null goes back to the environment’s value', async () => {
    await put('email', { smtpUrl: adminSmtp() });
    const masked = (await settings()).email.fields.smtpUrl.value;
    expect(masked).toBe(`smtp://tessera:********@127.0.0.1:${sinkAdmin.port}`);
    await put('email', { smtpUrl: masked });
    const result = await test('email', { to: 'kept@example.test' });
    expect(result.ok, result.detail).toBe(true);
    expect(sinkAdmin.received.some((r) => r.envelope.to.includes('kept@example.test'))).toBe(true);

    const back = await put('email', { smtpUrl: null });
    expect(back).toMatchObject({ fields: { smtpUrl: { value: sinkEnv.url, source: 'env' } } });
    expect(env.app.ctx.config.mail.smtpUrl).toBe(sinkEnv.url);
    // The environment's URL has no password to keep.
    const refused = await put('email', { smtpUrl: `smtp://x:********@127.0.0.1:${sinkAdmin.port}` }, 400);
    expect(refused.errors).toEqual([expect.objectContaining({ path: 'body.smtpUrl' })]);
  });

  it('invalid settings are refused with the field named, and nothing changes', async () => {
    const before = await settings();
    const bad = async (channel: string, body: Json, path: string) => {
      const problem = await put(channel, body, 400);
      expect(problem.code).toBe('validation');
      expect((problem.errors as { path: string }[]).map((e) => e.path)).toContain(path);
    };
    await bad('email', { smtpUrl: 'http://mail.example.test' }, 'body.smtpUrl');
    await bad(
      'email',
      { from: 'Support <help@example.test>', inboundAddress: 'not an address' },
      'body.inboundAddress',
    );
    await bad('email', { imapUrl: 'imap://user:pass@host name' }, 'body.imapUrl');
    await bad('email', { smtpPort: 25 }, 'body.smtpPort');
    await bad('whatsapp', { token: WA.token, phoneNumberId: WA.phoneNumberId }, 'body.appSecret');
    await bad('whatsapp', { phoneNumberId: '+44 12' }, 'body.phoneNumberId');
    await bad('telegram', { botToken: 'no-colon' }, 'body.botToken');
    await bad('telegram', { webhookSecret: null, botToken: null, apiUrl: 'ftp://x.test' }, 'body.apiUrl');
    expect(await settings()).toEqual(before);
    const row = await env.database.db
      .selectFrom('settings')
      .select('key')
      .where('key', '=', 'channels')
      .execute();
    expect(row.length).toBeLessThanOrEqual(1);
  });

  it('Send test: the mail arrives; a refusing, unreachable or wrongly logged-in server gives ok false and why', async () => {
    await put('email', { smtpUrl: adminSmtp(), from: 'Admin Support <help@helpdesk.test>' });
    const sent = await test('email', { to: 'ops@example.test' });
    expect(sent).toMatchObject({ ok: true });
    expect(sent.detail).toContain('ops@example.test');
    const mail = sinkAdmin.received.filter((r) => r.envelope.to.includes('ops@example.test')).at(-1)?.mail;
    expect(mail?.subject).toBe('Tessera test message');
    expect(mail?.text).toContain('test message from Tessera');

    expect((await test('email')).ok).toBe(true);
    expect(sinkAdmin.received.some((r) => r.envelope.to.includes(ADMIN.email))).toBe(true);

    sinkAdmin.refuse(true);
    try {
      const refused = await test('email', { to: 'ops@example.test' });
      expect(refused.ok).toBe(false);
      expect(refused.detail).toMatch(/451|unavailable/i);
    } finally {
      sinkAdmin.refuse(false);
    }

    await put('email', { smtpUrl: adminSmtp(WRONG_TOKEN) });
    const login = await test('email');
    expect(login.ok).toBe(false);
    expect(login.detail).toMatch(/535|login|auth/i);

    await put('email', { smtpUrl: 'smtp://127.0.0.1:1' });
    const unreachable = await test('email');
    expect(unreachable.ok).toBe(false);
    expect(unreachable.detail).toMatch(/ECONNREFUSED|connect/i);

    await call(w.admin, 400, 'POST', '/api/v1/admin/channels/email/test', { to: 'not an address' });
    await put('email', { smtpUrl: null, from: null });
  });
});

describe('IMAP', () => {
  it('the mailbox saved in the admin is tested and polled', async () => {
    expect(await test('imap')).toEqual({ ok: false, detail: expect.stringMatching(/not configured/) });
    const client = new ImapFlow({
      host: '127.0.0.1',
      port: imap.server.address().port,
      secure: false,
      auth: IMAP_AUTH,
      logger: false,
    });
    await client.connect();
    const raw = (id: string, flags: string[]) =>
      client.append(
        'INBOX',
        [
          `From: ${w.bob.user?.email}`,
          'To: support@helpdesk.test',
          `Subject: Mail ${id}`,
          `Message-ID: <${id}@x.test>`,
          '',
          'Hello',
          '',
        ].join('\r\n'),
        flags,
      );
    await raw('imap-read', ['\\Seen']);
    await raw('imap-new', []);
    await client.logout();

    const saved = await put('email', { imapUrl: imapUrl() });
    expect(saved).toMatchObject({
      fields: { imapUrl: { value: imapUrl('********'), source: 'admin', set: true } },
    });
    expect(await test('imap')).toEqual({ ok: true, detail: 'INBOX: 2 messages, 1 unseen' });
    expect(await pollImapOnce(env.app.ctx)).toBe(1);
    expect(await test('imap')).toEqual({ ok: true, detail: 'INBOX: 2 messages, 0 unseen' });

    await put('email', { imapUrl: imapUrl(WRONG_TOKEN) });
    const refused = await test('imap');
    expect(refused.ok).toBe(false);
    expect(refused.detail).toMatch(/IMAP at imap:\/\/127\.0\.0\.1:\d+ failed/);
    await put('email', { imapUrl: null });
    expect(env.app.ctx.config.mail.imapUrl).toBeNull();
  });
});

describe('WhatsApp', () => {
  it('set up in the admin: the test reaches the Graph API, and the webhook checks the new secrets', async () => {
    expect(await test('whatsapp', { to: '+44 7700 900123' })).toEqual({
      ok: false,
      detail: expect.stringMatching(/WhatsApp is not configured/),
    });
    const saved = await put('whatsapp', {
      apiUrl: graph.apiUrl,
      token: WA.token,
      phoneNumberId: WA.phoneNumberId,
      appSecret: WA.appSecret,
      verifyToken: WA.verify,
    });
    expect(saved).toMatchObject({
      configured: true,
      fields: {
        token: { value: null, source: 'admin', secret: true, set: true },
        phoneNumberId: { value: WA.phoneNumberId, source: 'admin' },
        apiUrl: { value: graph.apiUrl, source: 'admin' },
      },
    });

    const result = await test('whatsapp', { to: '+44 (7700) 900-123' });
    expect(result.ok, result.detail).toBe(true);
    const message = graph.sent().at(-1);
    expect(message).toMatchObject({ to: '447700900123', type: 'text' });
    expect(message.text.body).toContain('Tessera');
    await call(w.admin, 400, 'POST', '/api/v1/admin/channels/whatsapp/test', { to: 'call me maybe' });

    const verify = await env.app.inject({
      method: 'GET',
      url: `/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${WA.verify}&hub.challenge=4711`,
    });
    expect(verify.statusCode).toBe(200);
    expect(verify.body).toBe('4711');

    graph.failNext(400, { error: { message: 'Recipient phone number not in allowed list', code: 131030 } });
    const refused = await test('whatsapp', { to: '+44 7700 900123' });
    expect(refused).toEqual({ ok: false, detail: expect.stringMatching(/HTTP 400.*not in allowed list/) });

    await put('whatsapp', { token: WRONG_TOKEN });
    const wrong = await test('whatsapp', { to: '+44 7700 900123' });
    expect(wrong.ok).toBe(false);
    expect(wrong.detail).toMatch(/Invalid OAuth access token/);

    const off = await put('whatsapp', {
      apiUrl: null,
      token: null,
      phoneNumberId: null,
      appSecret: null,
      verifyToken: null,
    });
    expect(off).toMatchObject({ configured: false, fields: { token: { source: 'unset', set: false } } });
    const gone = await env.app.inject({
      method: 'GET',
      url: `/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${WA.verify}&hub.challenge=1`,
    });
    expect(gone.statusCode).toBe(404);
  });
});

describe('Telegram', () => {
  it('another bot token forgets the old bot’s username; the test names the bot and writes to the linked admin', async () => {
    // The environment's token belongs to no bot the Bot API knows.
    const old = await test('telegram', {});
    expect(old.ok).toBe(false);
    expect(old.detail).toMatch(/Not Found/);

    const saved = await put('telegram', { botToken: TG.token, webhookSecret: TG.secret });
    expect(saved).toMatchObject({
      configured: true,
      fields: {
        botToken: { value: null, source: 'admin', set: true },
        botUsername: { value: null, source: 'unset' },
      },
    });
    const unlinked = await test('telegram');
    expect(unlinked.ok).toBe(true);
    expect(unlinked.detail).toContain(`@${TG.bot}`);
    expect(tg.requests.some((r) => r.path === `/bot${TG.token}/getMe`)).toBe(true);

    const link = await call<{ url: string }>(w.admin, 201, 'POST', '/api/v1/me/telegram/link');
    expect(link.url).toContain(`https://t.me/${TG.bot}?start=`);
    const chatId = 880_001;
    const update = {
      update_id: 77_001,
      message: {
        message_id: 1,
        from: { id: chatId, is_bot: false, first_name: 'Admin' },
        chat: { id: chatId, first_name: 'Admin', type: 'private' },
        date: Math.floor(Date.now() / 1000),
        text: `/start ${new URL(link.url).searchParams.get('start')}`,
        entities: [{ type: 'bot_command', offset: 0, length: 6 }],
      },
    };
    const webhook = (secret: string) =>
      env.app.inject({
        method: 'POST',
        url: '/webhooks/telegram',
        headers: { 'x-telegram-bot-api-secret-token': secret },
        payload: update,
      });
    expect((await webhook(OLD_BOT.secret)).statusCode).toBe(403);
    expect((await webhook(TG.secret)).statusCode).toBe(200);
    await drain();
    expect((await w.admin.get<{ linked: boolean }>('/api/v1/me/telegram')).linked).toBe(true);

    const linked = await test('telegram');
    expect(linked).toMatchObject({ ok: true, detail: expect.stringMatching(/sent to your Telegram chat/) });
    const last = tg.sent().at(-1);
    expect(String(last.chat_id)).toBe(String(chatId));
    expect(last.text).toContain('Tessera');

    await put('telegram', { apiUrl: `http://127.0.0.1:${await closedPort()}` });
    const unreachable = await test('telegram');
    expect(unreachable).toEqual({ ok: false, detail: expect.stringMatching(/unreachable.*ECONNREFUSED/) });

    const back = await put('telegram', { apiUrl: null, botToken: null, webhookSecret: null });
    expect(back.fields).toMatchObject({
      botToken: { source: 'env', set: true },
      botUsername: { value: OLD_BOT.name, source: 'env' },
    });
  });
});

describe('storage and several processes', () => {
  it('the saved row holds no secret in clear', async () => {
    await put('email', { smtpUrl: adminSmtp(), imapUrl: imapUrl() });
    await put('whatsapp', { token: WA.token, phoneNumberId: WA.phoneNumberId, appSecret: WA.appSecret });
    await put('telegram', { botToken: TG.token, webhookSecret: TG.secret });
    const row = await env.database.db
      .selectFrom('settings')
      .selectAll()
      .where('key', '=', 'channels')
      .executeTakeFirstOrThrow();
    for (const secret of [...SECRETS, SMTP_AUTH.user, IMAP_AUTH.user, '127.0.0.1', WA.phoneNumberId])
      expect(row.value).not.toContain(secret);
    await put('email', { smtpUrl: null, imapUrl: null });
    await put('whatsapp', { token: null, phoneNumberId: null, appSecret: null });
    await put('telegram', { botToken: null, webhookSecret: null });
  });

  it('another process on the same database applies a save within its refresh; one with another secret keeps the environment’s values', async () => {
    const base = {
      ...ENV,
      DATABASE_URL: env.url,
      TESSERA_DATA_DIR: env.app.ctx.config.dataDir,
      LOG_LEVEL: 'silent',
      TESSERA_RATE_LIMIT: '0',
      // Every process keeps the default of seconds: what the first shows at once is its own doing,
      // and the second's refresh runs when the test calls it, as its timer would.
    };
    const second = openDatabase(env.url, { poolSize: 2, onIdleError: () => {} });
    const third = openDatabase(env.url, { poolSize: 2, onIdleError: () => {} });
    const warnings: string[] = [];
    let node2: App | undefined;
    let node3: App | undefined;
    try {
      node2 = await buildApp({
        config: loadConfig({ ...base, TESSERA_SECRET: env.app.ctx.config.secret }),
        database: second,
        logger: false,
      });
      await put('email', { from: 'Converged <c@helpdesk.test>' });
      await refreshChannelSettings(node2.ctx);
      expect(node2.ctx.config.mail.from).toBe('Converged <c@helpdesk.test>');

      const logger = pino({ level: 'warn' }, { write: (line: string) => warnings.push(line) });
      node3 = await buildApp({
        config: loadConfig({ ...base, TESSERA_SECRET: 'another-secret-entirely-0123456789' }),
        database: third,
        logger,
      });
      expect(node3.ctx.config.mail.from).toBe(ENV.MAIL_FROM);
      expect(warnings.join('\n')).toMatch(/cannot be decrypted/);
    } finally {
      await node2?.close();
      await node3?.close();
      await second.close();
      await third.close();
    }
    await put('email', { from: null });
  });
});
