import { idParams, noBody, page, whole } from '../../common/api.js';
import {
  kbArticleBody,
  kbArticleListQuery,
  kbArticlePatch,
  kbArticleSchema,
  kbArticleSummarySchema,
  kbCategoryBody,
  kbCategoryPatch,
  kbCategorySchema,
  kbDiffQuery,
  kbDiffSchema,
  kbRestoreBody,
  kbRevisionParams,
  kbRevisionSchema,
} from '../../common/kb.js';
import {
  createKbArticle,
  deleteKbArticle,
  getKbArticle,
  listKbArticles,
  updateKbArticle,
} from '../modules/kb/kb.articles.service.js';
import {
  createKbCategory,
  deleteKbCategory,
  getKbCategory,
  listKbCategories,
  updateKbCategory,
} from '../modules/kb/kb.categories.service.js';
import {
  diffKbArticle,
  getKbRevision,
  listKbRevisions,
  restoreKbArticle,
} from '../modules/kb/kb.revisions.js';
import { type App, actorCtx, noContent } from './types.js';

const tags = ['knowledge-base'];
const categories = '/api/v1/kb/categories';
const articles = '/api/v1/kb/articles';

// The knowledge base for its authors (staff): categories and sections, articles with their
// revisions, diff and restore. Readers use /api/v1/help.
export async function kbRoutes(app: App) {
  categoryRoutes(app);
  articleRoutes(app);
  revisionRoutes(app);
}

function categoryRoutes(app: App) {
  app.get(
    categories,
    {
      schema: {
        operationId: 'listKbCategories',
        tags,
        description: 'Categories and their sections in order, each with how many articles it holds.',
        response: { 200: whole(kbCategorySchema) },
      },
    },
    async (req) => ({ items: await listKbCategories(actorCtx(app, req)), nextCursor: null }),
  );
  app.post(
    categories,
    {
      schema: {
        operationId: 'createKbCategory',
        tags,
        description:
          'A category, or with `parentId` a section of one; the slug is made from the name if left out.',
        body: kbCategoryBody,
        response: { 201: kbCategorySchema },
      },
    },
    async (req, reply) => reply.code(201).send(await createKbCategory(actorCtx(app, req), req.body)),
  );
  app.get(
    `${categories}/:id`,
    { schema: { operationId: 'getKbCategory', tags, params: idParams, response: { 200: kbCategorySchema } } },
    async (req) => getKbCategory(actorCtx(app, req), req.params.id),
  );
  app.patch(
    `${categories}/:id`,
    {
      schema: {
        operationId: 'updateKbCategory',
        tags,
        params: idParams,
        body: kbCategoryPatch,
        response: { 200: kbCategorySchema },
      },
    },
    async (req) => updateKbCategory(actorCtx(app, req), req.params.id, req.body),
  );
  app.delete(
    `${categories}/:id`,
    {
      schema: {
        operationId: 'deleteKbCategory',
        tags,
        description: 'Only an empty category goes (409 while it holds articles or sections).',
        params: idParams,
        response: { 204: noBody },
      },
    },
    async (req, reply) => noContent(reply, deleteKbCategory(actorCtx(app, req), req.params.id)),
  );
}

function articleRoutes(app: App) {
  app.get(
    articles,
    {
      schema: {
        operationId: 'listKbArticles',
        tags,
        description:
          'Articles, drafts and archived ones too, newest change first; with `q`, the best matches first.',
        querystring: kbArticleListQuery,
        response: { 200: page(kbArticleSummarySchema) },
      },
    },
    async (req) => listKbArticles(actorCtx(app, req), req.query),
  );
  app.post(
    articles,
    {
      schema: {
        operationId: 'createKbArticle',
        tags,
        description: 'Saves version 1; `attachmentIds` claims the author’s uploads as inline images.',
        body: kbArticleBody,
        response: { 201: kbArticleSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await createKbArticle(actorCtx(app, req), req.body)),
  );
  app.get(
    `${articles}/:id`,
    { schema: { operationId: 'getKbArticle', tags, params: idParams, response: { 200: kbArticleSchema } } },
    async (req) => getKbArticle(actorCtx(app, req), req.params.id),
  );
  app.patch(
    `${articles}/:id`,
    {
      schema: {
        operationId: 'updateKbArticle',
        tags,
        description:
          'Saves the next version. `version` is the one the change was made from: 409, with `currentVersion`, if another save came first.',
        params: idParams,
        body: kbArticlePatch,
        response: { 200: kbArticleSchema },
      },
    },
    async (req) => updateKbArticle(actorCtx(app, req), req.params.id, req.body),
  );
  app.delete(
    `${articles}/:id`,
    {
      schema: {
        operationId: 'deleteKbArticle',
        tags,
        description: 'Deletes the article, its history and its images.',
        params: idParams,
        response: { 204: noBody },
      },
    },
    async (req, reply) => noContent(reply, deleteKbArticle(actorCtx(app, req), req.params.id)),
  );
}

function revisionRoutes(app: App) {
  app.get(
    `${articles}/:id/revisions`,
    {
      schema: {
        operationId: 'listKbRevisions',
        tags,
        description: 'Every saved version, newest first.',
        params: idParams,
        response: { 200: whole(kbRevisionSchema) },
      },
    },
    async (req) => ({ items: await listKbRevisions(actorCtx(app, req), req.params.id), nextCursor: null }),
  );
  app.get(
    `${articles}/:id/revisions/:version`,
    {
      schema: {
        operationId: 'getKbRevision',
        tags,
        params: kbRevisionParams,
        response: { 200: kbRevisionSchema },
      },
    },
    async (req) => getKbRevision(actorCtx(app, req), req.params.id, req.params.version),
  );
  app.get(
    `${articles}/:id/diff`,
    {
      schema: {
        operationId: 'diffKbArticle',
        tags,
        description: 'Title and body of version `from` against the current version, line by line.',
        params: idParams,
        querystring: kbDiffQuery,
        response: { 200: kbDiffSchema },
      },
    },
    async (req) => diffKbArticle(actorCtx(app, req), req.params.id, req.query.from),
  );
  app.post(
    `${articles}/:id/restore`,
    {
      schema: {
        operationId: 'restoreKbArticle',
        tags,
        description: 'Saves an earlier version again as the newest; the history is kept.',
        params: idParams,
        body: kbRestoreBody,
        response: { 200: kbArticleSchema },
      },
    },
    async (req) => restoreKbArticle(actorCtx(app, req), req.params.id, req.body.version),
  );
}
