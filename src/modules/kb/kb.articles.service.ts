import type { z } from 'zod';
import type {
  KbArticle,
  KbArticleSummary,
  kbArticleBody,
  kbArticleListQuery,
  kbArticlePatch,
} from '../../../common/kb.js';
import type { ActorCtx } from '../../context.js';
import { nowIso } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { refusal } from '../../errors.js';
import { decodeCursor, decodeKeyCursor, encodeCursor, keysetPage, toPage } from '../../lib/cursor.js';
import { authorize } from '../../policies/policy.js';
import { audit, byActor } from '../audit/audit.service.js';
import { deleteVariantsOf } from '../languages/translations.repository.js';
import { requireVisibleTicket } from '../ticket-data/visible.js';
import { articleListQuery, findVisibleArticle } from './kb.articles.repository.js';
import { type ArticleState, conflict, saveArticle } from './kb.articles.save.js';
import { presentArticle, presentSummaries } from './kb.present.js';
import { KB_REFUSALS as REFUSED } from './kb.refusals.js';
import {
  type ArticleRow,
  audiencesOf,
  deleteArticleRow,
  releaseArticleImages,
  tagsOf,
} from './kb.repository.js';
import { searchArticles } from './kb.search.js';
import { kbReader } from './kb.visibility.js';

// Knowledge base › Articles for staff: the list (filters, search over drafts too), one article,
// and its creation, changes and deletion. Saving is kb.articles.save.ts's.

type Body = z.output<typeof kbArticleBody>;
type Patch = z.output<typeof kbArticlePatch>;
type ListQuery = z.output<typeof kbArticleListQuery>;
type Page = { items: KbArticleSummary[]; nextCursor: string | null };

/** The most search hits a list pages through. */
const SEARCH_DEPTH = 500;

export async function articleOr404(db: Executor, ctx: ActorCtx, id: string): Promise<ArticleRow> {
  const row = await findVisibleArticle(db, kbReader(ctx, ctx.actor), id);
  if (!row) throw refusal('not_found', REFUSED.noArticle);
  return row;
}

/** An article's whole state as saved, to change some of it. */
export async function stateOf(db: Executor, a: ArticleRow): Promise<ArticleState> {
  const [tags, audiences] = await Promise.all([tagsOf(db, [a.id]), audiencesOf(db, a.id)]);
  return {
    title: a.title,
    body: a.body,
    slug: a.slug,
    categoryId: a.category_id,
    status: a.status,
    visibility: a.visibility,
    audiences: audiences.map((x) => ({ kind: x.kind, refId: x.ref_id })),
    tags: tags.get(a.id) ?? [],
    ownerId: a.owner_id,
    reviewBy: a.review_by,
  };
}

export async function getKbArticle(ctx: ActorCtx, id: string): Promise<KbArticle> {
  authorize(ctx.actor, 'kb.write');
  return presentArticle(ctx.db, await articleOr404(ctx.db, ctx, id));
}

export async function listKbArticles(ctx: ActorCtx, q: ListQuery): Promise<Page> {
  authorize(ctx.actor, 'kb.write');
  const query = articleListQuery(ctx.db, kbReader(ctx, ctx.actor), q, nowIso(ctx).slice(0, 10));
  if (q.q) {
    // Ranked hits are paged by position: the rank has no key to continue from.
    // Checked first: a cursor this list never gave out is refused also when nothing matches.
    const offset = q.cursor ? Math.max(0, Number(decodeCursor(q.cursor, 1)[0]) || 0) : 0;
    const hits = await searchArticles(ctx.db, ctx.dialect, kbReader(ctx, ctx.actor), q.q, {
      limit: SEARCH_DEPTH,
      categoryId: q.categoryId,
    });
    if (hits.length === 0) return { items: [], nextCursor: null };
    const rank = new Map(hits.map((h, i) => [h.id, i]));
    const rows = (await query.where('kb_articles.id', 'in', [...rank.keys()]).execute()).sort(
      (a, b) => (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0),
    );
    const slice = rows.slice(offset, offset + q.limit);
    const more = rows.length > offset + q.limit;
    return {
      items: await presentSummaries(ctx.db, slice),
      nextCursor: more ? encodeCursor([offset + q.limit]) : null,
    };
  }
  const rows = await keysetPage(
    query,
    ['kb_articles.updated_at', 'kb_articles.id'],
    decodeKeyCursor(q.cursor),
    q.limit,
    'desc',
  ).execute();
  const page = toPage(
    rows,
    q.limit,
    (r) => r,
    (r) => [r.updated_at, r.id],
  );
  return { items: await presentSummaries(ctx.db, page.items), nextCursor: page.nextCursor };
}

