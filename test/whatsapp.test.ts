import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../common/api.js';
import type { ReasonValues } from '../common/timeline.js';
import { JOB_HANDLERS } from '../src/jobs/handlers.js';
import { runJobsOnce } from '../src/jobs/worker.js';
import { reasonText } from '../src/modules/ticket-data/reasons.js';
import { type Client, login, makeWorld, openTicket } from './client.js';
import { signWa, startFakeGraph, WA } from './fake-channels.js';
import { engine, startTestApp, type TestEnv } from './helpers.js';

// WhatsApp end to end: Meta's webhook into the app, the app out to a stand-in Graph API.

let now = Date.parse('2026-05-04T09:00:00.000Z');
let graph: Awaited<ReturnType<typeof startFakeGraph>>;
let env: TestEnv;
let w: Awaited<ReturnType<typeof makeWorld>>;

beforeAll(async () => {
  graph = await startFakeGraph();
  env = await startTestApp({
    clock: () => new Date(now),
    env: {
      WHATSAPP_API_URL: graph.apiUrl,
      WHATSAPP_TOKEN: WA.token,
      WHATSAPP_PHONE_NUMBER_ID: WA.phoneNumberId,
      WHATSAPP_APP_SECRET: WA.appSecret,
      WHATSAPP_VERIFY_TOKEN: WA.verify,
      WHATSAPP_TEMPLATE_NAME: 'ticket_update',
      WHATSAPP_TEMPLATE_LANGUAGE: 'en_GB',
      TESSERA_WORKFLOW_PRESET: 'portal',
    },
  });
  w = await makeWorld(env.app);
});
afterAll(async () => {
  await env?.close();
  await graph?.close();
});

async function drain() {
  while ((await runJobsOnce(env.app.ctx, JOB_HANDLERS, { intervalMs: 0 })) > 0);
}

let phoneSeq = 0;
/** A customer with a WhatsApp number in their profile, typed as people type them. */
async function customer(organisationId: string = w.orgA.id) {
  const n = String(10000 + ++phoneSeq);
  const email = `wa${n}-${Date.now().toString(36)}@example.test`;
  await w.admin.expect(201, 'POST', '/api/v1/users', {
    email,
    name: `Customer ${n}`,
    role: 'customer',
    password: w.password,
    organisationId,
    phone: `+44 (7700) 9${n.slice(0, 2)}-${n.slice(2)}`,
  });
  const client = await login(env.app, email, w.password);
  return { client, waId: `4477009${n}`, email };
}

let wamidSeq = 0;
type Extra = Record<string, unknown>;
const inboundMessage = (from: string, extra: Extra) => ({
  from,
  id: `wamid.IN${++wamidSeq}-${Date.now().toString(36)}`,
  timestamp: String(Math.floor(now / 1000)),
  ...extra,
});
const text = (from: string, body: string, extra: Extra = {}) =>
  inboundMessage(from, { type: 'text', text: { body }, ...extra });

/** Meta's webhook envelope: entry[].changes[].value with contacts, messages and statuses. */
const envelope = (value: { messages?: Extra[]; statuses?: Extra[] }) => ({
  object: 'whatsapp_business_account',
  entry: [
    {
      id: '102290129340398',
      changes: [
        {
          field: 'messages',
          value: {
            messaging_product: 'whatsapp',
            metadata: { display_phone_number: '15550783881', phone_number_id: WA.phoneNumberId },
            contacts: (value.messages ?? []).map((m) => ({ profile: { name: 'Sender' }, wa_id: m.from })),
            ...value,
          },
        },
      ],
    },
  ],
});

function post(payload: unknown, signature?: string | null) {
  const raw = JSON.stringify(payload);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature !== null) headers['x-hub-signature-256'] = signature ?? signWa(raw);
  return env.app.inject({ method: 'POST', url: '/webhooks/whatsapp', headers, payload: raw });
}

/** The customer writes; the webhook is acknowledged and the worker processes it. */
async function write(message: Extra) {
  const res = await post(envelope({ messages: [message] }));
  expect(res.statusCode).toBe(200);
  await drain();
  return message;
}

const sentTo = (waId: string) => graph.sent().filter((b) => b.to === waId);
const textsTo = (waId: string): string[] =>
  sentTo(waId).flatMap((b) => (b.type === 'text' ? [b.text.body] : []));
