import type { Executor } from '../../db/database.js';
import type { KbTicketLinkTable } from '../../db/schema.js';
import { type KbReader, visibleArticles } from './kb.visibility.js';

// Suggestions' counters and the uses of articles on tickets, in SQL.

/** Of `ids`, those `reader` may read (in the one visibility rule). */
export async function readableArticleIds(db: Executor, reader: KbReader, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const rows = await visibleArticles(db, reader)
    .select('kb_articles.id')
    .where('kb_articles.id', 'in', [...new Set(ids)])
    .execute();
  return rows.map((r) => r.id);
}

/** Links an article to a ticket once; true when this call made the link. */
export async function insertTicketLink(db: Executor, row: KbTicketLinkTable): Promise<boolean> {
  const res = await db
    .insertInto('kb_ticket_links')
    .values(row)
    .onConflict((oc) => oc.columns(['ticket_id', 'article_id']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** The articles linked to a ticket, oldest link first, each with its number of tickets. */
export function ticketLinks(db: Executor, ticketId: string) {
  return db
    .selectFrom('kb_ticket_links as l')
    .innerJoin('kb_articles as a', 'a.id', 'l.article_id')
    .leftJoin('users as u', 'u.id', 'l.user_id')
    .select((eb) => [
      'a.id',
      'a.slug',
      'a.title',
      'a.status',
      'l.created_at',
      'u.id as user_id',
      'u.name as user_name',
      eb
        .selectFrom('kb_ticket_links as all_links')
        .select((c) => c.fn.countAll<number | string>().as('n'))
        .whereRef('all_links.article_id', '=', 'a.id')
        .as('uses'),
    ])
    .where('l.ticket_id', '=', ticketId)
    .orderBy('l.created_at')
    .orderBy('a.id')
    .execute();
}
