import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replyAddress, replyToken } from '../src/channels/email/reply-token.js';
import { JOB_HANDLERS } from '../src/jobs/handlers.js';
import { runJobsOnce } from '../src/jobs/worker.js';
import { Client, makeWorld, openTicket } from './client.js';
import { engine, startTestApp, type TestEnv } from './helpers.js';

// Real mails as clients write them (test/fixtures/email/*.eml), sent as raw bytes through the HTTP
// inbound endpoint: what ends up on the ticket is exactly what the sender wrote now.

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'email');
const SUPPORT = 'support@helpdesk.test';

let env: TestEnv;
let w: Awaited<ReturnType<typeof makeWorld>>;
let mta: Client;

beforeAll(async () => {
  env = await startTestApp({ env: { INBOUND_EMAIL_ADDRESS: SUPPORT } });
  w = await makeWorld(env.app);
  const { token } = await w.admin.expect<{ token: string }>(201, 'POST', '/api/v1/tokens', { name: 'mta' });
  mta = new Client(env.app, { token });
});
afterAll(async () => {
  await env?.close();
});

async function drain() {
  while ((await runJobsOnce(env.app.ctx, JOB_HANDLERS, { intervalMs: 0 })) > 0);
}

type Msg = { id: string; body: string; channel: string; author: { id: string } | null };
type TicketView = { number: number; subject: string };

/**
 * Sends one fixture as raw bytes (placeholders replaced, everything else byte for byte), lets the
 * worker run, and returns what was stored and what a reader of the ticket sees.
 */
async function deliver(file: string, vars: Record<string, string>) {
  let raw = readFileSync(path.join(FIXTURES, file));
  // Placeholders are ASCII, so a latin1 round trip keeps every other byte as it was.
  let text = raw.toString('latin1');
  for (const [k, v] of Object.entries(vars)) text = text.replaceAll(`{{${k}}}`, v);
  raw = Buffer.from(text, 'latin1');
  const res = await mta.request('POST', '/api/v1/inbound/email', raw, { 'content-type': 'message/rfc822' });
  expect(res.statusCode, res.body).toBe(202);
  const { id } = res.json() as { id: string | null };
  expect(id).toBeTruthy();
  await drain();
  const row = await env.database.db
    .selectFrom('inbound_messages')
    .select(['state', 'detail', 'ticket_id', 'message_id'])
    .where('id', '=', String(id))
    .executeTakeFirstOrThrow();
  const jobs = await env.database.db
    .selectFrom('outbox')
    .select(['state', 'attempts', 'last_error'])
    .where('topic', '=', 'inbound.email')
    .where('dedupe_key', '=', `inbound.email:${id}`)
    .execute();
  return { row, jobs };
}

/** The row was processed and its job neither failed nor waits for a retry. */
function expectProcessed(r: Awaited<ReturnType<typeof deliver>>) {
  expect(r.jobs, JSON.stringify(r.jobs)).toHaveLength(1);
  expect(r.jobs[0]?.last_error ?? null, `worker job error: ${r.jobs[0]?.last_error}`).toBeNull();
  expect(r.jobs[0]?.state).not.toBe('failed');
  expect(r.row, JSON.stringify(r.row)).toMatchObject({ state: 'processed' });
}

async function ticketOf(ticketId: string | null): Promise<TicketView> {
  const t = await env.database.db
    .selectFrom('tickets')
    .select('number')
    .where('id', '=', String(ticketId))
    .executeTakeFirstOrThrow();
  return w.agent.get<TicketView>(`/api/v1/tickets/${t.number}`);
}
/** The raw message as stored for the ticket's first inbound mail. */
async function storedEml(ticketId: string | null): Promise<Buffer> {
  const row = await env.database.db
    .selectFrom('inbound_messages')
    .select('raw')
    .where('ticket_id', '=', String(ticketId))
    .executeTakeFirstOrThrow();
  return Buffer.from((JSON.parse(row.raw) as { eml: string }).eml, 'base64');
}
const thread = async (n: number) =>
  (await w.admin.get<{ items: Msg[] }>(`/api/v1/tickets/${n}/messages`)).items;

