import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Participants } from '../common/participants.js';
import { processInboundEmail } from '../src/channels/email/inbound.js';
import { ticketThreadId } from '../src/channels/email/outbound.js';
import { tokenFromAddress, verifyReplyToken } from '../src/channels/email/reply-token.js';
import { JOB_HANDLERS } from '../src/jobs/handlers.js';
import { runJobsOnce } from '../src/jobs/worker.js';
import { noticeCandidates } from '../src/modules/notifications/notify.js';
import { findTicketById, ticketIdOf } from '../src/modules/ticket-data/tickets.repository.js';
import { type Client, makeWorld, openTicket } from './client.js';
import type { TestEnv } from './helpers.js';
import { type MailApp, SUPPORT, startMailApp } from './mail-app.js';

type Json = Record<string, unknown>;

// Followers and the CC list of a ticket's conversation, over real SMTP both ways: the CC addresses
// of a customer's mail join the conversation, each gets the public replies in a mail of its own
// with its own reply address, and the requester's latest mail sets who is on CC.

let mail: MailApp;
let sink: NonNullable<MailApp['sink']>;
let env: TestEnv;
let w: Awaited<ReturnType<typeof makeWorld>>;

beforeAll(async () => {
  mail = await startMailApp({ sink: true });
  env = mail.env;
  sink = mail.sink!;
  w = await makeWorld(env.app);
});
afterAll(async () => {
  await mail?.close();
});

async function drain() {
  while ((await runJobsOnce(env.app.ctx, JOB_HANDLERS, { intervalMs: 0 })) > 0);
}

let seq = 0;
const address = (name: string) => `${name}-${process.pid}-${++seq}@outside.test`;
const mailsTo = (email: string) => sink.received.filter((r) => r.envelope.to.includes(email));
const participants = (c: Client, n: number) => c.get<Participants>(`/api/v1/tickets/${n}/participants`);
/** The CC list's changes on a ticket's timeline, as `c` sees them. */
const ccEvents = async (c: Client, n: number) =>
  (await c.get<{ items: Json[] }>(`/api/v1/tickets/${n}/events`)).items.filter((e) => e.field === 'cc');
type Msg = { body: string; internal: boolean; author: { id: string } | null };
const messages = async (n: number) =>
  (await w.admin.get<{ items: Msg[] }>(`/api/v1/tickets/${n}/messages`)).items;
const userIdOf = async (email: string) =>
  (
    await env.database.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow()
  ).id;

/** The ticket a mail (by Message-ID) was made into or added to. */
async function ticketOf(messageId: string): Promise<number> {
  const row = await env.database.db
    .selectFrom('inbound_messages as i')
    .innerJoin('tickets as t', 't.id', 'i.ticket_id')
    .select(['t.number', 'i.state', 'i.detail'])
    .where('i.external_id', '=', messageId)
    .executeTakeFirst();
  if (!row) throw new Error(`${messageId} made no ticket`);
  return Number(row.number);
}

const inboundState = async (messageId: string) =>
  env.database.db
    .selectFrom('inbound_messages')
    .select(['state', 'detail'])
    .where('external_id', '=', messageId)
    .executeTakeFirstOrThrow();

/** A ticket opened by mail from alice with `cc` on Cc, in Billing, assigned to the admin. */
async function ticketByMail(cc: string[]) {
  const messageId = `<open-${process.pid}-${++seq}@customer.test>`;
  await mail.send({
    from: w.alice.user?.email,
    cc,
    subject: 'Invoice for March',
    messageId,
    text: 'Please send the invoice to my colleagues too.',
  });
  await drain();
  const number = await ticketOf(messageId);
  await w.admin.expect(200, 'PATCH', `/api/v1/tickets/${number}`, {
    departmentId: w.billing.id,
    assigneeId: w.admin.user?.id,
  });
  await drain();
  return { number, messageId };
}

/** The last mail to `email` about a ticket, with its reply token checked. */
function lastMailTo(email: string) {
  const got = mailsTo(email).at(-1);
  if (!got) throw new Error(`no mail to ${email}`);
  const replyTo = got.mail.replyTo?.value[0]?.address ?? '';
  const token = tokenFromAddress(SUPPORT, replyTo);
  return { got, replyTo, claim: token ? verifyReplyToken(env.app.ctx.config.secret, token) : null };
}

