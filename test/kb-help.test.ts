import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/lib/crypto.js';
import { type Client, makeWorld } from './client.js';
import { listenTestApp, manualClock, type TestEnv } from './helpers.js';
import { type KbArticleSeed, seedArticle, seedCategory } from './kb-fixtures.js';

// The help centre's reader side, over HTTP: the reader API, the server-rendered pages, search and
// the sitemap for every visibility against an anonymous visitor, customers of two organisations
// (the second holding a plan) and an agent; "Was this helpful?" votes; view counting.

const time = manualClock('2026-05-04T09:00:00.000Z');
let env: TestEnv & { baseUrl: string };
let w: Awaited<ReturnType<typeof makeWorld>>;
const slugs: Record<string, string> = {};
const ids: Record<string, string> = {};
const cats: Record<string, string> = {};
const run = newId().slice(-6).toLowerCase();

/** Someone reading the help centre: a signed-in client, or nobody (no cookie, no token). */
type Reader = { name: string; client: Client | null };
const readers = (): Reader[] => [
  { name: 'anonymous', client: null },
  { name: 'customer of A', client: w.alice },
  { name: 'customer of B with the plan', client: w.carol },
  { name: 'agent', client: w.agent },
];
/** Which articles each reader may read in the help centre: published ones only, also for staff. */
const CAN_READ: Record<string, string[]> = {
  anonymous: ['pub'],
  'customer of A': ['pub', 'signed', 'orga'],
  'customer of B with the plan': ['pub', 'signed', 'plan'],
  agent: ['pub', 'signed', 'orga', 'plan', 'staff'],
};
const ALL = ['pub', 'signed', 'orga', 'plan', 'staff', 'draft', 'gone'];

function get(reader: Reader, url: string, headers: Record<string, string> = {}) {
  if (reader.client) return reader.client.request('GET', url, undefined, headers);
  return env.app.inject({ method: 'GET', url, headers });
}

async function category(key: string, parentId: string | null = null) {
  const id = await seedCategory(env.app.ctx.db, time.clock(), {
    name: `Category ${key}`,
    slug: `${key}-${run}`,
    description: `All about ${key}`,
    parentId,
  });
  cats[key] = id;
  return id;
}

/** An article as the authoring side would save it; `key` makes its unique word zq<key>word. */
async function article(
  key: string,
  o: Omit<KbArticleSeed, 'slug' | 'title' | 'body'> & { title?: string; body?: string },
) {
  slugs[key] = `${key}-${run}`;
  ids[key] = await seedArticle(env.app.ctx.db, time.clock(), {
    ...o,
    slug: slugs[key],
    title: o.title ?? `How to ${key} your account`,
    body: o.body ?? `The word zq${key}word is unique to this article. Reset your **password** here.`,
    ownerId: w.admin.user?.id ?? null,
  });
}

beforeAll(async () => {
  env = await listenTestApp({ clock: time.clock, env: { PUBLIC_URL: 'https://help.example.test' } });
  w = await makeWorld(env.app);
  const service = await w.admin.expect<{ id: string }>(201, 'POST', '/api/v1/services', {
    name: `Hosting ${run}`,
  });
  const plan = await w.admin.expect<{ id: string }>(201, 'POST', '/api/v1/plans', {
    name: `Gold ${run}`,
    ticketLimit: null,
    cycle: 'none',
  });
  await w.admin.expect(201, 'POST', '/api/v1/subscriptions', {
    organisationId: w.orgB.id,
    serviceId: service.id,
    planId: plan.id,
    startsAt: '2026-01-01T00:00:00.000Z',
  });
  const start = await category('start');
  const accounts = await category('accounts', start);
  const internal = await category('internal');
  await article('pub', { visibility: 'public', categoryId: accounts, tags: ['login', 'security'] });
  await article('signed', { visibility: 'signed_in', categoryId: accounts, tags: ['login'] });
  await article('orga', {
    visibility: 'restricted',
    categoryId: start,
    audiences: [['organisation', w.orgA.id]],
  });
  await article('plan', { visibility: 'restricted', categoryId: start, audiences: [['plan', plan.id]] });
  await article('staff', { visibility: 'staff', categoryId: internal, tags: ['login'] });
  await article('draft', { visibility: 'public', status: 'draft', categoryId: accounts });
  await article('gone', { visibility: 'public', status: 'archived', categoryId: accounts });
  await article('tagged', {
    visibility: 'public',
    tags: ['security'],
    title: 'Two <b>factor</b> & "you"',
    body: 'Turn on two-factor sign-in.\n\n<script>alert(1)</script>\n\n| a | b |\n|---|---|\n| 1 | 2 |',
  });
}, 60_000);
afterAll(async () => {
  await env?.close();
});

