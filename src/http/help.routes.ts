import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { idParams, whole } from '../../common/api.js';
import {
  kbCategorySchema,
  kbHitSchema,
  kbReaderArticleSchema,
  kbSearchQuery,
  kbSlugParams,
  kbVoteBody,
  kbVoteSchema,
} from '../../common/kb.js';
import type { Config } from '../config.js';
import { randomToken, sha256 } from '../lib/crypto.js';
import { helpCategories, readArticle, searchHelp } from '../modules/kb/kb.read.js';
import { recordView, type ViewMemory, viewMemory, voteOnArticle } from '../modules/kb/kb.read.votes.js';
import type { App } from './types.js';

// The help centre's reader API: anyone may call it, signed in or not. A session or a token makes
// the reader that user (a customer's wider scope, staff's every visibility); without one, the
// reader is an anonymous visitor, who reads public articles only.

const tags = ['help'];
export const VISITOR_COOKIE = 'tessera_visitor';
const VISITOR_DAYS = 365;

/** Votes come from anyone: a few a minute per person or network address is plenty. */
export const votesPerMinute = {
  rateLimit: {
    max: 30,
    timeWindow: '1 minute',
    keyGenerator: (req: FastifyRequest) => (req.actor ? `vote:u:${req.actor.id}` : `vote:${req.ip}`),
  },
};

const visitorCookie = (req: FastifyRequest) => {
  const v = req.cookies[VISITOR_COOKIE];
  return v && /^[A-Za-z0-9_-]{20,100}$/.test(v) ? v : null;
};

/** Who votes: the signed-in user, or the anonymous visitor's cookie, given one if they have none. */
export function voterOf(config: Config, req: FastifyRequest, reply: FastifyReply): string {
  if (req.actor) return `u:${req.actor.id}`;
  let key = visitorCookie(req);
  if (!key) {
    key = randomToken(24);
    reply.setCookie(VISITOR_COOKIE, key, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: config.publicUrl.startsWith('https:'),
      maxAge: VISITOR_DAYS * 86_400,
    });
  }
  return `a:${sha256(key)}`;
}

/** The voter a request already is, without handing out a cookie (to show their own vote). */
export const knownVoter = (req: FastifyRequest) => {
  if (req.actor) return `u:${req.actor.id}`;
  const key = visitorCookie(req);
  return key ? `a:${sha256(key)}` : null;
};

/** Who is viewing, to count a visitor once in a while: their vote key, else their address and browser. */
const viewer = (req: FastifyRequest) =>
  knownVoter(req) ?? `n:${sha256(`${req.ip}|${req.headers['user-agent'] ?? ''}`)}`;

/** Counts a view of what was just read; a count that fails is logged and never fails the page. */
export function countViewOf(app: App, memory: ViewMemory, req: FastifyRequest, articleId: string) {
  return recordView(app.ctx, req.actor, articleId, viewer(req), memory).catch((err: unknown) =>
    req.log.warn({ err, articleId }, 'could not count an article view'),
  );
}

/** Shared by the API and the pages (each its own plugin instance): one memory per application. */
const helpViews = new WeakMap<App['ctx'], ViewMemory>();
export const viewsOf = (app: App) => {
  const known = helpViews.get(app.ctx);
  if (known) return known;
  const made = viewMemory();
  helpViews.set(app.ctx, made);
  return made;
};

export async function helpRoutes(app: App) {
  const ctx = app.ctx;
  app.get(
    '/api/v1/help/categories',
    {
      schema: {
        operationId: 'listHelpCategories',
        tags,
        description:
          'Categories and sections holding published articles the caller may read, with how many (a category counts its sections’ too). Open to anonymous visitors.',
        response: { 200: whole(kbCategorySchema) },
      },
    },
    async (req) => ({ items: await helpCategories(ctx, req.actor), nextCursor: null }),
  );
  app.get(
    '/api/v1/help/articles/:slug',
    {
      schema: {
        operationId: 'getHelpArticle',
        tags,
        description:
          'A published article the caller may read, as readers see it, with related articles. Counts a view for customers and visitors.',
        params: kbSlugParams,
        response: { 200: kbReaderArticleSchema },
      },
    },
    async (req) => {
      const article = await readArticle(ctx, req.actor, req.params.slug, knownVoter(req));
      await countViewOf(app, viewsOf(app), req, article.id);
      return article;
    },
  );
  app.get(
    '/api/v1/help/search',
    {
      schema: {
        operationId: 'searchHelp',
        tags,
        description:
          'Full-text search of published articles the caller may read; the last word matches as a prefix. Snippets are safe HTML with the matches in <mark>.',
        querystring: kbSearchQuery,
        response: { 200: whole(kbHitSchema) },
      },
    },
    async (req) => ({ items: await searchHelp(ctx, req.actor, req.query), nextCursor: null }),
  );
  app.post(
    '/api/v1/help/articles/:id/vote',
    {
      schema: {
        operationId: 'voteHelpArticle',
        tags,
        description:
          'Answers "Was this helpful?" for the caller: one answer per person (anonymous visitors are told apart by a cookie), which a later call changes.',
        params: idParams,
        body: kbVoteBody,
        response: { 200: kbVoteSchema },
      },
      config: votesPerMinute,
    },
    async (req, reply) => {
      const voter = voterOf(ctx.config, req, reply);
      const { slug: _, ...result } = await voteOnArticle(
        ctx,
        req.actor,
        { id: req.params.id },
        voter,
        req.body.helpful,
      );
      return result;
    },
  );
}

/** The form the help centre's article page posts. */
export const helpVoteForm = z.strictObject({ helpful: z.enum(['yes', 'no']) });
