import type { FastifyRequest } from 'fastify';
import { ticketNumberParams, whole } from '../../common/api.js';
import {
  kbDeflectionBody,
  kbDeflectionResult,
  kbDraftFromTicketSchema,
  kbMailSuggestionsSchema,
  kbReportQuery,
  kbReportSchema,
  kbSuggestionQuery,
  kbSuggestionSchema,
  kbTicketArticleBody,
  kbTicketArticleSchema,
} from '../../common/kb.js';
import {
  linkTicketArticle,
  listTicketArticles,
  recordDeflection,
  suggestArticles,
} from '../modules/kb/kb.deflect.js';
import { getKbMailSuggestions, setKbMailSuggestions } from '../modules/kb/kb.deflect.mail.js';
import { kbReport } from '../modules/kb/kb.report.js';
import { draftArticleFromTicket } from '../modules/kb/kb.scrub.ticket.js';
import { setting } from './resource.js';
import { type App, actorCtx } from './types.js';

const tags = ['knowledge base'];

/** Counting is cheap to call: a form sends a few counts, a script sending thousands is refused. */
export const DEFLECTIONS_PER_MINUTE = 60;

// Suggestions while a customer writes a ticket and what became of them, the usage report, and
// the agent's tools: an article drafted from a ticket, and the articles used on a ticket.
export async function kbDeflectRoutes(app: App) {
  app.get(
    '/api/v1/help/suggestions',
    {
      schema: {
        operationId: 'suggestArticles',
        tags,
        description:
          'Up to five published articles the caller may read for a ticket subject being typed (any of its words; fewer than three letters suggest nothing).',
        querystring: kbSuggestionQuery,
        response: { 200: whole(kbSuggestionSchema) },
      },
    },
    async (req) => ({ items: await suggestArticles(actorCtx(app, req), req.query.q), nextCursor: null }),
  );
  app.post(
    '/api/v1/help/deflections',
    {
      schema: {
        operationId: 'recordDeflection',
        tags,
        description:
          'Counts suggestions shown, opened, or that solved the problem. Articles the caller may not read are left out of the count, not refused.',
        body: kbDeflectionBody,
        response: { 200: kbDeflectionResult },
      },
      config: {
        rateLimit: {
          max: DEFLECTIONS_PER_MINUTE,
          timeWindow: '1 minute',
          keyGenerator: (req: FastifyRequest) => `kb-deflect:${req.actor ? req.actor.id : req.ip}`,
        },
      },
    },
    async (req) => recordDeflection(actorCtx(app, req), req.body),
  );
  app.get(
    '/api/v1/kb/report',
    {
      schema: {
        operationId: 'getKbReport',
        tags,
        description:
          'Suggestions, deflections, views, votes and uses, over the days from `from` to `to` (UTC).',
        querystring: kbReportQuery,
        response: { 200: kbReportSchema },
      },
    },
    async (req) => kbReport(actorCtx(app, req), req.query),
  );
  ticketRoutes(app);
  setting(app, {
    path: '/api/v1/settings/kb-mail-suggestions',
    name: 'KbMailSuggestions',
    tags,
    schema: kbMailSuggestionsSchema,
    get: (c) => getKbMailSuggestions(c.db),
    put: setKbMailSuggestions,
  });
}

function ticketRoutes(app: App) {
  app.get(
    '/api/v1/tickets/:number/article-draft',
    {
      schema: {
        operationId: 'draftArticleFromTicket',
        tags,
        description:
          'A draft article from the ticket’s question and public answers, with names, addresses, phone numbers, ticket numbers and private links taken out. Nothing is saved.',
        params: ticketNumberParams,
        response: { 200: kbDraftFromTicketSchema },
      },
    },
    async (req) => draftArticleFromTicket(actorCtx(app, req), req.params.number),
  );
  app.get(
    '/api/v1/tickets/:number/articles',
    {
      schema: {
        operationId: 'listTicketArticles',
        tags,
        params: ticketNumberParams,
        response: { 200: whole(kbTicketArticleSchema) },
      },
    },
    async (req) => ({
      items: await listTicketArticles(actorCtx(app, req), req.params.number),
      nextCursor: null,
    }),
  );
  app.post(
    '/api/v1/tickets/:number/articles',
    {
      schema: {
        operationId: 'linkTicketArticle',
        tags,
        description:
          'Records that an article was used on the ticket; recording it again changes nothing (200).',
        params: ticketNumberParams,
        body: kbTicketArticleBody,
        response: { 200: kbTicketArticleSchema, 201: kbTicketArticleSchema },
      },
    },
    async (req, reply) => {
      const { created, article } = await linkTicketArticle(
        actorCtx(app, req),
        req.params.number,
        req.body.articleId,
      );
      return reply.code(created ? 201 : 200).send(article);
    },
  );
}