type Event = {
  reason: string | null;
  reasonCode?: string | null;
  reasonValues?: Record<string, unknown> | null;
  public: boolean;
};
const timeline = async (c: Client, n: number) =>
  (await c.get<{ items: Event[] }>(`/api/v1/tickets/${n}/events`)).items;
type Msg = {
  body: string;
  channel: string;
  internal: boolean;
  author: { id: string } | null;
  attachments: { contentType: string; filename: string }[];
};
const thread = async (c: Client, n: number) =>
  (await c.get<{ items: Msg[] }>(`/api/v1/tickets/${n}/messages`)).items;
const myTickets = async (c: Client) =>
  (
    await c.get<{ items: (Ticket & { requester: { id: string } })[] }>(
      '/api/v1/tickets?sort=number&order=desc',
    )
  ).items.filter((t) => t.requester.id === c.user?.id);
const countRows = async (table: 'inbound_messages' | 'tickets') =>
  Number(
    (
      await env.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const ticketId = async (n: number) =>
  (await env.database.db.selectFrom('tickets').select('id').where('number', '=', n).executeTakeFirstOrThrow())
    .id;
const outbound = async (n: number) =>
  env.database.db
    .selectFrom('outbound_messages')
    .selectAll()
    .where('channel', '=', 'whatsapp')
    .where('ticket_id', '=', await ticketId(n))
    .orderBy('created_at')
    .orderBy('id')
    .execute();

describe('the webhook', () => {
  it('answers Meta’s verification handshake only with the verify token', async () => {
    const ok = await env.app.inject({
      method: 'GET',
      url: `/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${WA.verify}&hub.challenge=1158201444`,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe('1158201444');
    const wrong = await env.app.inject({
      method: 'GET',
      url: '/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444',
    });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.body).not.toContain('1158201444');
  });

  it('a missing, wrong or re-serialised signature is 401 and stores nothing', async () => {
    const { waId } = await customer();
    const payload = envelope({ messages: [text(waId, 'new: forged')] });
    const raw = JSON.stringify(payload);
    const before = await countRows('inbound_messages');
    const tickets = await countRows('tickets');
    for (const signature of [
      null,
      'sha256=',
      signWa(raw, 'not-the-app-secret'),
      signWa(JSON.stringify(payload, null, 1)),
      signWa(raw).replace('sha256=', 'sha1='),
    ]) {
      const res = await post(payload, signature);
      expect(res.statusCode).toBe(401);
    }
    await drain();
    expect(await countRows('inbound_messages')).toBe(before);
    expect(await countRows('tickets')).toBe(tickets);
    expect(sentTo(waId)).toEqual([]);
  });
});

describe('routing a message', () => {
  it('an unknown number gets a clear answer and no ticket', async () => {
    const tickets = await countRows('tickets');
    const m = await write(text('447700999999', 'new: hello, my bot is down'));
    expect(await countRows('tickets')).toBe(tickets);
    const [answer] = sentTo('447700999999');
    expect(answer.text.body).toMatch(/could not find a customer account with this WhatsApp number/);
    expect(answer.context).toEqual({ message_id: m.id });
  });

  it('`new:` always opens a ticket, even with one open, and the answer gives its number', async () => {
    const { client, waId } = await customer();
    await openTicket(client, w.billing.id, { subject: 'Already open' });
    await write(text(waId, 'new: My account is not loading, please check.'));
    const [t] = await myTickets(client);
    expect(t).toMatchObject({ subject: 'My account is not loading, please check.', channel: 'whatsapp' });
    expect(await thread(client, t!.number)).toMatchObject([
      {
        body: 'My account is not loading, please check.',
        channel: 'whatsapp',
        author: { id: client.user?.id },
      },
    ]);
    expect(textsTo(waId).at(-1)).toContain(`ticket #${t!.number}`);
  });

  it('`900:` adds to a ticket the sender may see; someone else’s number is refused and nothing lands there', async () => {
    const { client, waId } = await customer();
    const mine = await openTicket(client, w.billing.id);
    const colleagues = await openTicket(w.bob, w.billing.id);
    const others = await openTicket(w.carol, w.billing.id);
    await write(text(waId, `${mine.number}: I have shared the file you requested.`));
    await write(text(waId, `#${colleagues.number}: same problem here`));
    await write(text(waId, `${others.number}: let me in`));
    expect((await thread(client, mine.number)).at(-1)).toMatchObject({
      body: 'I have shared the file you requested.',
      channel: 'whatsapp',
    });
    expect((await thread(client, colleagues.number)).at(-1)?.body).toBe('same problem here');
    expect((await thread(w.carol, others.number)).map((m) => m.body)).not.toContain('let me in');
    expect(textsTo(waId).at(-1)).toMatch(
      new RegExp(`could not find ticket #${others.number} among your tickets`),
    );
  });

  it('a reply quoting one of our messages goes to that message’s ticket, not the latest one', async () => {
    const { client, waId } = await customer();
    await write(text(waId, 'new: first problem'));
    await write(text(waId, 'new: second problem'));
    const [second, first] = await myTickets(client);
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${first!.number}/messages`, {
      body: 'Which account?',
    });
    await drain();
    const ours = (await outbound(first!.number)).at(-1);
    expect(ours).toBeDefined();
    await write(text(waId, 'The trading one.', { context: { from: '15550783881', id: ours!.external_id } }));
    expect((await thread(client, first!.number)).at(-1)?.body).toBe('The trading one.');
    expect((await thread(client, second!.number)).map((m) => m.body)).not.toContain('The trading one.');
  });

  it('without a command: the latest WhatsApp-linked ticket, else the latest open one, else a new one', async () => {
    const { client, waId } = await customer();
    // No ticket at all: a new one.
    await write(text(waId, 'Hello, is anyone there?'));
    const [fresh] = await myTickets(client);
    expect(fresh).toMatchObject({ subject: 'Hello, is anyone there?', channel: 'whatsapp' });
    // A newer portal ticket does not take it: the WhatsApp-linked one does.
    const portal = await openTicket(client, w.billing.id, { subject: 'From the portal' });
    await write(text(waId, 'Any news?'));
    expect((await thread(client, fresh!.number)).at(-1)?.body).toBe('Any news?');
    // Once the WhatsApp ticket is resolved (no replies in portal's workflow), the latest open ticket.
    await w.agent.expect(200, 'PATCH', `/api/v1/tickets/${fresh!.number}`, { status: 'resolved' });
    await write(text(waId, 'About my other ticket'));
    expect((await thread(client, portal.number)).at(-1)?.body).toBe('About my other ticket');
    // The portal ticket has become WhatsApp-linked; resolve it too and the next message opens a new ticket.
    await w.agent.expect(200, 'PATCH', `/api/v1/tickets/${portal.number}`, { status: 'resolved' });
    await write(text(waId, 'Something else entirely'));
    const [newest] = await myTickets(client);
    expect(newest!.number).toBeGreaterThan(portal.number);
    expect(newest).toMatchObject({ subject: 'Something else entirely' });
  });

  it('the same message delivered three times at once is one message and one notification', async () => {
    const { client, waId } = await customer();
    const t = await openTicket(client, w.billing.id);
    await drain();
    const m = text(waId, `${t.number}: only once please`);
    const payload = envelope({ messages: [m] });
    const answers = await Promise.all([post(payload), post(payload), post(payload)]);
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
    expect(answers.map((a) => a.json().duplicates).sort()).toEqual([0, 1, 1]);
    await drain();
    expect(await post(payload).then((r) => r.json())).toMatchObject({ duplicates: 1 });
    await drain();
    const bodies = (await thread(client, t.number)).filter((x) => x.body === 'only once please');
    expect(bodies).toHaveLength(1);
    const notices = await env.database.db
      .selectFrom('outbox')
      .select('payload')
      .where('topic', '=', 'notification')
      .where('payload', 'like', `%"ticketId":"${await ticketId(t.number)}"%`)
      .where('payload', 'like', '%ticket.customer_reply%')
      .execute();
    expect(notices).toHaveLength(1);
  });
});

// A PNG, and an Ogg Opus voice note as WhatsApp records them.
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6300010000050001',
  'hex',
);
const OGG = Buffer.from(
  'T2dnUwACAAAAAAAAAAAAAAAAAAAAAAAAAAABE09wdXNIZWFkAQE4AYC7AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  'base64',
);

describe('media', () => {
  it('an image and a voice note become attachments, fetched through the media endpoints with the token', async () => {
    const { client, waId } = await customer();
    graph.addMedia('media.img.1', PNG, 'image/png');
    graph.addMedia('media.voice.1', OGG, 'audio/ogg; codecs=opus');
    await write(
      inboundMessage(waId, {
        type: 'image',
        image: { id: 'media.img.1', mime_type: 'image/png', caption: 'new: Screenshot of the error' },
      }),
    );
    const [t] = await myTickets(client);
    await write(
      inboundMessage(waId, {
        type: 'audio',
        audio: { id: 'media.voice.1', mime_type: 'audio/ogg; codecs=opus', voice: true },
      }),
    );
    const messages = await thread(client, t!.number);
    expect(messages[0]).toMatchObject({
      body: 'Screenshot of the error',
      attachments: [{ contentType: 'image/png', filename: 'whatsapp-image.png' }],
    });
    expect(messages[1]).toMatchObject({ body: '(voice note)', channel: 'whatsapp' });
    expect(messages[1]?.attachments[0]?.contentType).toMatch(/^audio\/ogg/);
    const fetched = graph.requests.filter((r) => r.method === 'GET').map((r) => r.path);
    expect(fetched).toEqual(
      expect.arrayContaining([
        '/v21.0/media.img.1',
        '/download/media.img.1',
        '/v21.0/media.voice.1',
        '/download/media.voice.1',
      ]),
    );
    expect(
      graph.requests
        .filter((r) => r.method === 'GET')
        .every((r) => r.headers.authorization === `Bearer ${WA.token}`),
    ).toBe(true);
  });

  it('a photo without words opens a ticket titled in the customer’s language', async () => {
    const { client, waId, email } = await customer();
    await env.database.db.updateTable('users').set({ locale: 'de' }).where('email', '=', email).execute();
    graph.addMedia('media.img.de', PNG, 'image/png');
    await write(
      inboundMessage(waId, { type: 'image', image: { id: 'media.img.de', mime_type: 'image/png' } }),
    );
    const [t] = await myTickets(client);
    expect(t).toMatchObject({ subject: 'Foto über WhatsApp' });
    expect((await thread(client, t!.number))[0]).toMatchObject({ body: '(Foto)' });
  });

  it('a refused type gets an answer in plain words and adds nothing', async () => {
    const { client, waId } = await customer();
    const t = await openTicket(client, w.billing.id);
    graph.addMedia(
      'media.exe.1',
      Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0)]),
      'application/octet-stream',
    );
    await write(
      inboundMessage(waId, {
        type: 'document',
        document: {
          id: 'media.exe.1',
          filename: 'tool.exe',
          mime_type: 'application/octet-stream',
          caption: `${t.number}: here is the tool`,
        },
      }),
    );
    expect((await thread(client, t.number)).map((m) => m.body)).not.toContain('here is the tool');
    expect(textsTo(waId).at(-1)).toMatch(
      /Your document was not added to your ticket\. Files of this type .* are not accepted/,
    );
  });
});

describe('edits and deletions by the sender', () => {
  it('an edit is an event with the old and the new text, a deletion a visible note; neither is answered', async () => {
    const { client, waId } = await customer();
    const original = await write(text(waId, 'new: The invoice for March is wrong'));
    const [t] = await myTickets(client);
    const answers = textsTo(waId).length;
    const edit = inboundMessage(waId, {
      type: 'edit',
      edit: {
        original_message_id: original.id,
        message: { type: 'text', text: { body: 'The invoice for April is wrong' } },
      },
    });
    await write(edit);
    // Meta delivers the same webhook again: nothing more.
    await write(edit);
    // Someone else's number can neither delete nor edit the message.
    const other = await customer();
    await write(inboundMessage(other.waId, { type: 'revoke', revoke: { original_message_id: original.id } }));
    await write(
      inboundMessage(other.waId, {
        type: 'edit',
        edit: { original_message_id: original.id, message: { type: 'text', text: { body: 'hijacked' } } },
      }),
    );
    await write(inboundMessage(waId, { type: 'revoke', revoke: { original_message_id: original.id } }));
    type Change = Event & { type: string; field: string | null; from: string | null; to: string | null };
    const changes = (await timeline(client, t!.number)).filter((e) =>
      (e as Change).type.startsWith('message_'),
    ) as Change[];
    expect(changes).toMatchObject([
      {
        type: 'message_edited',
        field: 'message',
        from: 'The invoice for March is wrong',
        to: 'The invoice for April is wrong',
        public: true,
        actor: { id: client.user?.id },
      },
      { type: 'message_deleted', field: 'message', from: 'The invoice for March is wrong', to: null },
    ]);
    // The message stays as received: staff answered it as it was.
    expect((await thread(client, t!.number)).map((m) => m.body)).toEqual(['The invoice for March is wrong']);
    expect(textsTo(waId).length).toBe(answers);
    expect(textsTo(other.waId)).toEqual([]);
  });
});

/**
 * Makes the database refuse to mark an edit processed, as a crash between recording an edit and
 * settling it would leave things; `heal` lifts it.
 */
async function failSettlingEdits() {
  const db = env.database.db;
  const when = "NEW.state = 'processed' AND NEW.detail LIKE 'edit of a message%'";
  if (engine === 'postgres') {
    await sql`create function fail_settle() returns trigger language plpgsql as $$ begin raise exception 'disk gone'; end $$`.execute(
      db,
    );
    await sql
      .raw(
        `create trigger fail_settle before update on inbound_messages for each row when (${when}) execute function fail_settle()`,
      )
      .execute(db);
    return async () => {
      await sql`drop trigger fail_settle on inbound_messages`.execute(db);
      await sql`drop function fail_settle()`.execute(db);
    };
  }
  await sql
    .raw(
      `create trigger fail_settle before update on inbound_messages when ${when} begin select raise(abort, 'disk gone'); end`,
    )
    .execute(db);
  return async () => {
    await sql`drop trigger fail_settle`.execute(db);
  };
}

describe('an edit retried after a failure', () => {
  it('is recorded once', async () => {
    const { client, waId } = await customer();
    const original = await write(text(waId, 'new: The parcel did not arrive'));
    const [t] = await myTickets(client);
    const heal = await failSettlingEdits();
    try {
      await write(
        inboundMessage(waId, {
          type: 'edit',
          edit: {
            original_message_id: original.id,
            message: { type: 'text', text: { body: 'The parcel arrived damaged' } },
          },
        }),
      );
    } finally {
      await heal();
    }
    now += 2 * 3_600_000;
    await drain();
    const edits = (await timeline(client, t!.number)).filter(
      (e) => (e as Event & { type: string }).type === 'message_edited',
    );
    expect(edits).toMatchObject([{ to: 'The parcel arrived damaged' }]);
  });
});

describe('replies to the customer', () => {
  it('a staff reply goes out prefixed with the ticket number, its file as a media message; an internal note never', async () => {
    const { waId } = await customer();
    await write(text(waId, 'new: Please send the invoice'));
    const number = Number(/#(\d+)/.exec(textsTo(waId).at(-1) ?? '')?.[1]);
    const before = graph.requests.length;
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${number}/messages`, {
      body: 'SECRET-CANARY internal only',
      internal: true,
    });
    await drain();
    expect(graph.requests.slice(before).some((r) => r.raw.toString().includes('SECRET-CANARY'))).toBe(false);
    expect(graph.requests.length).toBe(before);

    const up = await w.agent.request(
      'POST',
      '/api/v1/attachments',
      Buffer.concat([
        Buffer.from(
          '--b\r\nContent-Disposition: form-data; name="file"; filename="invoice.png"\r\nContent-Type: image/png\r\n\r\n',
        ),
        PNG,
        Buffer.from('\r\n--b--\r\n'),
      ]),
      { 'content-type': 'multipart/form-data; boundary=b' },
    );
    expect(up.statusCode).toBe(201);
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${number}/messages`, {
      body: 'Here is your invoice.',
      attachmentIds: [up.json().id],
    });
    await drain();
    const sent = sentTo(waId).slice(-2);
    expect(sent[0]).toMatchObject({
      messaging_product: 'whatsapp',
      type: 'text',
      text: { body: `#${number}: Here is your invoice.` },
    });
    expect(sent[1]).toMatchObject({ type: 'image', image: { caption: `#${number}: invoice.png` } });
    const upload = graph.requests.filter((r) => r.path.endsWith('/media')).at(-1);
    expect(upload?.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(upload?.raw.includes(PNG)).toBe(true);
    expect(sent[1].image.id).toMatch(/^media\.UP/);
    expect((await outbound(number)).map((o) => o.status)).toEqual(['sent', 'sent', 'sent']);
  });

  it('status callbacks are recorded on the message and never move backwards; a failure is told to staff', async () => {
    const { waId } = await customer();
    await write(text(waId, 'new: Status please'));
    const number = Number(/#(\d+)/.exec(textsTo(waId).at(-1) ?? '')?.[1]);
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${number}/messages`, { body: 'On it.' });
    await drain();
    const [ack, reply] = await outbound(number);
    const status = (id: string, s: string, extra: Extra = {}) => ({
      id,
      status: s,
      timestamp: String(Math.floor(now / 1000)),
      recipient_id: waId,
      ...extra,
    });
    const res = await post(
      envelope({ statuses: [status(reply!.external_id, 'delivered'), status(reply!.external_id, 'read')] }),
    );
    expect(res.json()).toMatchObject({ statuses: 2 });
    await drain();
    await post(envelope({ statuses: [status(reply!.external_id, 'sent')] }));
    await post(
      envelope({
        statuses: [
          status(ack!.external_id, 'failed', {
            errors: [
              {
                code: 131026,
                title: 'Message undeliverable',
                error_data: { details: 'Receiver is incapable of receiving this message' },
              },
            ],
          }),
        ],
      }),
    );
    await drain();
    const after = await outbound(number);
    expect(after.find((o) => o.id === reply!.id)?.status).toBe('read');
    expect(after.find((o) => o.id === ack!.id)).toMatchObject({
      status: 'failed',
      status_detail: expect.stringContaining('131026'),
    });
    const events = await timeline(w.agent, number);
    const undelivered = events.find(
      (e) => !e.public && /not delivered: Message undeliverable/.test(e.reason ?? ''),
    );
    // Kept as a code for readers of other languages: Meta's own words are a value.
    expect(undelivered).toMatchObject({
      reasonCode: 'whatsapp_undelivered',
      reasonValues: { detail: expect.stringMatching(/^Message undeliverable \(131026\)/) },
    });
    const values = undelivered?.reasonValues as ReasonValues;
    expect(reasonText('de', { code: 'whatsapp_undelivered', values })).toMatch(
      /^Eine WhatsApp-Nachricht an den Kunden wurde nicht zugestellt: Message undeliverable/,
    );
  });

  it('outside the 24-hour window the template goes instead, staff are told, and the reply follows when the customer writes', async () => {
    const { client, waId } = await customer();
    await write(text(waId, 'new: Slow answer please'));
    const number = Number(/#(\d+)/.exec(textsTo(waId).at(-1) ?? '')?.[1]);
    now += 25 * 3_600_000;
    const before = sentTo(waId).length;
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${number}/messages`, {
      body: 'Sorry for the wait: fixed.',
    });
    await drain();
    const [template, ...rest] = sentTo(waId).slice(before);
    expect(rest).toEqual([]);
    expect(template).toMatchObject({
      type: 'template',
      template: {
        name: 'ticket_update',
        language: { code: 'en_GB' },
        components: [{ type: 'body', parameters: [{ type: 'text', text: `#${number}` }] }],
      },
    });
    const told = (await timeline(w.agent, number)).filter((e) => /24-hour window/.test(e.reason ?? ''));
    expect(told).toHaveLength(1);
    expect(told[0]?.public).toBe(false);
    expect((await timeline(client, number)).some((e) => /24-hour/.test(e.reason ?? ''))).toBe(false);

    const templateId = (await outbound(number)).at(-1)?.external_id;
    await write(text(waId, 'Hi, what is the update?', { context: { id: templateId } }));
    expect(textsTo(waId)).toContain(`#${number}: Sorry for the wait: fixed.`);
    expect((await thread(client, number)).at(-1)?.body).toBe('Hi, what is the update?');
  });
});

describe('with subscriptions on', () => {
  it('no subscription: the WhatsApp answer says so, and no ticket opens', async () => {
    const { client, waId } = await customer(w.orgB.id);
    await w.admin.expect(200, 'PUT', '/api/v1/settings/subscriptions', { enabled: true });
    try {
      await write(text(waId, 'new: I need help'));
    } finally {
      await w.admin.expect(200, 'PUT', '/api/v1/settings/subscriptions', { enabled: false });
    }
    expect(await myTickets(client)).toEqual([]);
    expect(textsTo(waId).at(-1)).toMatch(
      /^We could not open a ticket\. You must have an active subscription/,
    );
  });
});