describe('CC addresses of a customer’s mail', () => {
  it('join the ticket, and each gets the staff reply in a mail of its own with its own token, threaded', async () => {
    const dave = address('dave');
    const carol = w.carol.user!.email;
    const { number } = await ticketByMail([carol, dave, SUPPORT, w.alice.user!.email]);

    const list = await participants(w.admin, number);
    expect(list.cc.map((c) => c.address).sort()).toEqual([carol, dave].sort());
    // the requester sees who is on CC in the portal
    expect((await participants(w.alice, number)).cc).toHaveLength(2);

    await w.admin.expect(201, 'POST', `/api/v1/tickets/${number}/messages`, {
      body: 'The invoice is attached.',
    });
    await drain();

    const ids = { alice: w.alice.user!.id, carol: w.carol.user!.id, dave: await userIdOf(dave) };
    const got = { alice: lastMailTo(w.alice.user!.email), carol: lastMailTo(carol), dave: lastMailTo(dave) };
    for (const [who, m] of Object.entries(got)) {
      // one recipient per mail, and its token names that recipient and this ticket
      expect(m.got.envelope.to).toEqual([
        m.got.mail.to && 'value' in m.got.mail.to ? m.got.mail.to.value[0]?.address : '',
      ]);
      expect(m.claim).toEqual({ ticketNumber: number, userId: ids[who as keyof typeof ids] });
      expect(m.got.mail.text).toContain('The invoice is attached.');
      expect(m.got.mail.inReplyTo).toBe(ticketThreadId(env.app.ctx.config, number));
      expect(m.got.mail.references).toContain(ticketThreadId(env.app.ctx.config, number));
    }
    expect(new Set(Object.values(got).map((m) => m.replyTo)).size).toBe(3);
    // only whoever may open the ticket is given its link: the CCs here may not
    expect(got.alice.got.mail.text).toContain(`/tickets/${number}`);
    expect(got.carol.got.mail.text).not.toContain('/tickets/');
    expect(got.dave.got.mail.html).not.toContain('/tickets/');
    // the others are named on Cc (so that answering to all keeps them), not sent to
    const ccOfAlice = got.alice.got.mail.cc;
    const named = (Array.isArray(ccOfAlice) ? ccOfAlice : ccOfAlice ? [ccOfAlice] : []).flatMap((a) =>
      a.value.map((v) => v.address),
    );
    expect(named.sort()).toEqual([carol, dave].sort());
  });

  it('a CC answers with its token: a message by the CC, the requester unchanged; a CC of another organisation still cannot open the ticket', async () => {
    const carol = w.carol.user!.email;
    const { number } = await ticketByMail([carol]);
    await w.admin.expect(201, 'POST', `/api/v1/tickets/${number}/messages`, { body: 'Which month?' });
    await drain();
    const { replyTo, got } = lastMailTo(carol);
    const replyId = `<cc-reply-${++seq}@globex.test>`;
    await mail.send({
      from: carol,
      to: replyTo,
      cc: w.alice.user!.email,
      subject: `Re: ${got.mail.subject}`,
      messageId: replyId,
      inReplyTo: got.mail.messageId,
      text: 'March, please.',
    });
    await drain();
    expect(await inboundState(replyId)).toMatchObject({ state: 'processed' });
    expect((await messages(number)).at(-1)).toMatchObject({
      body: 'March, please.',
      author: { id: w.carol.user!.id },
    });
    const ticket = await w.admin.get<{ requester: { id: string } }>(`/api/v1/tickets/${number}`);
    expect(ticket.requester.id).toBe(w.alice.user!.id);
    // a CC's mail does not set the list
    expect((await participants(w.admin, number)).cc.map((c) => c.address)).toEqual([carol]);
    // Carol (another organisation) is on the conversation, not a viewer of the ticket
    await w.carol.expect(404, 'GET', `/api/v1/tickets/${number}`);
    await w.carol.expect(404, 'GET', `/api/v1/tickets/${number}/messages`);
    await w.carol.expect(404, 'POST', `/api/v1/tickets/${number}/messages`, { body: 'through the portal' });
  });

  it('someone not on the list, with a CC’s token or quoting its mail, does not reach the ticket', async () => {
    const carol = w.carol.user!.email;
    const { number } = await ticketByMail([carol]);
    await w.admin.expect(201, 'POST', `/api/v1/tickets/${number}/messages`, { body: 'Noted.' });
    await drain();
    const { replyTo, got } = lastMailTo(carol);
    const before = (await messages(number)).length;
    const forged = `<forged-${++seq}@stranger.test>`;
    await mail.send({
      from: address('mallory'),
      to: replyTo,
      subject: 'Re: x',
      messageId: forged,
      text: 'Me too',
    });
    const quoting = `<quoting-${++seq}@stranger.test>`;
    await mail.send({
      from: address('eve'),
      subject: 'Re: x',
      messageId: quoting,
      inReplyTo: got.mail.messageId,
      text: 'Me as well',
    });
    await drain();
    expect(await inboundState(forged)).toMatchObject({ state: 'quarantined' });
    expect(await inboundState(quoting)).toMatchObject({ state: 'quarantined' });
    expect(await messages(number)).toHaveLength(before);
    const ticket = await w.admin.get<{ requester: { id: string } }>(`/api/v1/tickets/${number}`);
    expect(ticket.requester.id).toBe(w.alice.user!.id);
  });

  it('the requester’s next mail without a CC takes it off: it gets no further copies', async () => {
    const dave = address('dave');
    const erin = address('erin');
    const { number } = await ticketByMail([dave, erin]);
    await w.admin.expect(201, 'POST', `/api/v1/tickets/${number}/messages`, { body: 'First answer.' });
    await drain();
    expect(mailsTo(dave)).toHaveLength(1);
    const { replyTo, got } = lastMailTo(w.alice.user!.email);
    const next = `<next-${++seq}@customer.test>`;
    await mail.send({
      from: w.alice.user?.email,
      to: replyTo,
      cc: erin,
      subject: `Re: ${got.mail.subject}`,
      messageId: next,
      inReplyTo: got.mail.messageId,
      text: 'Dave has left; only Erin, please.',
    });
    await drain();
    expect((await participants(w.admin, number)).cc.map((c) => c.address)).toEqual([erin]);
    // Each change is on the staff timeline, by the requester whose mail made it; a mail that
    // leaves the list as it was adds nothing.
    const [first, second] = [dave, erin].sort();
    expect(await ccEvents(w.admin, number)).toMatchObject([
      {
        type: 'changed',
        from: null,
        to: `${first}, ${second}`,
        public: false,
        actor: { id: w.alice.user!.id },
      },
      {
        type: 'changed',
        from: `${first}, ${second}`,
        to: erin,
        public: false,
        actor: { id: w.alice.user!.id },
      },
    ]);
    expect(await ccEvents(w.alice, number)).toEqual([]);
    await w.admin.expect(201, 'POST', `/api/v1/tickets/${number}/messages`, { body: 'Second answer.' });
    await drain();
    expect(mailsTo(dave)).toHaveLength(1);
    expect(mailsTo(erin)).toHaveLength(2);
    expect(mailsTo(erin).at(-1)?.mail.text).toContain('Second answer.');
  });

  it('mail taken in out of order: the list is the one of the requester’s latest mail, not of the last processed', async () => {
    const dave = address('dave');
    const erin = address('erin');
    const { number } = await ticketByMail([dave, erin]);
    await w.admin.expect(201, 'POST', `/api/v1/tickets/${number}/messages`, { body: 'Noted.' });
    await drain();
    const { replyTo } = lastMailTo(w.alice.user!.email);
    const ids = [`<older-${++seq}@customer.test>`, `<newer-${++seq}@customer.test>`];
    for (const [i, messageId] of ids.entries()) {
      await mail.send({
        from: w.alice.user?.email,
        to: replyTo,
        cc: i === 0 ? dave : erin,
        subject: 'Re: invoice',
        messageId,
        text: i === 0 ? 'Only Dave.' : 'Only Erin, after all.',
      });
      await new Promise((r) => setTimeout(r, 20));
    }
    // the newer first, then the older
    for (const messageId of [...ids].reverse()) {
      const row = await env.database.db
        .selectFrom('inbound_messages')
        .select('id')
        .where('external_id', '=', messageId)
        .executeTakeFirstOrThrow();
      await processInboundEmail(env.app.ctx, { data: { inboundId: row.id } } as unknown as Parameters<
        typeof processInboundEmail
      >[1]);
    }
    await drain();
    expect((await messages(number)).slice(-2).map((m) => m.body)).toEqual([
      'Only Erin, after all.',
      'Only Dave.',
    ]);
    expect((await participants(w.admin, number)).cc.map((c) => c.address)).toEqual([erin]);
  });

  it('a CC record merged into another customer passes its place on the list to the survivor', async () => {
    const dave = address('dave');
    const { number } = await ticketByMail([dave]);
    const daveId = await userIdOf(dave);
    await w.admin.expect(200, 'POST', `/api/v1/customers/${w.bob.user!.id}/merge`, {
      sourceId: daveId,
      allowOtherOrganisation: true,
    });
    expect((await participants(w.admin, number)).cc.map((c) => c.userId)).toEqual([w.bob.user!.id]);
    await w.admin.expect(201, 'POST', `/api/v1/tickets/${number}/messages`, { body: 'For Bob now.' });
    await drain();
    expect(lastMailTo(w.bob.user!.email).claim).toEqual({ ticketNumber: number, userId: w.bob.user!.id });
  });

  it('a bulk reply’s digest names the ticket to a CC who may not open it, without a link', async () => {
    const dave = address('dave');
    const { number } = await ticketByMail([dave]);
    await w.admin.expect(202, 'POST', '/api/v1/tickets/bulk', {
      numbers: [number],
      action: { kind: 'message', body: 'Answered in bulk.', internal: false },
    });
    await drain();
    const digest = (email: string) => {
      const got = mailsTo(email).find((m) => m.mail.subject === '1 ticket updated');
      if (!got) throw new Error(`no digest to ${email}`);
      return String(got.mail.text);
    };
    expect(digest(dave)).toContain(`#${number} `);
    expect(digest(dave)).not.toContain(`/tickets/${number}`);
    expect(digest(w.alice.user!.email)).toContain(`/tickets/${number}`);
  });

  it('a requester merged into a CC of their ticket: the survivor is its requester, no longer on CC', async () => {
    const [erin, dave] = [address('erin'), address('dave')];
    const messageId = `<merge-${++seq}@customer.test>`;
    await mail.send({ from: erin, cc: dave, subject: 'Two addresses', messageId, text: 'Both mine.' });
    await drain();
    const number = await ticketOf(messageId);
    const [erinId, daveId] = [await userIdOf(erin), await userIdOf(dave)];
    expect((await participants(w.admin, number)).cc.map((c) => c.userId)).toEqual([daveId]);
    await w.admin.expect(200, 'POST', `/api/v1/customers/${daveId}/merge`, { sourceId: erinId });
    expect((await w.admin.get<{ requester: { id: string } }>(`/api/v1/tickets/${number}`)).requester.id).toBe(
      daveId,
    );
    expect((await participants(w.admin, number)).cc).toEqual([]);
  });

  it('staff edit the list: valid customer addresses only, at most 20; customers only read it', async () => {
    const { number } = await ticketByMail([]);
    const frank = address('frank');
    const put = (c: Client, status: number, addresses: unknown) =>
      c.expect<Participants>(status, 'PUT', `/api/v1/tickets/${number}/cc`, { addresses });
    expect((await put(w.agent, 200, [frank.toUpperCase()])).cc).toMatchObject([
      { address: frank, addedByStaff: true },
    ]);
    await put(w.agent, 400, ['not an address']);
    await put(
      w.agent,
      400,
      Array.from({ length: 21 }, (_, i) => `p${i}@outside.test`),
    );
    await put(w.agent, 400, [w.techAgent.user!.email]);
    await put(w.agent, 400, [SUPPORT]);
    await put(w.agent, 400, [w.alice.user!.email]);
    await put(w.alice, 403, [frank]);
    await put(w.techAgent, 404, [frank]);
    expect((await participants(w.admin, number)).cc.map((c) => c.address)).toEqual([frank]);
    await w.admin.expect(201, 'POST', `/api/v1/tickets/${number}/messages`, { body: 'Hello Frank.' });
    await drain();
    expect(lastMailTo(frank).claim?.ticketNumber).toBe(number);
    expect((await put(w.agent, 200, [])).cc).toEqual([]);
    expect((await ccEvents(w.admin, number)).map((e) => [e.from, e.to, (e.actor as Json).id])).toEqual([
      [null, frank, w.agent.user!.id],
      [frank, null, w.agent.user!.id],
    ]);
  });
});

