import type { Actor, Ctx } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { refusal } from '../../errors.js';
import {
  countView,
  flipVote,
  helpfulCounts,
  insertVote,
  moveHelpful,
  publishedFor,
  readableById,
  voteOf,
} from './kb.read.repository.js';
import { KB_REFUSALS as REFUSED } from './kb.refusals.js';
import { bumpStat } from './kb.stats.js';
import { isKbStaff, type KbReader, kbReader } from './kb.visibility.js';

// "Was this helpful?" and view counting. A voter is `u:<user id>` or `a:<hash of an anonymous
// visitor's cookie>`; each has one vote per article, which they may change. The article's
// counters and the per-day helpful/unhelpful stats always add up to the votes as they stand: a
// changed vote moves one count from the day the old answer was counted to today's other metric.

export type VoteResult = { helpfulYes: number; helpfulNo: number; mine: boolean };

/** Which article: by id (the API) or by slug (the help centre's form). */
export type ArticleKey = { id: string } | { slug: string };

const lookup = async (db: Executor, reader: KbReader, key: ArticleKey) =>
  'id' in key
    ? readableById(db, reader, key.id)
    : publishedFor(db, reader)
        .select(['kb_articles.id', 'kb_articles.slug', 'kb_articles.title'])
        .where('kb_articles.slug', '=', key.slug)
        .executeTakeFirst();

type Counts = { helpful_yes: number; helpful_no: number };

/** Records `voter`'s answer and returns the article's counters as they then stand. */
async function applyVote(trx: Executor, articleId: string, voter: string, helpful: boolean, at: Date) {
  const iso = at.toISOString();
  const metric = helpful ? 'helpful' : 'unhelpful';
  let before = await voteOf(trx, articleId, voter);
  if (!before) {
    if (await insertVote(trx, articleId, voter, helpful, iso)) {
      await bumpStat(trx, [articleId], metric, at);
      return moveHelpful(trx, articleId, helpful ? 1 : 0, helpful ? 0 : 1);
    }
    // The same voter's other request voted first: this one is a change of that vote, if any.
    before = await voteOf(trx, articleId, voter);
  }
  if (!before || (before.helpful === 1) === helpful) return helpfulCounts(trx, articleId);
  if (!(await flipVote(trx, articleId, voter, helpful, iso))) return helpfulCounts(trx, articleId);
  await bumpStat(trx, [articleId], metric, at);
  await bumpStat(trx, [articleId], helpful ? 'unhelpful' : 'helpful', new Date(before.updated_at), -1);
  return moveHelpful(trx, articleId, helpful ? 1 : -1, helpful ? -1 : 1);
}

export async function voteOnArticle(
  ctx: Ctx,
  who: Actor | null,
  key: ArticleKey,
  voter: string,
  helpful: boolean,
): Promise<VoteResult & { slug: string }> {
  return ctx.db.transaction().execute(async (trx) => {
    const article = await lookup(trx, kbReader(ctx, who), key);
    if (!article) throw refusal('not_found', REFUSED.noArticle);
    const c: Counts = await applyVote(trx, article.id, voter, helpful, ctx.clock());
    return { slug: article.slug, helpfulYes: c.helpful_yes, helpfulNo: c.helpful_no, mine: helpful };
  });
}

/**
 * Who has read what lately, so a reload or a quick return is not counted again. Kept in memory
 * per process: a view counted twice across processes, or after a restart, is harmless, and
 * nothing else needs it.
 */
export type ViewMemory = { seen(key: string, now: number): boolean };

export function viewMemory(windowMs = 30 * 60_000, max = 100_000): ViewMemory {
  const until = new Map<string, number>();
  return {
    seen(key, now) {
      const t = until.get(key);
      if (t !== undefined && t > now) return true;
      until.delete(key);
      if (until.size >= max) {
        // Oldest first (insertion order): drop a tenth rather than one at a time.
        let drop = Math.ceil(max / 10);
        for (const k of until.keys()) {
          if (drop-- <= 0) break;
          until.delete(k);
        }
      }
      until.set(key, now + windowMs);
      return false;
    },
  };
}

/** Counts a view of an article a customer or visitor opened; staff reading it are not counted. */
export async function recordView(
  ctx: Ctx,
  who: Actor | null,
  articleId: string,
  visitor: string,
  memory: ViewMemory,
) {
  const reader = kbReader(ctx, who);
  if (isKbStaff(reader)) return;
  const at = ctx.clock();
  if (memory.seen(`${visitor}|${articleId}`, at.getTime())) return;
  await ctx.db.transaction().execute(async (trx) => {
    await countView(trx, articleId);
    await bumpStat(trx, [articleId], 'view', at);
  });
}
