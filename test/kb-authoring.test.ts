import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KbArticle, KbArticleSummary, KbCategory, KbRevision } from '../common/kb.js';
import type { WebhookPayload } from '../common/webhooks.js';
import { newId } from '../src/lib/crypto.js';
import { insertCategory } from '../src/modules/kb/kb.repository.js';
import type { Client } from './client.js';
import { makeWorld, openTicket } from './client.js';
import { manualClock, startTestApp, type TestEnv } from './helpers.js';
import { startReceiver } from './receiver.js';

// The knowledge base for its authors, through the HTTP API on either engine: categories in two
// levels, articles with tags, audiences and inline images, optimistic versions, revisions with
// diff and restore, the publish webhook, and what customers may not do or see.

const time = manualClock('2026-06-01T08:00:00.000Z');
let env: TestEnv;
let w: Awaited<ReturnType<typeof makeWorld>>;
let rx: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  rx = await startReceiver(() => 200);
  env = await startTestApp({ clock: time.clock });
  w = await makeWorld(env.app);
});
afterAll(async () => {
  await env?.close();
  await rx?.close();
});

const cats = '/api/v1/kb/categories';
const arts = '/api/v1/kb/articles';
type Page = { items: KbArticleSummary[]; nextCursor: string | null };

const category = (body: Record<string, unknown>) => w.admin.expect<KbCategory>(201, 'POST', cats, body);
const article = (c: Client, body: Record<string, unknown>) =>
  c.expect<KbArticle>(201, 'POST', arts, { body: 'Some text.', ...body });
const rowCount = async (table: 'kb_articles' | 'kb_revisions' | 'kb_categories') =>
  (await env.database.db.selectFrom(table).select('id').execute()).length;

describe('categories', () => {
  it('keeps two levels, makes unique slugs, counts articles and refuses to delete a full one', async () => {
    const billing = await category({ name: 'Billing & Payments', position: 2 });
    expect(billing).toMatchObject({ slug: 'billing-payments', parentId: null, articles: 0 });
    const again = await category({ name: 'Billing & payments', position: 1 });
    expect(again.slug).toBe('billing-payments-2');
    expect((await w.admin.request('POST', cats, { name: 'x', slug: 'billing-payments' })).statusCode).toBe(
      409,
    );
    // Two saves at once: the one that loses the race for the slug is a conflict too.
    const race = insertCategory(env.database.db, {
      id: newId(),
      parent_id: null,
      name: 'Race',
      slug: 'billing-payments',
      description: null,
      position: 0,
      created_at: time.clock().toISOString(),
      updated_at: time.clock().toISOString(),
    });
    await expect(race).rejects.toMatchObject({ code: 'conflict', status: 409 });
    const invoices = await category({ name: 'Invoices', parentId: billing.id });
    expect(invoices.parentId).toBe(billing.id);
    const before = await rowCount('kb_categories');
    // A section of a section, an unknown parent, a category with sections made a section: 400.
    for (const parentId of [invoices.id, 'nope'])
      expect((await w.admin.request('POST', cats, { name: 'Deep', parentId })).statusCode).toBe(400);
    expect((await w.admin.request('PATCH', `${cats}/${billing.id}`, { parentId: again.id })).statusCode).toBe(
      400,
    );
    expect(await rowCount('kb_categories')).toBe(before);

    // In order of position; anyone on staff reads them, only administrators change them.
    const list = (await w.agent.get<{ items: KbCategory[] }>(cats)).items.map((c) => c.id);
    expect(list.indexOf(again.id)).toBeLessThan(list.indexOf(billing.id));
    expect((await w.agent.request('POST', cats, { name: 'Mine' })).statusCode).toBe(403);
    expect((await w.alice.request('GET', cats)).statusCode).toBe(403);

    await article(w.agent, { title: 'Read an invoice', categoryId: invoices.id });
    expect((await w.admin.get<KbCategory>(`${cats}/${invoices.id}`)).articles).toBe(1);
    const full = await w.admin.request('DELETE', `${cats}/${invoices.id}`);
    expect(full.statusCode).toBe(409);
    expect((await w.admin.request('DELETE', `${cats}/${billing.id}`)).statusCode).toBe(409);
    expect((await w.admin.request('DELETE', `${cats}/${again.id}`)).statusCode).toBe(204);
    expect((await w.admin.request('GET', `${cats}/${again.id}`)).statusCode).toBe(404);

    const renamed = await w.admin.expect<KbCategory>(200, 'PATCH', `${cats}/${billing.id}`, {
      name: 'Money',
      position: 0,
    });
    expect(renamed).toMatchObject({ name: 'Money', slug: 'billing-payments', position: 0 });
    const trail = await env.database.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'settings_changed')
      .execute();
    const areas = trail.map((t) => JSON.parse(t.details) as { area: string; deleted?: string });
    expect(areas.some((d) => d.area === 'kb-category' && d.deleted === 'Billing & payments')).toBe(true);
  });
});

