import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PAUSE_ON } from '../common/sla.js';
import {
  type Webhook,
  type WebhookDelivery,
  type WebhookPayload,
  webhookPayloadSchema,
} from '../common/webhooks.js';
import { newId } from '../src/lib/crypto.js';
import { verifySignature } from '../src/modules/webhooks/signature.js';
import { makeWorld, openTicket } from './client.js';
import { ADMIN, manualClock, startTestApp, type TestEnv } from './helpers.js';
import { type Received, startReceiver } from './receiver.js';

// Outgoing webhooks against real HTTP receivers on loopback (allowed by the test configuration):
// the documented signature, retries until the receiver recovers with every attempt logged, the
// chat presets' message formats, internal notes for internal endpoints only, and the address rules.

const time = manualClock('2026-06-01T08:00:00.000Z');
let env: TestEnv;
let w: Awaited<ReturnType<typeof makeWorld>>;
let rx: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  rx = await startReceiver((path, n) => {
    if (path === '/flaky') return n <= 5 ? 500 : 200;
    if (path.startsWith('/down')) return 503;
    return 200;
  });
  env = await startTestApp({ clock: time.clock });
  w = await makeWorld(env.app);
});
afterAll(async () => {
  await env?.close();
  await rx?.close();
});

const api = '/api/v1/webhooks';
type Created = Webhook & { secret: string };
const create = (body: Record<string, unknown>) =>
  w.admin.expect<Created>(201, 'POST', api, { name: 'Hook', events: ['ticket.created'], ...body });
const deliveries = async (id: string) =>
  (await w.admin.get<{ items: WebhookDelivery[]; nextCursor: string | null }>(`${api}/${id}/deliveries`))
    .items;
/** Turns every endpoint off but these, so each test hears only its own. */
async function only(...ids: string[]) {
  const all = (await w.admin.get<{ items: Webhook[] }>(api)).items;
  for (const h of all)
    if (h.enabled !== ids.includes(h.id))
      await w.admin.expect(200, 'PATCH', `${api}/${h.id}`, { enabled: ids.includes(h.id) });
}
const json = (r: Received) => JSON.parse(r.body) as WebhookPayload;
const setEvents = async (ids: string[], events: string[]) => {
  for (const id of ids) await w.admin.expect(200, 'PATCH', `${api}/${id}`, { events });
};

