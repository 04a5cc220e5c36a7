import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_HANDLERS } from '../src/jobs/handlers.js';
import { runJobsOnce } from '../src/jobs/worker.js';
import { type Client, login, makeWorld, openTicket } from './client.js';
import { startFakeGraph, startFakeTelegram, TG, WA, waTextWebhook } from './fake-channels.js';
import { startTestApp, type TestEnv } from './helpers.js';
import { startSmtpSink } from './smtp-sink.js';
import { expectInert, XSS_BODY } from './xss-corpus.js';

// Formatted messages: the API's `format` and server-rendered `html`, and the XSS corpus through
// every rendering a message has: the web's HTML (portal and workspace), mail HTML and text, and the
// Telegram and WhatsApp texts, each captured from the real protocol.

let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let tg: Awaited<ReturnType<typeof startFakeTelegram>>;
let graph: Awaited<ReturnType<typeof startFakeGraph>>;
let env: TestEnv;
let w: Awaited<ReturnType<typeof makeWorld>>;

beforeAll(async () => {
  [sink, tg, graph] = await Promise.all([startSmtpSink(), startFakeTelegram(), startFakeGraph()]);
  env = await startTestApp({
    env: {
      SMTP_URL: sink.url,
      MAIL_FROM: 'Acme Support <support@helpdesk.test>',
      INBOUND_EMAIL_ADDRESS: 'support@helpdesk.test',
      TELEGRAM_API_URL: tg.apiUrl,
      TELEGRAM_BOT_TOKEN: TG.token,
      TELEGRAM_WEBHOOK_SECRET: TG.secret,
      WHATSAPP_API_URL: graph.apiUrl,
      WHATSAPP_TOKEN: WA.token,
      WHATSAPP_PHONE_NUMBER_ID: WA.phoneNumberId,
      WHATSAPP_APP_SECRET: WA.appSecret,
      WHATSAPP_VERIFY_TOKEN: WA.verify,
      PUBLIC_URL: 'https://help.example.test',
    },
  });
  w = await makeWorld(env.app);
});
afterAll(async () => {
  await env?.close();
  await Promise.all([sink?.close(), tg?.close(), graph?.close()]);
});

async function drain() {
  while ((await runJobsOnce(env.app.ctx, JOB_HANDLERS, { intervalMs: 0 })) > 0);
}

