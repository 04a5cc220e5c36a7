import type { Executor } from '../../db/database.js';
import { type KbReader, visibleArticles } from './kb.visibility.js';

// Lookups of articles and what they name, for the staff presenter and the webhook payload.

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

export const ticketNumberOf = async (db: Executor, ticketId: string) => {
  const t = await db.selectFrom('tickets').select('number').where('id', '=', ticketId).executeTakeFirst();
  return t ? Number(t.number) : null;
};

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
      'kb_categories.id as category_id',
      'kb_categories.name as category_name',
    ])
    .where('kb_articles.id', '=', articleId)
    .executeTakeFirst();