describe('who reads what in the help centre', () => {
  it.each(['anonymous', 'customer of A', 'customer of B with the plan', 'agent'])('%s', async (name) => {
    const reader = readers().find((r) => r.name === name) as Reader;
    const may = CAN_READ[name] as string[];
    const bodies: string[] = [];
    const keep = (r: LightMyRequestResponse) => {
      bodies.push(r.body);
      return r;
    };
    for (const key of ALL) {
      const api = keep(await get(reader, `/api/v1/help/articles/${slugs[key]}`));
      const html = keep(await get(reader, `/help/articles/${slugs[key]}`));
      expect([api.statusCode, html.statusCode], key).toEqual(may.includes(key) ? [200, 200] : [404, 404]);
      if (may.includes(key)) {
        expect(html.body).toContain(`zq${key}word`);
        expect(Object.keys(api.json()).sort()).toEqual(
          [
            'category',
            'helpfulNo',
            'helpfulYes',
            'html',
            'id',
            'myVote',
            'parentCategory',
            'related',
            'slug',
            'tags',
            'title',
            'updatedAt',
          ].sort(),
        );
      }
      // Search by its own word finds an article exactly when the reader may read it.
      const hits = keep(await get(reader, `/api/v1/help/search?q=zq${key}word`)).json().items;
      expect(hits.map((h: { id: string }) => h.id)).toEqual(may.includes(key) ? [ids[key]] : []);
      const page = await get(reader, `/help/search?q=zq${key}word`);
      expect(page.body.includes(`/help/articles/${slugs[key]}"`)).toBe(may.includes(key));
      // The page repeats what was asked (its title, the search box); what it found is what counts.
      bodies.push(page.body.match(/<main[\s\S]*<\/main>/)?.[0].replace(/<h1>.*?<\/h1>/, '') ?? '');
    }
    // A word every article shares, as a prefix: the reader's articles and no other.
    const shared = keep(await get(reader, '/api/v1/help/search?q=passw&limit=50')).json().items;
    const mine = shared
      .map((h: { id: string }) => h.id)
      .filter((id: string) => Object.values(ids).includes(id));
    expect(mine.sort()).toEqual(may.map((k) => ids[k]).sort());
    expect(shared[0].snippet).toMatch(/<mark>password<\/mark>/i);

    // Categories count what the reader may read; one with nothing for them is not shown at all.
    const list = keep(await get(reader, '/api/v1/help/categories')).json().items as {
      id: string;
      articles: number;
    }[];
    const count = (key: string) => list.find((c) => c.id === cats[key])?.articles;
    const inAccounts = may.filter((k) => k === 'pub' || k === 'signed').length;
    expect(count('accounts')).toBe(inAccounts);
    expect(count('start')).toBe(inAccounts + may.filter((k) => k === 'orga' || k === 'plan').length);
    expect(count('internal')).toBe(may.includes('staff') ? 1 : undefined);
    const internal = keep(await get(reader, `/help/categories/internal-${run}`));
    expect(internal.statusCode).toBe(may.includes('staff') ? 200 : 404);
    const home = keep(await get(reader, '/help'));
    expect(home.statusCode).toBe(200);
    for (const key of ALL)
      expect(home.body.includes(`/help/articles/${slugs[key]}"`), key).toBe(may.includes(key));
    keep(await get(reader, `/help/categories/start-${run}`));
    keep(await get(reader, '/sitemap.xml'));

    // Nothing staff-only, drafted or archived ever reaches a customer or a visitor, in any answer.
    const all = bodies.join('\n');
    if (name !== 'agent') expect(all).not.toContain('zqstaffword');
    expect(all).not.toContain('zqdraftword');
    expect(all).not.toContain('zqgoneword');
    for (const key of ['orga', 'plan', 'signed'])
      expect(all.includes(`zq${key}word`)).toBe(may.includes(key));
  });

  it('lists only public published articles in the sitemap, under the public address', async () => {
    const res = await env.app.inject({
      method: 'GET',
      url: '/sitemap.xml',
      headers: { cookie: `tessera_session=${w.agent.auth.cookie}` },
    });
    expect(res.headers['content-type']).toMatch(/application\/xml/);
    const locs = [...res.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    expect(locs).toContain('https://help.example.test/help');
    expect(locs).toContain(`https://help.example.test/help/articles/${slugs.pub}`);
    expect(locs).toContain(`https://help.example.test/help/categories/accounts-${run}`);
    for (const key of ['signed', 'orga', 'plan', 'staff', 'draft', 'gone'])
      expect(locs).not.toContain(`https://help.example.test/help/articles/${slugs[key]}`);
    expect(locs).not.toContain(`https://help.example.test/help/categories/internal-${run}`);
    const robots = await env.app.inject({ method: 'GET', url: '/robots.txt' });
    expect(robots.body).toContain('Sitemap: https://help.example.test/sitemap.xml');
  });
});

const stat = async (articleId: string, metric: 'view' | 'helpful' | 'unhelpful') => {
  const rows = await env.app.ctx.db
    .selectFrom('kb_article_stats')
    .select(['day', 'n'])
    .where('article_id', '=', articleId)
    .where('metric', '=', metric)
    .execute();
  return rows.reduce((sum, r) => sum + Number(r.n), 0);
};
const counters = (articleId: string) =>
  env.app.ctx.db
    .selectFrom('kb_articles')
    .select(['views', 'helpful_yes', 'helpful_no'])
    .where('id', '=', articleId)
    .executeTakeFirstOrThrow();
const vote = (cookie: string | null, articleId: string, helpful: unknown) =>
  env.app.inject({
    method: 'POST',
    url: `/api/v1/help/articles/${articleId}/vote`,
    payload: { helpful },
    headers: cookie ? { cookie } : {},
  });

/** What a browser sends for a plain HTML form, anonymously. */
const postForm = (url: string, payload: string, headers: Record<string, string> = {}) =>
  env.app.inject({
    method: 'POST',
    url,
    payload,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  });

describe('"Was this helpful?"', () => {
  it('counts one vote per voter, which they may change, in the counters and the daily stats', async () => {
    const id = ids.signed as string;
    // A signed-in customer is one voter, whatever they send.
    expect(
      (await w.alice.expect(200, 'POST', `/api/v1/help/articles/${id}/vote`, { helpful: true })).helpfulYes,
    ).toBe(1);
    expect(await w.alice.expect(200, 'POST', `/api/v1/help/articles/${id}/vote`, { helpful: true })).toEqual({
      helpfulYes: 1,
      helpfulNo: 0,
      mine: true,
    });
    // The next day they change their mind: the yes moves to a no, in the stats as well.
    time.advance(86_400_000);
    expect(await w.alice.expect(200, 'POST', `/api/v1/help/articles/${id}/vote`, { helpful: false })).toEqual(
      {
        helpfulYes: 0,
        helpfulNo: 1,
        mine: false,
      },
    );
    expect(await counters(id)).toMatchObject({ helpful_yes: 0, helpful_no: 1 });
    expect([await stat(id, 'helpful'), await stat(id, 'unhelpful')]).toEqual([0, 1]);
    expect((await w.alice.get<{ myVote: boolean }>(`/api/v1/help/articles/${slugs.signed}`)).myVote).toBe(
      false,
    );
    // Another customer is another voter.
    await w.bob.expect(200, 'POST', `/api/v1/help/articles/${id}/vote`, { helpful: true });
    expect(await counters(id)).toMatchObject({ helpful_yes: 1, helpful_no: 1 });
  });

  it('tells anonymous visitors apart by a cookie it gives them', async () => {
    const id = ids.pub as string;
    const first = await vote(null, id, true);
    expect(first.statusCode).toBe(200);
    const given = first.cookies.find((c) => c.name === 'tessera_visitor');
    expect(given).toMatchObject({ httpOnly: true, path: '/' });
    const cookie = `tessera_visitor=${given?.value}`;
    // The same visitor again: no new cookie, no second vote; then a change.
    const again = await vote(cookie, id, true);
    expect(again.cookies).toEqual([]);
    expect(again.json()).toEqual({ helpfulYes: 1, helpfulNo: 0, mine: true });
    expect((await vote(cookie, id, false)).json()).toEqual({ helpfulYes: 0, helpfulNo: 1, mine: false });
    // A visitor without the cookie is someone else.
    expect((await vote(null, id, true)).json()).toEqual({ helpfulYes: 1, helpfulNo: 1, mine: true });
    expect([await stat(id, 'helpful'), await stat(id, 'unhelpful')]).toEqual([1, 1]);
    const mine = await env.app.inject({
      method: 'GET',
      url: `/api/v1/help/articles/${slugs.pub}`,
      headers: { cookie },
    });
    expect(mine.json().myVote).toBe(false);
  });

  it('refuses bad answers, unreadable articles and other sites, changing nothing', async () => {
    const before = await counters(ids.pub as string);
    expect((await vote(null, ids.pub as string, 'yes')).statusCode).toBe(400);
    expect((await vote(null, ids.staff as string, true)).statusCode).toBe(404);
    expect((await vote(null, ids.draft as string, true)).statusCode).toBe(404);
    expect(
      (await w.carol.request('POST', `/api/v1/help/articles/${ids.orga}/vote`, { helpful: true })).statusCode,
    ).toBe(404);
    const foreign = await postForm(`/help/articles/${slugs.pub}/vote`, 'helpful=yes', {
      origin: 'https://evil.example',
    });
    expect(foreign.statusCode).toBe(403);
    expect((await postForm(`/help/articles/${slugs.pub}/vote`, 'helpful=maybe')).statusCode).toBe(400);
    expect(await counters(ids.pub as string)).toEqual(before);
    expect((await counters(ids.staff as string)).helpful_yes).toBe(0);
  });

  it('limits how often one address votes', async () => {
    const from = (n: number) =>
      env.app.inject({
        method: 'POST',
        url: `/api/v1/help/articles/${ids.tagged}/vote`,
        payload: { helpful: n % 2 === 0 },
        remoteAddress: '203.0.113.9',
      });
    for (let n = 0; n < 30; n++) expect((await from(n)).statusCode).toBe(200);
    const refused = await from(30);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
  });

  it('takes the vote as a plain form and comes back to the article with thanks', async () => {
    const res = await w.carol.request('POST', `/help/articles/${slugs.plan}/vote`, 'helpful=yes', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/help/articles/${slugs.plan}?voted=1#vote`);
    const page = await w.carol.request('GET', `/help/articles/${slugs.plan}?voted=1`);
    expect(page.body).toContain('Thank you for your feedback.');
    expect(page.body).toContain('value="yes" class="secondary" aria-pressed="true"');
    expect(page.body).toContain('1 of 1 found this helpful.');
    const unknown = await postForm(`/help/articles/${slugs.staff}/vote`, 'helpful=yes');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/text\/html/);
  });
});

describe('views', () => {
  it('counts a visitor once in a while, and never staff', async () => {
    const id = ids.orga as string;
    // Half an hour after whatever came before, so every reader counts afresh.
    time.advance(31 * 60_000);
    const { views } = await counters(id);
    const open = async (c: Client) =>
      expect((await c.request('GET', `/help/articles/${slugs.orga}`)).statusCode).toBe(200);
    await open(w.alice);
    await open(w.alice);
    await w.alice.get(`/api/v1/help/articles/${slugs.orga}`);
    expect((await counters(id)).views).toBe(views + 1);
    await open(w.bob);
    await open(w.agent);
    await w.admin.get(`/api/v1/help/articles/${slugs.orga}`);
    expect((await counters(id)).views).toBe(views + 2);
    // Half an hour later the same reader counts again.
    time.advance(31 * 60_000);
    await open(w.alice);
    expect((await counters(id)).views).toBe(views + 3);
    expect(await stat(id, 'view')).toBe(views + 3);
    // Anonymous visitors, told apart by their address and browser.
    const anon = (ua: string) =>
      env.app.inject({ method: 'GET', url: `/help/articles/${slugs.tagged}`, headers: { 'user-agent': ua } });
    await anon('one');
    await anon('one');
    await anon('two');
    expect((await counters(ids.tagged as string)).views).toBe(2);
    // The most read come first on the home page.
    const home = (await env.app.inject({ method: 'GET', url: '/help' })).body;
    expect(home.indexOf('Popular articles')).toBeGreaterThan(0);
    expect(home.indexOf(`/help/articles/${slugs.tagged}`)).toBeGreaterThan(home.indexOf('Popular articles'));
  });
});

describe('the pages', () => {
  it('render without JavaScript over plain HTTP, with what search engines and screen readers need', async () => {
    const res = await fetch(`${env.baseUrl}/help/articles/${slugs.pub}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('The word zqpubword is unique to this article.');
    expect(html).not.toContain('<script');
    expect(html).toMatch(/^<!doctype html>\n<html lang="en" dir="ltr">/);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain(`<title>How to pub your account · Help centre</title>`);
    expect(html).toContain(
      '<meta name="description" content="The word zqpubword is unique to this article. Reset your password here.">',
    );
    expect(html).toContain(
      `<link rel="canonical" href="https://help.example.test/help/articles/${slugs.pub}">`,
    );
    for (const landmark of [
      '<header>',
      '<main id="main">',
      '<footer>',
      'aria-label="Breadcrumb"',
      'role="search"',
    ])
      expect(html).toContain(landmark);
    expect(html).toContain(`<a href="/help/categories/accounts-${run}">Category accounts</a>`);
    expect(html).toContain('<a href="/new">Open a ticket</a>');
    // Related: the same section first (the signed-in one is not readable here), then shared tags.
    expect(html).toMatch(new RegExp(`Related articles[\\s\\S]*/help/articles/${slugs.tagged}`));
  });

  it('escape what authors wrote and keep only safe HTML of the body', async () => {
    const html = (await env.app.inject({ method: 'GET', url: `/help/articles/${slugs.tagged}` })).body;
    expect(html).toContain('<h1 id="title">Two &lt;b&gt;factor&lt;/b&gt; &amp; &quot;you&quot;</h1>');
    expect(html).toContain(
      '<title>Two &lt;b&gt;factor&lt;/b&gt; &amp; &quot;you&quot; · Help centre</title>',
    );
    expect(html).not.toContain('<script>alert(1)</script>');
  });

  it('search with prefixes and highlighted snippets, and say when nothing matches', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/help/search?q=two-fac' });
    expect(res.body).toContain(`/help/articles/${slugs.tagged}`);
    expect(res.body).toMatch(/<mark>two<\/mark>-<mark>factor<\/mark>/i);
    expect(res.body).toContain('<meta name="robots" content="noindex">');
    const none = await env.app.inject({ method: 'GET', url: '/help/search?q=%3Cscript%3Exyzzy' });
    expect(none.body).toContain('No articles match.');
    expect(none.body).toContain('&lt;script&gt;xyzzy');
    expect(none.body).not.toContain('<script>xyzzy');
    expect((await env.app.inject({ method: 'GET', url: '/help/search' })).statusCode).toBe(200);
  });

  it('answer what does not exist with the help centre’s own 404', async () => {
    for (const url of ['/help/articles/nope', '/help/categories/nope']) {
      const res = await env.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect(res.statusCode, url).toBe(404);
      expect(res.body, url).toContain('<h1>Page not found</h1>');
    }
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/help/articles/nope' })).statusCode).toBe(404);
  });

  it('let a shared cache keep only what an anonymous visitor gets', async () => {
    const anon = await env.app.inject({ method: 'GET', url: '/help' });
    expect(anon.headers['cache-control']).toBe('public, max-age=60');
    const signed = await w.alice.request('GET', '/help');
    expect(signed.headers['cache-control']).toBe('private, no-cache');
    expect(signed.body).toContain('<a href="/">My tickets</a>');
  });
});
