import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../common/api.js';
import type { KbMetric, KbVisibility } from '../src/db/schema.js';
import { type Client, login, makeWorld, openTicket } from './client.js';
import { seedArticle } from './kb-seed.js';
import { type MailApp, startMailApp } from './mail-app.js';

// Deflection end to end: suggestions in the reader's scope (a staff-only or another
// organisation's article never suggested to a customer), the counts and the report's sums, the
// personal-data scrub of "create article from this ticket", the uses of articles on tickets, and
// suggested articles in the first automatic answer to an email ticket, over real SMTP.

let mail: MailApp;
let w: Awaited<ReturnType<typeof makeWorld>>;
const ids: Record<string, string> = {};
const slugs: Record<string, string> = {};
type Json = Record<string, unknown>;

const db = () => mail.env.database.db;
const today = () => new Date().toISOString().slice(0, 10);

async function seed(key: string, visibility: KbVisibility, extra: Parameters<typeof seedArticle>[3] = {}) {
  const a = await seedArticle(db(), key, visibility, extra);
  ids[key] = a.id;
  slugs[key] = a.slug;
}

const stat = async (key: string, metric: KbMetric) => {
  const rows = await db()
    .selectFrom('kb_article_stats')
    .select('n')
    .where('article_id', '=', ids[key] ?? '')
    .where('metric', '=', metric)
    .execute();
  return rows.reduce((s, r) => s + Number(r.n), 0);
};
const suggest = (c: Client, q: string) =>
  c.get<{ items: Json[] }>(`/api/v1/help/suggestions?q=${encodeURIComponent(q)}`).then((r) => r.items);

beforeAll(async () => {
  mail = await startMailApp({ sink: true });
  w = await makeWorld(mail.env.app);
  await seed('pub', 'public');
  await seed('signed', 'signed_in');
  await seed('staff', 'staff');
  await seed('orgb', 'restricted', { org: w.orgB.id });
  await seed('draft', 'public', { status: 'draft' });
});
afterAll(() => mail?.close());

describe('suggestions while a customer types a subject', () => {
  it('offers only published articles the customer may read, in the suggestion shape', async () => {
    const hits = await suggest(w.alice, 'cannot zqpubword zqstaffword zqorgbword zqdraftword');
    expect(hits.map((h) => h.id)).toEqual([ids.pub]);
    expect(Object.keys(hits[0] ?? {}).sort()).toEqual(['id', 'slug', 'snippet', 'title']);
    expect(hits[0]?.snippet).toContain('<mark>zqpubword</mark>');
    for (const key of ['staff', 'orgb', 'draft']) expect(await suggest(w.alice, `zq${key}word`)).toEqual([]);
    // The organisation's own customer gets its article; the agent, the staff one.
    expect((await suggest(w.carol, 'help with zqorgbword')).map((h) => h.id)).toEqual([ids.orgb]);
    expect((await suggest(w.agent, 'zqstaffword')).map((h) => h.id)).toEqual([ids.staff]);
  });

  it('suggests up to five, nothing for fewer than three letters, and only to the signed-in', async () => {
    expect((await suggest(w.alice, 'sign in password')).length).toBeLessThanOrEqual(5);
    expect((await suggest(w.alice, 'sign in password')).map((h) => h.id).sort()).toEqual(
      [ids.pub, ids.signed].sort(),
    );
    expect(await suggest(w.alice, 'zq')).toEqual([]);
    const anonymous = await mail.env.app.inject({
      method: 'GET',
      url: '/api/v1/help/suggestions?q=password',
    });
    expect(anonymous.statusCode).toBe(401);
    expect((await w.alice.request('GET', `/api/v1/help/suggestions?q=${'x'.repeat(201)}`)).statusCode).toBe(
      400,
    );
  });
});

