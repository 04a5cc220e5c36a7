import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_HANDLERS } from '../src/jobs/handlers.js';
import { runJobsOnce } from '../src/jobs/worker.js';
import { type Client, makeWorld, openTicket } from './client.js';
import type { TestEnv } from './helpers.js';
import { type MailApp, startMailApp } from './mail-app.js';

// Inbound mail is never trusted on its From: alone. Forged replies (through the threading headers,
// a guessed Message-ID, or with failing SPF/DMARC), mail from our own addresses and no-reply
// senders, all sent over real SMTP to the built-in listener.

let mail: MailApp;
let sink: NonNullable<MailApp['sink']>;
let env: TestEnv;
let w: Awaited<ReturnType<typeof makeWorld>>;
let send: MailApp['send'];

beforeAll(async () => {
  mail = await startMailApp({ sink: true, env: { MAIL_FROM: 'Helpdesk <notify@helpdesk.test>' } });
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
type Msg = { body: string; internal: boolean; author: { id: string } | null };
const bodies = async (n: number) =>
  (await w.admin.get<{ items: Msg[] }>(`/api/v1/tickets/${n}/messages`)).items.map((m) => m.body);
const inboundRow = (externalId: string) =>
  env.database.db
    .selectFrom('inbound_messages')
    .select(['state', 'detail', 'ticket_id'])
    .where('external_id', '=', externalId)
    .executeTakeFirst();
const mailsTo = (email: string | undefined, text: string) =>
  sink.received.filter((r) => r.envelope.to.includes(email ?? '') && (r.mail.text ?? '').includes(text));
/** The last notification `email` got: its Message-ID and signed Reply-To. */
const lastMailTo = (email: string | undefined) => {
  const mail = sink.received.filter((r) => r.envelope.to.includes(email ?? '')).at(-1)?.mail;
  return { messageId: mail?.messageId ?? '', replyTo: mail?.replyTo?.value[0]?.address ?? '' };
};
const ticketCount = async () =>
  (await w.admin.get<{ items: unknown[] }>('/api/v1/tickets?limit=100')).items.length;

/** A ticket of alice's that the agent answered, so both got mail about it. */
async function answeredTicket(c: Client = w.alice) {
  const t = await openTicket(c, w.billing.id);
  await w.agent.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, { body: 'Which account?' });
  await drain();
  return t;
}

describe('forged replies through the threading headers', () => {
  it('an agent’s From with In-Reply-To <ticket-N@…> and no token is quarantined, never posted or relayed', async () => {
    const t = await answeredTicket();
    const before = sink.received.length;
    await send({
      from: w.agent.user?.email,
      subject: `Re: [#${t.number}]`,
      messageId: '<forged-agent-thread@evil.test>',
      inReplyTo: `<ticket-${t.number}@helpdesk.test>`,
      references: [`<ticket-${t.number}@helpdesk.test>`],
      text: 'Please pay the fee to IBAN XX00 EVIL',
    });
    await drain();
    expect(await bodies(t.number)).not.toContain('Please pay the fee to IBAN XX00 EVIL');
    expect(mailsTo(w.alice.user?.email, 'IBAN XX00 EVIL')).toHaveLength(0);
    expect(sink.received.slice(before).filter((r) => (r.mail.text ?? '').includes('EVIL'))).toHaveLength(0);
    expect((await inboundRow('<forged-agent-thread@evil.test>'))?.state).toBe('quarantined');
  });

  it('a customer’s From with In-Reply-To <ticket-N@…> does not reach the ticket', async () => {
    const t = await answeredTicket();
    await send({
      from: w.alice.user?.email,
      subject: `Re: [#${t.number}]`,
      messageId: '<forged-customer-thread@evil.test>',
      inReplyTo: `<ticket-${t.number}@helpdesk.test>`,
      text: 'Cancel my order and refund to another card',
    });
    await drain();
    expect(await bodies(t.number)).not.toContain('Cancel my order and refund to another card');
    expect((await inboundRow('<forged-customer-thread@evil.test>'))?.state).toBe('quarantined');
  });

  it('a Message-ID we sent to someone else does not thread for the customer who quotes it', async () => {
    const t = await answeredTicket(w.bob);
    const bobs = lastMailTo(w.bob.user?.email).messageId;
    expect(bobs).toMatch(/^<.+@helpdesk\.test>$/);
    expect(bobs).not.toMatch(/ticket-/);
    await send({
      from: w.alice.user?.email, // same organisation: alice may see bob's ticket
      subject: 'Re: yours',
      messageId: '<foreign-id-customer@evil.test>',
      inReplyTo: bobs,
      references: [bobs],
      text: 'Posted under a foreign Message-ID',
    });
    await drain();
    expect(await bodies(t.number)).not.toContain('Posted under a foreign Message-ID');
    expect((await inboundRow('<foreign-id-customer@evil.test>'))?.state).toBe('quarantined');
  });

  it('an agent’s From with a guessed or foreign Message-ID (even one sent to them) needs their reply token', async () => {
    const t = await answeredTicket();
    const customers = lastMailTo(w.alice.user?.email).messageId;
    await send({
      from: w.agent.user?.email,
      subject: 'Re',
      messageId: '<foreign-id-agent@evil.test>',
      inReplyTo: customers,
      text: 'Agent text under the customer’s Message-ID',
    });
    await send({
      from: w.agent.user?.email,
      subject: 'Re',
      messageId: '<guessed-id-agent@evil.test>',
      inReplyTo: `<${'0'.repeat(32)}@helpdesk.test>`,
      text: 'Agent text under a guessed Message-ID',
    });
    // Alice replies, so the agent gets a notice with a Message-ID of their own.
    await send({
      from: w.alice.user?.email,
      to: lastMailTo(w.alice.user?.email).replyTo,
      subject: 'Re',
      messageId: '<alice-real-reply@customer.test>',
      text: 'Account 7',
    });
    await drain();
    const agents = lastMailTo(w.agent.user?.email).messageId;
    expect(agents).toMatch(/@helpdesk\.test>$/);
    await send({
      from: w.agent.user?.email,
      subject: 'Re',
      messageId: '<own-id-agent@agent.test>',
      inReplyTo: agents,
      text: 'Agent reply without a token',
    });
    await drain();
    const thread = await bodies(t.number);
    expect(thread).toContain('Account 7');
    for (const text of [
      'Agent text under the customer’s Message-ID',
      'Agent text under a guessed Message-ID',
      'Agent reply without a token',
    ]) {
      expect(thread).not.toContain(text);
      expect(mailsTo(w.alice.user?.email, text)).toHaveLength(0);
    }
    for (const id of [
      '<foreign-id-agent@evil.test>',
      '<guessed-id-agent@evil.test>',
      '<own-id-agent@agent.test>',
    ])
      expect((await inboundRow(id))?.state).toBe('quarantined');
  });

  it('an agent replying through their own reply token is posted and reaches the customer', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    await drain();
    const { replyTo } = lastMailTo(w.agent.user?.email);
    expect(replyTo).toContain(`support+${t.number}.`);
    await send({
      from: w.agent.user?.email,
      to: replyTo,
      subject: 'Re',
      messageId: '<agent-token-reply@agent.test>',
      text: 'Signed staff answer',
    });
    await drain();
    expect(await bodies(t.number)).toContain('Signed staff answer');
    expect(mailsTo(w.alice.user?.email, 'Signed staff answer')).toHaveLength(1);
  });

  it('the customer’s own reply by threading headers still lands, under a Message-ID sent to them', async () => {
    const t = await answeredTicket();
    const { messageId } = lastMailTo(w.alice.user?.email);
    await send({
      from: w.alice.user?.email,
      subject: 'Re',
      messageId: '<alice-threaded@customer.test>',
      inReplyTo: messageId,
      references: [`<ticket-${t.number}@helpdesk.test>`, messageId],
      text: 'Threaded by the real Message-ID',
    });
    await drain();
    expect(await bodies(t.number)).toContain('Threaded by the real Message-ID');
  });
});

