import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_HANDLERS } from '../src/jobs/handlers.js';
import { runJobsOnce } from '../src/jobs/worker.js';
import { Client, makeWorld, openTicket } from './client.js';
import type { TestEnv } from './helpers.js';
import { type MailApp, startMailApp } from './mail-app.js';

// Admin › Inbound mail through the API: nothing is dropped in silence. Ignored, quarantined and
// refused mail is listed with its reason, downloadable as received, and an admin opens a ticket
// from it, attaches it to a ticket, or discards it; only admins, and bad input changes nothing.

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
type Item = {
  id: string;
  channel: string;
  state: string;
  detail: string | null;
  sender: string | null;
  subject: string | null;
  size: number | null;
  receivedAt: string;
  ticketNumber: number | null;
  autoReply: string | null;
};
type Msg = { body: string; internal: boolean; author: { id: string } | null; attachments: unknown[] };
const list = (query: string) =>
  w.admin.get<{ items: Item[]; nextCursor: string | null }>(`/api/v1/admin/inbound?${query}`);
async function itemOf(subject: string, state = 'quarantined') {
  const found = (await list(`state=${state}&limit=100`)).items.find((i) => i.subject === subject);
  expect(found, `${state} mail "${subject}"`).toBeDefined();
  return found as Item;
}
const thread = async (c: Client, n: number) =>
  (await c.get<{ items: Msg[] }>(`/api/v1/tickets/${n}/messages`)).items;
const ticketCount = async () =>
  (await w.admin.get<{ items: unknown[] }>('/api/v1/tickets?limit=100')).items.length;

describe('the list and the raw message', () => {
  it('lists quarantined and ignored mail with reason, sender, subject, size and time, page by page', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    await send({
      from: `Agent <${w.agent.user?.email}>`,
      subject: 'Forged agent mail',
      messageId: '<list-forged@evil.test>',
      inReplyTo: `<ticket-${t.number}@helpdesk.test>`,
      text: 'Wire the money',
    });
    await send({
      from: 'support@helpdesk.test',
      subject: 'Our own mail',
      messageId: '<list-self@helpdesk.test>',
      text: 'loop',
    });
    const { token } = await w.admin.expect<{ token: string }>(201, 'POST', '/api/v1/tokens', { name: 'mta' });
    const raw = [
      'To: support@helpdesk.test',
      'Subject: Nobody sent this',
      'Message-ID: <list-nofrom@x.test>',
      '',
      'text',
      '',
    ];
    const res = await new Client(env.app, { token }).request(
      'POST',
      '/api/v1/inbound/email',
      raw.join('\r\n'),
      {
        'content-type': 'message/rfc822',
      },
    );
    expect(res.statusCode).toBe(202);
    await drain();

    const forged = await itemOf('Forged agent mail');
    expect(forged).toMatchObject({
      channel: 'email',
      state: 'quarantined',
      sender: w.agent.user?.email,
      ticketNumber: null,
    });
    expect(forged.detail).toMatch(/staff address .* without a reply token/);
    expect(forged.size).toBeGreaterThan(100);
    expect(Date.parse(forged.receivedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect((await itemOf('Our own mail', 'ignored')).detail).toMatch(/self-loop/);
    expect((await itemOf('Nobody sent this', 'ignored')).detail).toBe('no sender address');

    const first = await list('limit=1');
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toBeTruthy();
    const second = await list(`limit=1&cursor=${first.nextCursor}`);
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);
    expect(second.items[0]!.receivedAt <= first.items[0]!.receivedAt).toBe(true);

    const eml = await w.admin.request('GET', `/api/v1/admin/inbound/${forged.id}/raw`);
    expect(eml.statusCode).toBe(200);
    expect(eml.headers['content-type']).toMatch(/^message\/rfc822/);
    expect(eml.headers['content-disposition']).toMatch(/^attachment; filename="inbound-.*\.eml"$/);
    expect(eml.body).toContain('Message-ID: <list-forged@evil.test>');
    expect(eml.body).toContain('Wire the money');
  });

  it('is for admins only; bad ids and bad filters are refused', async () => {
    const forged = await itemOf('Forged agent mail');
    for (const c of [w.alice, w.agent]) {
      expect((await c.request('GET', '/api/v1/admin/inbound')).statusCode).toBe(403);
      expect((await c.request('GET', `/api/v1/admin/inbound/${forged.id}/raw`)).statusCode).toBe(403);
      for (const action of ['process', 'discard'])
        expect((await c.request('POST', `/api/v1/admin/inbound/${forged.id}/${action}`)).statusCode).toBe(
          403,
        );
      expect(
        (await c.request('POST', `/api/v1/admin/inbound/${forged.id}/attach`, { ticket: 1 })).statusCode,
      ).toBe(403);
    }
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/admin/inbound' })).statusCode).toBe(401);
    expect((await w.admin.request('GET', '/api/v1/admin/inbound?state=lost')).statusCode).toBe(400);
    expect((await w.admin.request('GET', '/api/v1/admin/inbound?cursor=nope')).statusCode).toBe(400);
    expect((await w.admin.request('GET', '/api/v1/admin/inbound/no-such-id/raw')).statusCode).toBe(404);
    expect((await w.admin.request('POST', '/api/v1/admin/inbound/no-such-id/process')).statusCode).toBe(404);
    expect((await itemOf('Forged agent mail')).state).toBe('quarantined');
  });
});

