import type { Executor } from '../../db/database.js';
import type { KbArticleTable } from '../../db/schema.js';
import { type KbReader, visibleArticles } from './kb.visibility.js';

// Lookups of articles and what they name: the staff list, the presenter, the webhook payload
// and who may see an article's images.

/** The article, if `reader` may read it. */
export const findVisibleArticle = (db: Executor, reader: KbReader, id: string) =>
  visibleArticles(db, reader).selectAll('kb_articles').where('kb_articles.id', '=', id).executeTakeFirst();

export type Named = { id: string; name: string };
export type CategoryRef = { id: string; name: string; slug: string; parent_id: string | null };

export async function categoriesById(db: Executor, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((i): i is string => i !== null))];
  const map = new Map<string, CategoryRef>();
  if (wanted.length === 0) return map;
  const rows = await db
    .selectFrom('kb_categories as c')
    .leftJoin('kb_categories as p', 'p.id', 'c.parent_id')
    .select(['c.id', 'c.name', 'c.slug', 'c.parent_id', 'p.name as p_name', 'p.slug as p_slug'])
    .where('c.id', 'in', wanted)
    .execute();
  for (const r of rows) {
    map.set(r.id, r);
    if (r.parent_id && r.p_name !== null && r.p_slug !== null)
      map.set(r.parent_id, { id: r.parent_id, name: r.p_name, slug: r.p_slug, parent_id: null });
  }
  return map;
}

export async function usersById(db: Executor, ids: (string | null)[]): Promise<Map<string, Named>> {
  const wanted = [...new Set(ids.filter((i): i is string => i !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** An article with its category's name, as a webhook payload shows it. */
export const findWebhookArticle = (db: Executor, articleId: string) =>
  db
    .selectFrom('kb_articles')
    .leftJoin('kb_categories', 'kb_categories.id', 'kb_articles.category_id')
    .select([
      'kb_articles.id',
      'kb_articles.slug',
      'kb_articles.title',
      'kb_articles.visibility',
      'kb_articles.version',
      'kb_articles.published_at',
      'kb_articles.status',
      'kb_categories.id as category_id',
      'kb_categories.name as category_name',
    ])
    .where('kb_articles.id', '=', articleId)
    .executeTakeFirst();

export type ArticleFilters = {
  categoryId?: string;
  status?: KbArticleTable['status'];
  tag?: string;
  reviewDue?: 'true' | 'false';
};

/** The articles `reader` may read that match the list's filters; a category includes its sections. */
export function articleListQuery(db: Executor, reader: KbReader, f: ArticleFilters, today: string) {
  let query = visibleArticles(db, reader).selectAll('kb_articles');
  const { categoryId, tag } = f;
  if (categoryId)
    query = query.where('kb_articles.category_id', 'in', (eb) =>
      eb
        .selectFrom('kb_categories')
        .select('kb_categories.id')
        .where((w) =>
          w.or([w('kb_categories.id', '=', categoryId), w('kb_categories.parent_id', '=', categoryId)]),
        ),
    );
  if (f.status) query = query.where('kb_articles.status', '=', f.status);
  if (tag)
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('kb_article_tags')
          .select('kb_article_tags.tag')
          .whereRef('kb_article_tags.article_id', '=', 'kb_articles.id')
          .where('kb_article_tags.tag', '=', tag),
      ),
    );
  if (f.reviewDue === 'true')
    query = query.where('kb_articles.status', '=', 'published').where('kb_articles.review_by', '<=', today);
  if (f.reviewDue === 'false')
    query = query.where((eb) =>
      eb.or([
        eb('kb_articles.status', '!=', 'published'),
        eb('kb_articles.review_by', 'is', null),
        eb('kb_articles.review_by', '>', today),
      ]),
    );
  return query;
}
