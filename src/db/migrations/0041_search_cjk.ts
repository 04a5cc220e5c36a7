import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../dialect.js';

// Frozen. Search finds Chinese, Japanese and Korean words inside text written without spaces:
// runs of Han, Hiragana, Katakana and Hangul are indexed as their overlapping pairs of characters
// ("東京都庁" → "東京 京都 都庁"), and a query of such a run is the phrase of its pairs. Text is
// NFKC-normalised first, as queries are (half-width ｶﾅ and full-width ＡＢＣ as ｶﾅ's and ABC's
// usual forms).
//
// PostgreSQL: tessera_cjk() writes the pairs, and the tsvector columns of subjects and messages
// are rebuilt through it (the same rewrite as 0012 and 0013; in the migration's transaction, so
// a failure leaves the old columns), then analysed. Requesters' names stay as they were: a query also matches a
// run whole as a prefix, which finds them (and is how SQLite's triggers index them).
//
// SQLite: the application writes the pairs into search_fts; here the entries of every ticket whose
// subject or messages hold a character the new writing changes are written again, the others are
// already what the new writing would give. A ticket's message entries are rewritten in the order
// the application's reindex uses (created_at, id).

/** The ranges written as pairs, as src/modules/search/search.text.ts had them. */
const CJK =
  '\u1100-\u11ff\u3005-\u3007\u303b\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff' +
  '\u3131-\u318e\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7a3\ud7b0-\ud7ff' +
  '\uf900-\ufaff\uff66-\uff9f\u{20000}-\u{2fa1f}\u{30000}-\u{323af}';
/** What makes a text's entries change: those ranges, and the half- and full-width forms NFKC maps. */
const CHANGED = `${CJK}\uff01-\uffee`;
const CJK_RUN = new RegExp(`[${CJK}]+`, 'gu');

function searchText(text: string): string {
  return text.normalize('NFKC').replace(CJK_RUN, (run) => {
    const c = [...run];
    return c.length < 2
      ? ` ${run} `
      : ` ${c
          .slice(1)
          .map((x, i) => c[i] + x)
          .join(' ')} `;
  });
}

const PUNCTUATION = `!"#$%&'()*+,-./:;<=>?@[\\]^_\`{|}~`;
const SPACES = ' '.repeat(PUNCTUATION.length);
const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;
const folded0013 = (column: string) =>
  `to_tsvector('simple', tessera_fold(translate(${column}, ${quote(PUNCTUATION)}, '${SPACES}')))`;
const folded0041 = (nfkc: boolean) => (column: string) =>
  `to_tsvector('simple', tessera_fold(tessera_cjk(translate(${nfkc ? `normalize(${column}, NFKC)` : column}, ${quote(PUNCTUATION)}, '${SPACES}'))))`;

const COLUMNS = [
  ['tickets', 'subject_tsv', 'subject', 'tickets_subject_tsv_idx'],
  ['messages', 'body_tsv', 'body', 'messages_body_tsv_idx'],
] as const;

/** SQLite rowids, as 0009 defined them. */
const rowid = (number: number, kind: number, seq: number) => number * 4194304 + kind * 1048576 + seq;
const BATCH = 500;
const MAX_SEQ = 1048575;

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    const run = `[${CJK}]`;
    await sql
      .raw(
        `create function tessera_cjk(t text) returns text language sql immutable parallel safe as $$
        select case when t !~ ${quote(run)} then t else (
          select string_agg(r.m[1] || ' ' || (
              select coalesce(string_agg(substr(r.m[2], i, 2), ' ' order by i), '')
              from generate_series(1, greatest(char_length(r.m[2]) - 1, 1)) i) || ' ', '' order by r.n)
          from regexp_matches(t, ${quote(`([^${CJK}]*)(${run}*)`)}, 'g') with ordinality r(m, n)) end
        $$`,
      )
      .execute(db);
    // normalize() needs a UTF-8 database; others keep their text as it is.
    const { rows } = await sql<{
      utf8: boolean;
    }>`select current_setting('server_encoding') = 'UTF8' as utf8`.execute(db);
    await rebuildColumns(db, folded0041(Boolean(rows[0]?.utf8)));
    // New columns have no statistics until autovacuum comes by, and the search's choice of plan
    // reads them (a rare word's search took 1.2 s instead of 8 ms at 100,000 tickets without).
    await sql`analyze tickets`.execute(db);
    await sql`analyze messages`.execute(db);
    return;
  }
  await rewriteEntries(db, searchText);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await rebuildColumns(db, folded0013);
    await sql`drop function tessera_cjk(text)`.execute(db);
    return;
  }
  await rewriteEntries(db, (text) => text);
}