type Msg = { id: string; body: string; format: string; html: string; attachments: { id: string }[] };
const thread = async (c: Client, n: number) =>
  (await c.get<{ items: Msg[] }>(`/api/v1/tickets/${n}/messages`)).items;

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6300010000050001',
  'hex',
);
async function upload(c: Client, name = 'shot.png'): Promise<string> {
  const res = await c.request(
    'POST',
    '/api/v1/attachments',
    Buffer.concat([
      Buffer.from(
        `--b\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      PNG,
      Buffer.from('\r\n--b--\r\n'),
    ]),
    { 'content-type': 'multipart/form-data; boundary=b' },
  );
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

describe('formatted messages in the API', () => {
  it('a message is plain text unless it says Markdown; both come with server-rendered html', async () => {
    const t = await openTicket(w.alice, w.billing.id, {
      description: '**not bold** in plain text\nsee https://example.test/a?b=1&c=2',
    });
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, {
      body: 'Try **this** and _that_:\n\n- one\n- [docs](https://docs.example.test)\n\n> quoted\n\n`code`',
      format: 'markdown',
    });
    const [opening, reply] = await thread(w.alice, t.number);
    expect(opening).toMatchObject({ format: 'text' });
    expect(opening?.html).toBe(
      '<p>**not bold** in plain text<br />see <a href="https://example.test/a?b=1&amp;c=2" rel="noopener noreferrer nofollow" target="_blank">https://example.test/a?b=1&amp;c=2</a></p>',
    );
    expect(reply).toMatchObject({ format: 'markdown' });
    expect(reply?.html).toContain('<strong>this</strong> and <em>that</em>');
    expect(reply?.html).toContain(
      '<li><a href="https://docs.example.test" rel="noopener noreferrer nofollow" target="_blank">docs</a></li>',
    );
    expect(reply?.html).toContain('<blockquote>\n<p>quoted</p>\n</blockquote>');
    expect(reply?.html).toContain('<code>code</code>');
  });

  it('a reply sent with changes ("send and set status", a macro) keeps its format', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    await w.agent.expect(200, 'POST', `/api/v1/tickets/${t.number}/actions`, {
      reply: 'Lowered: **done**',
      format: 'markdown',
      changes: { priority: 'low' },
    });
    const reply = (await thread(w.alice, t.number)).at(-1);
    expect(reply).toMatchObject({ format: 'markdown', html: '<p>Lowered: <strong>done</strong></p>' });
  });

  it('a ticket written in Markdown opens with it, and the mail quoting it has it as HTML and as text', async () => {
    const t = await openTicket(w.alice, w.billing.id, {
      subject: 'Markdown opening',
      description: 'The **export** fails:\n\n1. open _Reports_\n2. click Export',
      format: 'markdown',
    });
    const [opening] = await thread(w.agent, t.number);
    expect(opening?.html).toBe(
      '<p>The <strong>export</strong> fails:</p>\n<ol>\n<li>open <em>Reports</em></li>\n<li>click Export</li>\n</ol>',
    );
    await drain();
    const mail = sink.received.find(
      (m) =>
        m.envelope.to.includes(String(w.agent.user?.email)) &&
        m.mail.subject === `[#${t.number}] Markdown opening`,
    )?.mail;
    expect(mail?.html).toContain('<p>The <strong>export</strong> fails:</p>');
    expect(mail?.html).toContain('<li>open <em>Reports</em></li>');
    expect(mail?.text).toContain('> The **export** fails:');
  });

  it('an unknown format is refused and adds nothing', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    const res = await w.agent.request('POST', `/api/v1/tickets/${t.number}/messages`, {
      body: 'x',
      format: 'html',
    });
    expect(res.statusCode).toBe(400);
    expect(await thread(w.agent, t.number)).toHaveLength(1);
  });

  it('an image shows only when it is one of the message’s own attachments', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    const own = await upload(w.agent);
    const foreign = await upload(w.alice, 'other.png');
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, {
      body: `![screen](/api/v1/attachments/${own}) ![theirs](/api/v1/attachments/${foreign}) ![web](https://evil.test/p.png)`,
      format: 'markdown',
      attachmentIds: [own],
    });
    const reply = (await thread(w.alice, t.number)).at(-1);
    expect(reply?.html).toBe(`<p><img src="/api/v1/attachments/${own}" alt="screen" /> [theirs] [web]</p>`);
    // The customer's browser loads it as the customer: the image is theirs to see.
    const img = await w.alice.request('GET', `/api/v1/attachments/${own}`);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
  });

  it('the preview renders as the message will show, images only of the caller’s own uploads', async () => {
    const own = await upload(w.alice);
    const other = await upload(w.agent);
    const body = `**hi** ![a](/api/v1/attachments/${own}) ![b](/api/v1/attachments/${other}) <script>x</script>`;
    const res = await w.alice.expect<{ html: string }>(200, 'POST', '/api/v1/format/preview', {
      body,
      attachmentIds: [own],
    });
    expect(res.html).toBe(
      `<p><strong>hi</strong> <img src="/api/v1/attachments/${own}" alt="a" /> [b] &lt;script&gt;x&lt;/script&gt;</p>`,
    );
    // Someone else's upload, or one that does not exist, is refused as a message would refuse it.
    for (const id of [other, 'no-such-upload'])
      await w.alice.expect(400, 'POST', '/api/v1/format/preview', { body, attachmentIds: [own, id] });
    expect(
      (await env.app.inject({ method: 'POST', url: '/api/v1/format/preview', payload: { body: 'x' } }))
        .statusCode,
    ).toBe(401);
  });
});