describe('followers', () => {
  it('a follower gets the staff notices, never a public copy or a note, and stops when unfollowing or losing access', async () => {
    const dave = address('dave');
    const { number } = await ticketByMail([dave]);
    const agentEmail = w.agent.user!.email;
    const opened = mailsTo(agentEmail).filter((m) => m.mail.subject?.includes(`[#${number}]`)).length;
    const follower = await w.agent.expect<Participants>(
      200,
      'POST',
      `/api/v1/tickets/${number}/followers`,
      {},
    );
    expect(follower).toMatchObject({ following: true, followers: [{ id: w.agent.user!.id }] });
    // customers do not see who follows
    expect(await participants(w.alice, number)).toMatchObject({ followers: [], following: false });

    const customerReply = async (text: string) => {
      const { replyTo } = lastMailTo(w.alice.user!.email);
      await mail.send({
        from: w.alice.user?.email,
        to: replyTo,
        cc: dave,
        subject: 'Re: invoice',
        messageId: `<follow-${++seq}@customer.test>`,
        text,
      });
      await drain();
    };

    await w.admin.expect(201, 'POST', `/api/v1/tickets/${number}/messages`, { body: 'Public answer.' });
    await w.admin.expect(201, 'POST', `/api/v1/tickets/${number}/messages`, {
      body: 'Internal: check the ledger.',
      internal: true,
    });
    await drain();
    // after the notice of the new ticket, which Billing's agent gets anyway
    const toAgent = () =>
      mailsTo(agentEmail)
        .filter((m) => m.mail.subject?.includes(`[#${number}]`))
        .slice(opened);
    // the public reply is the customers' (assigned to the admin, so the agent hears nothing but as follower)
    expect(toAgent()).toHaveLength(0);
    expect(
      mailsTo(dave)
        .map((m) => m.mail.text)
        .join('\n'),
    ).not.toContain('ledger');
    expect(
      mailsTo(w.alice.user!.email)
        .map((m) => m.mail.text)
        .join('\n'),
    ).not.toContain('ledger');

    await customerReply('Any news?');
    expect(toAgent()).toHaveLength(1);
    expect(toAgent()[0]?.mail.text).toContain('Any news?');

    // out of Billing: no longer sees the ticket, no longer hears of it
    await w.admin.expect(200, 'PATCH', `/api/v1/users/${w.agent.user!.id}`, { departmentIds: [w.tech.id] });
    await customerReply('Still waiting.');
    expect(toAgent()).toHaveLength(1);
    await w.admin.expect(200, 'PATCH', `/api/v1/users/${w.agent.user!.id}`, {
      departmentIds: [w.billing.id],
    });
    await customerReply('Hello again.');
    expect(toAgent()).toHaveLength(2);

    await w.agent.expect(200, 'DELETE', `/api/v1/tickets/${number}/followers`);
    await customerReply('And again.');
    expect(toAgent()).toHaveLength(2);
  });

  it('only administrators and the assignee add others, who must see the ticket; others cannot follow what they do not see', async () => {
    const { number } = await ticketByMail([]);
    const url = `/api/v1/tickets/${number}/followers`;
    await w.techAgent.expect(404, 'POST', url, {});
    await w.alice.expect(403, 'POST', url, {});
    await w.agent.expect(403, 'POST', url, { userId: w.admin.user!.id });
    await w.admin.expect(400, 'POST', url, { userId: w.techAgent.user!.id });
    await w.admin.expect(400, 'POST', url, { userId: w.alice.user!.id });
    const added = await w.admin.expect<Participants>(200, 'POST', url, { userId: w.agent.user!.id });
    expect(added.followers.map((f) => f.id)).toEqual([w.agent.user!.id]);
    expect(added.following).toBe(false);
    await w.agent.expect(403, 'DELETE', `${url}?userId=${w.admin.user!.id}`);
    const removed = await w.admin.expect<Participants>(200, 'DELETE', `${url}?userId=${w.agent.user!.id}`);
    expect(removed.followers).toEqual([]);
  });

  it('a digest’s staff lists, shared by its tickets, never carry one ticket’s followers to another', async () => {
    const [x, y] = [await openTicket(w.alice, w.billing.id), await openTicket(w.alice, w.billing.id)];
    await w.admin.expect(200, 'POST', `/api/v1/tickets/${x.number}/followers`, {});
    const shared = ['department-staff'];
    const staffOf = { department: async () => shared, onCall: async () => shared };
    const row = async (t: { number: number }) =>
      (await findTicketById(env.database.db, (await ticketIdOf(env.database.db, t.number))!))!;
    const candidates = (t: { number: number }) =>
      row(t).then((r) => noticeCandidates(env.database.db, 'ticket.customer_reply', r, null, staffOf));
    expect(await candidates(x)).toEqual(['department-staff', w.admin.user!.id]);
    expect(await candidates(y)).toEqual(['department-staff']);
    expect(shared).toEqual(['department-staff']);
  });
});