describe('SPF and DMARC failures', () => {
  it('a reply with a valid token whose DMARC or SPF failed for the From domain is quarantined', async () => {
    const t = await answeredTicket();
    const { replyTo } = lastMailTo(w.alice.user?.email);
    const tickets = await ticketCount();
    await send({
      from: w.alice.user?.email,
      to: replyTo,
      subject: 'Re',
      messageId: '<dmarc-fail@evil.test>',
      headers: {
        'Authentication-Results':
          'mx.helpdesk.test; spf=softfail smtp.mailfrom=evil.test; dkim=none; dmarc=fail (p=none) header.from=example.test',
      },
      text: 'Spoofed with a leaked token',
    });
    await send({
      from: w.agent.user?.email,
      subject: 'New request',
      messageId: '<spf-fail@evil.test>',
      headers: { 'Authentication-Results': 'mx.helpdesk.test; spf=fail smtp.mailfrom=example.test' },
      text: 'Spoofed new ticket',
    });
    // A failure for another domain than the sender's says nothing about the sender.
    await send({
      from: w.alice.user?.email,
      to: replyTo,
      subject: 'Re',
      messageId: '<dmarc-other@customer.test>',
      headers: { 'Authentication-Results': 'mx.helpdesk.test; dmarc=fail header.from=elsewhere.test' },
      text: 'Real reply',
    });
    await drain();
    const thread = await bodies(t.number);
    expect(thread).not.toContain('Spoofed with a leaked token');
    expect(thread).toContain('Real reply');
    expect(await ticketCount()).toBe(tickets);
    expect(await inboundRow('<dmarc-fail@evil.test>')).toMatchObject({ state: 'quarantined' });
    expect((await inboundRow('<dmarc-fail@evil.test>'))?.detail).toMatch(/dmarc=fail/);
    expect(await inboundRow('<spf-fail@evil.test>')).toMatchObject({ state: 'quarantined' });
  });
});

