import { type RawBuilder, sql } from 'kysely';
import type { Dialect, Executor } from '../../db/database.js';

// Full-text search over subjects and messages: FTS5 on SQLite, tsvector + GIN on PostgreSQL.
// PostgreSQL keeps its index in generated columns, so only SQLite needs writes here.

export type SearchKind = 's' | 'p' | 'i';

export async function indexText(
  db: Executor,
  dialect: Dialect,
  ticketId: string,
  kind: SearchKind,
  text: string,
) {
  if (dialect !== 'sqlite') return;
  await db.insertInto('search_index').values({ text, ticket_id: ticketId, kind }).execute();
}

export async function reindexSubject(db: Executor, dialect: Dialect, ticketId: string, subject: string) {
  if (dialect !== 'sqlite') return;
  await sql`delete from search_index where ticket_id = ${ticketId} and kind = 's'`.execute(db);
  await indexText(db, dialect, ticketId, 's', subject);
}

export async function unindexTicket(db: Executor, dialect: Dialect, ticketId: string) {
  if (dialect !== 'sqlite') return;
  await sql`delete from search_index where ticket_id = ${ticketId}`.execute(db);
}

/** Words of a query, as the tokenizers see them; anything else (operators, quotes) is dropped. */
export function searchTerms(q: string): string[] {
  return (q.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 12);
}

const ftsMatch = (terms: string[]) => terms.map((t) => `"${t}"`).join(' ');
const kinds = (staff: boolean) => (staff ? sql`('s', 'p', 'i')` : sql`('s', 'p')`);

/** How many index entries match (SQLite), to choose between walking the hits and walking the queue. */
export async function countSearchHits(db: Executor, terms: string[], staff: boolean): Promise<number> {
  const { rows } = await sql<{
    n: number;
  }>`select count(*) as n from search_index where search_index match ${ftsMatch(terms)} and kind in ${kinds(staff)}`.execute(
    db,
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * A condition on `tickets.id`: every term appears in the subject or in one message the caller may
 * read. Internal notes count only for staff. `walkInOrder` (SQLite) keeps the planner on the
 * queue's order index and tests each ticket against the hits, for words found in many tickets.
 */
export function searchCondition(
  dialect: Dialect,
  terms: string[],
  staff: boolean,
  walkInOrder = false,
): RawBuilder<boolean> {
  if (dialect === 'sqlite') {
    const hits = sql`(select ticket_id from search_index where search_index match ${ftsMatch(terms)} and kind in ${kinds(staff)})`;
    return walkInOrder ? sql<boolean>`+tickets.id in ${hits}` : sql<boolean>`tickets.id in ${hits}`;
  }
  // One set of ids from both GIN indexes: the planner can start from the hits or from the queue.
  const query = sql`plainto_tsquery('simple', ${terms.join(' ')})`;
  const internal = staff ? sql`` : sql` and m.internal = 0`;
  return sql<boolean>`tickets.id in (select s.id from tickets s where s.subject_tsv @@ ${query} union all select m.ticket_id from messages m where m.body_tsv @@ ${query}${internal})`;
}
