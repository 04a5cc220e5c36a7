import { type RawBuilder, sql } from 'kysely';
import type { Dialect, Executor } from '../../db/database.js';
import { hasCjk, isCjk, searchText, wordTokens } from '../../db/search-text.js';

// Full-text search over subjects, messages and requesters: FTS5 on SQLite, tsvector + GIN on
// PostgreSQL. PostgreSQL keeps its index in generated columns, so only SQLite needs writes here;
// SQLite's requester entries are kept by triggers (migration 0012).

/** What an index entry holds: the subject, a public message, an internal note or the requester. */
export type SearchKind = 's' | 'p' | 'i' | 'r';
const KIND_CODE: Record<SearchKind, number> = { s: 0, p: 1, i: 2, r: 3 };

/**
 * SQLite's entries are keyed by the ticket: rowid = number × 2^22 + kind × 2^20 + seq, so a search
 * reads ticket numbers and kinds from the index alone (migration 0009). seq is 0 for the subject
 * and the message's place in its ticket (1, 2, …) for messages.
 */
export const searchRowid = (number: number, kind: SearchKind, seq: number) =>
  number * 4_194_304 + KIND_CODE[kind] * 1_048_576 + seq;
/** Messages past the millionth of one ticket are not indexed: their seq would not fit. */
const MAX_SEQ = 1_048_575;

async function insertEntry(db: Executor, number: number, kind: SearchKind, seq: number, text: string) {
  if (seq > MAX_SEQ) return;
  await sql`insert into search_fts (rowid, text) values (${searchRowid(number, kind, seq)}, ${searchText(text)})`.execute(
    db,
  );
}

/**
 * Drops the entries of a ticket's first `count` messages, public or internal, by their exact
 * rowids: a rowid range makes FTS5 read the whole contentless table (38 ms a ticket at 100,000
 * tickets), one rowid is a lookup. A message's seq is at most its ticket's number of messages.
 */
async function deleteMessageEntries(db: Executor, number: number, count: number) {
  for (let seq = 1; seq <= Math.min(count, MAX_SEQ); seq++) {
    await deleteEntry(db, searchRowid(number, 'p', seq));
    await deleteEntry(db, searchRowid(number, 'i', seq));
  }
}
const deleteEntry = (db: Executor, rowid: number) =>
  sql`delete from search_fts where rowid = ${rowid}`.execute(db);

async function messageCount(db: Executor, ticketId: string) {
  const { n } = await db
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ticket_id', '=', ticketId)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** Indexes a message just written (it is counted among its ticket's messages already). */
export async function indexMessage(
  db: Executor,
  dialect: Dialect,
  ticket: { id: string; number: number },
  internal: boolean,
  text: string,
) {
  if (dialect !== 'sqlite') return;
  await insertEntry(db, ticket.number, internal ? 'i' : 'p', await messageCount(db, ticket.id), text);
}

/** Indexes a ticket's message as its `seq`-th (1, 2, …), for writers that know the place already. */
export async function indexMessageAt(
  db: Executor,
  dialect: Dialect,
  number: number,
  internal: boolean,
  seq: number,
  text: string,
) {
  if (dialect === 'sqlite') await insertEntry(db, number, internal ? 'i' : 'p', seq, text);
}

/** Indexes a ticket's subject, replacing the one indexed before. */
export async function indexSubject(db: Executor, dialect: Dialect, number: number, subject: string) {
  if (dialect !== 'sqlite') return;
  await deleteEntry(db, searchRowid(number, 's', 0));
  await insertEntry(db, number, 's', 0, subject);
}

/**
 * Indexes a ticket's conversation again from its messages, oldest first: after a merge brought
 * another ticket's messages to it (its entries then are fewer than its messages). Its subject
 * entry stays.
 */
export async function reindexMessages(
  db: Executor,
  dialect: Dialect,
  ticket: { id: string; number: number },
) {
  if (dialect !== 'sqlite') return;
  const messages = await db
    .selectFrom('messages')
    .select(['body', 'internal'])
    .where('ticket_id', '=', ticket.id)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  await deleteMessageEntries(db, ticket.number, messages.length);
  let seq = 0;
  for (const m of messages) await insertEntry(db, ticket.number, m.internal ? 'i' : 'p', ++seq, m.body);
}

/**
 * Drops a ticket's entries: all of them, or with `subjectToo` false only its messages'. Called
 * while the ticket still has its messages, whose number says which entries there are.
 */