describe('mail from our own addresses', () => {
  it('the support address, its +token addresses and MAIL_FROM never open a ticket or create a customer', async () => {
    const tickets = await ticketCount();
    const senders = [
      'support@helpdesk.test',
      'Support <SUPPORT@Helpdesk.Test>',
      'support+12.abc.def@helpdesk.test',
      'Helpdesk <notify@helpdesk.test>',
    ];
    for (const [i, from] of senders.entries())
      await send({ from, subject: 'Loop', messageId: `<self-${i}@helpdesk.test>`, text: 'hello me' });
    await drain();
    expect(await ticketCount()).toBe(tickets);
    const users = await w.admin.get<{ items: { email: string }[] }>('/api/v1/users?limit=100');
    expect(users.items.filter((u) => /helpdesk\.test$/.test(u.email))).toEqual([]);
    for (const i of senders.keys()) {
      const row = await inboundRow(`<self-${i}@helpdesk.test>`);
      expect(row?.state).toBe('ignored');
      expect(row?.detail).toMatch(/self-loop/);
    }
  });
});

describe('no-reply senders and attachments', () => {
  it('a human mail from a noreply@ address with a PDF is quarantined; a bare one is ignored', async () => {
    const tickets = await ticketCount();
    await send({
      from: 'SAP System <noreply@buyer.test>',
      subject: 'Purchase order 4500012345',
      messageId: '<po-1@buyer.test>',
      text: 'Please find our purchase order attached.',
      attachments: [{ filename: 'PO-4500012345.pdf', content: Buffer.from('%PDF-1.4\n%%EOF\n') }],
    });
    await send({
      from: 'no-reply@buyer.test',
      subject: 'Receipt',
      messageId: '<noreply-auto@buyer.test>',
      headers: { 'Auto-Submitted': 'auto-generated' },
      text: 'Your receipt',
    });
    await drain();
    expect(await ticketCount()).toBe(tickets);
    expect(await inboundRow('<po-1@buyer.test>')).toMatchObject({ state: 'quarantined' });
    expect(await inboundRow('<noreply-auto@buyer.test>')).toMatchObject({ state: 'ignored' });
  });

  it('a mail with 30 attachments keeps 20 and names the other 10 as refused', async () => {
    const files = Array.from({ length: 30 }, (_, i) => ({
      filename: `page-${String(i + 1).padStart(2, '0')}.txt`,
      content: Buffer.from(`page ${i + 1}\n`),
      contentType: 'text/plain',
    }));
    await send({
      from: w.bob.user?.email,
      subject: 'Thirty scans',
      messageId: '<thirty@customer.test>',
      text: 'All the scanned pages.',
      attachments: files,
    });
    await drain();
    const row = await inboundRow('<thirty@customer.test>');
    expect(row?.state).toBe('processed');
    const list = await w.bob.get<{ items: { number: number }[] }>('/api/v1/tickets?q=scans');
    const thread = await w.bob.get<{ items: { body: string; attachments: { filename: string }[] }[] }>(
      `/api/v1/tickets/${list.items[0]?.number}/messages`,
    );
    const first = thread.items[0];
    expect(first?.attachments).toHaveLength(20);
    for (let i = 21; i <= 30; i++) expect(first?.body).toContain(`page-${i}.txt`);
    expect(first?.body).toMatch(/Attachments not accepted: .*more than 20 files/);
  });
});
