import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { kbSlugParams } from '../../common/kb.js';
import { AppError } from '../errors.js';
import { helpCategory, helpHome, readArticle, searchHelp, sitemapEntries } from '../modules/kb/kb.read.js';
import { voteOnArticle } from '../modules/kb/kb.read.votes.js';
import { type Reader, visitorReader } from '../modules/languages/reader.js';
import {
  articlePage,
  categoryPage,
  type Frame,
  homePage,
  layout,
  notFoundPage,
  type PageOut,
  searchPage,
  sitemap,
} from './help.pages.render.js';
import { countViewOf, helpVoteForm, knownVoter, viewsOf, voterOf, votesPerMinute } from './help.routes.js';
import type { App } from './types.js';

// The help centre, rendered on the server: it loads fast, works without JavaScript and can be
// indexed. A signed-in customer (the session cookie) sees their wider scope here as in the API;
// staff see every published article. Registered before the web app, whose fallback would
// otherwise answer these paths with the single-page app.

const SEARCH_LIMIT = 20;
const page = { schema: { hide: true } } as const;

/** Pages differ by who reads them: only what an anonymous visitor gets may be kept by a shared cache. */
function send(reply: FastifyReply, req: FastifyRequest, frame: Frame, out: PageOut, status = 200) {
  const anonymous = !req.headers.cookie && !req.headers.authorization;
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', anonymous && status === 200 ? 'public, max-age=60' : 'private, no-cache')
    .header('vary', 'Cookie, Authorization, Accept-Language')
    .header('content-language', frame.lang.locale)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin')
    .header('x-frame-options', 'DENY')
    .header(
      'content-security-policy',
      "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    )
    .send(layout(frame, out));
}

/** The page's language: a signed-in reader's own, else their browser's, else the installation's. */
const langOf = (app: App, req: FastifyRequest) =>
  visitorReader(app.ctx.db, { actor: req.actor, acceptLanguage: req.headers['accept-language'] });

const frameOf = (app: App, req: FastifyRequest, lang: Reader, q?: string): Frame => ({
  base: app.ctx.config.publicUrl,
  reader: req.actor,
  q,
  lang,
});

/** Runs a page; what the reader may not see is the help centre's own 404 page. */
const html =
  <R extends FastifyRequest>(
    app: App,
    render: (req: R, reply: FastifyReply, lang: Reader) => Promise<PageOut | FastifyReply>,
  ) =>
  async (req: R, reply: FastifyReply) => {
    const lang = await langOf(app, req);
    try {
      const out = await render(req, reply, lang);
      return 'title' in out ? send(reply, req, frameOf(app, req, lang), out) : out;
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'not_found') throw err;
      return send(reply, req, frameOf(app, req, lang), notFoundPage(lang), 404);
    }
  };

type SlugRequest<T = object> = FastifyRequest<{ Params: z.infer<typeof kbSlugParams> } & T>;
const bySlug = { schema: { hide: true, params: kbSlugParams } } as const;

export async function helpPageRoutes(app: App) {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 4096 },
    (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );
  browsePages(app);
  articlePages(app);
  crawlerFiles(app);
}

/** Home, categories and search. */
function browsePages(app: App) {
  const ctx = app.ctx;
  app.get(
    '/help',
    page,
    html(app, async (req, _reply, lang) => homePage(await helpHome(ctx, req.actor), lang)),
  );
  app.get(
    '/help/categories/:slug',
    bySlug,
    html(app, async (req: SlugRequest, _reply, lang) =>
      categoryPage(await helpCategory(ctx, req.actor, req.params.slug), lang),
    ),
  );
  app.get('/help/search', page, async (req, reply) => {
    const raw = (req.query as { q?: unknown }).q;
    const q = (typeof raw === 'string' ? raw : '').trim().slice(0, 200);
    const hits = q ? await searchHelp(ctx, req.actor, { q, limit: SEARCH_LIMIT }) : [];
    const lang = await langOf(app, req);
    return send(reply, req, frameOf(app, req, lang, q), searchPage(q, hits, lang));
  });
}

/** An article, and its "Was this helpful?" form. */
function articlePages(app: App) {
  const ctx = app.ctx;
  app.get(
    '/help/articles/:slug',
    bySlug,
    html(app, async (req: SlugRequest<{ Querystring: { voted?: string } }>, _reply, lang) => {
      const article = await readArticle(ctx, req.actor, req.params.slug, knownVoter(req));
      await countViewOf(app, viewsOf(app), req, article.id);
      return articlePage(article, req.query.voted === '1', lang);
    }),
  );
  app.post(
    '/help/articles/:slug/vote',
    { schema: { ...bySlug.schema, body: helpVoteForm }, config: votesPerMinute },
    html(app, async (req: SlugRequest<{ Body: z.infer<typeof helpVoteForm> }>, reply) => {
      const voter = voterOf(ctx.config, req, reply);
      const helpful = req.body.helpful === 'yes';
      const done = await voteOnArticle(ctx, req.actor, { slug: req.params.slug }, voter, helpful);
      // Post, redirect, get: a reload does not post again, and the page thanks them once.
      return reply.redirect(`/help/articles/${encodeURIComponent(done.slug)}?voted=1#vote`, 303);
    }),
  );
}

/** What search engines read first. */
function crawlerFiles(app: App) {
  const base = app.ctx.config.publicUrl;
  app.get('/sitemap.xml', page, async (_req, reply) =>
    reply
      .type('application/xml; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(sitemap(base, await sitemapEntries(app.ctx))),
  );
  app.get('/robots.txt', page, async (_req, reply) =>
    reply
      .type('text/plain; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(
        `User-agent: *\nDisallow: /api/\nDisallow: /agent\nDisallow: /admin\nDisallow: /help/search\nAllow: /\n\nSitemap: ${base}/sitemap.xml\n`,
      ),
  );
}
