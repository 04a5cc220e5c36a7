import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../common/api.js';
import { installPresetVariants, presetStatusVariants } from '../src/modules/workflow/preset-variants.js';
import { PRESETS } from '../src/workflow/presets/index.js';
import { type Client, makeWorld, openTicket } from './client.js';
import { startTestApp, type TestEnv } from './helpers.js';
import { seedArticle } from './kb-seed.js';

// Configured texts in several languages: variants along the reader's fallback chain, the
// administrators' overrides of product strings, and what is refused.

let env: TestEnv;
let w: Awaited<ReturnType<typeof makeWorld>>;
type Workflow = { statuses: { key: string; label?: string; staffLabel?: string; customerLabel?: string }[] };
type Types = { items: { key: string; name: string }[] };

const setLocale = (c: Client, locale: string | null) => c.expect(200, 'PATCH', '/api/v1/me', { locale });
const put = (kind: string, body: Record<string, unknown>) =>
  w.admin.request('PUT', `/api/v1/translations/${kind}`, body);

beforeAll(async () => {
  env = await startTestApp();
  w = await makeWorld(env.app);
  await w.admin.expect(201, 'POST', '/api/v1/ticket-types', {
    key: 'billing_question',
    name: 'Billing question',
  });
});
afterAll(() => env?.close());

describe('configured texts in the reader’s language', () => {
  let status: { key: string; customerLabel: string; staffLabel: string };
  let ticket: Ticket;

  beforeAll(async () => {
    const wf = await w.admin.get<Required<Workflow>>('/api/v1/workflow');
    status = wf.statuses[0] as typeof status;
    ticket = await openTicket(w.alice, w.billing.id);
    for (const [field, text, locale] of [
      ['customer_label', 'Eingegangen', 'de'],
      ['staff_label', 'Neu eingegangen', 'de'],
      ['customer_label', 'Recebido', 'pt'],
    ] as const) {
      expect((await put('status', { locale, refId: status.key, field, text })).statusCode).toBe(200);
    }
    expect(
      (
        await put('ticket_type', {
          locale: 'de',
          refId: 'billing_question',
          field: 'name',
          text: 'Rechnungsfrage',
        })
      ).statusCode,
    ).toBe(200);
  });

  it('a German customer reads the German status label and type; an English one the originals', async () => {
    await setLocale(w.alice, 'de');
    await setLocale(w.bob, 'en');
    const de = await w.alice.get<Workflow>('/api/v1/workflow');
    expect(de.statuses.find((s) => s.key === status.key)?.label).toBe('Eingegangen');
    const en = await w.bob.get<Workflow>('/api/v1/workflow');
    expect(en.statuses.find((s) => s.key === status.key)?.label).toBe(status.customerLabel);

    const mine = await w.alice.get<Ticket>(`/api/v1/tickets/${ticket.number}`);
    expect(mine.status.label).toBe('Eingegangen');
    const list = await w.alice.get<{ items: Ticket[] }>('/api/v1/tickets');
    expect(list.items.find((t) => t.number === ticket.number)?.status.label).toBe('Eingegangen');
    const theirs = await w.bob.get<Ticket>(`/api/v1/tickets/${ticket.number}`);
    expect(theirs.status.label).toBe(status.customerLabel);

    const deTypes = await w.alice.get<Types>('/api/v1/ticket-types');
    expect(deTypes.items.find((t) => t.key === 'billing_question')?.name).toBe('Rechnungsfrage');
    const enTypes = await w.bob.get<Types>('/api/v1/ticket-types');
    expect(enTypes.items.find((t) => t.key === 'billing_question')?.name).toBe('Billing question');
  });

  it('staff read the staff label in their language; the administrator who edits reads the original', async () => {
    await setLocale(w.agent, 'de');
    const seen = await w.agent.get<Ticket>(`/api/v1/tickets/${ticket.number}`);
    expect(seen.status.label).toBe('Neu eingegangen');
    await setLocale(w.admin, 'de');
    const doc = await w.admin.get<Required<Workflow>>('/api/v1/workflow');
    expect(doc.statuses[0]?.staffLabel).toBe(status.staffLabel);
    const types = await w.admin.get<Types>('/api/v1/ticket-types');
    expect(types.items.find((t) => t.key === 'billing_question')?.name).toBe('Billing question');
    await setLocale(w.admin, null);
  });

  it('pt-BR falls back to a pt variant, and to the original where there is none', async () => {
    await setLocale(w.carol, 'pt-BR');
    const wf = await w.carol.get<Workflow>('/api/v1/workflow');
    expect(wf.statuses.find((s) => s.key === status.key)?.label).toBe('Recebido');
    const types = await w.carol.get<Types>('/api/v1/ticket-types');
    expect(types.items.find((t) => t.key === 'billing_question')?.name).toBe('Billing question');
  });

  it('the installation’s language holds for whoever chose none', async () => {
    await w.admin.expect(200, 'PUT', '/api/v1/settings/language', {
      locale: 'de',
      timeZone: 'Europe/Berlin',
    });
    expect(await w.admin.get('/api/v1/settings/language')).toEqual({
      locale: 'de',
      timeZone: 'Europe/Berlin',
    });
    await setLocale(w.bob, null);
    const wf = await w.bob.get<Workflow>('/api/v1/workflow');
    expect(wf.statuses.find((s) => s.key === status.key)?.label).toBe('Eingegangen');
    await w.admin.expect(200, 'PUT', '/api/v1/settings/language', { locale: 'en', timeZone: 'UTC' });
  });

  it('the administrator sees each text beside its variant, and removing one restores the original', async () => {
    const list = await w.admin.get<{
      items: { refId: string; field: string; original: string; text: string | null }[];
    }>('/api/v1/translations/status?locale=de');
    const row = list.items.find((i) => i.refId === status.key && i.field === 'customer_label');
    expect(row).toMatchObject({ original: status.customerLabel, text: 'Eingegangen' });
    await w.admin.expect(204, 'DELETE', '/api/v1/translations/status', {
      locale: 'de',
      refId: status.key,
      field: 'customer_label',
    });
    const de = await w.alice.get<Workflow>('/api/v1/workflow');
    expect(de.statuses.find((s) => s.key === status.key)?.label).toBe(status.customerLabel);
    const audit = await w.admin.get<{ items: { action: string; details: Record<string, unknown> }[] }>(
      '/api/v1/admin/audit?limit=100',
    );
    expect(
      audit.items.some(
        (e) => e.details.area === 'translation' && e.details.to === null && e.details.locale === 'de',
      ),
    ).toBe(true);
  });
});

