import type { KbHit, KbReaderArticle } from '../../common/kb.js';
import type { Actor } from '../context.js';
import { escapeHtml as e } from '../lib/html.js';
import type { HelpCategoryView, HelpSection } from '../modules/kb/kb.read.js';
import type { ArticleLine } from '../modules/kb/kb.read.repository.js';

// The help centre's pages as HTML: complete without JavaScript, readable at 360 px, with what
// search engines and screen readers look for (a title, a description, a canonical address,
// landmarks, one h1). Every text is escaped here; the only HTML passed through is an article's
// body, made safe by renderHtml, and search snippets, escaped but for their <mark>s.

/** Where the portal's "New ticket" form is (web/src/router.tsx). */
export const NEW_TICKET_PATH = '/new';

const CSS = `*{box-sizing:border-box}
body{margin:0;font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1b1e;background:#fff;overflow-wrap:anywhere}
a{color:#1864ab}a:focus-visible,button:focus-visible,input:focus-visible{outline:3px solid #1c7ed6;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:1}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
header{background:#1864ab;color:#fff;padding:1rem}header a{color:#fff}
.bar{max-width:52rem;margin:0 auto;display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between}
.brand{font-weight:700;font-size:1.2rem;text-decoration:none}
header nav ul{list-style:none;margin:0;padding:0;display:flex;gap:1rem}
form.search{max-width:52rem;margin:.75rem auto 0;display:flex;gap:.5rem}
form.search input{flex:1;min-width:0;padding:.55rem .7rem;font:inherit;border:1px solid #868e96;border-radius:4px}
button{font:inherit;padding:.5rem 1rem;border-radius:4px;border:1px solid #1864ab;background:#1864ab;color:#fff;cursor:pointer}
header button{background:#fff;color:#1864ab;border-color:#fff}
button.secondary{background:#fff;color:#1864ab}button[aria-pressed=true]{background:#0b4f8a;color:#fff}
main{max-width:52rem;margin:0 auto;padding:1rem}
h1{font-size:1.7rem;line-height:1.25}h2{font-size:1.25rem;margin-top:2rem}
.crumbs ol{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:.25rem;font-size:.9rem}
.crumbs li+li::before{content:"/";margin-right:.25rem;color:#495057}
.muted{color:#495057;font-size:.9rem}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:1rem;padding:0;list-style:none}
.grid>li{border:1px solid #dee2e6;border-radius:6px;padding:1rem}
.grid h2,.grid h3{margin:0 0 .5rem;font-size:1.1rem}
ul.plain{padding-left:1.1rem}
.hits{list-style:none;padding:0}.hits li{padding:.75rem 0;border-bottom:1px solid #e9ecef}
.hits p{margin:.25rem 0}mark{background:#ffec99;color:inherit}
.body img,.body video{max-width:100%;height:auto}.body pre{overflow-x:auto;background:#f1f3f5;padding:.75rem;border-radius:4px}
.body table{display:block;overflow-x:auto;border-collapse:collapse}.body td,.body th{border:1px solid #ced4da;padding:.3rem .5rem}
.vote{margin-top:2rem;padding:1rem;border:1px solid #dee2e6;border-radius:6px}.vote h2{margin-top:0}.vote form{display:flex;gap:.5rem}
.thanks{color:#1b5e20;font-weight:600}
footer{max-width:52rem;margin:2rem auto;padding:1rem;border-top:1px solid #dee2e6}`;

export type Frame = {
  base: string;
  reader: Actor | null;
  q?: string;
};

export type PageOut = { title: string; description: string; path: string; body: string; noindex?: boolean };

function nav(reader: Actor | null) {
  if (!reader) return '<li><a href="/login">Sign in</a></li>';
  if (reader.role === 'customer') return '<li><a href="/">My tickets</a></li>';
  return '<li><a href="/agent">Staff app</a></li>';
}

