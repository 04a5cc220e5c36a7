import type { KbStatus, KbVisibility } from '../../../common/kb.js';
import type { ActorCtx } from '../../context.js';
import { nowIso } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { AppError, invalid, refusal } from '../../errors.js';
import { translate } from '../../i18n/index.js';
import { newId } from '../../lib/crypto.js';
import { SHARED_REFUSALS as SHARED } from '../reference-data/refusals.js';
import { queueArticlePublished } from './kb.articles.webhook.js';
import { KB_REFUSALS as REFUSED } from './kb.refusals.js';
import {
  type ArticleRow,
  type AudienceRef,
  articleImageIds,
  claimArticleImages,
  existingRefs,
  findArticle,
  findCategory,
  findUserRef,
  freeSlug,
  insertArticle,
  insertRevision,
  setAudiences,
  setTags,
  slugify,
  slugTaken,
  updateArticleAt,
} from './kb.repository.js';

// One save of an article, whatever made it (a new article, a change, a restore): the rules every
// version keeps, the row, its tags, audiences and images, a whole copy in kb_revisions, and the
// `kb.article_published` event when it becomes published. The caller owns the transaction.

/** Everything a version of an article is. */
export type ArticleState = {
  title: string;
  body: string;
  /** Made from the title when null. */
  slug: string | null;
  categoryId: string | null;
  status: KbStatus;
  visibility: KbVisibility;
  audiences: AudienceRef[];
  tags: string[];
  ownerId: string | null;
  reviewBy: string | null;
};

const realDay = (d: string) => {
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
};

async function check(trx: Executor, s: ArticleState) {
  if (s.categoryId && !(await findCategory(trx, s.categoryId)))
    throw invalid('categoryId', REFUSED.noSuchCategory);
  if (s.ownerId) {
    const owner = await findUserRef(trx, s.ownerId);
    if (!owner) throw invalid('ownerId', SHARED.noUser);
    if (owner.role === 'customer') throw invalid('ownerId', REFUSED.ownerNotStaff);
  }
  if (s.reviewBy && !realDay(s.reviewBy)) throw invalid('reviewBy', REFUSED.notADay);
  if (s.visibility !== 'restricted' && s.audiences.length > 0)
    throw invalid('audiences', REFUSED.audiencesUnrestricted);
  if (s.visibility === 'restricted' && s.audiences.length === 0)
    throw invalid('audiences', REFUSED.noAudience);
  for (const kind of ['organisation', 'plan'] as const) {
    const ids = s.audiences.filter((a) => a.kind === kind).map((a) => a.refId);
    const found = await existingRefs(trx, kind, ids);
    const missing = ids.find((id) => !found.has(id));
    if (missing) throw invalid('audiences', REFUSED.unknownAudience, { kind, id: missing });
  }
}

/** Dedupes tags and audiences the way they are stored. */
export const normalise = (s: ArticleState): ArticleState => ({
  ...s,
  tags: [...new Set(s.tags)].sort(),
  audiences: [...new Map(s.audiences.map((a) => [`${a.kind}:${a.refId}`, a])).values()],
});

/** The author's uploads become the article's inline images; those it has already stay. */
async function claimImages(ctx: ActorCtx, trx: Executor, articleId: string, ids: string[] | undefined) {
  const wanted = [...new Set(ids ?? [])];
  if (wanted.length === 0) return;
  const own = new Set(await articleImageIds(trx, articleId));
  const fresh = wanted.filter((id) => !own.has(id));
  const claimed = await claimArticleImages(trx, fresh, {
    uploaderId: ctx.actor.id,
    articleId,
    now: nowIso(ctx),
  });
  if (claimed !== fresh.length) throw invalid('attachmentIds', REFUSED.noAttachment);
}

export type Save = {
  /** The article as it is now; none for a new one. */
  prev: ArticleRow | null;
  state: ArticleState;
  note: string | null;
  attachmentIds?: string[];
  sourceTicketId?: string | null;
};

/** Writes the next version; 409 if `prev` is no longer the current one. Returns the saved row. */
export async function saveArticle(ctx: ActorCtx, trx: Executor, save: Save): Promise<ArticleRow> {
  const s = normalise(save.state);
  await check(trx, s);
  const { prev } = save;
  const id = prev?.id ?? newId();
  const slug = s.slug ?? prev?.slug ?? (await freeSlug(trx, 'kb_articles', slugify(s.title), id));
  if (slug !== prev?.slug && (await slugTaken(trx, 'kb_articles', slug, id)))
    throw refusal('conflict', REFUSED.articleSlugTaken, { slug });
  const now = nowIso(ctx);
  const becomesPublished = s.status === 'published' && prev?.status !== 'published';
  const fields = {
    slug,
    title: s.title,
    body: s.body,
    category_id: s.categoryId,
    status: s.status,
    visibility: s.visibility,
    keywords: s.tags.join(' '),
    owner_id: s.ownerId,
    review_by: s.reviewBy,
    published_at: prev?.published_at ?? (s.status === 'published' ? now : null),
    updated_by: ctx.actor.id,
    updated_at: now,
  };
  if (!prev) {
    await insertArticle(trx, {
      id,
      ...fields,
      version: 1,
      views: 0,
      helpful_yes: 0,
      helpful_no: 0,
      source_ticket_id: save.sourceTicketId ?? null,
      created_by: ctx.actor.id,
      created_at: now,
    });
  } else if (!(await updateArticleAt(trx, id, prev.version, fields))) {
    throw await conflict(trx, id);
  }
  await setTags(trx, id, s.tags);
  await setAudiences(trx, id, s.audiences);
  await claimImages(ctx, trx, id, save.attachmentIds);
  const row = await findArticle(trx, id);
  if (!row) throw new Error('saved article missing');
  await insertRevision(trx, {
    id: newId(),
    article_id: id,
    version: row.version,
    title: s.title,
    body: s.body,
    category_id: s.categoryId,
    status: s.status,
    visibility: s.visibility,
    tags: JSON.stringify(s.tags),
    audiences: JSON.stringify(s.audiences),
    author_id: ctx.actor.id,
    note: save.note,
    created_at: now,
  });
  if (becomesPublished) await queueArticlePublished(ctx, trx, row);
  return row;
}

/** The 409 of a change made from an older version: which version is current now. */
export async function conflict(trx: Executor, id: string): Promise<AppError> {
  const current = await findArticle(trx, id);
  const version = current ? Number(current.version) : null;
  const values = { version: String(version) };
  const err = new AppError('conflict', translate(undefined, REFUSED.changedMeanwhile, values), undefined, {
    currentVersion: version,
  });
  err.saying = { message: REFUSED.changedMeanwhile, values };
  return err;
}
