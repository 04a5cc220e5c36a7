import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processInboundEmail } from '../src/channels/email/inbound.js';
import { replyAddress, replyToken } from '../src/channels/email/reply-token.js';
import { JOB_HANDLERS } from '../src/jobs/handlers.js';
import { runJobsOnce } from '../src/jobs/worker.js';
import { Client, makeWorld, openTicket } from './client.js';
import type { TestEnv } from './helpers.js';
import { type MailApp, startMailApp } from './mail-app.js';

// Replies and new tickets by email, over a real SMTP conversation with the built-in listener.

let mail: MailApp;
let sink: NonNullable<MailApp['sink']>;
let env: TestEnv;
let w: Awaited<ReturnType<typeof makeWorld>>;
let send: MailApp['send'];

beforeAll(async () => {
  mail = await startMailApp({ sink: true });
  ({ env, send } = mail);
  sink = mail.sink!;
  w = await makeWorld(env.app);
});
afterAll(async () => {
  await mail?.close();
});

async function drain() {
  while ((await runJobsOnce(env.app.ctx, JOB_HANDLERS, { intervalMs: 0 })) > 0);
}
type Msg = { body: string; channel: string; author: { id: string } | null };
const messages = async (c: Client, n: number) =>
  (await c.get<{ items: Msg[] }>(`/api/v1/tickets/${n}/messages`)).items;
const inbound = () =>
  env.database.db.selectFrom('inbound_messages').select(['external_id', 'state', 'detail']).execute();

/** The signed reply address our last notification to `email` carried. */
function lastReplyTo(email: string | undefined) {
  const mail = sink.received.filter((r) => r.envelope.to.includes(email ?? '')).at(-1)?.mail;
  return {
    replyTo: mail?.replyTo?.value[0]?.address ?? '',
    messageId: mail?.messageId ?? '',
    subject: mail?.subject ?? '',
  };
}

describe('replies by email', () => {
  it('a reply to a notification lands on the ticket as its recipient, quoted history stripped, status by the workflow', async () => {
    const t = await openTicket(w.alice, w.billing.id, { subject: 'Bot halted' });
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, {
      body: 'Can you send the log?',
    });
    await drain();
    const { replyTo, messageId, subject } = lastReplyTo(w.alice.user?.email);
    expect(replyTo).toContain('support+');
    await send({
      from: w.alice.user?.email,
      to: replyTo,
      subject: `Re: ${subject}`,
      messageId: '<reply-1@customer.test>',
      inReplyTo: messageId,
      text: `Here it is: error 42.\n\nOn Mon, 23 Nov 2026, Support <support@helpdesk.test> wrote:\n> Can you send the log?`,
    });
    await drain();
    const thread = await messages(w.agent, t.number);
    expect(thread.at(-1)).toMatchObject({
      body: 'Here it is: error 42.',
      channel: 'email',
      author: { id: w.alice.user?.id },
    });
    const ticket = await w.agent.get<{ status: { key: string } }>(`/api/v1/tickets/${t.number}`);
    expect(ticket.status.key).toBe('customer_reply');

    // the same message delivered again is stored once
    await send({
      from: w.alice.user?.email,
      to: replyTo,
      subject: 'Re: again',
      messageId: '<reply-1@customer.test>',
      text: 'Here it is: error 42.',
    });
    await drain();
    expect(
      (await messages(w.agent, t.number)).filter((m) => m.body === 'Here it is: error 42.'),
    ).toHaveLength(1);
  });

  it('a forged token or another sender never posts as the recipient', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, { body: 'Question?' });
    await drain();
    const { replyTo } = lastReplyTo(w.alice.user?.email);
    const forged = replyTo.replace(
      /\.([a-z2-7])([a-z2-7]*)@/,
      (_m, c: string, rest: string) => `.${c === 'a' ? 'b' : 'a'}${rest}@`,
    );
    await send({
      from: w.alice.user?.email,
      to: forged,
      subject: 'Re',
      messageId: '<forged@x.test>',
      text: 'forged reply',
    });
    await send({
      from: w.carol.user?.email,
      to: replyTo,
      subject: 'Re',
      messageId: '<stolen@x.test>',
      text: 'stolen token reply',
    });
    await drain();
    const bodies = (await messages(w.agent, t.number)).map((m) => m.body);
    expect(bodies).not.toContain('forged reply');
    expect(bodies).not.toContain('stolen token reply');
    const states = await inbound();
    expect(states.find((s) => s.external_id === '<forged@x.test>')?.state).toBe('quarantined');
    expect(states.find((s) => s.external_id === '<stolen@x.test>')).toMatchObject({ state: 'quarantined' });
  });

  it('threading headers find the ticket when the reply went to the plain support address', async () => {
    const t = await openTicket(w.bob, w.billing.id);
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, { body: 'Anything else?' });
    await drain();
    const { messageId } = lastReplyTo(w.bob.user?.email);
    await send({
      from: w.bob.user?.email,
      subject: 'Re: something',
      messageId: '<thread-1@x.test>',
      inReplyTo: messageId,
      references: [messageId],
      text: 'No, all good',
    });
    await drain();
    expect((await messages(w.agent, t.number)).at(-1)?.body).toBe('No, all good');
  });

  it('auto-replies, bounces and list mail make no ticket and get no answer', async () => {
    const before = sink.received.length;
    const tickets = (await w.admin.get<{ items: unknown[] }>('/api/v1/tickets?limit=100')).items.length;
    await send({
      from: w.alice.user?.email,
      subject: 'Out of office',
      messageId: '<ooo@x.test>',
      headers: { 'Auto-Submitted': 'auto-replied' },
      text: 'I am away',
    });
    await send({
      from: 'MAILER-DAEMON@mx.test',
      subject: 'Undelivered',
      messageId: '<bounce@x.test>',
      text: 'failed',
    });
    await send({
      from: w.alice.user?.email,
      subject: 'Newsletter',
      messageId: '<list@x.test>',
      headers: { 'List-Id': '<news.x.test>' },
      text: 'news',
    });
    await drain();
    expect((await w.admin.get<{ items: unknown[] }>('/api/v1/tickets?limit=100')).items.length).toBe(tickets);
    expect(sink.received.length).toBe(before);
    const states = await inbound();
    for (const id of ['<ooo@x.test>', '<bounce@x.test>', '<list@x.test>']) {
      expect(states.find((s) => s.external_id === id)?.state).toBe('ignored');
    }
  });
});