/** The whole document around a page's own content. */
export function layout(frame: Frame, out: PageOut): string {
  const canonical = `${frame.base}${out.path}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${out.title === 'Help centre' ? e(out.title) : `${e(out.title)} · Help centre`}</title>
<meta name="description" content="${e(out.description)}">
<link rel="canonical" href="${e(canonical)}">${out.noindex ? '\n<meta name="robots" content="noindex">' : ''}
<style>${CSS}</style></head>
<body><a class="skip" href="#main">Skip to content</a>
<header><div class="bar"><a class="brand" href="/help">Help centre</a>
<nav aria-label="Account"><ul>${nav(frame.reader)}</ul></nav></div>
<form class="search" role="search" action="/help/search" method="get">
<label class="sr" for="q">Search the help centre</label>
<input id="q" type="search" name="q" value="${e(frame.q ?? '')}" placeholder="Search articles" maxlength="200">
<button type="submit">Search</button></form></header>
<main id="main">${out.body}</main>
<footer><p>Still need help? <a href="${NEW_TICKET_PATH}">Open a ticket</a></p></footer>
</body></html>`;
}

const articleHref = (slug: string) => `/help/articles/${encodeURIComponent(slug)}`;
const categoryHref = (slug: string) => `/help/categories/${encodeURIComponent(slug)}`;
const links = (items: ArticleLine[]) =>
  `<ul class="plain">${items.map((a) => `<li><a href="${articleHref(a.slug)}">${e(a.title)}</a></li>`).join('')}</ul>`;

function crumbs(trail: { name: string; href: string }[], current: string) {
  const items = [{ name: 'Help centre', href: '/help' }, ...trail].map(
    (t) => `<li><a href="${t.href}">${e(t.name)}</a></li>`,
  );
  return `<nav class="crumbs" aria-label="Breadcrumb"><ol>${items.join('')}<li aria-current="page">${e(current)}</li></ol></nav>`;
}

const sectionBlock = (s: HelpSection, level: 'h2' | 'h3') =>
  `<li><${level}><a href="${categoryHref(s.section.slug)}">${e(s.section.name)}</a></${level}>${links(s.articles)}</li>`;

export function homePage(view: {
  categories: Omit<HelpCategoryView, 'parent'>[];
  popular: ArticleLine[];
}): PageOut {
  const cats = view.categories.map(
    (c) =>
      `<section aria-labelledby="c-${e(c.category.id)}"><h2 id="c-${e(c.category.id)}"><a href="${categoryHref(c.category.slug)}">${e(c.category.name)}</a></h2>` +
      (c.category.description ? `<p class="muted">${e(c.category.description)}</p>` : '') +
      (c.articles.length > 0 ? links(c.articles) : '') +
      (c.sections.length > 0
        ? `<ul class="grid">${c.sections.map((s) => sectionBlock(s, 'h3')).join('')}</ul>`
        : '') +
      '</section>',
  );
  const popular =
    view.popular.length > 0
      ? `<section aria-labelledby="popular"><h2 id="popular">Popular articles</h2>${links(view.popular)}</section>`
      : '';
  const empty = cats.length === 0 && popular === '' ? '<p>There are no articles here yet.</p>' : '';
  return {
    title: 'Help centre',
    description: 'Answers and guides: search the help centre or browse its categories.',
    path: '/help',
    body: `<h1>How can we help?</h1>${popular}${cats.join('')}${empty}`,
  };
}

export function categoryPage(view: HelpCategoryView): PageOut {
  const { category, parent } = view;
  const trail = parent ? [{ name: parent.name, href: categoryHref(parent.slug) }] : [];
  const sections =
    view.sections.length > 0
      ? `<ul class="grid">${view.sections.map((s) => sectionBlock(s, 'h2')).join('')}</ul>`
      : '';
  return {
    title: category.name,
    description: category.description ?? `Articles in ${category.name}.`,
    path: categoryHref(category.slug),
    body:
      crumbs(trail, category.name) +
      `<h1>${e(category.name)}</h1>` +
      (category.description ? `<p class="muted">${e(category.description)}</p>` : '') +
      (view.articles.length > 0 ? links(view.articles) : '') +
      sections,
  };
}