describe('fields, priorities and canned responses', () => {
  it('are read in the reader’s language; a deleted canned response takes its variants along', async () => {
    await w.admin.expect(201, 'POST', '/api/v1/fields', {
      key: 'platform',
      label: 'Platform',
      kind: 'select',
      options: [
        { value: 'web', label: 'Web browser' },
        { value: 'phone', label: 'Phone app' },
      ],
    });
    await w.admin.expect(200, 'PUT', '/api/v1/translations/field', {
      locale: 'de',
      refId: 'platform',
      field: 'option:phone',
      text: 'Handy-App',
    });
    await w.admin.expect(200, 'PUT', '/api/v1/translations/priority_help', {
      locale: 'de',
      refId: 'urgent',
      text: 'Die Arbeit steht still.',
    });
    await setLocale(w.alice, 'de');
    const fields = await w.alice.get<{
      items: { key: string; label: string; options: { label: string }[] }[];
    }>(`/api/v1/fields?departmentId=${w.billing.id}`);
    const platform = fields.items.find((f) => f.key === 'platform');
    expect(platform?.label).toBe('Platform');
    expect(platform?.options.map((o) => o.label)).toEqual(['Web browser', 'Handy-App']);
    const help = await w.alice.get<Record<string, string>>('/api/v1/settings/priority-help');
    expect(help.urgent).toBe('Die Arbeit steht still.');
    expect(help.low).toMatch(/^A question/);

    const canned = await w.admin.expect<{ id: string }>(201, 'POST', '/api/v1/canned-responses', {
      title: 'Refund on its way',
      body: 'Your refund is on its way.',
    });
    await w.admin.expect(200, 'PUT', '/api/v1/translations/canned', {
      locale: 'de',
      refId: canned.id,
      field: 'title',
      text: 'Erstattung unterwegs',
    });
    await setLocale(w.agent, 'de');
    const mine = await w.agent.get<{ items: { id: string; title: string; body: string }[] }>(
      '/api/v1/canned-responses',
    );
    expect(mine.items.find((c) => c.id === canned.id)).toMatchObject({
      title: 'Erstattung unterwegs',
      body: 'Your refund is on its way.',
    });
    const wrong = await put('canned', {
      locale: 'de',
      refId: canned.id,
      field: 'body',
      text: 'Hallo {{kunde.name}}',
    });
    expect(wrong.statusCode).toBe(400);
    // Inserted into a reply, it is in the language of the customer who reads it.
    await w.admin.expect(200, 'PUT', '/api/v1/translations/canned', {
      locale: 'de',
      refId: canned.id,
      field: 'body',
      text: 'Ihre Erstattung zu #{{ticket.number}} ist unterwegs.',
    });
    const german = await openTicket(w.alice, w.billing.id);
    const english = await openTicket(w.bob, w.billing.id);
    await setLocale(w.bob, 'en');
    const render = (number: number) =>
      w.agent.expect<{ body: string }>(200, 'POST', `/api/v1/canned-responses/${canned.id}/render`, {
        ticketNumber: number,
      });
    expect((await render(german.number)).body).toBe(`Ihre Erstattung zu #${german.number} ist unterwegs.`);
    expect((await render(english.number)).body).toBe('Your refund is on its way.');
    await w.admin.expect(204, 'DELETE', `/api/v1/canned-responses/${canned.id}`);
    const left = await env.app.ctx.db
      .selectFrom('text_translations')
      .select('ref_id')
      .where('ref_id', '=', canned.id)
      .execute();
    expect(left).toEqual([]);
  });
});