export async function unindexTicket(
  db: Executor,
  dialect: Dialect,
  ticket: { id: string; number: number },
  subjectToo = true,
) {
  if (dialect !== 'sqlite') return;
  await deleteMessageEntries(db, ticket.number, await messageCount(db, ticket.id));
  if (!subjectToo) return;
  await deleteEntry(db, searchRowid(ticket.number, 's', 0));
  await deleteEntry(db, searchRowid(ticket.number, 'r', 0));
}

/** Words of a query, as the tokenizers see them; anything else (operators, quotes) is dropped. */
export function searchTerms(q: string): string[] {
  return (q.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 12);
}

/**
 * The last word is matched as a prefix (`invoic` finds invoice) when it has at least this many
 * characters: a query typed so far ends in a word not finished yet. Shorter prefixes would match
 * a large part of the index.
 */
const MIN_PREFIX = 3;
const isPrefix = (terms: string[], i: number) =>
  i === terms.length - 1 && [...terms[i]!].length >= MIN_PREFIX;

/** A query of one number (`29`, `#29`) also finds the ticket with that number. */
function ticketNumber(terms: string[]): number | null {
  if (terms.length !== 1 || !/^[0-9]{1,9}$/.test(terms[0]!)) return null;
  const n = Number(terms[0]);
  return n > 0 ? n : null;
}

/** An FTS5 query: every term (or, with `any`, one of them), the last as a prefix. */
export const ftsMatch = (terms: string[], any = false) =>
  terms.map((t, i) => (isPrefix(terms, i) ? `"${t}"*` : `"${t}"`)).join(any ? ' OR ' : ' ');
/** The same query for PostgreSQL: terms hold letters and digits only, so quoting them is safe. */
export const tsQuery = (terms: string[], any = false) =>
  terms.map((t, i) => (isPrefix(terms, i) ? `'${t}':*` : `'${t}'`)).join(any ? ' | ' : ' & ');

/**
 * A ticket search's terms as the index holds them (db/search-text.ts): a word with CJK in it is the
 * phrase of its tokens, its pairs in order; or, as a prefix, the word whole, as entries written
 * before pairs (and requesters' names, indexed by triggers as they are) hold it. A single CJK
 * character is a prefix wherever it stands: the index has it only inside pairs.
 */
type TermQuery = { tokens: { text: string; prefix: boolean }[]; whole: string | null };
function termQueries(terms: string[]): TermQuery[] {
  return terms.map((t, i) => {
    if (!hasCjk(t)) return { tokens: [{ text: t, prefix: isPrefix(terms, i) }], whole: null };
    const tokens = wordTokens(t);
    const last = (j: number) => i === terms.length - 1 && j === tokens.length - 1;
    const whole = t.normalize('NFKC');
    return {
      tokens: tokens.map((x, j) => ({
        text: x,
        prefix: isCjk(x) ? [...x].length === 1 : last(j) && [...x].length >= MIN_PREFIX,
      })),
      // A lone character is a prefix already.
      whole: tokens.length === 1 && [...whole].length === 1 ? null : whole,
    };
  });
}
/** FTS5: `"a" + "b"*` is a phrase, the last token a prefix. */
const ftsTerm = ({ tokens, whole }: TermQuery) => {
  const phrase = tokens.map((x) => `"${x.text}"${x.prefix ? '*' : ''}`).join(' + ');
  return whole === null ? phrase : `(${phrase} OR "${whole}"*)`;
};
/** PostgreSQL: `'a' <-> 'b':*`, the same phrase. */
const tsTerm = ({ tokens, whole }: TermQuery) => {
  const phrase = tokens.map((x) => `'${x.text}'${x.prefix ? ':*' : ''}`).join(' <-> ');
  return whole === null ? phrase : `(${phrase} | '${whole}':*)`;
};
/** The ticket search's FTS5 query: every term (AND: FTS5 reads no implicit AND after a group). */
export const ticketFtsMatch = (terms: string[]) => termQueries(terms).map(ftsTerm).join(' AND ');
/** The ticket search's PostgreSQL query: every term. */
export const ticketTsQuery = (terms: string[]) => termQueries(terms).map(tsTerm).join(' & ');
/** Kinds a reader may match, from the rowid: internal notes (2) only for staff. */
const readable = (staff: boolean) => (staff ? sql`` : sql` and (search_fts.rowid >> 20) & 3 <> 2`);

/**
 * About how many index entries match, to choose between walking the hits and walking the queue.
 * SQLite counts them in its FTS index. PostgreSQL cannot count GIN hits without reading every
 * matching row, which is the cost being avoided, so it asks its planner, whose estimate of a
 * tsquery comes from the column's word statistics (the most common words and how often they are
 * found): close for frequent words, which are the ones that matter here, and small for rare ones.
 */
