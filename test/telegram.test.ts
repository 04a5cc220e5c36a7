import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_HANDLERS } from '../src/jobs/handlers.js';
import { runJobsOnce } from '../src/jobs/worker.js';
import { type Client, login, makeWorld, openTicket } from './client.js';
import { startFakeTelegram, TG } from './fake-channels.js';
import { startTestApp, type TestEnv } from './helpers.js';

// Telegram end to end: linking from Account Settings, the bot's webhook, notifications out to a
// stand-in Bot API.

let now = Date.parse('2026-05-04T09:00:00.000Z');
let tg: Awaited<ReturnType<typeof startFakeTelegram>>;
let env: TestEnv;
let w: Awaited<ReturnType<typeof makeWorld>>;

beforeAll(async () => {
  tg = await startFakeTelegram();
  env = await startTestApp({
    clock: () => new Date(now),
    env: {
      TELEGRAM_API_URL: tg.apiUrl,
      TELEGRAM_BOT_TOKEN: TG.token,
      TELEGRAM_WEBHOOK_SECRET: TG.secret,
      TESSERA_WORKFLOW_PRESET: 'portal',
      PUBLIC_URL: 'https://help.example.test',
    },
  });
  w = await makeWorld(env.app);
});
afterAll(async () => {
  await env?.close();
  await tg?.close();
});

async function drain() {
  while ((await runJobsOnce(env.app.ctx, JOB_HANDLERS, { intervalMs: 0 })) > 0);
}

let seq = 0;
async function customer() {
  const email = `tg${++seq}-${Date.now().toString(36)}@example.test`;
  await w.admin.expect(201, 'POST', '/api/v1/users', {
    email,
    name: `Telegram ${seq}`,
    role: 'customer',
    password: w.password,
    organisationId: w.orgA.id,
  });
  return login(env.app, email, w.password);
}

let updateSeq = 5000;
let messageSeq = 0;
/** A Telegram Update with a private text message. */
const message = (chatId: number, text: string, extra: Record<string, unknown> = {}) => ({
  update_id: ++updateSeq,
  message: {
    message_id: ++messageSeq,
    from: { id: chatId, is_bot: false, first_name: 'Ana', username: `user${chatId}` },
    chat: { id: chatId, first_name: 'Ana', username: `user${chatId}`, type: 'private' },
    date: Math.floor(now / 1000),
    text,
    ...(text.startsWith('/')
      ? { entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]?.length }] }
      : {}),
    ...extra,
  },
});

const post = (update: unknown, secret: string | null = TG.secret) =>
  env.app.inject({
    method: 'POST',
    url: '/webhooks/telegram',
    headers: secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret },
    payload: update as Record<string, unknown>,
  });

async function send(update: unknown) {
  const res = await post(update);
  expect(res.statusCode).toBe(200);
  await drain();
  return res.json() as { ok: boolean; duplicate: boolean };
}

const sentTo = (chatId: number) => tg.sent().filter((b) => String(b.chat_id) === String(chatId));
const lastText = (chatId: number): string => sentTo(chatId).at(-1)?.text ?? '';

/** The Telegram message id of the newest notice sent to `c`: what a reply to it quotes. */
async function lastNoticeId(c: Client): Promise<number> {
  const notice = await env.database.db
    .selectFrom('outbound_messages')
    .select('external_id')
    .where('channel', '=', 'telegram')
    .where('user_id', '=', c.user?.id ?? '')
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  return Number(notice.external_id.split(':')[1]);
}

async function deepLink(c: Client) {
  const link = await c.expect<{ url: string; expiresAt: string }>(201, 'POST', '/api/v1/me/telegram/link');
  return { ...link, token: new URL(link.url).searchParams.get('start') ?? '' };
}

let chatSeq = 700_000;
/** Links a fresh chat to `c` the way a person does: the deep link, then Start in the bot. */
async function link(c: Client) {
  const chatId = ++chatSeq;
  const { token } = await deepLink(c);
  await send(message(chatId, `/start ${token}`));
  return chatId;
}

const status = (c: Client) =>
  c.get<{ linked: boolean; broken: boolean; username: string | null; brokenReason: string | null }>(
    '/api/v1/me/telegram',
  );