describe('articles', () => {
  it('creates with a slug, normalised tags, an owner and a review date, and lists with filters', async () => {
    const cat = await category({ name: 'Accounts' });
    const section = await category({ name: 'Passwords', parentId: cat.id });
    const a = await article(w.agent, {
      title: 'Reset your password!',
      body: 'Open **Settings** and choose *Reset*.',
      categoryId: section.id,
      tags: ['  Sign In ', 'sign in', 'Security'],
      ownerId: w.agent.user?.id,
      reviewBy: '2026-05-01',
      status: 'published',
      visibility: 'public',
    });
    expect(a).toMatchObject({
      slug: 'reset-your-password',
      version: 1,
      tags: ['security', 'sign in'],
      category: { id: section.id, name: 'Passwords' },
      parentCategory: { id: cat.id, name: 'Accounts' },
      owner: { id: w.agent.user?.id },
      publishedAt: '2026-06-01T08:00:00.000Z',
      uses: 0,
    });
    expect(a.html).toContain('<strong>Settings</strong>');
    const kw = await env.database.db
      .selectFrom('kb_articles')
      .select('keywords')
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow();
    expect(kw.keywords).toBe('security sign in');
    const twin = await article(w.agent, { title: 'Reset your password' });
    expect(twin.slug).toBe('reset-your-password-2');
    expect((await w.agent.request('POST', arts, { title: 'x', body: 'y', slug: a.slug })).statusCode).toBe(
      409,
    );

    const draft = await article(w.admin, {
      title: 'Two factor codes',
      categoryId: cat.id,
      tags: ['security'],
    });
    const ids = async (query: string) => (await w.agent.get<Page>(`${arts}?${query}`)).items.map((i) => i.id);
    expect(await ids(`categoryId=${cat.id}`)).toEqual(expect.arrayContaining([a.id, draft.id]));
    expect(await ids(`categoryId=${section.id}`)).toEqual([a.id]);
    expect(await ids(`categoryId=${cat.id}&status=draft`)).toEqual([draft.id]);
    expect((await ids('tag=SECURITY')).sort()).toEqual([a.id, draft.id].sort());
    expect(await ids('reviewDue=true')).toEqual([a.id]);
    // Search reads drafts too, for staff.
    expect(await ids('q=factor')).toEqual([draft.id]);
    expect(await ids('q=settings&status=draft')).toEqual([]);

    // Paging by cursor covers every article once.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const p: Page = await w.agent.get<Page>(`${arts}?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...p.items.map((i) => i.id));
      cursor = p.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining([a.id, twin.id, draft.id]));

    // Inserted into a ticket's reply: counted as a use.
    const t = await openTicket(w.alice, w.billing.id);
    const ticket = await env.database.db
      .selectFrom('tickets')
      .select('id')
      .where('number', '=', t.number)
      .executeTakeFirstOrThrow();
    await env.database.db
      .insertInto('kb_ticket_links')
      .values({
        ticket_id: ticket.id,
        article_id: a.id,
        user_id: w.agent.user?.id ?? null,
        created_at: time.clock().toISOString(),
      })
      .execute();
    expect((await w.agent.get<KbArticle>(`${arts}/${a.id}`)).uses).toBe(1);
  });

  it('refuses bad input with 400 and changes nothing', async () => {
    const before = [await rowCount('kb_articles'), await rowCount('kb_revisions')];
    const bad: Record<string, unknown>[] = [
      { title: '' },
      { title: 'x', visibility: 'restricted' },
      { title: 'x', visibility: 'public', audiences: [{ kind: 'organisation', id: w.orgA.id }] },
      { title: 'x', visibility: 'restricted', audiences: [{ kind: 'plan', id: 'no-such-plan' }] },
      { title: 'x', ownerId: w.alice.user?.id },
      { title: 'x', ownerId: 'nobody' },
      { title: 'x', reviewBy: '2026-02-30' },
      { title: 'x', categoryId: 'nope' },
      { title: 'x', slug: 'Not A Slug' },
      { title: 'x', attachmentIds: ['not-mine'] },
      { title: 'x', tags: ['a,b'] },
    ];
    for (const b of bad) {
      const res = await w.agent.request('POST', arts, { body: 'text', ...b });
      expect(res.statusCode, JSON.stringify(b)).toBe(400);
    }
    expect([await rowCount('kb_articles'), await rowCount('kb_revisions')]).toEqual(before);
  });

  it('is for staff: customers get 403, and 404 for what does not exist', async () => {
    const a = await article(w.agent, {
      title: 'Internal runbook',
      visibility: 'public',
      status: 'published',
    });
    expect((await w.alice.request('POST', arts, { title: 'x', body: 'y' })).statusCode).toBe(403);
    expect((await w.alice.request('GET', arts)).statusCode).toBe(403);
    expect((await w.alice.request('GET', `${arts}/${a.id}`)).statusCode).toBe(403);
    expect(
      (await w.alice.request('PATCH', `${arts}/${a.id}`, { version: 1, title: 'Mine' })).statusCode,
    ).toBe(403);
    expect((await w.alice.request('DELETE', `${arts}/${a.id}`)).statusCode).toBe(403);
    expect((await w.agent.request('DELETE', `${arts}/${a.id}`)).statusCode).toBe(403);
    for (const url of [`${arts}/nope`, `${arts}/nope/revisions`, `${arts}/nope/diff?from=1`])
      expect((await w.agent.request('GET', url)).statusCode).toBe(404);
    expect((await w.agent.request('GET', `${arts}/${a.id}/revisions/9`)).statusCode).toBe(404);
    expect((await w.agent.get<KbArticle>(`${arts}/${a.id}`)).title).toBe('Internal runbook');
    expect((await w.admin.request('DELETE', `${arts}/${a.id}`)).statusCode).toBe(204);
    expect((await w.agent.request('GET', `${arts}/${a.id}`)).statusCode).toBe(404);
    const trail = await env.database.db.selectFrom('audit_events').select('details').execute();
    expect(trail.some((t) => JSON.parse(t.details).deleted === 'Internal runbook')).toBe(true);
  });
});