describe('managing webhooks', () => {
  it('shows the secret once, refuses bad URLs and local addresses not allowed, and is for admins only', async () => {
    const hook = await create({ url: rx.url('/ok') });
    expect(hook.secret).toMatch(/^whsec_/);
    const read = await w.admin.get<Webhook>(`${api}/${hook.id}`);
    expect(read).not.toHaveProperty('secret');
    expect(read).toMatchObject({ kind: 'generic', enabled: true, internal: false });

    for (const url of ['ftp://example.com/x', 'javascript:alert(1)', 'http://user:pw@example.com/'])
      expect(
        (await w.admin.request('POST', api, { name: 'x', url, events: ['ticket.created'] })).statusCode,
      ).toBe(400);
    // 127.0.0.2 is loopback too, and not on the test's allow-list (127.0.0.1 is).
    const local = await w.admin.request('POST', api, {
      name: 'x',
      url: 'http://127.0.0.2:9/',
      events: ['ticket.created'],
    });
    expect(local.statusCode).toBe(400);
    expect(local.json().detail).toMatch(/loopback/);
    const meta = await w.admin.request('PATCH', `${api}/${hook.id}`, {
      url: 'http://169.254.169.254/latest',
    });
    expect(meta.statusCode).toBe(400);

    for (const who of [w.agent, w.alice]) {
      expect((await who.request('GET', api)).statusCode).toBe(403);
      expect(
        (await who.request('POST', api, { name: 'x', url: rx.url('/ok'), events: ['ticket.created'] }))
          .statusCode,
      ).toBe(403);
    }
    const rotated = await w.admin.expect<Created>(200, 'POST', `${api}/${hook.id}/secret`);
    expect(rotated.secret).not.toBe(hook.secret);
    await w.admin.expect(204, 'DELETE', `${api}/${hook.id}`);
    await w.admin.expect(404, 'GET', `${api}/${hook.id}`);
  });

  it('writes no outbox row for a change no enabled endpoint wants', async () => {
    await only();
    const count = async () =>
      Number(
        (
          await env.database.db
            .selectFrom('outbox')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('topic', '=', 'webhook.event')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    await openTicket(w.alice, w.billing.id);
    expect(await count()).toBe(before);
  });
});

describe('delivery', () => {
  it('signs generic deliveries as documented: HMAC-SHA256 of "<t>.<body>" in Tessera-Signature', async () => {
    const hook = await create({ url: rx.url('/signed') });
    await only(hook.id);
    const t = await openTicket(w.alice, w.billing.id, { subject: 'Signed and sealed' });
    await env.drain();
    const [got] = rx.at('/signed');
    expect(got).toBeDefined();
    const r = got as Received;
    const header = String(r.headers['tessera-signature']);
    const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
    expect(m).not.toBeNull();
    const ts = Number(m?.[1]);
    expect(Math.abs(ts - time.clock().getTime() / 1000)).toBeLessThanOrEqual(300);
    expect(m?.[2]).toBe(createHmac('sha256', hook.secret).update(`${ts}.${r.body}`).digest('hex'));
    const now = Math.floor(time.clock().getTime() / 1000);
    expect(verifySignature(hook.secret, header, r.body, now)).toBe(true);
    expect(verifySignature(hook.secret, header, r.body.replace('Signed', 'Forged'), now)).toBe(false);
    expect(verifySignature(hook.secret, header, r.body, now + 301)).toBe(false);
    expect(verifySignature('whsec_other', header, r.body, now)).toBe(false);

    expect(r.headers['tessera-event']).toBe('ticket.created');
    const payload = webhookPayloadSchema.parse(JSON.parse(r.body));
    expect(payload).toMatchObject({
      type: 'ticket.created',
      data: { ticket: { number: t.number, subject: 'Signed and sealed' } },
    });
    expect(r.headers['tessera-delivery']).toBe((await deliveries(hook.id))[0]?.id);
  });

  it('retries a receiver that fails 5 times: one success per event, every attempt logged', async () => {
    const hook = await create({ url: rx.url('/flaky'), events: ['ticket.updated'] });
    await only(hook.id);
    const t = await openTicket(w.alice, w.billing.id);
    await w.agent.expect(200, 'PATCH', `/api/v1/tickets/${t.number}`, { priority: 'urgent' });
    await env.drain();
    for (let i = 0; i < 8 && rx.at('/flaky').length < 6; i++) {
      time.advance(2 * 3_600_000);
      await env.drain();
    }
    const got = rx.at('/flaky');
    expect(got.map((r) => r.headers['tessera-delivery'])).toEqual(
      Array(6).fill(got[0]?.headers['tessera-delivery']),
    );
    // Nothing more once it succeeded.
    time.advance(5 * 3_600_000);
    await env.drain();
    expect(rx.at('/flaky')).toHaveLength(6);
    const payload = json(got[5] as Received);
    expect(payload.data.changes).toEqual([{ field: 'priority', from: 'high', to: 'urgent' }]);

    const [d] = await deliveries(hook.id);
    expect(d?.state).toBe('succeeded');
    expect(d?.attempts.map((a) => a.statusCode)).toEqual([500, 500, 500, 500, 500, 200]);
    expect(d?.attempts.map((a) => a.attempt)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(d?.attempts[0]?.response?.length).toBeLessThanOrEqual(1024);
    expect(d?.attempts.every((a) => typeof a.latencyMs === 'number')).toBe(true);
    expect((await w.admin.get<Webhook>(`${api}/${hook.id}`)).enabled).toBe(true);

    // Redelivered by an admin: the same delivery id and bytes again.
    await w.admin.expect(200, 'POST', `${api}/${hook.id}/deliveries/${d?.id}/redeliver`);
    await env.drain();
    const again = rx.at('/flaky')[6];
    expect(again?.headers['tessera-delivery']).toBe(d?.id);
    expect(again?.body).toBe(got[5]?.body);
    expect((await deliveries(hook.id))[0]?.attempts).toHaveLength(7);
    await w.admin.expect(404, 'POST', `${api}/${hook.id}/deliveries/nope/redeliver`);
  });

  it('refuses to connect to a loopback address that is not allowed, and logs why', async () => {
    const hook = await create({ url: rx.url('/never') });
    await only(hook.id);
    // As if saved before the rules, or by a name that resolves there now.
    await env.database.db
      .updateTable('webhook_endpoints')
      .set({ url: 'http://127.0.0.2:9/never' })
      .where('id', '=', hook.id)
      .execute();
    await openTicket(w.alice, w.billing.id);
    await env.drain();
    const [d] = await deliveries(hook.id);
    expect(d?.state).toBe('failed');
    expect(d?.attempts).toHaveLength(1);
    expect(d?.attempts[0]?.error).toMatch(/refused to connect: 127\.0\.0\.2 is a loopback address/);
    expect(rx.at('/never')).toEqual([]);
  });

  it('sends internal notes only to endpoints marked internal', async () => {
    const open = await create({ url: rx.url('/public'), events: ['message.created'] });
    const inside = await create({ url: rx.url('/internal'), events: ['message.created'], internal: true });
    await only(open.id, inside.id);
    const t = await openTicket(w.alice, w.billing.id);
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, {
      body: 'Secret note',
      internal: true,
    });
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, { body: 'Hello there' });
    await w.alice.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, { body: 'Thanks!' });
    await env.drain();
    // Deliveries run side by side: their order of arrival is not the events' order.
    const kinds = (path: string) =>
      rx
        .at(path)
        .map((r) => json(r).data.message?.kind)
        .sort();
    expect(kinds('/public')).toEqual(['customer_reply', 'staff_reply']);
    expect(kinds('/internal')).toEqual(['customer_reply', 'internal_note', 'staff_reply']);
    expect(rx.at('/public').some((r) => r.body.includes('Secret note'))).toBe(false);
  });

  it('sends a trigger’s internal note to internal endpoints like any other', async () => {
    const inside = await create({ url: rx.url('/rule-notes'), events: ['message.created'], internal: true });
    await only(inside.id);
    const r = await w.admin.expect<{ id: string }>(201, 'POST', '/api/v1/triggers', {
      name: 'Note new tickets',
      on: [{ type: 'ticket.created' }],
      actions: [{ type: 'note', body: 'Checked by the rule' }],
    });
    await openTicket(w.alice, w.billing.id);
    await env.drain();
    await w.admin.expect(204, 'DELETE', `/api/v1/triggers/${r.id}`);
    const notes = rx.at('/rule-notes').map((x) => json(x).data.message);
    expect(notes).toEqual([expect.objectContaining({ kind: 'internal_note', body: 'Checked by the rule' })]);
  });

  it('never sends what was built for an internal endpoint once it is no longer internal', async () => {
    const hook = await create({ url: rx.url('/down-inside'), events: ['message.created'], internal: true });
    await only(hook.id);
    const t = await openTicket(w.alice, w.billing.id);
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, {
      body: 'Internal only',
      internal: true,
    });
    await env.drain();
    expect(rx.at('/down-inside')).toHaveLength(1);
    // Made public (and pointed elsewhere) while its retry waits.
    await w.admin.expect(200, 'PATCH', `${api}/${hook.id}`, { internal: false, url: rx.url('/outside') });
    time.advance(2 * 3_600_000);
    await env.drain();
    expect(rx.at('/outside')).toEqual([]);
    const [d] = await deliveries(hook.id);
    expect(d?.state).toBe('failed');
    expect(d?.attempts.at(-1)?.error).toMatch(/no longer marked internal/);
    await w.admin.expect(409, 'POST', `${api}/${hook.id}/deliveries/${d?.id}/redeliver`);
    expect(rx.at('/outside')).toEqual([]);
  });

  it('queues one redelivery however many are asked for at once', async () => {
    const hook = await create({ url: rx.url('/once') });
    await only(hook.id);
    await openTicket(w.alice, w.billing.id);
    await env.drain();
    const [d] = await deliveries(hook.id);
    expect(d?.state).toBe('succeeded');
    const asked = await Promise.all(
      [1, 2, 3].map(() => w.admin.request('POST', `${api}/${hook.id}/deliveries/${d?.id}/redeliver`)),
    );
    expect(asked.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
    await env.drain();
    expect(rx.at('/once')).toHaveLength(2);
  });

  it('counts a failure after a quiet spell as a new run, not as a day of failing', async () => {
    const hook = await create({ url: rx.url('/down-quiet') });
    await only(hook.id);
    // It failed for days once, then had nothing to deliver for two days.
    const at = (h: number) => new Date(time.clock().getTime() - h * 3_600_000).toISOString();
    await env.database.db
      .updateTable('webhook_endpoints')
      .set({ failures: 20, failing_since: at(96), last_failure_at: at(48) })
      .where('id', '=', hook.id)
      .execute();
    await openTicket(w.alice, w.billing.id);
    await env.drain();
    const after = await w.admin.get<Webhook>(`${api}/${hook.id}`);
    expect(after.enabled).toBe(true);
    expect(after.failingSince).toBe(time.clock().toISOString());
  });

  it('speaks Slack’s, Mattermost’s and Teams’ incoming-webhook formats, unsigned', async () => {
    const slack = await create({ url: rx.url('/slack'), kind: 'slack' });
    const mm = await create({ url: rx.url('/mattermost'), kind: 'mattermost' });
    const teams = await create({ url: rx.url('/teams'), kind: 'teams' });
    await only(slack.id, mm.id, teams.id);
    const t = await openTicket(w.alice, w.billing.id, { subject: 'Printer <on> fire' });
    await env.drain();
    const [s] = rx.at('/slack');
    expect(s?.headers['content-type']).toMatch(/^application\/json/);
    expect(s?.headers['tessera-signature']).toBeUndefined();
    // What Slack accepts: a `text` string, and optionally `blocks` of known types.
    const body = JSON.parse(s?.body ?? '{}') as {
      text: unknown;
      blocks?: { type: string; text?: { type: string; text: string } }[];
    };
    expect(typeof body.text).toBe('string');
    expect(body.text).toContain(`#${t.number} Printer &lt;on&gt; fire — ticket created — http`);
    expect(Array.isArray(body.blocks)).toBe(true);
    for (const b of body.blocks ?? []) expect(['section', 'context']).toContain(b.type);
    expect(body.blocks?.[0]?.text).toEqual({
      type: 'mrkdwn',
      text: expect.stringMatching(
        new RegExp(
          `^<http[^|]+/tickets/${t.number}\\|#${t.number}> Printer &lt;on&gt; fire — ticket created$`,
        ),
      ),
    });
    expect(Object.keys(body).sort()).toEqual(['blocks', 'text']);

    const m = JSON.parse(rx.at('/mattermost')[0]?.body ?? '{}');
    expect(Object.keys(m)).toEqual(['text']);
    expect(m.text).toMatch(
      new RegExp(`^\\[#${t.number} Printer <on\\\\> fire\\]\\(http[^)]+\\) — ticket created`),
    );

    const c = JSON.parse(rx.at('/teams')[0]?.body ?? '{}');
    expect(c.type).toBe('message');
    expect(c.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(c.attachments[0].content).toMatchObject({ type: 'AdaptiveCard', body: expect.any(Array) });
    expect(c.attachments[0].content.body[0].text).toBe(`#${t.number} Printer <on> fire`);

    // What a customer writes is shown, never obeyed: no mention of everyone, no link or image.
    await only(slack.id, mm.id);
    await setEvents([slack.id, mm.id], ['message.created']);
    await w.alice.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, {
      body: '@channel <!here> look ![x](https://evil.example/p.png) [login](https://evil.example)',
    });
    await env.drain();
    const sb = JSON.stringify(JSON.parse(rx.at('/slack').at(-1)?.body ?? '{}'));
    expect(sb).not.toMatch(/<!here>|@channel/);
    const mt = JSON.parse(rx.at('/mattermost').at(-1)?.body ?? '{}').text as string;
    expect(mt).not.toMatch(/@channel|!\[x\]\(|[^\\]\[login\]/);
    expect(mt).toContain('@\u200bchannel');
  });

  it('pings on "Send test", pages the log, and turns off an endpoint failing for a day', async () => {
    const hook = await create({ url: rx.url('/down') });
    await only(hook.id);
    const ping = await w.admin.expect<WebhookDelivery>(200, 'POST', `${api}/${hook.id}/test`);
    expect(ping).toMatchObject({ type: 'ping', state: 'pending' });
    await w.admin.expect(409, 'POST', `${api}/${hook.id}/deliveries/${ping.id}/redeliver`);
    await env.drain();
    expect(json(rx.at('/down')[0] as Received).type).toBe('ping');
    await openTicket(w.alice, w.billing.id);
    await env.drain();
    const first = await w.admin.get<{ items: WebhookDelivery[]; nextCursor: string }>(
      `${api}/${hook.id}/deliveries?limit=1`,
    );
    expect(first.items).toHaveLength(1);
    const second = await w.admin.get<{ items: WebhookDelivery[] }>(
      `${api}/${hook.id}/deliveries?limit=1&cursor=${first.nextCursor}`,
    );
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);

    // The administrators are mailed, each in their language: one reads German.
    const { db } = env.database;
    const mail = env.app.ctx.config.mail;
    const smtpUrl = mail.smtpUrl;
    mail.smtpUrl = 'smtp://127.0.0.1:9';
    await db.updateTable('users').set({ locale: 'de' }).where('email', '=', ADMIN.email).execute();
    for (let i = 0; i < 8; i++) {
      time.advance(6 * 3_600_000);
      await env.drain();
    }
    mail.smtpUrl = smtpUrl;
    await db.updateTable('users').set({ locale: null }).where('email', '=', ADMIN.email).execute();
    const off = await w.admin.get<Webhook>(`${api}/${hook.id}`);
    expect(off.enabled).toBe(false);
    expect(off.disabledReason).toMatch(/turned off after failing since/);
    const told = await db
      .selectFrom('outbox')
      .select('payload')
      .where('dedupe_key', 'like', `webhook-disabled:${hook.id}:%`)
      .execute();
    const mails = told.map((r) => JSON.parse(r.payload) as { to: string; subject: string; text: string });
    expect(mails).toEqual([
      expect.objectContaining({
        to: ADMIN.email,
        subject: 'Webhook „Hook“ wurde ausgeschaltet',
        text: expect.stringMatching(/^Der Webhook „Hook“ .* ist seit .* fehlgeschlagen/),
      }),
    ]);
    const audit = await w.admin.get<{ items: { details: Record<string, unknown> }[] }>(
      '/api/v1/admin/audit?action=settings_changed',
    );
    expect(audit.items.some((e) => e.details.area === 'webhook' && e.details.disabled)).toBe(true);
    // Turned off: nothing more is sent.
    const heard = rx.at('/down').length;
    await openTicket(w.alice, w.billing.id);
    time.advance(3_600_000);
    await env.drain();
    expect(rx.at('/down')).toHaveLength(heard);
  });

  it('announces a service-level warning and breach', async () => {
    const hook = await create({ url: rx.url('/sla'), events: ['ticket.sla_warning', 'ticket.sla_breach'] });
    await only(hook.id);
    const now = time.clock().toISOString();
    await env.database.db
      .insertInto('sla_policies')
      .values({
        id: newId(),
        name: 'Tech first reply',
        position: 0,
        enabled: 1,
        conditions: JSON.stringify({ departmentIds: [w.tech.id] }),
        calendar_id: '24x7',
        targets: JSON.stringify([
          { priority: 'normal', metric: 'firstReply', minutes: 60, businessHours: false },
        ]),
        pause_on: JSON.stringify(DEFAULT_PAUSE_ON),
        warning: JSON.stringify({ percent: 80 }),
        notify_outside_hours: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const t = await openTicket(w.alice, w.tech.id, { priority: 'normal' });
    time.advance(50 * 60_000);
    await env.sweep();
    await env.drain();
    time.advance(15 * 60_000);
    await env.sweep();
    await env.drain();
    const got = rx.at('/sla').map(json);
    expect(got.map((p) => p.type)).toEqual(['ticket.sla_warning', 'ticket.sla_breach']);
    for (const p of got) {
      expect(p.data.ticket?.number).toBe(t.number);
      expect(p.data.sla?.metrics).toEqual(['firstReply']);
    }
  });
});
