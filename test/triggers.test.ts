import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { JOB_HANDLERS } from '../src/jobs/handlers.js';
import type { OutboxRow } from '../src/jobs/outbox.repository.js';
import type { JobPayload } from '../src/jobs/payloads.js';
import { runSlaSweep } from '../src/modules/sla/sla.sweep.js';
import { runTriggers } from '../src/modules/triggers/triggers.run.js';
import { type Client, makeWorld, openTicket } from './client.js';
import { type MailApp, startMailApp } from './mail-app.js';

// Triggers: ordered rules on ticket events. Order and once per event, a loop cut at the depth
// limit, the hourly caps, and no mail loop with an auto-replying mailbox.

type Json = Record<string, unknown>;
type Ev = {
  type: string;
  field: string | null;
  to: string | null;
  reason: string | null;
  actor: { kind: string; name: string };
};
let mail: MailApp;
let w: Awaited<ReturnType<typeof makeWorld>>;

beforeAll(async () => {
  // Three automatic mails per address in ten minutes, so a loop meets the cap soon.
  mail = await startMailApp({ sink: true, env: { TESSERA_AUTO_MAIL_PER_10_MIN: '3' } });
  w = await makeWorld(mail.env.app);
});
afterAll(() => mail?.close());
afterEach(async () => {
  for (const t of (await w.admin.get<{ items: { id: string }[] }>('/api/v1/triggers')).items)
    await w.admin.expect(204, 'DELETE', `/api/v1/triggers/${t.id}`);
});

const rule = (body: Json) =>
  w.admin.expect<{ id: string; name: string }>(201, 'POST', '/api/v1/triggers', body);
const events = async (c: Client, n: number) =>
  (await c.get<{ items: Ev[] }>(`/api/v1/tickets/${n}/events`)).items;
const ticket = (n: number) =>
  w.admin.get<{ priority: string; tags: string[]; status: { key: string } }>(`/api/v1/tickets/${n}`);
const drain = () => mail.env.drain();
const ticketRow = (n: number) =>
  mail.env.database.db.selectFrom('tickets').select('id').where('number', '=', n).executeTakeFirstOrThrow();
const outboxSize = async () =>
  (await mail.env.database.db.selectFrom('outbox').select('id').execute()).length;

describe('managing triggers', () => {
  it('refuses what names nothing, with nothing saved, and audits a change', async () => {
    const base = { name: 'Bad', on: [{ type: 'ticket.created' }], actions: [{ type: 'note', body: 'x' }] };
    const bad = [
      { conditions: [{ type: 'field', field: 'departmentId', op: 'is', value: 'nope' }] },
      { actions: [{ type: 'update', changes: { status: 'no-such-status' } }] },
      // Set by the workflow on a staff reply, never by hand: it would be refused on every run.
      { actions: [{ type: 'update', changes: { status: 'answered' } }] },
      { actions: [{ type: 'macro', macroId: 'no-such-macro' }] },
      { actions: [{ type: 'update', changes: { fields: { 'no-such-field': 'x' } } }] },
      { actions: [{ type: 'notice', to: 'address', subject: 's', body: 'b' }] },
      { on: [{ type: 'nothing' }] },
    ];
    for (const b of bad) {
      const res = await w.admin.request('POST', '/api/v1/triggers', { ...base, ...b });
      expect(res.statusCode, res.body).toBe(400);
    }
    expect((await w.admin.get<{ items: unknown[] }>('/api/v1/triggers')).items).toHaveLength(0);
    expect((await w.agent.request('GET', '/api/v1/triggers')).statusCode).toBe(403);
    const made = await rule({ ...base, name: 'Good' });
    const audit = await w.admin.get<{ items: { details: Json }[] }>('/api/v1/admin/audit?limit=5');
    expect(audit.items.some((a) => a.details.area === 'trigger' && a.details.created === 'Good')).toBe(true);
    expect(made.name).toBe('Good');
  });

  it('refuses in the asker’s language: German with Accept-Language, English without', async () => {
    const body = {
      name: 'Bad',
      on: [{ type: 'ticket.created' }],
      actions: [{ type: 'update', changes: { departmentId: 'nope' } }],
    };
    const path = 'actions.0.changes.departmentId';
    const en = await w.admin.request('POST', '/api/v1/triggers', body);
    expect(en.json()).toMatchObject({
      detail: `${path}: no such department`,
      errors: [{ path, message: 'no such department' }],
    });
    const de = await w.admin.request('POST', '/api/v1/triggers', body, { 'accept-language': 'de' });
    expect(de.json()).toMatchObject({
      title: 'Ungültige Anfrage',
      detail: `${path}: diese Abteilung gibt es nicht`,
      errors: [{ path, message: 'diese Abteilung gibt es nicht' }],
    });
    const gone = await w.admin.request('GET', '/api/v1/triggers/nope', undefined, {
      'accept-language': 'de',
    });
    expect(gone.json()).toMatchObject({ status: 404, detail: 'Diesen Trigger gibt es nicht' });
  });
});

