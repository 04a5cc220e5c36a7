import { type ExpressionBuilder, sql } from 'kysely';
import type { Dialect, Executor } from '../../db/database.js';
import type { DB } from '../../db/schema.js';

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

/**
 * A condition on `tickets.id`: every term appears in the subject or in one message the caller may
 * read. Internal notes count only for staff.
 */
export function matchesSearch(
  eb: ExpressionBuilder<DB, 'tickets'>,
  dialect: Dialect,
  terms: string[],
  staff: boolean,
) {
  if (dialect === 'sqlite') {
    const match = terms.map((t) => `"${t}"`).join(' ');
    const kinds = staff ? sql`('s', 'p', 'i')` : sql`('s', 'p')`;
    return eb(
      'tickets.id',
      'in',
      sql<string>`(select ticket_id from search_index where search_index match ${match} and kind in ${kinds})`,
    );
  }
  const query = sql`plainto_tsquery('simple', ${terms.join(' ')})`;
  const internal = staff ? sql`` : sql` and m.internal = 0`;
  return eb.or([
    sql<boolean>`tickets.subject_tsv @@ ${query}`,
    eb(
      'tickets.id',
      'in',
      sql<string>`(select m.ticket_id from messages m where m.body_tsv @@ ${query}${internal})`,
    ),
  ]);
}
