import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { KbCategoryTable } from '../../db/schema.js';
import { type KbReader, VISITOR, visibleArticles } from './kb.visibility.js';

// What the help centre reads: only published articles, and only those in the reader's scope
// (kb.visibility.ts). Staff read every visibility here too, but never drafts or archived ones:
// the help centre shows what is out.

export const publishedFor = (db: Executor, reader: KbReader) =>
  visibleArticles(db, reader).where('kb_articles.status', '=', 'published');

export type CategoryRow = Omit<KbCategoryTable, 'created_at' | 'updated_at'>;

const CATEGORY_COLUMNS = ['id', 'parent_id', 'name', 'slug', 'description', 'position'] as const;

export const allCategories = (db: Executor): Promise<CategoryRow[]> =>
  db
    .selectFrom('kb_categories')
    .select(CATEGORY_COLUMNS)
    .orderBy('position')
    .orderBy('name')
    .orderBy('id')
    .execute();

/** How many readable articles each category or section holds directly. */
export async function readableCounts(db: Executor, reader: KbReader): Promise<Map<string, number>> {
  const rows = await publishedFor(db, reader)
    .where('kb_articles.category_id', 'is not', null)
    .select(['kb_articles.category_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('kb_articles.category_id')
    .execute();
  return new Map(rows.map((r) => [r.category_id as string, Number(r.n)]));
}

export const categoryBySlug = (db: Executor, slug: string) =>
  db.selectFrom('kb_categories').select(CATEGORY_COLUMNS).where('slug', '=', slug).executeTakeFirst();

export const ARTICLE_LINE = ['kb_articles.id', 'kb_articles.slug', 'kb_articles.title'] as const;
export type ArticleLine = { id: string; slug: string; title: string };

/** The readable articles of some categories, for the help centre's lists. */
export const articlesIn = (db: Executor, reader: KbReader, categoryIds: string[]) =>
  categoryIds.length === 0
    ? Promise.resolve([])
    : publishedFor(db, reader)
        .select([...ARTICLE_LINE, 'kb_articles.category_id'])
        .where('kb_articles.category_id', 'in', categoryIds)
        .orderBy('kb_articles.title')
        .orderBy('kb_articles.id')
        .execute();

export const popularArticles = (db: Executor, reader: KbReader, limit: number) =>
  publishedFor(db, reader)
    .select([...ARTICLE_LINE, 'kb_articles.views'])
    .orderBy('kb_articles.views', 'desc')
    .orderBy('kb_articles.id')
    .limit(limit)
    .execute();

export const readableBySlug = (db: Executor, reader: KbReader, slug: string) =>
  publishedFor(db, reader)
    .select([
      ...ARTICLE_LINE,
      'kb_articles.body',
      'kb_articles.category_id',
      'kb_articles.helpful_yes',
      'kb_articles.helpful_no',
      'kb_articles.updated_at',
    ])
    .where('kb_articles.slug', '=', slug)
    .executeTakeFirst();

export const readableById = (db: Executor, reader: KbReader, id: string) =>
  publishedFor(db, reader).select(ARTICLE_LINE).where('kb_articles.id', '=', id).executeTakeFirst();

/** Readable articles of the same category, most read first. */
export const sameCategory = (
  db: Executor,
  reader: KbReader,
  article: { id: string; category_id: string | null },
  limit: number,
) =>
  article.category_id === null
    ? Promise.resolve([])
    : publishedFor(db, reader)
        .select(ARTICLE_LINE)
        .where('kb_articles.category_id', '=', article.category_id)
        .where('kb_articles.id', '!=', article.id)
        .orderBy('kb_articles.views', 'desc')
        .orderBy('kb_articles.id')
        .limit(limit)
        .execute();

/** Readable articles sharing tags with `articleId`, those sharing most first. */
export const sharedTags = (
  db: Executor,
  reader: KbReader,
  articleId: string,
  exclude: string[],
  limit: number,
) =>
  publishedFor(db, reader)
    .innerJoin('kb_article_tags as t', 't.article_id', 'kb_articles.id')
    .select([...ARTICLE_LINE, (eb) => eb.fn.countAll<number>().as('shared')])
    .where('t.tag', 'in', (eb) =>
      eb.selectFrom('kb_article_tags').select('tag').where('article_id', '=', articleId),
    )
    .where('kb_articles.id', 'not in', [articleId, ...exclude])
    .groupBy(['kb_articles.id', 'kb_articles.slug', 'kb_articles.title', 'kb_articles.views'])
    .orderBy('shared', 'desc')
    .orderBy('kb_articles.views', 'desc')
    .orderBy('kb_articles.id')
    .limit(limit)
    .execute();

/** Public published articles, for the sitemap. */
export const publicArticles = (db: Executor, limit: number) =>
  publishedFor(db, VISITOR)
    .select(['kb_articles.slug', 'kb_articles.updated_at'])
    .orderBy('kb_articles.updated_at', 'desc')
    .limit(limit)
    .execute();

export const countView = async (db: Executor, articleId: string) => {
  await db.updateTable('kb_articles').set({ views: sql`views + 1` }).where('id', '=', articleId).execute();
};

// ---- votes ----

export const voteOf = (db: Executor, articleId: string, voter: string) =>
  db
    .selectFrom('kb_votes')
    .select(['helpful', 'updated_at'])
    .where('article_id', '=', articleId)
    .where('voter', '=', voter)
    .executeTakeFirst();

/** Records a first vote; false when the voter had already voted (a race lost to themselves). */
export async function insertVote(
  db: Executor,
  articleId: string,
  voter: string,
  helpful: boolean,
  at: string,
) {
  const r = await db
    .insertInto('kb_votes')
    .values({ article_id: articleId, voter, helpful: helpful ? 1 : 0, created_at: at, updated_at: at })
    .onConflict((oc) => oc.columns(['article_id', 'voter']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Changes a vote from `!helpful` to `helpful`; false when it was not that (someone else changed it). */
export async function flipVote(db: Executor, articleId: string, voter: string, helpful: boolean, at: string) {
  const r = await db
    .updateTable('kb_votes')
    .set({ helpful: helpful ? 1 : 0, updated_at: at })
    .where('article_id', '=', articleId)
    .where('voter', '=', voter)
    .where('helpful', '=', helpful ? 0 : 1)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Moves the article's counters: `yes` and `no` are +1, -1 or 0. */
export async function moveHelpful(db: Executor, articleId: string, yes: number, no: number) {
  await db
    .updateTable('kb_articles')
    .set({ helpful_yes: sql`helpful_yes + ${yes}`, helpful_no: sql`helpful_no + ${no}` })
    .where('id', '=', articleId)
    .execute();
  return db
    .selectFrom('kb_articles')
    .select(['helpful_yes', 'helpful_no'])
    .where('id', '=', articleId)
    .executeTakeFirstOrThrow();
}

export const helpfulCounts = (db: Executor, articleId: string) =>
  db
    .selectFrom('kb_articles')
    .select(['helpful_yes', 'helpful_no'])
    .where('id', '=', articleId)
    .executeTakeFirstOrThrow();