describe('knowledge-base articles', () => {
  it('serves a German reader the German variant of an article, others the original', async () => {
    const article = await seedArticle(env.app.ctx.db, 'lang', 'public', { title: 'Resetting your password' });
    await w.admin.expect(200, 'PUT', '/api/v1/translations/kb_article', {
      locale: 'de',
      refId: article.id,
      field: 'title',
      text: 'Passwort zurücksetzen',
    });
    await w.admin.expect(200, 'PUT', '/api/v1/translations/kb_article', {
      locale: 'de',
      refId: article.id,
      field: 'body',
      text: 'Wenn Sie sich nicht anmelden können, setzen Sie Ihr Passwort zurück.',
    });
    await setLocale(w.alice, 'de');
    await setLocale(w.bob, 'en');
    const de = await w.alice.get<{ title: string; html: string }>(`/api/v1/help/articles/${article.slug}`);
    expect(de.title).toBe('Passwort zurücksetzen');
    expect(de.html).toContain('setzen Sie Ihr Passwort zurück');
    const en = await w.bob.get<{ title: string; html: string }>(`/api/v1/help/articles/${article.slug}`);
    expect(en.title).toBe('Resetting your password');
    // Search still reads the words the article was written in.
    const hits = await w.alice.get<{ items: { id: string; title: string }[] }>(
      '/api/v1/help/search?q=zqlangword',
    );
    expect(hits.items.map((h) => [h.id, h.title])).toEqual([[article.id, 'Passwort zurücksetzen']]);
  });

  it('reads a category’s name and description in the reader’s language, and the original elsewhere', async () => {
    const category = await w.admin.expect<{ id: string; slug: string }>(
      201,
      'POST',
      '/api/v1/kb/categories',
      {
        name: 'Accounts',
        description: 'Signing in and your profile',
      },
    );
    const article = await seedArticle(env.app.ctx.db, 'langcat', 'public');
    await env.app.ctx.db
      .updateTable('kb_articles')
      .set({ category_id: category.id })
      .where('id', '=', article.id)
      .execute();
    for (const [field, text] of [
      ['name', 'Konten'],
      ['description', 'Anmeldung und Ihr Profil'],
    ])
      await w.admin.expect(200, 'PUT', '/api/v1/translations/kb_category', {
        locale: 'de',
        refId: category.id,
        field,
        text,
      });
    const listed = await w.admin.get<{ items: { refId: string; field: string; text: string | null }[] }>(
      '/api/v1/translations/kb_category?locale=de',
    );
    expect(listed.items.filter((i) => i.refId === category.id).map((i) => [i.field, i.text])).toEqual([
      ['name', 'Konten'],
      ['description', 'Anmeldung und Ihr Profil'],
    ]);
    await setLocale(w.alice, 'de');
    await setLocale(w.bob, 'en');
    type Cats = { items: { id: string; name: string; description: string | null }[] };
    const de = (await w.alice.get<Cats>('/api/v1/help/categories')).items.find((c) => c.id === category.id);
    expect(de).toMatchObject({ name: 'Konten', description: 'Anmeldung und Ihr Profil' });
    const read = await w.alice.get<{ category: { name: string } }>(`/api/v1/help/articles/${article.slug}`);
    expect(read.category.name).toBe('Konten');
    const en = (await w.bob.get<Cats>('/api/v1/help/categories')).items.find((c) => c.id === category.id);
    expect(en).toMatchObject({ name: 'Accounts', description: 'Signing in and your profile' });
  });
});

