import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket, User } from '../common/api.js';
import type { CustomerProfile } from '../common/profiles.js';
import { type Client, login, makeWorld, openTicket } from './client.js';
import { startFakeGraph, WA, waTextWebhook } from './fake-channels.js';
import { startTestApp, type TestEnv } from './helpers.js';

// Customer and organisation profiles: what staff see about a person (tickets through the same
// visibility as the queue), notes customers never see, contact edits, merging two records of one
// person (mail from either address then finds the survivor), and the data export.

type Json = Record<string, unknown>;
const SUPPORT = 'support@helpdesk.test';
let env: TestEnv;
let w: Awaited<ReturnType<typeof makeWorld>>;
let mta: Client;
let seq = 0;
let graph: Awaited<ReturnType<typeof startFakeGraph>>;

beforeAll(async () => {
  graph = await startFakeGraph();
  env = await startTestApp({
    env: {
      INBOUND_EMAIL_ADDRESS: SUPPORT,
      WHATSAPP_API_URL: graph.apiUrl,
      WHATSAPP_TOKEN: WA.token,
      WHATSAPP_PHONE_NUMBER_ID: WA.phoneNumberId,
      WHATSAPP_APP_SECRET: WA.appSecret,
      WHATSAPP_VERIFY_TOKEN: WA.verify,
    },
  });
  w = await makeWorld(env.app);
  const { token } = await w.admin.expect<{ token: string }>(201, 'POST', '/api/v1/tokens', { name: 'mta' });
  mta = new (w.admin.constructor as typeof Client)(env.app, { token });
});
afterAll(async () => {
  await env?.close();
  await graph?.close();
});

/** A new customer of `organisationId`, signed in. */
async function customer(organisationId: string | null, name = `Person ${++seq}`) {
  const email = `person-${seq}-${Date.now().toString(36)}@example.test`;
  await w.admin.expect(201, 'POST', '/api/v1/users', {
    email,
    name,
    role: 'customer',
    password: w.password,
    ...(organisationId && { organisationId }),
  });
  return login(env.app, email, w.password);
}
const idOf = (c: Client) => c.user?.id ?? '';
const profile = (c: Client, id: string) => c.get<CustomerProfile>(`/api/v1/customers/${id}/profile`);
const ticketsOf = async (c: Client, requesterId: string) =>
  (await c.get<{ items: Ticket[] }>(`/api/v1/tickets?requesterId=${requesterId}&limit=100`)).items.map(
    (t) => t.number,
  );
async function mail(from: string, subject: string, body: string) {
  const raw = [
    `From: ${from}`,
    `To: ${SUPPORT}`,
    `Subject: ${subject}`,
    `Message-ID: <${subject.replace(/\W/g, '')}-${Date.now()}@example.test>`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    body,
    '',
  ].join('\r\n');
  const res = await mta.request('POST', '/api/v1/inbound/email', raw, { 'content-type': 'message/rfc822' });
  expect(res.statusCode, res.body).toBe(202);
  await env.drain();
}

/** A WhatsApp message from `waId` through Meta's signed webhook, then the worker. */
async function whatsapp(waId: string, body: string) {
  const res = await env.app.inject(waTextWebhook(waId, body, `wamid.${++seq}`));
  expect(res.statusCode).toBe(200);
  await env.drain();
}

