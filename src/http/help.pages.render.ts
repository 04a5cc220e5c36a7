import type { KbHit, KbReaderArticle } from '../../common/kb.js';
import type { Actor } from '../context.js';
import { servedLocale, translate } from '../i18n/index.js';
import { escapeHtml as e } from '../lib/html.js';
import type { HelpCategoryView, HelpSection } from '../modules/kb/kb.read.js';
import type { ArticleLine } from '../modules/kb/kb.read.repository.js';
import type { Reader } from '../modules/languages/reader.js';
import { HELP } from './help.pages.messages.js';

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
  /** The language the page is written in. */
  lang: Reader;
};

/** A page's words: a message of the catalogue in the page's language, escaped. */
type Say = (m: (typeof HELP)[keyof typeof HELP], values?: Record<string, string>) => string;
const sayer =
  (lang: Reader | undefined): Say =>
  (m, values) =>
    e(translate(lang?.locale, m, values));

/** The English pages, for a caller that names no reader. */
const ENGLISH: Reader = { locale: 'en', timeZone: 'UTC', direction: 'ltr' };

export type PageOut = {
  title: string;
  description: string;
  path: string;
  body: string;
  noindex?: boolean;
  /** The help centre's home: its title is the centre's name alone. */
  home?: boolean;
};

function nav(reader: Actor | null, t: Say) {
  if (!reader) return `<li><a href="/login">${t(HELP.signIn)}</a></li>`;
  if (reader.role === 'customer') return `<li><a href="/">${t(HELP.myTickets)}</a></li>`;
  return `<li><a href="/agent">${t(HELP.staffApp)}</a></li>`;
}

/** The whole document around a page's own content. */
export function layout(frame: Frame, out: PageOut): string {
  const canonical = `${frame.base}${out.path}`;
  const t = sayer(frame.lang);
  const centre = t(HELP.centre);
  return `<!doctype html>
<html lang="${e(frame.lang.locale)}" dir="${frame.lang.direction}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${out.home ? centre : t(HELP.titleIn, { title: out.title })}</title>
<meta name="description" content="${e(out.description)}">
<link rel="canonical" href="${e(canonical)}">${out.noindex ? '\n<meta name="robots" content="noindex">' : ''}
<style>${CSS}</style></head>
<body><a class="skip" href="#main">${t(HELP.skip)}</a>
<header><div class="bar"><a class="brand" href="/help">${centre}</a>
<nav aria-label="${t(HELP.account)}"><ul>${nav(frame.reader, t)}</ul></nav></div>
<form class="search" role="search" action="/help/search" method="get">
<label class="sr" for="q">${t(HELP.searchCentre)}</label>
<input id="q" type="search" name="q" value="${e(frame.q ?? '')}" placeholder="${t(HELP.searchArticles)}" maxlength="200">
<button type="submit">${t(HELP.search)}</button></form></header>
<main id="main">${out.body}</main>
<footer><p>${t(HELP.stillNeedHelp)} <a href="${NEW_TICKET_PATH}">${t(HELP.openTicket)}</a></p></footer>
</body></html>`;
}

const articleHref = (slug: string) => `/help/articles/${encodeURIComponent(slug)}`;
const categoryHref = (slug: string) => `/help/categories/${encodeURIComponent(slug)}`;
const links = (items: ArticleLine[]) =>
  `<ul class="plain">${items.map((a) => `<li><a href="${articleHref(a.slug)}">${e(a.title)}</a></li>`).join('')}</ul>`;

function crumbs(t: Say, trail: { name: string; href: string }[], current: string) {
  const items = [
    `<li><a href="/help">${t(HELP.centre)}</a></li>`,
    ...trail.map((c) => `<li><a href="${c.href}">${e(c.name)}</a></li>`),
  ];
  return `<nav class="crumbs" aria-label="${t(HELP.breadcrumb)}"><ol>${items.join('')}<li aria-current="page">${e(current)}</li></ol></nav>`;
}

const sectionBlock = (s: HelpSection, level: 'h2' | 'h3') =>
  `<li><${level}><a href="${categoryHref(s.section.slug)}">${e(s.section.name)}</a></${level}>${links(s.articles)}</li>`;

export function homePage(
  view: {
    categories: Omit<HelpCategoryView, 'parent'>[];
    popular: ArticleLine[];
  },
  lang: Reader = ENGLISH,
): PageOut {
  const t = sayer(lang);
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
      ? `<section aria-labelledby="popular"><h2 id="popular">${t(HELP.popular)}</h2>${links(view.popular)}</section>`
      : '';
  const empty = cats.length === 0 && popular === '' ? `<p>${t(HELP.empty)}</p>` : '';
  return {
    title: translate(lang.locale, HELP.centre),
    home: true,
    description: translate(lang.locale, HELP.homeDescription),
    path: '/help',
    body: `<h1>${t(HELP.howCanWeHelp)}</h1>${popular}${cats.join('')}${empty}`,
  };
}