export async function countSearchHits(
  db: Executor,
  dialect: Dialect,
  terms: string[],
  staff: boolean,
  /** Counting stops here (SQLite): the caller only asks whether there are more. */
  upTo: number,
): Promise<number> {
  if (dialect === 'sqlite') {
    const { rows } = await sql<{
      n: number;
    }>`select count(*) as n from (select 1 from search_fts where search_fts match ${ticketFtsMatch(terms)}${readable(staff)} limit ${upTo})`.execute(
      db,
    );
    return Number(rows[0]?.n ?? 0);
  }
  // Subjects too: a word found in many subjects and few messages is as frequent for the walk.
  const estimate = async (from: RawBuilder<unknown>) => {
    const { rows } = await sql<{
      'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }];
    }>`explain (format json) select 1 from ${from}`.execute(db);
    return Number(rows[0]?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? 0);
  };
  const hits = async (t: string[]) => {
    const query = pgQuery(t);
    return (
      (await estimate(sql`messages m where m.body_tsv @@ ${query}`)) +
      (await estimate(sql`tickets s where s.subject_tsv @@ ${query}`))
    );
  };
  // The planner takes a phrase's words as independent, and a CJK word's pairs are anything but:
  // its estimate for ログイン (three pairs) is a thousandth of the truth. A word is found at most as
  // often as its rarest pair, so each CJK word is estimated by that pair (of its first few).
  const estimated: string[] = [];
  for (const t of terms) {
    if (!hasCjk(t)) {
      estimated.push(t);
      continue;
    }
    let rarest: [string, number] | null = null;
    for (const pair of wordTokens(t).slice(0, 6)) {
      const n = await hits([pair]);
      if (!rarest || n < rarest[1]) rarest = [pair, n];
    }
    estimated.push(rarest?.[0] ?? t);
  }
  return hits(estimated);
}

/** tessera_fold (migration 0013) folds diacritics as SQLite's tokenizer does, in the index and here. */
const pgQuery = (terms: string[]) => sql`to_tsquery('simple', tessera_fold(${ticketTsQuery(terms)}))`;

/**
 * A condition on the ticket: every term appears in the subject, in one message the caller may
 * read or in the requester's name and email; or the query is the ticket's number. Internal notes
 * count only for staff. `walkInOrder` keeps the planner on the queue's order index and tests each
 * ticket as it comes, for words found in many tickets: the first page is then found after reading
 * about a page's worth of hits, where starting from the hits reads and sorts every one of them.
 */
export function searchCondition(
  dialect: Dialect,
  terms: string[],
  staff: boolean,
  walkInOrder = false,
): RawBuilder<boolean> {
  const number = ticketNumber(terms);
  if (dialect === 'sqlite') {
    const byNumber = number === null ? sql`` : sql` union all select ${number}`;
    const hits = sql`(select search_fts.rowid >> 22 from search_fts where search_fts match ${ticketFtsMatch(terms)}${readable(staff)}${byNumber})`;
    return walkInOrder ? sql<boolean>`+tickets.number in ${hits}` : sql<boolean>`tickets.number in ${hits}`;
  }
  const query = pgQuery(terms);
  const internal = staff ? sql`` : sql` and m.internal = 0`;
  if (walkInOrder) {
    // Each ticket met in the queue's order is tested where it stands: its subject, its messages
    // (through their ticket index), its requester among the few users that match. The messages'
    // test is a scalar subquery, not EXISTS: PostgreSQL would hash an EXISTS under OR, reading
    // every matching message first, which is the very cost this walk avoids.
    const byNumberOr = number === null ? sql`` : sql` or tickets.number = ${number}`;
    return sql<boolean>`(tickets.subject_tsv @@ ${query}
    or (select true from messages m where m.ticket_id = tickets.id and m.body_tsv @@ ${query}${internal} limit 1)
    or tickets.requester_id in (select u.id from users u where u.search_tsv @@ ${query})${byNumberOr})`;
  }
  // One set of ids from the GIN indexes, for words found in few tickets.
  const byNumber =
    number === null ? sql`` : sql` union all select n.id from tickets n where n.number = ${number}`;
  return sql<boolean>`tickets.id in (select s.id from tickets s where s.subject_tsv @@ ${query}
    union all select m.ticket_id from messages m where m.body_tsv @@ ${query}${internal}
    union all select r.id from tickets r where r.requester_id in (select u.id from users u where u.search_tsv @@ ${query})${byNumber})`;
}
