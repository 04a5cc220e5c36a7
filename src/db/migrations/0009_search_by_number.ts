import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../dialect.js';

// Frozen. SQLite's search index keyed by the ticket: each entry's rowid is
// number × 2^22 + kind × 2^20 + seq (kind 0 subject, 1 public message, 2 internal note; seq 0 for
// the subject, 1, 2, … for messages). A search then reads ticket numbers and kinds from the index
// alone, instead of looking up a ticket id for every hit. Contentless: the text lives in tickets
// and messages already. PostgreSQL searches its own tsvector columns and has nothing to do here.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return;
  await sql`create virtual table search_fts using fts5(text, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2')`.execute(
    db,
  );
  await sql`insert into search_fts (rowid, text)
    select t.number * 4194304
           + (case s.kind when 's' then 0 when 'p' then 1 else 2 end) * 1048576
           + (case s.kind when 's' then 0
                else row_number() over (partition by s.ticket_id, s.kind = 's' order by s.rowid) end),
           s.text
    from search_index s join tickets t on t.id = s.ticket_id`.execute(db);
  await sql`drop table search_index`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return;
  await sql`create virtual table search_index using fts5(text, ticket_id unindexed, kind unindexed, tokenize = 'unicode61 remove_diacritics 2')`.execute(
    db,
  );
  await sql`insert into search_index (text, ticket_id, kind) select subject, id, 's' from tickets`.execute(
    db,
  );
  await sql`insert into search_index (text, ticket_id, kind)
    select body, ticket_id, case internal when 1 then 'i' else 'p' end from messages order by created_at, id`.execute(
    db,
  );
  await sql`drop table search_fts`.execute(db);
}