/** SQLite: writes again the subject and message entries of the tickets whose text the change affects. */
// biome-ignore lint/suspicious/noExplicitAny: see up()
async function rewriteEntries(db: Kysely<any>, write: (text: string) => string) {
  // Text with a character past ASCII (its length in bytes exceeds its length in characters, which
  // SQLite tells without reading the text) is tested here; most text is plain ASCII and skipped.
  const changed = new RegExp(`[${CHANGED}]`, 'u');
  const wide = (column: string) =>
    sql<boolean>`length(${sql.ref(column)}) <> length(cast(${sql.ref(column)} as blob))`;
  const ids = new Set<string>();
  for await (const t of db
    .selectFrom('tickets')
    .select(['id', 'subject'])
    .where(wide('subject'))
    .stream(1000))
    if (changed.test(t.subject)) ids.add(t.id);
  for await (const m of db
    .selectFrom('messages')
    .select(['ticket_id', 'body'])
    .where(wide('body'))
    .stream(1000))
    if (changed.test(m.body)) ids.add(m.ticket_id);
  const all = [...ids];
  for (let b = 0; b < all.length; b += BATCH) {
    const { rows: batch } = await sql<{ id: string; number: number; subject: string }>`
      select id, number, subject from tickets where id in (${sql.join(all.slice(b, b + BATCH))})`.execute(db);
    const { rows: messages } = await sql<{ ticket_id: string; body: string; internal: number }>`
      select ticket_id, body, internal from messages
      where ticket_id in (${sql.join(batch.map((t) => t.id))})
      order by ticket_id, created_at, id`.execute(db);
    const byTicket = new Map<string, typeof messages>();
    for (const m of messages) byTicket.set(m.ticket_id, [...(byTicket.get(m.ticket_id) ?? []), m]);
    for (const t of batch) {
      await sql`delete from search_fts where rowid = ${rowid(t.number, 0, 0)}`.execute(db);
      await sql`insert into search_fts (rowid, text) values (${rowid(t.number, 0, 0)}, ${write(t.subject)})`.execute(
        db,
      );
      const own = byTicket.get(t.id) ?? [];
      for (let seq = 1; seq <= Math.min(own.length, MAX_SEQ); seq++) {
        // One rowid a statement: FTS5 looks each up, where a list or a range reads the whole table.
        await sql`delete from search_fts where rowid = ${rowid(t.number, 1, seq)}`.execute(db);
        await sql`delete from search_fts where rowid = ${rowid(t.number, 2, seq)}`.execute(db);
        const m = own[seq - 1]!;
        await sql`insert into search_fts (rowid, text) values (${rowid(t.number, m.internal ? 2 : 1, seq)}, ${write(m.body)})`.execute(
          db,
        );
      }
    }
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
async function rebuildColumns(db: Kysely<any>, expr: (column: string) => string) {
  for (const [table, column, source, index] of COLUMNS) {
    await sql.raw(`drop index ${index}`).execute(db);
    await sql.raw(`alter table ${table} drop column ${column}`).execute(db);
    await sql
      .raw(`alter table ${table} add column ${column} tsvector generated always as (${expr(source)}) stored`)
      .execute(db);
    await sql.raw(`create index ${index} on ${table} using gin (${column})`).execute(db);
  }
}