export async function createKbArticle(ctx: ActorCtx, body: Body): Promise<KbArticle> {
  authorize(ctx.actor, 'kb.write');
  const row = await ctx.db.transaction().execute(async (trx) =>
    saveArticle(ctx, trx, {
      // Made from a ticket: one the author may see, or 404 as anywhere else.
      sourceTicketId:
        body.sourceTicketNumber === undefined
          ? null
          : (await requireVisibleTicket(ctx, trx, body.sourceTicketNumber)).id,
      prev: null,
      state: {
        title: body.title,
        body: body.body,
        slug: body.slug ?? null,
        categoryId: body.categoryId ?? null,
        status: body.status,
        visibility: body.visibility,
        audiences: body.audiences.map((a) => ({ kind: a.kind, refId: a.id })),
        tags: body.tags,
        ownerId: body.ownerId ?? null,
        reviewBy: body.reviewBy ?? null,
      },
      note: body.note ?? null,
      attachmentIds: body.attachmentIds,
    }),
  );
  return presentArticle(ctx.db, row);
}

/** A change made from `patch.version`; 409, changing nothing, when that is no longer current. */
export async function updateKbArticle(ctx: ActorCtx, id: string, patch: Patch): Promise<KbArticle> {
  authorize(ctx.actor, 'kb.write');
  const row = await ctx.db.transaction().execute(async (trx) => {
    const prev = await articleOr404(trx, ctx, id);
    // Stale before anything else: the author's first need is the current version, not a field error.
    if (Number(prev.version) !== patch.version) throw await conflict(trx, id);
    const old = await stateOf(trx, prev);
    const visibility = patch.visibility ?? old.visibility;
    const audiences = patch.audiences
      ? patch.audiences.map((a) => ({ kind: a.kind, refId: a.id }))
      : // Opened up (or closed) from a restricted article: the audiences it had no longer apply.
        visibility === 'restricted'
        ? old.audiences
        : [];
    return saveArticle(ctx, trx, {
      prev: { ...prev, version: patch.version },
      state: {
        title: patch.title ?? old.title,
        body: patch.body ?? old.body,
        slug: patch.slug ?? old.slug,
        categoryId: patch.categoryId === undefined ? old.categoryId : patch.categoryId,
        status: patch.status ?? old.status,
        visibility,
        audiences,
        tags: patch.tags ?? old.tags,
        ownerId: patch.ownerId === undefined ? old.ownerId : patch.ownerId,
        reviewBy: patch.reviewBy === undefined ? old.reviewBy : patch.reviewBy,
      },
      note: patch.note ?? null,
      attachmentIds: patch.attachmentIds,
    });
  });
  return presentArticle(ctx.db, row);
}

/** Deletes an article with its history and images; on the audit trail. */
export async function deleteKbArticle(ctx: ActorCtx, id: string): Promise<void> {
  authorize(ctx.actor, 'kb.delete');
  await ctx.db.transaction().execute(async (trx) => {
    const old = await articleOr404(trx, ctx, id);
    await releaseArticleImages(trx, id, nowIso(ctx));
    await deleteArticleRow(trx, id);
    await deleteVariantsOf(trx, 'kb_article', id);
    await audit(ctx, trx, {
      ...byActor(ctx),
      action: 'settings_changed',
      details: { area: 'kb-article', deleted: old.title, id: old.id, slug: old.slug, version: old.version },
    });
  });
}