describe('notices of triggers and automations', () => {
  it('mail each recipient the variant in their language; a deleted rule takes its variants along', async () => {
    const rule = await w.admin.expect<{ id: string }>(201, 'POST', '/api/v1/triggers', {
      name: 'Acknowledge',
      on: [{ type: 'ticket.created' }],
      conditions: [{ type: 'field', field: 'subject', op: 'contains', value: 'Notice test' }],
      actions: [
        { type: 'notice', to: 'requester', subject: 'We got #{{ticket.number}}', body: 'Thank you.' },
      ],
    });
    const listed = await w.admin.get<{ items: { refId: string; field: string; context: string }[] }>(
      '/api/v1/translations/notice?locale=de',
    );
    expect(listed.items.filter((i) => i.refId === `${rule.id}:0`).map((i) => [i.field, i.context])).toEqual([
      ['subject', 'Acknowledge'],
      ['body', 'Acknowledge'],
    ]);
    await w.admin.expect(200, 'PUT', '/api/v1/translations/notice', {
      locale: 'de',
      refId: `${rule.id}:0`,
      field: 'subject',
      text: 'Wir haben #{{ticket.number}} erhalten',
    });
    await setLocale(w.alice, 'de');
    await setLocale(w.bob, 'en');
    const german = await openTicket(w.alice, w.billing.id, { subject: 'Notice test A' });
    const english = await openTicket(w.bob, w.billing.id, { subject: 'Notice test B' });
    await env.drain();
    const notices = await env.app.ctx.db
      .selectFrom('outbox')
      .select('payload')
      .where('topic', '=', 'deliver.email-notice')
      .execute();
    const subjects = notices.map((n) => (JSON.parse(n.payload) as { subject: string; text: string }).subject);
    expect(subjects).toContain(`Wir haben #${german.number} erhalten`);
    expect(subjects).toContain(`We got #${english.number}`);
    expect(subjects).not.toContain(`We got #${german.number}`);
    await w.admin.expect(204, 'DELETE', `/api/v1/triggers/${rule.id}`);
    const left = await env.app.ctx.db
      .selectFrom('text_translations')
      .select('ref_id')
      .where('kind', '=', 'notice')
      .execute();
    expect(left).toEqual([]);
  });
});