describe('new tickets by email', () => {
  it('from a known customer: a ticket in the intake department, HTML sanitised to text', async () => {
    await send({
      from: `Alice <${w.alice.user?.email}>`,
      subject: 'Withdrawal stuck',
      messageId: '<new-1@x.test>',
      html: '<p>My withdrawal is <b>stuck</b>.</p><script>alert(1)</script>',
    });
    await drain();
    const list = await w.alice.get<{ items: { number: number; subject: string; channel: string }[] }>(
      '/api/v1/tickets?q=withdrawal',
    );
    expect(list.items[0]).toMatchObject({ subject: 'Withdrawal stuck', channel: 'email' });
    const body = (await messages(w.alice, list.items[0]!.number))[0]?.body;
    expect(body).toBe('My withdrawal is stuck.');
  });

  it('from an unknown sender: a customer is created (the default setting)', async () => {
    await send({
      from: 'Nina New <nina@newcomer.test>',
      subject: 'Hello there',
      messageId: '<new-2@x.test>',
      text: 'First contact',
    });
    await drain();
    const users = await w.admin.get<{ items: { email: string; role: string }[] }>(
      '/api/v1/users?role=customer&limit=100',
    );
    expect(users.items.find((u) => u.email === 'nina@newcomer.test')).toBeDefined();
    const all = await w.admin.get<{ items: { subject: string; requester: { name: string } }[] }>(
      '/api/v1/tickets?q=contact',
    );
    expect(all.items[0]).toMatchObject({ subject: 'Hello there', requester: { name: 'Nina New' } });
  });
});