describe('acting on held mail', () => {
  it('attaches a forged agent mail as an internal note that names the sender; bad input changes nothing', async () => {
    const t = await openTicket(w.alice, w.billing.id, { subject: 'Attach target' });
    await send({
      from: w.agent.user?.email,
      subject: 'Agent mail to attach',
      messageId: '<attach-agent@evil.test>',
      text: 'Looks like the agent wrote this',
    });
    await drain();
    const held = await itemOf('Agent mail to attach');
    const url = `/api/v1/admin/inbound/${held.id}/attach`;
    const before = (await thread(w.admin, t.number)).length;
    for (const body of [{ ticket: 'one' }, { ticket: 0 }, {}, { ticket: t.number, extra: 1 }])
      expect((await w.admin.request('POST', url, body)).statusCode).toBe(400);
    expect((await w.admin.request('POST', url, { ticket: 999_999 })).statusCode).toBe(404);
    expect((await itemOf('Agent mail to attach')).state).toBe('quarantined');
    expect(await thread(w.admin, t.number)).toHaveLength(before);

    const sent = sink.received.length;
    const done = await w.admin.expect<Item>(200, 'POST', url, { ticket: t.number });
    expect(done).toMatchObject({ state: 'processed', ticketNumber: t.number });
    const note = (await thread(w.admin, t.number)).at(-1);
    expect(note).toMatchObject({ internal: true, author: { id: w.admin.user?.id } });
    expect(note?.body).toContain(`Mail from ${w.agent.user?.email}`);
    expect(note?.body).toContain('Looks like the agent wrote this');
    expect((await thread(w.alice, t.number)).map((m) => m.body).join()).not.toContain('Looks like the agent');
    await drain();
    expect(
      sink.received.slice(sent).filter((r) => (r.mail.text ?? '').includes('Looks like the agent')),
    ).toEqual([]);

    // Once released it cannot be released again.
    expect((await w.admin.request('POST', url, { ticket: t.number })).statusCode).toBe(409);
    expect((await w.admin.request('POST', `/api/v1/admin/inbound/${held.id}/process`)).statusCode).toBe(409);
    expect(
      (await thread(w.admin, t.number)).filter((m) => m.body.includes('Looks like the agent')),
    ).toHaveLength(1);
  });

  it('attaches a customer’s held mail as their own reply on a ticket they may see', async () => {
    const t = await openTicket(w.alice, w.billing.id, { subject: 'Customer attach target' });
    await send({
      from: w.alice.user?.email,
      subject: `Re: [#${t.number}]`,
      messageId: '<attach-alice@customer.test>',
      inReplyTo: `<ticket-${t.number}@helpdesk.test>`,
      text: 'My answer went to the plain address',
    });
    await drain();
    const held = await itemOf(`Re: [#${t.number}]`);
    await w.admin.expect(200, 'POST', `/api/v1/admin/inbound/${held.id}/attach`, { ticket: t.number });
    expect((await thread(w.alice, t.number)).at(-1)).toMatchObject({
      body: 'My answer went to the plain address',
      internal: false,
      author: { id: w.alice.user?.id },
    });
  });

  it('processes a no-reply purchase order as a new ticket with its PDF, once', async () => {
    await send({
      from: 'ERP <noreply@buyer.test>',
      subject: 'Purchase order 4711',
      messageId: '<process-po@buyer.test>',
      text: 'Please deliver the attached order.',
      attachments: [{ filename: 'PO-4711.pdf', content: Buffer.from('%PDF-1.4\n%%EOF\n') }],
    });
    await drain();
    const held = await itemOf('Purchase order 4711');
    const tickets = await ticketCount();
    const done = await w.admin.expect<Item>(200, 'POST', `/api/v1/admin/inbound/${held.id}/process`);
    expect(done.state).toBe('processed');
    expect(done.ticketNumber).toBeGreaterThan(0);
    expect((await w.admin.request('POST', `/api/v1/admin/inbound/${held.id}/process`)).statusCode).toBe(409);
    expect(await ticketCount()).toBe(tickets + 1);
    const ticket = await w.admin.get<{ subject: string; requester: { id: string; name: string } }>(
      `/api/v1/tickets/${done.ticketNumber}`,
    );
    expect(ticket).toMatchObject({ subject: 'Purchase order 4711', requester: { name: 'ERP' } });
    const requester = await w.admin.get<{ email: string }>(`/api/v1/users/${ticket.requester.id}`);
    expect(requester.email).toBe('noreply@buyer.test');
    const first = (await thread(w.admin, done.ticketNumber ?? 0))[0];
    expect(first?.body).toBe('Please deliver the attached order.');
    expect(first?.attachments).toHaveLength(1);
  });

  it('discards, and discarding again changes nothing; a discarded mail cannot be processed', async () => {
    await send({
      from: w.agent.user?.email,
      subject: 'To be discarded',
      messageId: '<discard-me@evil.test>',
      text: 'junk',
    });
    await drain();
    const held = await itemOf('To be discarded');
    const url = `/api/v1/admin/inbound/${held.id}/discard`;
    const once = await w.admin.expect<Item>(200, 'POST', url);
    expect(once.state).toBe('discarded');
    expect(once.detail).toMatch(/^discarded by admin@example\.test; was quarantined: /);
    const twice = await w.admin.expect<Item>(200, 'POST', url);
    expect(twice).toEqual(once);
    expect((await w.admin.request('POST', `/api/v1/admin/inbound/${held.id}/process`)).statusCode).toBe(409);
    expect((await list('state=quarantined&limit=100')).items.map((i) => i.id)).not.toContain(held.id);
    expect((await list('state=discarded')).items.map((i) => i.id)).toContain(held.id);
  });
});