export function categoryPage(view: HelpCategoryView, lang: Reader = ENGLISH): PageOut {
  const t = sayer(lang);
  const { category, parent } = view;
  const trail = parent ? [{ name: parent.name, href: categoryHref(parent.slug) }] : [];
  const sections =
    view.sections.length > 0
      ? `<ul class="grid">${view.sections.map((s) => sectionBlock(s, 'h2')).join('')}</ul>`
      : '';
  return {
    title: category.name,
    description: category.description ?? translate(lang.locale, HELP.articlesIn, { name: category.name }),
    path: categoryHref(category.slug),
    body:
      crumbs(t, trail, category.name) +
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

const dateOf = (lang: Reader, iso: string) =>
  new Intl.DateTimeFormat(servedLocale(lang.locale), { dateStyle: 'long', timeZone: lang.timeZone }).format(
    new Date(iso),
  );

export function articlePage(a: KbReaderArticle, thanked: boolean, lang: Reader = ENGLISH): PageOut {
  const t = sayer(lang);
  const trail = [
    ...(a.parentCategory ? [{ name: a.parentCategory.name, href: categoryHref(a.parentCategory.slug) }] : []),
    ...(a.category ? [{ name: a.category.name, href: categoryHref(a.category.slug) }] : []),
  ];
  const voted = (v: boolean) => (a.myVote === v ? 'true' : 'false');
  const total = a.helpfulYes + a.helpfulNo;
  const vote = `<section class="vote" id="vote" aria-labelledby="vote-h"><h2 id="vote-h">${t(HELP.helpful)}</h2>
${thanked ? `<p class="thanks" role="status">${t(HELP.thanks)}</p>` : ''}
<form method="post" action="${articleHref(a.slug)}/vote">
<button type="submit" name="helpful" value="yes" class="secondary" aria-pressed="${voted(true)}">${t(HELP.yes)}</button>
<button type="submit" name="helpful" value="no" class="secondary" aria-pressed="${voted(false)}">${t(HELP.no)}</button></form>
${total > 0 ? `<p class="muted">${t(HELP.foundHelpful, { yes: String(a.helpfulYes), total: String(total) })}</p>` : ''}</section>`;
  const related =
    a.related.length > 0
      ? `<section aria-labelledby="related"><h2 id="related">${t(HELP.related)}</h2>${links(a.related)}</section>`
      : '';
  const tagLine =
    a.tags.length > 0 ? `<p class="muted">${t(HELP.tags, { tags: a.tags.join(', ') })}</p>` : '';
  const updated = `<time datetime="${e(a.updatedAt)}">${e(dateOf(lang, a.updatedAt))}</time>`;
  return {
    title: a.title,
    description: summary(a.html) || a.title,
    path: articleHref(a.slug),
    body:
      crumbs(t, trail, a.title) +
      `<article aria-labelledby="title"><h1 id="title">${e(a.title)}</h1>` +
      `<p class="muted">${t(HELP.updated, { date: '\u0000' }).replace('\u0000', updated)}</p>` +
      `<div class="body">${a.html}</div>${tagLine}</article>${vote}${related}`,
  };
}

export function searchPage(q: string, hits: KbHit[], lang: Reader = ENGLISH): PageOut {
  const t = sayer(lang);
  const list = hits
    .map(
      (h) =>
        `<li><a href="${articleHref(h.slug)}">${e(h.title)}</a>` +
        (h.category ? `<p class="muted">${e(h.category.name)}</p>` : '') +
        `<p>${h.snippet}</p></li>`,
    )
    .join('');
  const heading = q ? t(HELP.resultsFor, { q }) : t(HELP.searchCentre);
  const result = !q
    ? `<p>${t(HELP.typeWords)}</p>`
    : hits.length === 0
      ? `<p role="status">${t(HELP.noMatch)}</p>`
      : `<p role="status">${e(translate(lang.locale, HELP.found, { count: hits.length }))}</p><ul class="hits">${list}</ul>`;
  const search = translate(lang.locale, HELP.search);
  return {
    title: q ? translate(lang.locale, HELP.searchTitle, { q }) : search,
    description: q
      ? translate(lang.locale, HELP.matching, { q })
      : translate(lang.locale, HELP.searchDescription),
    path: '/help/search',
    noindex: true,
    body: crumbs(t, [], search) + `<h1>${heading}</h1>${result}`,
  };
}

export function notFoundPage(lang: Reader = ENGLISH): PageOut {
  const t = sayer(lang);
  return {
    title: translate(lang.locale, HELP.notFound),
    description: translate(lang.locale, HELP.notFoundDescription),
    path: '/help',
    noindex: true,
    body: `<h1>${t(HELP.pageNotFound)}</h1><p>${t(HELP.notFoundText)}</p><p><a href="/help">${t(HELP.goToCentre)}</a></p>`,
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