describe('attachments by email', () => {
  it('keeps allowed files as attachments of the message and names refused ones', async () => {
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6300010000050001',
      'hex',
    );
    await send({
      from: w.bob.user?.email,
      subject: 'Screenshot of the error',
      messageId: '<files-1@x.test>',
      text: 'See the screenshot.',
      attachments: [
        { filename: 'screen.png', content: png },
        { filename: 'tool.exe', content: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300)]) },
      ],
    });
    await drain();
    const list = await w.bob.get<{ items: { number: number }[] }>('/api/v1/tickets?q=screenshot');
    const thread = await w.bob.get<{
      items: { body: string; attachments: { id: string; filename: string; contentType: string }[] }[];
    }>(`/api/v1/tickets/${list.items[0]?.number}/messages`);
    expect(thread.items[0]?.attachments).toEqual([
      expect.objectContaining({ filename: 'screen.png', contentType: 'image/png' }),
    ]);
    expect(thread.items[0]?.body).toMatch(/^See the screenshot\.\n\n\[Attachments not accepted: tool\.exe: /);
    const file = await w.bob.request('GET', `/api/v1/attachments/${thread.items[0]?.attachments[0]?.id}`);
    expect(file.rawPayload.equals(png)).toBe(true);
  });
});

describe('raw-MIME HTTP endpoint', () => {
  it('takes a raw message with an administrator’s token, not from anyone else', async () => {
    // Its own customer: the search below lists exactly the tickets of that customer's organisation.
    const own = await makeWorld(env.app);
    const raw = [
      `From: ${own.bob.user?.email}`,
      'To: support@helpdesk.test',
      'Subject: Piped in',
      'Message-ID: <piped-1@x.test>',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Sent through the pipe',
      '',
    ].join('\r\n');
    const { token } = await w.admin.expect<{ token: string }>(201, 'POST', '/api/v1/tokens', { name: 'mta' });
    const res = await new Client(env.app, { token }).request('POST', '/api/v1/inbound/email', raw, {
      'content-type': 'message/rfc822',
    });
    expect(res.statusCode).toBe(202);
    expect(res.json().duplicate).toBe(false);
    const again = await new Client(env.app, { token }).request('POST', '/api/v1/inbound/email', raw, {
      'content-type': 'message/rfc822',
    });
    expect(again.json().duplicate).toBe(true);
    const { token: customerToken } = await own.bob.expect<{ token: string }>(201, 'POST', '/api/v1/tokens', {
      name: 'mine',
    });
    const refused = await new Client(env.app, { token: customerToken }).request(
      'POST',
      '/api/v1/inbound/email',
      raw,
      {
        'content-type': 'message/rfc822',
      },
    );
    expect(refused.statusCode).toBe(403);
    expect(
      (
        await env.app.inject({
          method: 'POST',
          url: '/api/v1/inbound/email',
          payload: raw,
          headers: { 'content-type': 'message/rfc822' },
        })
      ).statusCode,
    ).toBe(401);
    await drain();
    const list = await own.bob.get<{ items: { subject: string }[] }>('/api/v1/tickets?q=pipe');
    expect(list.items.map((t) => t.subject)).toEqual(['Piped in']);
  });

  it('the listener refuses mail for other domains (no open relay)', async () => {
    await expect(
      send({ from: w.alice.user?.email, to: 'someone@elsewhere.test', subject: 'relay', text: 'x' }),
    ).rejects.toThrow(/550|Relay/i);
  });
});

describe('crash safety', () => {
  it('a received message whose reply was written before a crash is marked done, not added twice', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    await send({
      from: w.alice.user?.email,
      to: replyAddress(
        'support@helpdesk.test',
        replyToken(env.app.ctx.config.secret, t.number, w.alice.user?.id ?? ''),
      ),
      subject: `Re: [#${t.number}]`,
      messageId: '<crash-1@x.test>',
      text: 'Written once',
    });
    await drain();
    // As if the worker had died after writing the reply but before settling the inbound row:
    await env.database.db
      .updateTable('inbound_messages')
      .set({ state: 'received' })
      .where('external_id', '=', '<crash-1@x.test>')
      .execute();
    const row = await env.database.db
      .selectFrom('inbound_messages')
      .select('id')
      .where('external_id', '=', '<crash-1@x.test>')
      .executeTakeFirstOrThrow();
    await processInboundEmail(env.app.ctx, { data: { inboundId: row.id } } as unknown as Parameters<
      typeof processInboundEmail
    >[1]);
    expect((await messages(w.agent, t.number)).filter((m) => m.body === 'Written once')).toHaveLength(1);
    const settled = await env.database.db
      .selectFrom('inbound_messages')
      .select(['state', 'detail'])
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(settled).toEqual({ state: 'processed', detail: 'added before an interruption' });
  });
});