describe('the webhook', () => {
  it('without the right secret token it is 403 and stores nothing', async () => {
    const count = async () =>
      Number(
        (
          await env.database.db
            .selectFrom('inbound_messages')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    expect((await post(message(1, '/start'), null)).statusCode).toBe(403);
    expect((await post(message(1, '/start'), 'wrong')).statusCode).toBe(403);
    expect((await post(message(1, '/start'), `${TG.secret}x`)).statusCode).toBe(403);
    await drain();
    expect(await count()).toBe(before);
    expect(sentTo(1)).toEqual([]);
  });

  it('an update delivered again (same update_id) is a no-op', async () => {
    const update = message(42, '/start');
    expect((await send(update)).duplicate).toBe(false);
    expect((await send(update)).duplicate).toBe(true);
    expect(sentTo(42)).toHaveLength(1);
  });
});

describe('linking', () => {
  it('Link Telegram gives a single-use, expiring deep link; /start with it links, bare /start links nothing, /stop unlinks', async () => {
    const c = await customer();
    expect(await status(c)).toMatchObject({ available: true, linked: false });

    await send(message(9001, '/start'));
    expect(lastText(9001)).toMatch(/Link Telegram/);
    expect(await status(c)).toMatchObject({ linked: false });

    const { url, expiresAt, token } = await deepLink(c);
    expect(url).toMatch(new RegExp(`^https://t\\.me/${TG.bot}\\?start=[A-Za-z0-9_-]{32}$`));
    expect(Date.parse(expiresAt) - now).toBe(30 * 60_000);
    await send(message(9001, `/start ${token}`));
    expect(lastText(9001)).toMatch(/^Linked to Telegram \d+'s support account/);
    expect(await status(c)).toMatchObject({ linked: true, broken: false, username: 'user9001' });

    // Used once: another chat cannot use it again.
    await send(message(9002, `/start ${token}`));
    expect(lastText(9002)).toMatch(/expired or was already used/);

    // Expired after TELEGRAM_LINK_MINUTES.
    const late = await deepLink(c);
    now += 31 * 60_000;
    await send(message(9002, `/start ${late.token}`));
    expect(lastText(9002)).toMatch(/expired or was already used/);
    expect(await status(c)).toMatchObject({ linked: true, username: 'user9001' });

    await send(message(9001, '/stop'));
    expect(lastText(9001)).toMatch(/^Unlinked/);
    expect(await status(c)).toMatchObject({ linked: false });

    // And from Account Settings.
    await link(c);
    expect(await status(c)).toMatchObject({ linked: true });
    await c.expect(204, 'DELETE', '/api/v1/me/telegram');
    expect(await status(c)).toMatchObject({ linked: false });
  });
});

describe('notifications', () => {
  it('staff reply and ticket resolved reach the linked chat: number, escaped subject, excerpt, link; an internal note never', async () => {
    const c = await customer();
    const chat = await link(c);
    const t = await openTicket(c, w.billing.id, { subject: 'Invoice_2024 *urgent* [draft] (v1.2)!' });
    await drain();
    const before = tg.sent().length;
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, {
      body: 'SECRET-CANARY do not tell',
      internal: true,
    });
    await drain();
    expect(tg.sent().length).toBe(before);
    expect(tg.requests.some((r) => r.raw.toString().includes('SECRET-CANARY'))).toBe(false);

    await w.agent.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, {
      body: 'We fixed the total. It was 1.5% off.',
    });
    await drain();
    const reply = sentTo(chat).at(-1);
    expect(reply.parse_mode).toBe('HTML');
    expect(reply.text).toBe(
      [
        `<b>Staff reply on</b> #${t.number}: <b>Invoice_2024 *urgent* [draft] (v1.2)!</b>`,
        '',
        'We fixed the total. It was 1.5% off.',
        '',
        `<a href="https://help.example.test/tickets/${t.number}">Open ticket #${t.number}</a>`,
        '<i>Reply to this message to answer.</i>',
      ].join('\n'),
    );

    await w.agent.expect(200, 'PATCH', `/api/v1/tickets/${t.number}`, { status: 'resolved' });
    await drain();
    expect(lastText(chat)).toMatch(new RegExp(`^<b>Ticket resolved</b> #${t.number}: `));
  });

  it('each notice is a toggle, on by default; turned off, none is sent', async () => {
    const c = await customer();
    const prefs = await c.get<Record<string, Record<string, boolean>>>('/api/v1/me/notification-preferences');
    expect(prefs['ticket.staff_reply']).toEqual({ email: true, telegram: true });
    expect(prefs['ticket.resolved']).toEqual({ email: true, telegram: true });
    expect(prefs['ticket.reminder']).toEqual({ email: true });
    const chat = await link(c);
    await c.expect(200, 'PUT', '/api/v1/me/notification-preferences', {
      'ticket.staff_reply': { telegram: false },
    });
    expect(
      (
        await c.request('PUT', '/api/v1/me/notification-preferences', {
          'ticket.reminder': { telegram: true },
        })
      ).statusCode,
    ).toBe(400);
    const t = await openTicket(c, w.billing.id);
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, {
      body: 'You will not hear this',
    });
    await w.agent.expect(200, 'PATCH', `/api/v1/tickets/${t.number}`, { status: 'resolved' });
    await drain();
    const texts = sentTo(chat).map((m) => m.text as string);
    expect(texts.some((x) => x.includes('You will not hear this'))).toBe(false);
    expect(texts.some((x) => x.startsWith('<b>Ticket resolved</b>'))).toBe(true);
  });

  it('a 429 waits for retry_after, then delivers once', async () => {
    const c = await customer();
    const chat = await link(c);
    const t = await openTicket(c, w.billing.id);
    await drain();
    tg.failNext(429, {
      ok: false,
      error_code: 429,
      description: 'Too Many Requests: retry after 7',
      parameters: { retry_after: 7 },
    });
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, { body: 'Throttled reply' });
    await drain();
    const job = await env.database.db
      .selectFrom('outbox')
      .selectAll()
      .where('topic', '=', 'deliver.telegram')
      .where('state', '=', 'pending')
      .executeTakeFirstOrThrow();
    expect(Date.parse(job.run_at) - now).toBe(7000);
    expect(job.last_error).toMatch(/retry after 7/);
    const tries = () => tg.attempts().filter((m) => m.text.includes('Throttled reply')).length;
    expect(tries()).toBe(1);
    now += 6000;
    await drain();
    expect(tries()).toBe(1);
    now += 1000;
    await drain();
    expect(tries()).toBe(2);
    expect(sentTo(chat).filter((m) => m.text.includes('Throttled reply'))).toHaveLength(1);
  });

  it('a blocked bot is not retried, marks the link broken, and nothing more is sent until linked again', async () => {
    const c = await customer();
    const chat = await link(c);
    const t = await openTicket(c, w.billing.id);
    await drain();
    tg.failNext(403, { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, { body: 'Into the void' });
    await drain();
    const failed = await env.database.db
      .selectFrom('outbox')
      .select(['state', 'attempts'])
      .where('topic', '=', 'deliver.telegram')
      .where('payload', 'like', `%"userId":"${c.user?.id}"%`)
      .execute();
    expect(failed).toEqual([{ state: 'failed', attempts: 1 }]);
    expect(await status(c)).toMatchObject({
      linked: true,
      broken: true,
      brokenReason: expect.stringMatching(/blocked/),
    });
    const attempts = tg.attempts().length;
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, { body: 'Still nobody there' });
    await drain();
    expect(tg.attempts().length).toBe(attempts);

    // Unblocking the bot (my_chat_member) mends the link.
    await send({
      update_id: ++updateSeq,
      my_chat_member: {
        chat: { id: chat, type: 'private' },
        from: { id: chat, is_bot: false, first_name: 'Ana' },
        date: Math.floor(now / 1000),
        old_chat_member: { status: 'kicked', user: { id: 123456, is_bot: true, first_name: 'Tessera' } },
        new_chat_member: { status: 'member', user: { id: 123456, is_bot: true, first_name: 'Tessera' } },
      },
    });
    expect(await status(c)).toMatchObject({ broken: false });
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, { body: 'Welcome back' });
    await drain();
    expect(lastText(chat)).toContain('Welcome back');
  });

  it('a reply to a notification lands on its ticket; on a resolved ticket it is refused in plain words', async () => {
    const c = await customer();
    const chat = await link(c);
    const t = await openTicket(c, w.billing.id);
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, { body: 'Which browser?' });
    await drain();
    const messageId = await lastNoticeId(c);
    await send(
      message(chat, 'Firefox 140', { reply_to_message: { message_id: messageId, text: 'Which browser?' } }),
    );
    const thread = await c.get<{ items: { body: string; channel: string; author: { id: string } }[] }>(
      `/api/v1/tickets/${t.number}/messages`,
    );
    expect(thread.items.at(-1)).toMatchObject({
      body: 'Firefox 140',
      channel: 'telegram',
      author: { id: c.user?.id },
    });

    // Another chat quoting the same message id is not this ticket's.
    await send(message(chat + 1, 'Me too', { reply_to_message: { message_id: messageId } }));
    expect(lastText(chat + 1)).toMatch(/reply to its notification/);

    await w.agent.expect(200, 'PATCH', `/api/v1/tickets/${t.number}`, { status: 'resolved' });
    await drain();
    await send(message(chat, 'One more thing', { reply_to_message: { message_id: messageId } }));
    expect(lastText(chat)).toBe(
      `Your reply was not added to ticket #${t.number}. This ticket is resolved. Open a new ticket and mention #${t.number}.`,
    );
    const after = await c.get<{ items: { body: string }[] }>(`/api/v1/tickets/${t.number}/messages`);
    expect(after.items.map((m) => m.body)).not.toContain('One more thing');
  });
  it('a voice note or a document in reply becomes an attachment; an edit is a timeline event, never answered', async () => {
    const c = await customer();
    const chat = await link(c);
    const t = await openTicket(c, w.billing.id);
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, {
      body: 'Can you send the invoice?',
    });
    await drain();
    const noticeId = await lastNoticeId(c);
    const replyTo = { reply_to_message: { message_id: noticeId } };
    // An Ogg page whose first packet is an Opus header, as Telegram voice notes are.
    const oggHeader = Buffer.concat([
      Buffer.from('OggS'),
      Buffer.from([0, 2]),
      Buffer.alloc(20),
      Buffer.from([1, 19]),
    ]);
    tg.addFile(
      'voice-1',
      Buffer.concat([oggHeader, Buffer.from('OpusHead'), Buffer.from([1, 1]), Buffer.alloc(400, 0)]),
    );
    tg.addFile('doc-1', Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n'));
    const answers = sentTo(chat).length;
    await send(
      message(chat, '', {
        text: undefined,
        voice: { file_id: 'voice-1', mime_type: 'audio/ogg', duration: 3 },
        ...replyTo,
      }),
    );
    const doc = message(chat, '', {
      text: undefined,
      caption: 'Here is the invoice',
      document: { file_id: 'doc-1', file_name: 'invoice-42.pdf', mime_type: 'application/pdf' },
      ...replyTo,
    });
    await send(doc);
    type Msg = { body: string; channel: string; attachments: { filename: string; contentType: string }[] };
    const thread = await c.get<{ items: Msg[] }>(`/api/v1/tickets/${t.number}/messages`);
    expect(thread.items.slice(-2)).toMatchObject([
      {
        body: '(voice note)',
        channel: 'telegram',
        attachments: [{ filename: 'telegram-voice.ogg', contentType: expect.stringMatching(/^audio\//) }],
      },
      {
        body: 'Here is the invoice',
        attachments: [{ filename: 'invoice-42.pdf', contentType: 'application/pdf' }],
      },
    ]);
    // The files were fetched through getFile and the file path, with the bot's token.
    expect(tg.requests.filter((r) => r.path.startsWith(`/file/bot${TG.token}/`)).length).toBe(2);

    await send({
      update_id: ++updateSeq,
      edited_message: {
        ...doc.message,
        caption: 'Here is the corrected invoice',
        edit_date: Math.floor(now / 1000),
      },
    });
    const events = await c.get<{ items: { type: string; from: string | null; to: string | null }[] }>(
      `/api/v1/tickets/${t.number}/events`,
    );
    expect(events.items.filter((e) => e.type === 'message_edited')).toMatchObject([
      { from: 'Here is the invoice', to: 'Here is the corrected invoice' },
    ]);
    expect(sentTo(chat).length).toBe(answers);
  });

  it('an edit finds its message among many chats whose messages share its id; another chat cannot edit it', async () => {
    // Message ids count per chat: every chat has a message 1, 2, 3…
    const c = await customer();
    const chat = await link(c);
    const t = await openTicket(c, w.billing.id);
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, { body: 'Which invoice?' });
    await drain();
    const noticeId = await lastNoticeId(c);
    const original = message(chat, 'Invoice 17', {
      reply_to_message: { message_id: noticeId },
    });
    await send(original);
    const id = original.message.message_id;
    for (let i = 1; i <= 60; i++) {
      now += 1000;
      await post(
        message(900_000 + i, `hello ${i}`, { message_id: id, chat: { id: 900_000 + i, type: 'private' } }),
      );
    }
    await drain();
    const edit = (chatId: number, text: string) => ({
      update_id: ++updateSeq,
      edited_message: { ...original.message, chat: { ...original.message.chat, id: chatId }, text },
    });
    await send(edit(900_001, 'Invoice 99'));
    await send(edit(chat, 'Invoice 18'));
    const events = await c.get<{ items: { type: string; from: string | null; to: string | null }[] }>(
      `/api/v1/tickets/${t.number}/events`,
    );
    expect(events.items.filter((e) => e.type === 'message_edited')).toMatchObject([
      { from: 'Invoice 17', to: 'Invoice 18' },
    ]);
  });
});