describe('counting what became of suggestions, and the report', () => {
  it('counts only the articles the caller may read, and refuses bad input changing nothing', async () => {
    const all = [ids.pub, ids.staff, ids.orgb, ids.draft];
    const r = await w.alice.expect(200, 'POST', '/api/v1/help/deflections', {
      kind: 'suggested',
      articleIds: all,
    });
    expect(r).toEqual({ counted: 1 });
    await w.alice.expect(200, 'POST', '/api/v1/help/deflections', { kind: 'clicked', articleIds: [ids.pub] });
    await w.alice.expect(200, 'POST', '/api/v1/help/deflections', {
      kind: 'deflected',
      articleIds: [ids.pub, ids.staff],
    });
    for (const bad of [
      { kind: 'used', articleIds: [ids.pub] },
      { kind: 'suggested', articleIds: [] },
      { kind: 'suggested', articleIds: [ids.pub], extra: 1 },
    ])
      expect((await w.alice.request('POST', '/api/v1/help/deflections', bad)).statusCode).toBe(400);
    // Only articles she may not read: as if they did not exist, and nothing counted.
    const hidden = { kind: 'suggested', articleIds: [ids.staff, ids.orgb] };
    expect((await w.alice.request('POST', '/api/v1/help/deflections', hidden)).statusCode).toBe(404);
    expect([
      await stat('pub', 'suggested'),
      await stat('pub', 'clicked'),
      await stat('pub', 'deflected'),
    ]).toEqual([1, 1, 1]);
    expect(await stat('pub', 'used')).toBe(0);
    for (const key of ['staff', 'orgb', 'draft']) expect(await stat(key, 'suggested')).toBe(0);
    expect(await stat('staff', 'deflected')).toBe(0);
  });

  it('limits how often one person may count', async () => {
    const customer = await login(mail.env.app, (w.bob.user as { email: string }).email, w.password);
    const body = { kind: 'suggested', articleIds: [ids.signed] };
    for (let i = 0; i < 60; i++) await customer.expect(200, 'POST', '/api/v1/help/deflections', body);
    expect((await customer.request('POST', '/api/v1/help/deflections', body)).statusCode).toBe(429);
    expect(await stat('signed', 'suggested')).toBe(60);
  });

  it('sums the counters per day and per article, for staff only', async () => {
    const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
    await db()
      .insertInto('kb_article_stats')
      .values([
        { article_id: ids.pub ?? '', day: day(2), metric: 'view', n: 7 },
        { article_id: ids.pub ?? '', day: day(2), metric: 'helpful', n: 2 },
        { article_id: ids.staff ?? '', day: day(2), metric: 'used', n: 3 },
        // Outside the range asked for.
        { article_id: ids.pub ?? '', day: day(40), metric: 'view', n: 100 },
      ])
      .execute();
    const report = await w.agent.get<{
      totals: Record<string, number>;
      days: { day: string; counts: Record<string, number> }[];
      articles: { id: string; title: string; counts: Record<string, number> }[];
    }>(`/api/v1/kb/report?from=${day(6)}&to=${today()}`);
    expect(report.totals).toEqual({
      view: 7,
      suggested: 61,
      clicked: 1,
      deflected: 1,
      helpful: 2,
      unhelpful: 0,
      used: 3,
    });
    expect(report.days.map((d) => d.day)).toEqual([6, 5, 4, 3, 2, 1, 0].map(day));
    expect(report.days.find((d) => d.day === day(2))?.counts).toMatchObject({ view: 7, helpful: 2, used: 3 });
    expect(report.days.find((d) => d.day === today())?.counts).toMatchObject({ suggested: 61, deflected: 1 });
    const pub = report.articles.find((a) => a.id === ids.pub);
    expect(pub?.counts).toEqual({
      view: 7,
      suggested: 1,
      clicked: 1,
      deflected: 1,
      helpful: 2,
      unhelpful: 0,
      used: 0,
    });
    expect(pub?.title).toBe('Sign-in trouble: the pub guide');
    expect(report.articles.map((a) => a.id).sort()).toEqual([ids.pub, ids.signed, ids.staff].sort());
    expect((await w.alice.request('GET', `/api/v1/kb/report?from=${today()}&to=${today()}`)).statusCode).toBe(
      403,
    );
    for (const q of [
      `from=${today()}&to=${day(1)}`,
      `from=${day(400)}&to=${today()}`,
      'from=2026-02-30&to=2026-03-01',
    ])
      expect((await w.agent.request('GET', `/api/v1/kb/report?${q}`)).statusCode).toBe(400);
  });
});