const replies: [file: string, expected: string][] = [
  ['gmail-reply.eml', 'Thanks, the export works now.'],
  ['outlook-header-block.eml', 'The invoice number is INV-2041.'],
  [
    'outlook-original-message.eml',
    'The reset link expired before I could use it. Could you send another one?',
  ],
  ['apple-mail.eml', 'It is fast again since this morning.'],
  [
    'thunderbird.eml',
    'I attached nothing because the log is empty. The folder exists but the file has zero bytes.',
  ],
  ['plain-quote.eml', 'Yes, please close it.'],
];

describe(`an .eml corpus (${engine})`, () => {
  it.each(replies)('%s: a reply on the ticket carries only the new text', async (file, expected) => {
    const t = await openTicket(w.alice, w.billing.id, { subject: `Corpus ${file}` });
    const r = await deliver(file, {
      FROM: w.alice.user?.email ?? '',
      // The signed reply address of our notifications: a reply is threaded by it, not by In-Reply-To alone.
      TO: replyAddress(SUPPORT, replyToken(env.app.ctx.config.secret, t.number, w.alice.user?.id ?? '')),
      TICKET: String(t.number),
      IN_REPLY_TO: `<ticket-${t.number}@helpdesk.test>`,
      RUN: `${file}-${t.number}`,
    });
    expectProcessed(r);
    expect(r.row.detail).toBe(`reply on #${t.number}`);
    const msgs = await thread(t.number);
    const reply = msgs.find((m) => m.id === r.row.message_id);
    expect(reply).toMatchObject({ body: expected, channel: 'email', author: { id: w.alice.user?.id } });
    expect(msgs.at(-1)?.id).toBe(reply?.id);
  });

  type NewCase = { file: string; subject: string; body: string | ((b: string) => void) };
  const fresh: NewCase[] = [
    {
      file: 'html-only.eml',
      subject: 'Prices & limits',
      body: (b) => {
        // A no-break space may come through as U+00A0; either way it reads as a space.
        expect(b.replace(/\u00a0/g, ' ')).toBe(
          'The limit is <10 orders & "rising".\n\nTom\'s café is affected.',
        );
        expect(b).not.toMatch(/steal|INJECTED|alert|document\.write|color: red|Ignore this title|<[a-z/!]/i);
      },
    },
    {
      file: 'latin1-qp.eml',
      subject: 'Zähler läuft nicht',
      body: 'Grüße aus Köln, der Zähler läuft nicht mehr. À bientôt, François.',
    },
    { file: 'base64-utf8.eml', subject: '日本語の件名', body: '日本語のテキスト: naïve café ✓ — Grüße' },
    {
      file: 'nul-byte.eml',
      subject: 'Binary junk',
      // A NUL byte may be dropped, never a reason to lose the mail (PostgreSQL text refuses it).
      body: (b) => expect(b.replace(/\0/g, '')).toBe('Beforeafter the NUL byte.'),
    },
    {
      file: 'missing-headers.eml',
      subject: '(no subject)',
      body: (b) => expect(b).toMatch(/^No subject and no message id here \(missing-headers\.eml-\d+\)\.$/),
    },
  ];

  it.each(fresh)('$file: a new ticket with the decoded subject and body', async ({ file, subject, body }) => {
    const r = await deliver(file, {
      FROM: w.bob.user?.email ?? '',
      TO: SUPPORT,
      RUN: `${file}-${Date.now()}`,
    });
    expectProcessed(r);
    expect(r.row.detail).toMatch(/^new ticket #\d+$/);
    const ticket = await ticketOf(r.row.ticket_id);
    expect(ticket.subject).toBe(subject);
    const msgs = await thread(ticket.number);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatchObject({ channel: 'email', author: { id: w.bob.user?.id } });
    const got = msgs[0]?.body ?? '';
    if (typeof body === 'string') expect(got).toBe(body);
    else body(got);
  });

  // Raw 8-bit headers (not RFC 2047 encoded) and bodies in legacy charsets, from a sender we do not know
  // yet: test/fixtures/email/generate-8bit.ts wrote the bytes.
  it.each([
    {
      file: 'gb2312-raw-headers.eml',
      name: '张伟',
      subject: '打印机无法连接网络',
      body: '您好，我的打印机从昨天开始无法连接到网络，请帮忙处理。谢谢！',
    },
    {
      file: 'shift-jis-raw-headers.eml',
      name: '山田太郎',
      subject: 'プリンターがネットワークに接続できません',
      body: 'お世話になっております。昨日からプリンターがネットワークに接続できません。よろしくお願いいたします。',
    },
  ])(
    '$file: subject, requester name and body are decoded, the raw bytes kept',
    async ({ file, name, subject, body }) => {
      const run = `${file}-${Date.now()}`;
      const r = await deliver(file, { FROM: `${run}@customer.test`, TO: SUPPORT, RUN: run });
      expectProcessed(r);
      const ticket = await w.agent.get<TicketView & { requester: { name: string } }>(
        `/api/v1/tickets/${(await ticketOf(r.row.ticket_id)).number}`,
      );
      expect(ticket).toMatchObject({ subject, requester: { name } });
      expect((await thread(ticket.number))[0]?.body).toBe(body);
      expect(await storedEml(r.row.ticket_id)).toEqual(
        Buffer.from(
          readFileSync(path.join(FIXTURES, file), 'latin1')
            .replaceAll('{{FROM}}', `${run}@customer.test`)
            .replaceAll('{{TO}}', SUPPORT)
            .replaceAll('{{RUN}}', run),
          'latin1',
        ),
      );
    },
  );

  it('a forward keeps the forwarded message, and the raw mail is kept whole', async () => {
    const run = `forwarded-${Date.now()}`;
    const r = await deliver('forwarded.eml', { FROM: w.bob.user?.email ?? '', TO: SUPPORT, RUN: run });
    expectProcessed(r);
    const ticket = await ticketOf(r.row.ticket_id);
    expect(ticket.subject).toBe('Your order 4711 could not be delivered');
    const got = (await thread(ticket.number))[0]?.body ?? '';
    expect(got).toMatch(/^Can you check this\? I never got the parcel\.\n\n---------- Forwarded message/);
    expect(got).toContain('From: Shop <orders@shop.example>');
    expect(got).toContain(
      'Your order 4711 could not be delivered: the address was not found.\nTracking number: ZX-2041-77.',
    );
    expect((await storedEml(r.row.ticket_id)).toString('utf8')).toContain('Tracking number: ZX-2041-77.');
  });

  it('a redelivered fixture is stored once', async () => {
    const t = await openTicket(w.carol, w.billing.id);
    const vars = {
      FROM: w.carol.user?.email ?? '',
      TO: replyAddress(SUPPORT, replyToken(env.app.ctx.config.secret, t.number, w.carol.user?.id ?? '')),
      TICKET: String(t.number),
      IN_REPLY_TO: `<ticket-${t.number}@helpdesk.test>`,
      RUN: 'redelivered',
    };
    expectProcessed(await deliver('plain-quote.eml', vars));
    let text = readFileSync(path.join(FIXTURES, 'plain-quote.eml'), 'latin1');
    for (const [k, v] of Object.entries(vars)) text = text.replaceAll(`{{${k}}}`, v);
    const again = await mta.request('POST', '/api/v1/inbound/email', Buffer.from(text, 'latin1'), {
      'content-type': 'message/rfc822',
    });
    expect(again.json()).toMatchObject({ duplicate: true });
    await drain();
    expect((await thread(t.number)).filter((m) => m.body === 'Yes, please close it.')).toHaveLength(1);
  });
});