/** Plain text of an article's start, for its description. */
export function summary(html: string, max = 160): string {
  const text = html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

const dateOf = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));

export function articlePage(a: KbReaderArticle, thanked: boolean): PageOut {
  const trail = [
    ...(a.parentCategory ? [{ name: a.parentCategory.name, href: categoryHref(a.parentCategory.slug) }] : []),
    ...(a.category ? [{ name: a.category.name, href: categoryHref(a.category.slug) }] : []),
  ];
  const voted = (v: boolean) => (a.myVote === v ? 'true' : 'false');
  const total = a.helpfulYes + a.helpfulNo;
  const vote = `<section class="vote" id="vote" aria-labelledby="vote-h"><h2 id="vote-h">Was this helpful?</h2>
${thanked ? '<p class="thanks" role="status">Thank you for your feedback.</p>' : ''}
<form method="post" action="${articleHref(a.slug)}/vote">
<button type="submit" name="helpful" value="yes" class="secondary" aria-pressed="${voted(true)}">Yes</button>
<button type="submit" name="helpful" value="no" class="secondary" aria-pressed="${voted(false)}">No</button></form>
${total > 0 ? `<p class="muted">${a.helpfulYes} of ${total} found this helpful.</p>` : ''}</section>`;
  const related =
    a.related.length > 0
      ? `<section aria-labelledby="related"><h2 id="related">Related articles</h2>${links(a.related)}</section>`
      : '';
  const tagLine = a.tags.length > 0 ? `<p class="muted">Tags: ${a.tags.map((t) => e(t)).join(', ')}</p>` : '';
  return {
    title: a.title,
    description: summary(a.html) || a.title,
    path: articleHref(a.slug),
    body:
      crumbs(trail, a.title) +
      `<article aria-labelledby="title"><h1 id="title">${e(a.title)}</h1>` +
      `<p class="muted">Updated <time datetime="${e(a.updatedAt)}">${dateOf(a.updatedAt)}</time></p>` +
      `<div class="body">${a.html}</div>${tagLine}</article>${vote}${related}`,
  };
}

export function searchPage(q: string, hits: KbHit[]): PageOut {
  const list = hits
    .map(
      (h) =>
        `<li><a href="${articleHref(h.slug)}">${e(h.title)}</a>` +
        (h.category ? `<p class="muted">${e(h.category.name)}</p>` : '') +
        `<p>${h.snippet}</p></li>`,
    )
    .join('');
  const heading = q ? `Search results for “${e(q)}”` : 'Search the help centre';
  const result = !q
    ? '<p>Type a few words into the search box above.</p>'
    : hits.length === 0
      ? '<p role="status">No articles match. Try other or fewer words.</p>'
      : `<p role="status">${hits.length === 1 ? '1 article' : `${hits.length} articles`} found.</p><ul class="hits">${list}</ul>`;
  return {
    title: q ? `Search: ${q}` : 'Search',
    description: q ? `Help centre articles matching ${q}.` : 'Search the help centre.',
    path: '/help/search',
    noindex: true,
    body: crumbs([], 'Search') + `<h1>${heading}</h1>${result}`,
  };
}

export function notFoundPage(): PageOut {
  return {
    title: 'Not found',
    description: 'This page of the help centre does not exist or is not available to you.',
    path: '/help',
    noindex: true,
    body: `<h1>Page not found</h1><p>This page does not exist, or you may need to sign in to read it.</p><p><a href="/help">Go to the help centre</a></p>`,
  };
}

export function sitemap(
  base: string,
  entries: { articles: { slug: string; updated_at: string }[]; categories: string[] },
) {
  const url = (path: string, lastmod?: string) =>
    `<url><loc>${e(base + path)}</loc>${lastmod ? `<lastmod>${e(lastmod.slice(0, 10))}</lastmod>` : ''}</url>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${[url('/help'), ...entries.categories.map((c) => url(categoryHref(c))), ...entries.articles.map((a) => url(articleHref(a.slug), a.updated_at))].join('\n')}
</urlset>
`;
}