describe('an article drafted from a ticket', () => {
  let ticket: Ticket;
  beforeAll(async () => {
    const email = `mj-${Date.now()}@acme.example`;
    await w.admin.expect(201, 'POST', '/api/v1/users', {
      email,
      name: 'María-José Núñez García',
      role: 'customer',
      organisationId: w.orgA.id,
      password: w.password,
      phone: '+44 20 7946 0000',
    });
    const customer = await login(mail.env.app, email, w.password);
    ticket = await openTicket(customer, w.billing.id, {
      subject: 'Re: [#123] Cannot sign in after ticket 98',
      description: [
        'Hello, I cannot sign in since yesterday. The reset link https://app.example/reset?token=9f8e7d6c5b4a did not work.',
        '',
        'Kind regards,',
        'Maria Jose Nunez',
        `${email} | +44 20 7946 0000 | mobile 07700 900123`,
      ].join('\n'),
    });
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${ticket.number}/messages`, {
      body: 'zqinternalnote: she called twice, account flagged.',
      internal: true,
    });
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${ticket.number}/messages`, {
      body: 'Hi María-José,\n\nOpen Settings, choose Security and press "Reset two-factor". See #123 for the history.',
    });
    await w.agent.expect(200, 'PATCH', `/api/v1/tickets/${ticket.number}`, {
      tags: ['sign-in', 'two-factor'],
    });
  });

  it('keeps the question and the public answer, without personal data and without notes', async () => {
    const draft = await w.agent.get<{ title: string; body: string; tags: string[]; removed: Json }>(
      `/api/v1/tickets/${ticket.number}/article-draft`,
    );
    expect(draft.title).toBe('Cannot sign in after [ticket]');
    expect(draft.body).toContain('## Question');
    expect(draft.body).toContain('## Answer');
    expect(draft.body.indexOf('## Question')).toBeLessThan(draft.body.indexOf('## Answer'));
    expect(draft.body).toContain('Open Settings, choose Security and press "Reset two-factor".');
    expect(draft.body).toContain('Hi [name],');
    expect(draft.body).toContain('[email] | [phone] | mobile [phone]');
    expect(draft.body).toContain('The reset link [link] did not work.');
    for (const gone of [
      'zqinternalnote',
      'María',
      'Maria',
      'Núñez',
      'Nunez',
      'García',
      '7946',
      '#123',
      '@acme',
    ])
      expect(draft.body + draft.title).not.toContain(gone);
    expect(draft.tags.sort()).toEqual(['sign-in', 'two-factor']);
    expect(draft.removed).toEqual({ name: 2, email: 1, phone: 2, ticket: 2, link: 1 });
    // Nothing was saved.
    expect(
      await db().selectFrom('kb_articles').select('id').where('source_ticket_id', 'is not', null).execute(),
    ).toEqual([]);
  });

  it('is for staff who see the ticket: another department’s agent gets 404, a customer 403', async () => {
    const url = `/api/v1/tickets/${ticket.number}/article-draft`;
    expect((await w.techAgent.request('GET', url)).statusCode).toBe(404);
    expect((await w.alice.request('GET', url)).statusCode).toBe(403);
    expect((await w.agent.request('GET', '/api/v1/tickets/999999/article-draft')).statusCode).toBe(404);
  });
});