describe('running triggers', () => {
  it('runs in order, each rule seeing the changes of those before it, once per event', async () => {
    const raise = await rule({
      name: 'Raise billing',
      on: [{ type: 'ticket.created' }],
      conditions: [{ type: 'field', field: 'departmentId', op: 'is', value: w.billing.id }],
      actions: [{ type: 'update', changes: { priority: 'high' } }],
    });
    const tag = await rule({
      name: 'Tag high',
      on: [{ type: 'ticket.created' }],
      conditions: [{ type: 'field', field: 'priority', op: 'is', value: 'high' }],
      actions: [{ type: 'update', changes: { addTags: ['vip'] } }],
    });
    const t = await openTicket(w.alice, w.billing.id, { priority: 'normal' });
    await drain();
    expect(await ticket(t.number)).toMatchObject({ priority: 'high', tags: ['vip'] });
    const named = (await events(w.agent, t.number)).filter((e) => e.actor.kind === 'rule');
    expect(named.map((e) => [e.field, e.actor.name])).toEqual([
      ['priority', 'Trigger “Raise billing”'],
      ['tags', 'Trigger “Tag high”'],
    ]);
    // Tags are staff-only on the timeline, whoever changed them; the customer sees the priority
    // change as the automation's, not under the team's own name for the rule.
    const seen = await events(w.alice, t.number);
    expect(seen.some((e) => e.field === 'tags')).toBe(false);
    expect(seen.filter((e) => e.field === 'priority').map((e) => e.actor)).toEqual([
      { kind: 'automation', id: null, name: 'Automation' },
    ]);

    // The same event again (a retried job) fires nothing twice.
    const job = await mail.env.database.db
      .selectFrom('outbox')
      .selectAll()
      .where('topic', '=', 'triggers.run')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    const data = JSON.parse(job.payload) as JobPayload<'triggers.run'>;
    await w.admin.expect(200, 'PATCH', `/api/v1/tickets/${t.number}`, {
      priority: 'low',
      removeTags: ['vip'],
    });
    await runTriggers(mail.env.app.ctx, { ...(job as OutboxRow), data });
    expect(await ticket(t.number)).toMatchObject({ priority: 'low', tags: [] });

    // In the other order, the tagging rule runs before the priority is raised.
    await w.admin.expect(200, 'PUT', '/api/v1/triggers/order', { ids: [tag.id, raise.id] });
    const u = await openTicket(w.alice, w.billing.id, { priority: 'normal' });
    await drain();
    expect(await ticket(u.number)).toMatchObject({ priority: 'high', tags: [] });
  });

  it('cuts a chain of rules that would loop at the depth limit, saying so on the timeline', async () => {
    const flip = (name: string, from: string, to: string) =>
      rule({
        name,
        recursive: true,
        on: [{ type: 'ticket.updated', field: 'priority' }],
        conditions: [{ type: 'field', field: 'priority', op: 'is', value: from }],
        actions: [{ type: 'update', changes: { priority: to } }],
      });
    await flip('Up', 'low', 'high');
    await flip('Down', 'high', 'low');
    const t = await openTicket(w.alice, w.billing.id);
    await w.agent.expect(200, 'PATCH', `/api/v1/tickets/${t.number}`, { priority: 'low' });
    await drain();
    const evs = await events(w.agent, t.number);
    const cut = evs.filter((e) => e.type === 'trigger' && e.field === 'cut');
    expect(cut).toHaveLength(1);
    expect(cut[0]?.reason).toContain('depth 10');
    // Depths 0 to 10, each pass both rules: 22 changes by rules, then nothing more.
    expect(evs.filter((e) => e.actor.kind === 'rule' && e.field === 'priority')).toHaveLength(22);
    expect(await drain()).toBe(0);
  });

  it('a recursive rule’s status move is “status category entered” for the others', async () => {
    await rule({
      name: 'Park urgent',
      recursive: true,
      on: [{ type: 'ticket.updated', field: 'priority' }],
      conditions: [{ type: 'field', field: 'priority', op: 'is', value: 'urgent' }],
      actions: [{ type: 'update', changes: { status: 'on_hold' } }],
    });
    await rule({
      name: 'On hold noted',
      on: [{ type: 'status.category', category: 'on_hold' }],
      actions: [{ type: 'note', body: 'parked' }],
    });
    const t = await openTicket(w.alice, w.billing.id);
    await w.agent.expect(200, 'PATCH', `/api/v1/tickets/${t.number}`, { priority: 'urgent' });
    await drain();
    expect((await ticket(t.number)).status.key).toBe('on_hold');
    const notes = (await events(w.agent, t.number)).filter((e) => e.field === 'note');
    expect(notes.map((e) => e.actor.name)).toEqual(['Trigger “On hold noted”']);
  });

  it('“came in by a channel” is a new ticket or a customer’s reply, never a staff reply', async () => {
    await rule({
      name: 'Portal inbound',
      on: [{ type: 'inbound', channel: 'portal' }],
      actions: [{ type: 'note', body: 'came in' }],
    });
    const t = await openTicket(w.alice, w.billing.id);
    await drain();
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, { body: 'Looking into it' });
    await drain();
    const count = async () => (await events(w.agent, t.number)).filter((e) => e.field === 'note').length;
    expect(await count()).toBe(1);
    await w.alice.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, { body: 'Any news?' });
    await drain();
    expect(await count()).toBe(2);
  });

  it('applies a macro’s changes and note, the rule standing in for the agent', async () => {
    const m = await w.admin.expect<{ id: string }>(201, 'POST', '/api/v1/canned-responses', {
      title: 'Ask for logs',
      body: 'Could you send the logs?',
      actions: { note: 'Asked for logs ({{agent.name}})', changes: { addTags: ['needs-logs'] } },
    });
    await rule({
      name: 'Logs please',
      on: [{ type: 'ticket.created' }],
      actions: [{ type: 'macro', macroId: m.id }],
    });
    const t = await openTicket(w.alice, w.billing.id);
    await drain();
    expect((await ticket(t.number)).tags).toEqual(['needs-logs']);
    const thread = await w.agent.get<{ items: { body: string; internal: boolean }[] }>(
      `/api/v1/tickets/${t.number}/messages`,
    );
    expect(thread.items.filter((x) => x.internal).map((x) => x.body)).toEqual([
      'Asked for logs (Logs please)',
    ]);
  });

  it('without recursion a rule’s changes are no event for other rules', async () => {
    await rule({
      name: 'Raise',
      on: [{ type: 'reply.customer' }],
      actions: [{ type: 'update', changes: { priority: 'urgent' } }],
    });
    await rule({
      name: 'Watch priority',
      on: [{ type: 'ticket.updated', field: 'priority' }],
      actions: [{ type: 'note', body: 'priority changed on #{{ticket.number}}' }],
    });
    const t = await openTicket(w.alice, w.billing.id);
    await w.alice.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, { body: 'Still broken' });
    await drain();
    expect((await ticket(t.number)).priority).toBe('urgent');
    const notes = (await events(w.agent, t.number)).filter((e) => e.field === 'note');
    expect(notes).toHaveLength(0);
  });

  it('two rules mailing the requester on every update make no loop with an auto-replying mailbox', async () => {
    const notice = (name: string, on: Json[]) =>
      rule({
        name,
        on,
        actions: [
          {
            type: 'notice',
            to: 'requester',
            subject: 'Update on #{{ticket.number}}',
            body: 'Hello {{requester.name}}, see {{ticket.url}}',
          },
        ],
      });
    await notice('Mail on reply', [{ type: 'reply.customer' }, { type: 'ticket.created' }]);
    await notice('Mail on change', [{ type: 'ticket.updated' }, { type: 'reply.customer' }]);
    const customer = `loop-${Date.now()}@customer.test`;
    await mail.send({
      from: customer,
      subject: 'Printer on fire',
      messageId: `<first-${Date.now()}@customer.test>`,
      text: 'Help',
    });
    await drain();
    const sink = mail.sink!;
    const toCustomer = () => sink.received.filter((r) => r.envelope.to.includes(customer));
    const first = toCustomer().filter((r) => r.mail.subject?.startsWith('Update on'));
    expect(first).toHaveLength(1);
    expect(first[0]?.mail.headers.get('auto-submitted')).toBe('auto-generated');
    // The mailbox answers every mail automatically, twice over: nothing comes back of it.
    for (let round = 0; round < 2; round++) {
      for (const got of toCustomer()) {
        await mail.send({
          from: customer,
          subject: `Out of office: ${got.mail.subject}`,
          inReplyTo: got.mail.messageId,
          references: [got.mail.messageId ?? ''],
          messageId: `<ooo-${round}-${Math.random()}@customer.test>`,
          headers: { 'Auto-Submitted': 'auto-replied' },
          text: 'I am away',
        });
      }
      await drain();
    }
    expect(toCustomer().filter((r) => r.mail.subject?.startsWith('Update on'))).toHaveLength(1);
    const held = await mail.env.database.db
      .selectFrom('inbound_messages')
      .select('state')
      .where('external_id', 'like', '<ooo-%')
      .execute();
    expect(held.length).toBeGreaterThan(0);
    expect(held.every((r) => r.state === 'ignored')).toBe(true);
  });

  it('an autoresponder that marks nothing as automatic meets the cap on automatic mail per address', async () => {
    await rule({
      name: 'Acknowledge',
      on: [{ type: 'ticket.created' }, { type: 'reply.customer' }],
      actions: [{ type: 'notice', to: 'requester', subject: 'We got #{{ticket.number}}', body: 'Thanks' }],
    });
    const customer = `dumb-${Date.now()}@customer.test`;
    const notices = () =>
      mail.sink!.received.filter(
        (r) => r.envelope.to.includes(customer) && r.mail.subject?.startsWith('We got'),
      );
    await mail.send({ from: customer, subject: 'Hello', messageId: `<dumb-0@customer.test>`, text: 'Hi' });
    await drain();
    for (let i = 1; i <= 6; i++) {
      const last = notices().at(-1)?.mail;
      await mail.send({
        from: customer,
        subject: `Re: ${last?.subject}`,
        inReplyTo: last?.messageId,
        messageId: `<dumb-${i}@customer.test>`,
        text: 'Thank you for your message, I will read it soon.',
      });
      await drain();
    }
    expect(notices()).toHaveLength(3);
    const capped = await mail.env.database.db
      .selectFrom('ticket_events')
      .select('reason')
      .where('type', '=', 'trigger')
      .where('field', '=', 'capped')
      .where('rule_name', '=', 'Acknowledge')
      .execute();
    expect(capped.length).toBeGreaterThan(0);
    expect(capped[0]?.reason).toContain('share of automatic mail');
  });

  it('caps the messages a rule makes on one ticket per hour, and says so', async () => {
    await rule({
      name: 'Chatty',
      on: [{ type: 'reply.customer' }],
      actions: [{ type: 'note', body: 'customer wrote' }],
    });
    const t = await openTicket(w.alice, w.billing.id);
    for (let i = 0; i < 11; i++) {
      await w.alice.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, { body: `again ${i}` });
      await drain();
    }
    const evs = await events(w.agent, t.number);
    expect(evs.filter((e) => e.field === 'note' && e.actor.kind === 'rule')).toHaveLength(10);
    expect(evs.filter((e) => e.field === 'capped')).toHaveLength(1);
    const list = await w.admin.get<{ items: { name: string; cappedLastDay: number }[] }>('/api/v1/triggers');
    expect(list.items.find((r) => r.name === 'Chatty')?.cappedLastDay).toBe(1);
  });

  it('runs on a service-level breach announced by the sweep', async () => {
    await rule({
      name: 'Escalate breaches',
      on: [{ type: 'sla.breach' }],
      actions: [{ type: 'update', changes: { priority: 'urgent', addTags: ['breached'] } }],
    });
    const dept = await w.admin.expect<{ id: string }>(201, 'POST', '/api/v1/departments', {
      name: `Sla ${Date.now()}`,
    });
    await w.admin.expect(201, 'POST', '/api/v1/sla/policies', {
      name: `First reply ${Date.now()}`,
      calendarId: '24x7',
      conditions: { departmentIds: [dept.id] },
      targets: [{ priority: 'normal', metric: 'firstReply', minutes: 60, businessHours: false }],
    });
    const t = await openTicket(w.alice, dept.id, { priority: 'normal' });
    await drain();
    // An hour and more passes: the clock is due.
    const past = new Date(Date.now() - 60_000).toISOString();
    await mail.env.database.db
      .updateTable('ticket_sla_clocks')
      .set({ due_at: past, warn_at: past, check_at: past })
      .where('ticket_id', '=', (await ticketRow(t.number)).id)
      .execute();
    await runSlaSweep(mail.env.app.ctx);
    await drain();
    expect(await ticket(t.number)).toMatchObject({ priority: 'urgent', tags: ['breached'] });
  });

  it('a dry run names the latest tickets a rule matches, changing nothing', async () => {
    const t = await openTicket(w.alice, w.tech.id, {
      subject: 'Dry run target',
      description: 'Could you please help',
    });
    await drain();
    const before = await outboxSize();
    const res = await w.admin.expect<{ checked: number; matches: { number: number }[] }>(
      200,
      'POST',
      '/api/v1/triggers/dry-run',
      {
        match: 'all',
        conditions: [
          { type: 'field', field: 'departmentId', op: 'is', value: w.tech.id },
          { type: 'messageContains', text: 'please' },
        ],
      },
    );
    expect(res.checked).toBeGreaterThan(0);
    expect(res.matches.map((m) => m.number)).toContain(t.number);
    expect(await outboxSize()).toBe(before);
  });
});

// The job handlers include the triggers' own.
it('registers the triggers job', () => {
  expect(Object.keys(JOB_HANDLERS)).toContain('triggers.run');
});