describe('who sees a profile', () => {
  it('shows a restricted agent only the tickets of their departments; customers get 404 for any profile', async () => {
    const dana = await customer(w.orgA.id);
    const billing = await openTicket(dana, w.billing.id, { subject: 'Invoice wrong' });
    const tech = await openTicket(dana, w.tech.id, { subject: 'Bot crashed' });

    const seen = await profile(w.agent, idOf(dana));
    expect(seen.customer).toMatchObject({
      id: idOf(dana),
      email: dana.user?.email,
      organisationId: w.orgA.id,
    });
    expect(seen.organisation?.id).toBe(w.orgA.id);
    expect(seen.abilities).toMatchObject({
      addNote: true,
      editContact: true,
      editEmail: false,
      merge: false,
      export: false,
    });
    expect(await ticketsOf(w.agent, idOf(dana))).toEqual([billing.number]);
    expect(await ticketsOf(w.techAgent, idOf(dana))).toEqual([tech.number]);
    expect((await ticketsOf(w.admin, idOf(dana))).sort()).toEqual([billing.number, tech.number].sort());

    await w.agent.expect(201, 'POST', `/api/v1/customers/${idOf(dana)}/notes`, {
      body: 'Prefers phone calls',
    });
    // A customer sees no profile, not even their own (theirs is /me), and so no staff notes.
    for (const target of [idOf(dana), idOf(w.alice), idOf(w.carol)]) {
      expect((await dana.request('GET', `/api/v1/customers/${target}/profile`)).statusCode).toBe(404);
    }
    expect(
      (await dana.request('POST', `/api/v1/customers/${idOf(dana)}/notes`, { body: 'x' })).statusCode,
    ).toBe(404);
    expect((await dana.request('GET', `/api/v1/organisations/${w.orgA.id}/profile`)).statusCode).toBe(404);
    expect(JSON.stringify(await dana.get('/api/v1/me'))).not.toContain('Prefers phone calls');
    // Staff records are not customers.
    expect((await w.admin.request('GET', `/api/v1/customers/${idOf(w.agent)}/profile`)).statusCode).toBe(404);
  });

  it('shows an organisation with its customers and, per agent, its visible tickets', async () => {
    const org = await w.admin.expect<{ id: string }>(201, 'POST', '/api/v1/organisations', {
      name: `Initech ${++seq}`,
    });
    const [erin, fay] = [await customer(org.id, 'Erin'), await customer(org.id, 'Fay')];
    const t1 = await openTicket(erin, w.billing.id);
    await openTicket(fay, w.tech.id);
    const p = await w.agent.get<{ customers: User[]; customerCount: number; organisation: Json }>(
      `/api/v1/organisations/${org.id}/profile`,
    );
    expect(p.customers.map((c) => c.name)).toEqual(['Erin', 'Fay']);
    expect(p.customerCount).toBe(2);
    const list = await w.agent.get<{ items: Ticket[] }>(`/api/v1/tickets?organisationId=${org.id}`);
    expect(list.items.map((t) => t.number)).toEqual([t1.number]);
  });
});

describe('notes about a customer', () => {
  it('are attributed and timestamped; only their author or an administrator changes them, on the audit trail', async () => {
    const gus = await customer(w.orgA.id);
    const note = await w.agent.expect<Json & { id: string }>(
      201,
      'POST',
      `/api/v1/customers/${idOf(gus)}/notes`,
      {
        body: 'VIP since 2019',
      },
    );
    expect(note).toMatchObject({ body: 'VIP since 2019', author: { id: idOf(w.agent) }, canChange: true });
    const url = `/api/v1/customers/${idOf(gus)}/notes/${note.id}`;
    expect((await w.techAgent.request('PATCH', url, { body: 'changed' })).statusCode).toBe(403);
    expect((await w.techAgent.request('DELETE', url)).statusCode).toBe(403);
    expect((await w.agent.request('PATCH', url, { body: '   ' })).statusCode).toBe(400);
    await w.agent.expect(200, 'PATCH', url, { body: 'VIP since 2018' });
    const seen = await profile(w.techAgent, idOf(gus));
    expect(seen.notes).toMatchObject([
      { body: 'VIP since 2018', author: { id: idOf(w.agent) }, canChange: false },
    ]);
    // A note of another customer is not found under this one.
    const other = await customer(w.orgA.id);
    expect(
      (await w.admin.request('DELETE', `/api/v1/customers/${idOf(other)}/notes/${note.id}`)).statusCode,
    ).toBe(404);
    await w.admin.expect(204, 'DELETE', url);
    expect((await profile(w.agent, idOf(gus))).notes).toEqual([]);
    const trail = await w.admin.get<{ items: { action: string; subject: { id: string } }[] }>(
      `/api/v1/admin/audit?userId=${idOf(gus)}&limit=50`,
    );
    expect(trail.items.map((e) => e.action).filter((a) => a.startsWith('customer_note'))).toEqual([
      'customer_note_deleted',
      'customer_note_changed',
      'customer_note_added',
    ]);
  });
});