describe('versions and history', () => {
  it('refuses a change made from an older version with 409 naming the current one', async () => {
    const a = await article(w.agent, { title: 'Printer setup', body: 'Plug it in.' });
    const v2 = await w.agent.expect<KbArticle>(200, 'PATCH', `${arts}/${a.id}`, {
      version: 1,
      body: 'Plug it in.\nTurn it on.',
      note: 'power',
    });
    expect(v2.version).toBe(2);
    const stale = await w.admin.request('PATCH', `${arts}/${a.id}`, { version: 1, title: 'Lost update' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'conflict', currentVersion: 2 });
    expect(stale.json().detail).toMatch(/version 2 is current/);
    const staleAndBad = await w.admin.request('PATCH', `${arts}/${a.id}`, { version: 1, ownerId: 'nobody' });
    expect(staleAndBad.statusCode).toBe(409);
    const now = await w.agent.get<KbArticle>(`${arts}/${a.id}`);
    expect(now).toMatchObject({ title: 'Printer setup', version: 2 });
    expect((await w.agent.get<{ items: KbRevision[] }>(`${arts}/${a.id}/revisions`)).items).toHaveLength(2);
    // Without a version, no change at all.
    expect((await w.agent.request('PATCH', `${arts}/${a.id}`, { title: 'x' })).statusCode).toBe(400);
  });

  it('keeps every version, diffs any against the current one and restores as a new version', async () => {
    const org = w.orgA.id;
    const a = await article(w.agent, {
      title: 'VPN access',
      body: 'Install the client.\nSign in.\nConnect.',
      tags: ['vpn'],
      visibility: 'restricted',
      audiences: [{ kind: 'organisation', id: org }],
    });
    expect(a.audiences).toEqual([{ kind: 'organisation', id: org, name: expect.any(String) }]);
    await w.agent.expect(200, 'PATCH', `${arts}/${a.id}`, {
      version: 1,
      title: 'VPN access (new)',
      body: 'Install the client.\nSign in with SSO.\nConnect.',
      visibility: 'public',
      tags: ['vpn', 'sso'],
    });
    const v2 = await w.agent.get<KbArticle>(`${arts}/${a.id}`);
    expect(v2.audiences).toEqual([]);
    const diff = await w.agent.get<{ from: number; to: number; lines: { op: string; text: string }[] }>(
      `${arts}/${a.id}/diff?from=1`,
    );
    expect(diff).toMatchObject({ from: 1, to: 2 });
    expect(diff.lines).toEqual([
      { op: 'removed', text: 'VPN access' },
      { op: 'added', text: 'VPN access (new)' },
      { op: 'same', text: '' },
      { op: 'same', text: 'Install the client.' },
      { op: 'removed', text: 'Sign in.' },
      { op: 'added', text: 'Sign in with SSO.' },
      { op: 'same', text: 'Connect.' },
    ]);
    expect((await w.agent.request('GET', `${arts}/${a.id}/diff?from=7`)).statusCode).toBe(404);

    const restored = await w.agent.expect<KbArticle>(200, 'POST', `${arts}/${a.id}/restore`, { version: 1 });
    expect(restored).toMatchObject({
      version: 3,
      title: 'VPN access',
      body: 'Install the client.\nSign in.\nConnect.',
      visibility: 'restricted',
      tags: ['vpn'],
      audiences: [{ kind: 'organisation', id: org }],
    });
    const history = (await w.agent.get<{ items: KbRevision[] }>(`${arts}/${a.id}/revisions`)).items;
    expect(history.map((r) => r.version)).toEqual([3, 2, 1]);
    expect(history[0]).toMatchObject({ note: 'Restored from version 1', author: { id: w.agent.user?.id } });
    const v2again = await w.agent.get<KbRevision>(`${arts}/${a.id}/revisions/2`);
    expect(v2again).toMatchObject({ title: 'VPN access (new)', tags: ['sso', 'vpn'], visibility: 'public' });
    expect((await w.alice.request('POST', `${arts}/${a.id}/restore`, { version: 2 })).statusCode).toBe(403);
  });
});

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6300010000050001',
  'hex',
);
async function upload(c: Client) {
  const boundary = '----kb-test-boundary';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="shot.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    PNG,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await c.request('POST', '/api/v1/attachments', body, {
    'content-type': `multipart/form-data; boundary=${boundary}`,
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

describe('inline images', () => {
  it('shows an article’s image to whoever may read the article, and to nobody else', async () => {
    const img = await upload(w.agent);
    const a = await article(w.agent, {
      title: 'Where the serial number is',
      body: `Look at the back:\n\n![label](/api/v1/attachments/${img})`,
      attachmentIds: [img],
      status: 'published',
      visibility: 'restricted',
      audiences: [{ kind: 'organisation', id: w.orgA.id }],
    });
    expect(a.html).toContain(`<img src="/api/v1/attachments/${img}"`);
    const file = `/api/v1/attachments/${img}`;
    expect((await w.alice.request('GET', file)).statusCode).toBe(200);
    expect((await w.alice.request('GET', file)).rawPayload.equals(PNG)).toBe(true);
    expect((await w.carol.request('GET', file)).statusCode).toBe(404);
    expect((await env.app.inject({ method: 'GET', url: file })).statusCode).toBe(401);
    // Another author cannot claim it for their article.
    const other = await w.admin.request('POST', arts, { title: 'Thief', body: 'x', attachmentIds: [img] });
    expect(other.statusCode).toBe(400);

    // Published to everyone: anyone sees it, signed in or not; as a draft, only staff.
    await w.agent.expect(200, 'PATCH', `${arts}/${a.id}`, { version: 1, visibility: 'public' });
    expect((await w.carol.request('GET', file)).statusCode).toBe(200);
    expect((await env.app.inject({ method: 'GET', url: file })).statusCode).toBe(200);
    await w.agent.expect(200, 'PATCH', `${arts}/${a.id}`, { version: 2, status: 'draft' });
    expect((await w.alice.request('GET', file)).statusCode).toBe(404);
    expect((await env.app.inject({ method: 'GET', url: file })).statusCode).toBe(401);
    expect((await w.techAgent.request('GET', file)).statusCode).toBe(200);

    // Deleted with its article: the image is let go, for the attachment sweep to remove.
    await w.admin.expect(204, 'DELETE', `${arts}/${a.id}`);
    expect((await w.techAgent.request('GET', file)).statusCode).toBe(404);
    const left = await env.database.db
      .selectFrom('attachments')
      .select(['article_id', 'expires_at'])
      .where('id', '=', img)
      .executeTakeFirstOrThrow();
    expect(left).toEqual({ article_id: null, expires_at: time.clock().toISOString() });
  });
});

describe('the kb.article_published webhook', () => {
  it('is delivered once when an article becomes published, with the article in it', async () => {
    const hook = await w.admin.expect<{ id: string }>(201, 'POST', '/api/v1/webhooks', {
      name: 'KB',
      url: rx.url('/kb'),
      events: ['kb.article_published'],
    });
    const internal = await w.admin.expect<{ id: string }>(201, 'POST', '/api/v1/webhooks', {
      name: 'KB internal',
      url: rx.url('/kb-internal'),
      events: ['kb.article_published'],
      internal: true,
    });
    const a = await article(w.agent, { title: 'Release notes 2.0', visibility: 'public' });
    await env.drain();
    expect(rx.at('/kb')).toHaveLength(0);
    await w.agent.expect(200, 'PATCH', `${arts}/${a.id}`, { version: 1, status: 'published' });
    await w.agent.expect(200, 'PATCH', `${arts}/${a.id}`, { version: 2, body: 'Still published.' });
    await env.drain();
    const got = rx.at('/kb').map((r) => JSON.parse(r.body) as WebhookPayload);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({
      type: 'kb.article_published',
      data: {
        article: {
          id: a.id,
          title: 'Release notes 2.0',
          url: expect.stringMatching(/\/help\/articles\/release-notes-2-0$/),
        },
        actor: { id: w.agent.user?.id },
      },
    });
    expect(rx.at('/kb')[0]?.headers['tessera-event']).toBe('kb.article_published');

    // A staff-only article is news for internal endpoints only.
    await article(w.agent, { title: 'On-call rota', status: 'published', visibility: 'staff' });
    await env.drain();
    expect(rx.at('/kb')).toHaveLength(1);
    expect(rx.at('/kb-internal').map((r) => JSON.parse(r.body).data.article.title)).toEqual([
      'Release notes 2.0',
      'On-call rota',
    ]);

    // What it is when the delivery is built decides: made staff-only and renamed before that, its
    // new title stays inside; taken back to draft, it is not announced at all.
    const moved = await article(w.agent, {
      title: 'Public at first',
      status: 'published',
      visibility: 'public',
    });
    await w.agent.expect(200, 'PATCH', `${arts}/${moved.id}`, {
      version: 1,
      visibility: 'staff',
      title: 'Acquisition of Globex',
    });
    const withdrawn = await article(w.agent, {
      title: 'Withdrawn',
      status: 'published',
      visibility: 'public',
    });
    await w.agent.expect(200, 'PATCH', `${arts}/${withdrawn.id}`, { version: 1, status: 'draft' });
    await env.drain();
    expect(rx.at('/kb')).toHaveLength(1);
    expect(rx.at('/kb-internal').map((r) => JSON.parse(r.body).data.article.title)).toEqual([
      'Release notes 2.0',
      'On-call rota',
      'Acquisition of Globex',
    ]);
    for (const id of [hook.id, internal.id]) await w.admin.expect(204, 'DELETE', `/api/v1/webhooks/${id}`);
  });
});