describe('the XSS corpus through every rendering', () => {
  /** A customer on WhatsApp (their ticket came from there), with Telegram linked and an email address. */
  async function everywhere() {
    const waId = `447700${Date.now().toString().slice(-6)}`;
    const email = `fmt-${Date.now().toString(36)}@example.test`;
    await w.admin.expect(201, 'POST', '/api/v1/users', {
      email,
      name: 'Formatted Fiona',
      role: 'customer',
      password: w.password,
      organisationId: w.orgA.id,
      phone: `+${waId}`,
    });
    const c = await login(env.app, email, w.password);
    const res = await env.app.inject(
      waTextWebhook(waId, 'new: the page shows code', `wamid.fmt-${Date.now()}`),
    );
    expect(res.statusCode).toBe(200);
    await drain();
    const [ticket] = (await c.get<{ items: { number: number }[] }>('/api/v1/tickets')).items;
    const link = await c.expect<{ url: string }>(201, 'POST', '/api/v1/me/telegram/link');
    const chatId = 900_000 + Math.floor(Math.random() * 90_000);
    const start = await env.app.inject({
      method: 'POST',
      url: '/webhooks/telegram',
      headers: { 'x-telegram-bot-api-secret-token': TG.secret },
      payload: {
        update_id: chatId,
        message: {
          message_id: 1,
          from: { id: chatId, is_bot: false, first_name: 'Fiona' },
          chat: { id: chatId, type: 'private', first_name: 'Fiona' },
          date: Math.floor(Date.now() / 1000),
          text: `/start ${new URL(link.url).searchParams.get('start')}`,
          entities: [{ type: 'bot_command', offset: 0, length: 6 }],
        },
      },
    });
    expect(start.statusCode).toBe(200);
    await drain();
    return { c, email, waId, chatId, number: ticket?.number ?? 0 };
  }

  it.each(['markdown', 'text'] as const)(
    'as %s: web HTML, mail HTML and text, Telegram and WhatsApp run nothing',
    async (format) => {
      const who = await everywhere();
      await w.admin.expect(200, 'PATCH', `/api/v1/tickets/${who.number}`, { assigneeId: w.admin.user?.id });
      const sentBefore = { tg: tg.sent().length, wa: graph.sent().length, mail: sink.received.length };

      // Staff write it (to the customer), and the customer writes it (to staff).
      await w.admin.expect(201, 'POST', `/api/v1/tickets/${who.number}/messages`, { body: XSS_BODY, format });
      await who.c.expect(201, 'POST', `/api/v1/tickets/${who.number}/messages`, { body: XSS_BODY, format });
      await drain();

      // Portal and workspace.
      for (const [role, c] of [
        ['portal', who.c],
        ['workspace', w.admin],
      ] as const) {
        const written = (await thread(c, who.number)).filter((m) => m.body === XSS_BODY);
        expect(written).toHaveLength(2);
        for (const m of written) {
          expect(m.format).toBe(format);
          expectInert(`${role} html`, m.html, { complete: true });
        }
      }

      // Mail: the customer's notice of the staff reply and the assignee's of the customer's.
      const mails = sink.received.slice(sentBefore.mail);
      for (const to of [who.email, w.admin.user?.email ?? '']) {
        const mail = mails.find((m) => m.envelope.to.includes(to))?.mail;
        expect(mail, `a mail to ${to}`).toBeDefined();
        expectInert(`mail html to ${to}`, String(mail?.html), { complete: true });
        expectInert(`mail text to ${to}`, String(mail?.text), { complete: true });
      }

      // Telegram (HTML parse mode, an excerpt) and WhatsApp (its own markup).
      const telegram = tg
        .sent()
        .slice(sentBefore.tg)
        .filter((m) => String(m.chat_id) === String(who.chatId));
      expect(telegram).toHaveLength(1);
      expect(telegram[0]?.parse_mode).toBe('HTML');
      expectInert('telegram', String(telegram[0]?.text));
      const whatsapp = graph
        .sent()
        .slice(sentBefore.wa)
        .filter((m) => m.to === who.waId && m.type === 'text');
      expect(whatsapp).toHaveLength(1);
      expectInert('whatsapp', String(whatsapp[0]?.text?.body), { complete: true });
    },
  );
});