describe('editing contact details', () => {
  it('refuses bad input with 400 or a taken address with 409, changing nothing', async () => {
    const hal = await customer(w.orgA.id, 'Hal');
    const url = `/api/v1/customers/${idOf(hal)}`;
    for (const body of [
      { phone: 'call me' },
      { name: '' },
      { email: 'not-an-address' },
      {},
      { role: 'admin' },
    ]) {
      expect((await w.admin.request('PATCH', url, body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    const taken = await w.admin.request('PATCH', url, { email: w.alice.user?.email, name: 'Changed' });
    expect(taken.statusCode).toBe(409);
    expect((await w.agent.request('PATCH', url, { email: 'new@example.test' })).statusCode).toBe(403);
    const after = await profile(w.admin, idOf(hal));
    expect(after.customer).toMatchObject({ name: 'Hal', email: hal.user?.email, phone: null });

    const changed = await w.agent.expect<CustomerProfile>(200, 'PATCH', url, {
      name: 'Hal Jordan',
      phone: '+44 20 7946 0000',
    });
    expect(changed.customer).toMatchObject({ name: 'Hal Jordan', phone: '+44 20 7946 0000' });
  });

  it('lets a customer change their own name and phone, not their address or role', async () => {
    const ivy = await customer(w.orgA.id, 'Ivy');
    expect((await ivy.request('PATCH', '/api/v1/me', { phone: 'nope' })).statusCode).toBe(400);
    expect((await ivy.request('PATCH', '/api/v1/me', { email: 'x@example.test' })).statusCode).toBe(400);
    expect((await ivy.request('PATCH', '/api/v1/me', { role: 'admin' })).statusCode).toBe(400);
    expect(await ivy.get('/api/v1/me')).toMatchObject({ name: 'Ivy', phone: null, role: 'customer' });
    await ivy.expect(200, 'PATCH', '/api/v1/me', { name: 'Ivy Lee', phone: '+1 555 010 9999' });
    expect(await ivy.get('/api/v1/me')).toMatchObject({ name: 'Ivy Lee', phone: '+1 555 010 9999' });
  });

  it('lets anyone choose their language and time zone, refusing ones the installation does not know', async () => {
    const ivo = await customer(w.orgA.id, 'Ivo');
    const before = await ivo.get<Json>('/api/v1/me');
    expect(before).toMatchObject({
      locale: null,
      timeZone: null,
      display: { locale: 'en', direction: 'ltr' },
    });
    for (const bad of [{ locale: 'xx' }, { locale: 'de_DE' }, { timeZone: 'Mars/Olympus' }, { locale: 7 }]) {
      const res = await ivo.request('PATCH', '/api/v1/me', bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().errors?.[0]?.path ?? res.json().detail).toBeTruthy();
    }
    expect(await ivo.get('/api/v1/me')).toEqual(before);
    await ivo.expect(200, 'PATCH', '/api/v1/me', { locale: 'ja', timeZone: 'Asia/Tokyo' });
    expect(await ivo.get('/api/v1/me')).toMatchObject({
      locale: 'ja',
      timeZone: 'Asia/Tokyo',
      display: { locale: 'ja', timeZone: 'Asia/Tokyo', direction: 'ltr' },
    });
    await ivo.expect(200, 'PATCH', '/api/v1/me', { locale: 'ar' });
    expect(await ivo.get('/api/v1/me')).toMatchObject({ display: { locale: 'ar', direction: 'rtl' } });
    await ivo.expect(200, 'PATCH', '/api/v1/me', { locale: null, timeZone: null });
    expect(await ivo.get('/api/v1/me')).toMatchObject({
      locale: null,
      timeZone: null,
      display: { locale: 'en' },
    });
  });

  it('refuses in the asker’s language: their own choice, else their browser’s; English without either', async () => {
    const ida = await customer(w.orgA.id, 'Ida');
    const refused = async (method: 'GET' | 'PATCH', url: string, body?: Json, lang?: string) => {
      const res = await ida.request(method, url, body, lang ? { 'accept-language': lang } : {});
      return res.json() as { title: string; detail: string; errors?: { path: string; message: string }[] };
    };
    // A missing ticket and a refused field, English as before without a language.
    expect(await refused('GET', '/api/v1/tickets/987654')).toMatchObject({
      title: 'Not found',
      detail: 'No ticket #987654',
    });
    const english = await refused('PATCH', '/api/v1/me', { locale: 'xx' });
    expect(english.detail).toMatch(/^locale: not a language of this installation \(en, .*de.*\)$/);
    expect(english.errors?.[0]?.message).toMatch(/^not a language of this installation/);
    // The browser's language.
    expect(await refused('GET', '/api/v1/tickets/987654', undefined, 'de-AT,de;q=0.9')).toMatchObject({
      title: 'Nicht gefunden',
      detail: 'Kein Ticket #987654',
    });
    const german = await refused('PATCH', '/api/v1/me', { locale: 'xx' }, 'de');
    expect(german.detail).toMatch(/^locale: keine Sprache dieser Installation \(en, /);
    expect(german.errors).toEqual([{ path: 'locale', message: expect.stringMatching(/^keine Sprache/) }]);
    // Their own choice wins over the browser's.
    await ida.expect(200, 'PATCH', '/api/v1/me', { locale: 'de' });
    expect((await refused('GET', '/api/v1/tickets/987654', undefined, 'fr')).detail).toBe(
      'Kein Ticket #987654',
    );
    expect((await refused('PATCH', '/api/v1/me', { locale: 'xx' })).errors?.[0]?.message).toMatch(
      /^keine Sprache dieser Installation/,
    );
    expect(await refused('GET', '/api/v1/users')).toMatchObject({
      title: 'Nicht erlaubt',
      detail: 'Nur Mitarbeiter listen Benutzer auf',
    });
  });
});

describe('merging two records of one person', () => {
  it('keeps both addresses, the tickets and messages; mail from the merged address lands on the survivor', async () => {
    const keep = await customer(w.orgA.id, 'Jo Keep');
    const gone = await customer(w.orgA.id, 'Jo Gone');
    await w.admin.expect(200, 'PATCH', `/api/v1/customers/${idOf(gone)}`, { phone: '+49 30 1234567' });
    const t1 = await openTicket(keep, w.billing.id, { subject: 'First' });
    const t2 = await openTicket(gone, w.billing.id, { subject: 'Second' });
    await gone.expect(201, 'POST', `/api/v1/tickets/${t1.number}/messages`, {
      body: 'Written from my other address',
    });
    await w.agent.expect(201, 'POST', `/api/v1/customers/${idOf(gone)}/notes`, { body: 'Calls on Mondays' });

    const url = `/api/v1/customers/${idOf(keep)}/merge`;
    expect((await w.agent.request('POST', url, { sourceId: idOf(gone) })).statusCode).toBe(403);
    expect((await w.admin.request('POST', url, { sourceId: idOf(keep) })).statusCode).toBe(400);
    expect((await w.admin.request('POST', url, { sourceId: idOf(w.agent) })).statusCode).toBe(409);
    expect(
      (await w.admin.request('POST', `/api/v1/customers/${idOf(w.agent)}/merge`, { sourceId: idOf(gone) }))
        .statusCode,
    ).toBe(404);
    expect((await w.admin.request('POST', url, { sourceId: idOf(w.carol) })).statusCode).toBe(409);

    const merged = await w.admin.expect<{ moved: Json }>(200, 'POST', url, { sourceId: idOf(gone) });
    expect(merged.moved).toMatchObject({ tickets: 1, messages: 2, notes: 1 });
    expect((await w.admin.request('POST', url, { sourceId: idOf(gone) })).statusCode).toBe(409);

    const p = await profile(w.admin, idOf(keep));
    expect(p.otherEmails).toEqual([gone.user?.email]);
    expect(p.customer.phone).toBe('+49 30 1234567');
    expect(p.notes.map((n) => n.body)).toEqual(['Calls on Mondays']);
    expect((await ticketsOf(w.admin, idOf(keep))).sort()).toEqual([t1.number, t2.number].sort());
    const thread = await w.admin.get<{ items: { body: string; author: { id: string } }[] }>(
      `/api/v1/tickets/${t1.number}/messages`,
    );
    expect(thread.items.map((m) => m.author.id)).toEqual([idOf(keep), idOf(keep)]);
    const old = await profile(w.admin, idOf(gone));
    expect(old.customer.active).toBe(false);
    expect(old.mergedInto).toEqual({ id: idOf(keep), name: 'Jo Keep' });
    expect((await gone.request('GET', '/api/v1/me')).statusCode).toBe(401);

    await mail(gone.user?.email ?? '', 'From my old address', 'Is this the same account?');
    const now = await w.admin.get<{ items: Ticket[] }>(`/api/v1/tickets?requesterId=${idOf(keep)}&limit=100`);
    expect(now.items.find((t) => t.subject === 'From my old address')?.requester.id).toBe(idOf(keep));
    // The address stays the survivor's: no one signs up or is created with it again.
    const again = await w.admin.request('POST', '/api/v1/users', {
      email: gone.user?.email,
      name: 'X',
      role: 'customer',
    });
    expect(again.statusCode).toBe(409);
    const trail = await w.admin.get<{ items: { action: string; details: Json }[] }>(
      `/api/v1/admin/audit?action=customer_merged&userId=${idOf(keep)}`,
    );
    expect(trail.items[0]?.details).toMatchObject({ mergedId: idOf(gone), mergedEmail: gone.user?.email });
  });

  it('keeps the merged record’s number: WhatsApp from it reaches the survivor', async () => {
    const keep = await customer(w.orgA.id, 'Lee Keep');
    const gone = await customer(w.orgA.id, 'Lee Gone');
    await w.admin.expect(200, 'PATCH', `/api/v1/customers/${idOf(keep)}`, { phone: '+44 7700 900111' });
    await w.admin.expect(200, 'PATCH', `/api/v1/customers/${idOf(gone)}`, { phone: '+44 (7700) 900-222' });
    await w.admin.expect(200, 'POST', `/api/v1/customers/${idOf(keep)}/merge`, { sourceId: idOf(gone) });
    const p = await profile(w.admin, idOf(keep));
    expect(p.customer.phone).toBe('+44 7700 900111');
    expect(p.otherPhones).toEqual(['+44 (7700) 900-222']);
    await whatsapp('447700900222', 'new: Written from my second phone');
    const mine = await w.admin.get<{ items: Ticket[] }>(`/api/v1/tickets?requesterId=${idOf(keep)}`);
    expect(mine.items.map((t) => [t.subject, t.channel])).toContainEqual([
      'Written from my second phone',
      'whatsapp',
    ]);
  });

  it('merges across organisations only when asked to, moving the tickets into the survivor’s', async () => {
    const a = await customer(w.orgA.id);
    const b = await customer(w.orgB.id);
    const t = await openTicket(b, w.billing.id);
    const url = `/api/v1/customers/${idOf(a)}/merge`;
    expect((await w.admin.request('POST', url, { sourceId: idOf(b) })).statusCode).toBe(409);
    expect((await w.admin.get<Ticket>(`/api/v1/tickets/${t.number}`)).organisation?.id).toBe(w.orgB.id);
    await w.admin.expect(200, 'POST', url, { sourceId: idOf(b), allowOtherOrganisation: true });
    expect((await w.admin.get<Ticket>(`/api/v1/tickets/${t.number}`)).organisation?.id).toBe(w.orgA.id);
  });
});

describe('data export', () => {
  it('holds the customer’s profile, tickets, messages and notes, and nothing of other customers', async () => {
    const kim = await customer(w.orgA.id, 'Kim');
    const t = await openTicket(kim, w.billing.id, { subject: 'Export me' });
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, {
      body: 'Checked the logs',
      internal: true,
    });
    await w.agent.expect(201, 'POST', `/api/v1/customers/${idOf(kim)}/notes`, { body: 'Asked for export' });
    const other = await openTicket(w.bob, w.billing.id, { subject: 'Bob private matter' });

    const url = `/api/v1/customers/${idOf(kim)}/export`;
    expect((await w.agent.request('GET', url)).statusCode).toBe(403);
    expect((await kim.request('GET', url)).statusCode).toBe(404);
    const res = await w.admin.request('GET', url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('attachment');
    const doc = JSON.parse(res.body);
    expect(doc.profile.customer).toMatchObject({ id: idOf(kim), email: kim.user?.email });
    expect(doc.profile.notes.map((n: Json) => n.body)).toEqual(['Asked for export']);
    expect(doc.tickets.map((x: Json) => x.number)).toEqual([t.number]);
    expect(doc.tickets[0].messages.map((m: Json) => [m.body, m.internal])).toEqual([
      ['Since this morning the bot does not open positions.', false],
      ['Checked the logs', true],
    ]);
    expect(res.body).not.toContain(other.subject);
    expect(res.body).not.toContain(w.bob.user?.email);

    const org = await w.admin.request('GET', `/api/v1/organisations/${w.orgA.id}/export`);
    const orgDoc = JSON.parse(org.body);
    expect(orgDoc.customers.map((c: Json) => c.id)).toContain(idOf(kim));
    expect(orgDoc.customers.map((c: Json) => c.id)).not.toContain(idOf(w.carol));
    expect(orgDoc.tickets.map((x: Json) => x.number)).toContain(other.number);
    expect(org.body).not.toContain(w.carol.user?.email);
    const trail = await w.admin.get<{ items: Json[] }>('/api/v1/admin/audit?action=data_exported');
    expect(trail.items.length).toBe(2);
  });
});