describe('product strings', () => {
  it('an administrator’s override is served to anyone, for that language and its regional ones', async () => {
    const reworded = async () => ({
      me: (await w.admin.get<{ display: { overrides: boolean } }>('/api/v1/me')).display.overrides,
      visitor: (await env.app.inject({ method: 'GET', url: '/api/v1/auth/options' })).json().overrides,
    });
    expect(await reworded()).toEqual({ me: false, visitor: false });
    await w.admin.expect(200, 'PUT', '/api/v1/translations/ui', {
      locale: 'pt',
      refId: 'portal.tickets.title',
      text: 'Os meus pedidos',
    });
    const res = await env.app.inject({ method: 'GET', url: '/api/v1/i18n/overrides/pt-BR' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('max-age');
    expect(res.json()).toEqual({ locale: 'pt-BR', messages: { 'portal.tickets.title': 'Os meus pedidos' } });
    const other = await env.app.inject({ method: 'GET', url: '/api/v1/i18n/overrides/de' });
    expect(other.json().messages).toEqual({});
    const listed = await w.admin.get<{ items: { refId: string; text: string }[] }>(
      '/api/v1/translations/ui?locale=pt',
    );
    expect(listed.items).toMatchObject([{ refId: 'portal.tickets.title', text: 'Os meus pedidos' }]);
    expect(await reworded()).toEqual({ me: true, visitor: true });
  });
});

describe('who may, and what is refused', () => {
  it('only administrators manage languages', async () => {
    for (const who of [w.agent, w.alice]) {
      expect((await who.request('GET', '/api/v1/translations/status?locale=de')).statusCode).toBe(403);
      const res = await who.request('PUT', '/api/v1/translations/status', {
        locale: 'de',
        refId: 'new',
        field: 'customer_label',
        text: 'x',
      });
      expect(res.statusCode).toBe(403);
      expect(
        (await who.request('PUT', '/api/v1/settings/language', { locale: 'de', timeZone: 'UTC' })).statusCode,
      ).toBe(403);
    }
    const anonymous = await env.app.inject({ method: 'GET', url: '/api/v1/translations/status?locale=de' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('refuses an unknown language, kind, row or field and a text too long, changing nothing', async () => {
    const wf = await w.admin.get<Required<Workflow>>('/api/v1/workflow');
    const key = wf.statuses[1]?.key ?? '';
    const before = await w.admin.get<{ items: unknown[] }>('/api/v1/translations/status?locale=fr');
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['status', { locale: 'xx', refId: key, field: 'customer_label', text: 'x' }, /unknown language/],
      ['status', { locale: 'de-', refId: key, field: 'customer_label', text: 'x' }, /language tag/],
      ['colours', { locale: 'fr', refId: key, field: 'customer_label', text: 'x' }, /kind/],
      ['status', { locale: 'fr', refId: 'no_such_status', field: 'customer_label', text: 'x' }, /no status/],
      ['status', { locale: 'fr', refId: key, field: 'colour', text: 'x' }, /choose one of/],
      ['status', { locale: 'fr', refId: key, field: 'customer_label', text: 'x'.repeat(101) }, /at most 100/],
      ['status', { locale: 'fr', refId: key, field: 'customer_label', text: '   ' }, /./],
      ['ui', { locale: 'fr', refId: 'not an id', text: 'x' }, /product string/],
      ['canned', { locale: 'fr', refId: 'no-such-canned', field: 'title', text: 'x' }, /no canned/],
    ];
    for (const [kind, body, message] of cases) {
      const res = await put(kind, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().detail, JSON.stringify(body)).toMatch(message);
    }
    expect(
      (await w.admin.request('PUT', '/api/v1/settings/language', { locale: 'xx', timeZone: 'UTC' }))
        .statusCode,
    ).toBe(400);
    expect(
      (await w.admin.request('PUT', '/api/v1/settings/language', { locale: 'de', timeZone: 'Mars/Olympus' }))
        .statusCode,
    ).toBe(400);
    expect((await w.admin.request('GET', '/api/v1/translations/status?locale=xx')).statusCode).toBe(400);
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/i18n/overrides/xx' })).statusCode).toBe(400);
    expect(
      (
        await w.admin.request('DELETE', '/api/v1/translations/status', {
          locale: 'fr',
          refId: key,
          field: 'customer_label',
        })
      ).statusCode,
    ).toBe(404);
    expect(await w.admin.get('/api/v1/translations/status?locale=fr')).toEqual(before);
    expect((await w.admin.get<{ locale: string }>('/api/v1/settings/language')).locale).toBe('en');
  });
});

describe('the presets’ status labels', () => {
  it('ship in every language, for staff and customers', () => {
    for (const doc of Object.values(PRESETS))
      expect(presetStatusVariants(doc, '').length, doc.preset).toBe(doc.statuses.length * 2 * 6);
  });

  it('are stored as variants when a preset is applied, and once at start beside an administrator’s', async () => {
    await w.admin.expect(200, 'PUT', '/api/v1/workflow', { preset: 'classic' });
    await setLocale(w.alice, 'de');
    await setLocale(w.agent, 'ja');
    const de = await w.alice.get<Workflow>('/api/v1/workflow');
    expect(de.statuses.find((s) => s.key === 'customer_reply')?.label).toBe('Kundenantwort');
    const ja = await w.agent.get<Required<Workflow>>('/api/v1/workflow');
    expect(ja.statuses.find((s) => s.key === 'on_hold')?.staffLabel).toBe('保留中');

    // At start: only once, and never over what an administrator wrote.
    const ctx = env.app.ctx;
    await put('status', { locale: 'de', refId: 'open', field: 'customer_label', text: 'Geöffnet' });
    await ctx.db
      .deleteFrom('text_translations')
      .where('kind', '=', 'status')
      .where('locale', '=', 'fr')
      .execute();
    await ctx.db.deleteFrom('settings').where('key', '=', 'workflow.preset_variants').execute();
    const classic = PRESETS.classic;
    expect(await installPresetVariants(ctx, classic)).toBe(true);
    expect(await installPresetVariants(ctx, classic)).toBe(false);
    const texts = async (locale: string) =>
      (
        await w.admin.get<{ items: { refId: string; field: string; text: string | null }[] }>(
          `/api/v1/translations/status?locale=${locale}`,
        )
      ).items
        .filter((i) => i.refId === 'open')
        .map((i) => [i.field, i.text]);
    expect(await texts('de')).toEqual([
      ['staff_label', 'Offen'],
      ['customer_label', 'Geöffnet'],
    ]);
    expect(await texts('fr')).toEqual([
      ['staff_label', 'Ouvert'],
      ['customer_label', 'Ouvert'],
    ]);
  });
});