describe('articles used on a ticket', () => {
  it('records a use once per ticket and article, and lists them for staff', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    const url = `/api/v1/tickets/${t.number}/articles`;
    const first = await w.agent.expect<Json>(201, 'POST', url, { articleId: ids.draft });
    expect(first).toMatchObject({ id: ids.draft, uses: 1, linkedBy: { id: (w.agent.user as Json).id } });
    await w.agent.expect(200, 'POST', url, { articleId: ids.draft });
    await w.admin.expect(200, 'POST', url, { articleId: ids.draft });
    expect(await stat('draft', 'used')).toBe(1);
    const other = await openTicket(w.bob, w.billing.id);
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${other.number}/articles`, { articleId: ids.draft });
    expect(await stat('draft', 'used')).toBe(2);
    const list = await w.agent.get<{ items: Json[] }>(url);
    expect(list.items.map((a) => [a.id, a.uses])).toEqual([[ids.draft, 2]]);
  });

  it('refuses what the caller may not see or do, recording nothing', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    const url = `/api/v1/tickets/${t.number}/articles`;
    expect((await w.techAgent.request('POST', url, { articleId: ids.pub })).statusCode).toBe(404);
    expect((await w.agent.request('POST', url, { articleId: 'no-such-article' })).statusCode).toBe(404);
    expect((await w.alice.request('POST', url, { articleId: ids.pub })).statusCode).toBe(403);
    expect((await w.alice.request('GET', url)).statusCode).toBe(403);
    expect((await w.agent.request('POST', url, {})).statusCode).toBe(400);
    expect((await w.agent.get<{ items: Json[] }>(url)).items).toEqual([]);
  });
});

describe('suggested articles in the first answer to an email ticket', () => {
  const notices = (to: string) =>
    (mail.sink?.received ?? []).filter(
      (r) => r.envelope.to.includes(to) && r.mail.subject?.startsWith('We got'),
    );

  it('are off by default, and once on name only articles the requester may read, with links', async () => {
    await w.admin.expect(201, 'POST', '/api/v1/triggers', {
      name: 'Acknowledge',
      on: [{ type: 'ticket.created' }],
      actions: [
        {
          type: 'notice',
          to: 'requester',
          subject: 'We got #{{ticket.number}}',
          body: 'Thanks, we are on it.',
        },
      ],
    });
    expect(await w.admin.get('/api/v1/settings/kb-mail-suggestions')).toEqual({ enabled: false });
    const subject = 'Cannot sign in: zqpubword zqsignedword zqstaffword zqorgbword';
    const before = `before-${Date.now()}@customer.test`;
    await mail.send({ from: before, subject, messageId: `<${before}>`, text: 'Help' });
    await mail.env.drain();
    expect(notices(before)).toHaveLength(1);
    expect(notices(before)[0]?.mail.text).not.toContain('/help/articles/');

    expect(
      (await w.agent.request('PUT', '/api/v1/settings/kb-mail-suggestions', { enabled: true })).statusCode,
    ).toBe(403);
    await w.admin.expect(200, 'PUT', '/api/v1/settings/kb-mail-suggestions', { enabled: true });
    const suggestedBefore = await stat('pub', 'suggested');
    const after = `after-${Date.now()}@customer.test`;
    await mail.send({ from: after, subject, messageId: `<${after}>`, text: 'Help' });
    await mail.env.drain();
    const text = notices(after)[0]?.mail.text ?? '';
    expect(text).toContain('Thanks, we are on it.');
    const base = mail.env.app.ctx.config.publicUrl;
    expect(text).toContain(`Sign-in trouble: the pub guide: ${base}/help/articles/${slugs.pub}`);
    expect(text).toContain(`${base}/help/articles/${slugs.signed}`);
    for (const hidden of ['staff', 'orgb']) expect(text).not.toContain(slugs[hidden]);
    expect(await stat('pub', 'suggested')).toBe(suggestedBefore + 1);
    const audit = await w.admin.get<{ items: { details: Json }[] }>('/api/v1/admin/audit?limit=5');
    expect(JSON.stringify(audit.items)).toContain('kb-mail-suggestions');
  });
});
