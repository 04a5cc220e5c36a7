import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../dialect.js';

// Frozen. Search finds a ticket by its requester's name and email, and finds codes such as
// INV-2024-001 or E-42 by their parts on both engines.
//
// SQLite: each ticket gets one more entry in search_fts, kind 3 (rowid number × 2^22 + 3 × 2^20),
// holding its requester's name and email. Triggers keep it current when a ticket is created, when
// its requester changes and when that person's name or email changes.
//
// PostgreSQL: its parser keeps "INV-2024-001" whole and reads "-2024" as a signed number, so a
// search for the parts found nothing. The tsvector columns are rebuilt from text whose ASCII
// punctuation is turned into spaces, which splits words as SQLite's unicode61 tokenizer does;
// users get a tsvector of name and email for the requester search.

const PUNCTUATION = `!"#$%&'()*+,-./:;<=>?@[\\]^_\`{|}~`;
const SPACES = ' '.repeat(PUNCTUATION.length);
const words = (column: string) =>
  sql.raw(`to_tsvector('simple', translate(${column}, ${quote(PUNCTUATION)}, '${SPACES}'))`);
const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

const REQUESTER_KIND = 3 * 1048576;
const entry = (ticket: string) => `${ticket}.number * 4194304 + ${REQUESTER_KIND}`;

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await rebuildColumns(db, (c) => words(c));
    await sql`alter table users add column search_tsv tsvector generated always as (${words("name || ' ' || email")}) stored`.execute(
      db,
    );
    await sql`create index users_search_tsv_idx on users using gin (search_tsv)`.execute(db);
    return;
  }
  await sql`insert into search_fts (rowid, text)
    select ${sql.raw(entry('t'))}, u.name || ' ' || u.email from tickets t join users u on u.id = t.requester_id`.execute(
    db,
  );
  await sql
    .raw(`create trigger search_requester_on_ticket_insert after insert on tickets begin
    insert into search_fts (rowid, text)
      select ${entry('new')}, u.name || ' ' || u.email from users u where u.id = new.requester_id;
  end`)
    .execute(db);
  await sql
    .raw(`create trigger search_requester_on_ticket_update after update of requester_id on tickets
    when old.requester_id is not new.requester_id begin
    delete from search_fts where rowid = ${entry('new')};
    insert into search_fts (rowid, text)
      select ${entry('new')}, u.name || ' ' || u.email from users u where u.id = new.requester_id;
  end`)
    .execute(db);
  await sql
    .raw(`create trigger search_requester_on_user_update after update of name, email on users
    when old.name is not new.name or old.email is not new.email begin
    delete from search_fts where rowid in (select ${entry('t')} from tickets t where t.requester_id = new.id);
    insert into search_fts (rowid, text)
      select ${entry('t')}, new.name || ' ' || new.email from tickets t where t.requester_id = new.id;
  end`)
    .execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop index users_search_tsv_idx`.execute(db);
    await sql`alter table users drop column search_tsv`.execute(db);
    await rebuildColumns(db, (c) => sql.raw(`to_tsvector('simple', ${c})`));
    return;
  }
  for (const t of ['ticket_insert', 'ticket_update', 'user_update']) {
    await sql.raw(`drop trigger search_requester_on_${t}`).execute(db);
  }
  await sql`delete from search_fts where rowid in (select ${sql.raw(entry('t'))} from tickets t)`.execute(db);
}

/** Replaces the generated tsvector columns of tickets and messages (and their GIN indexes). */
// biome-ignore lint/suspicious/noExplicitAny: see up()
async function rebuildColumns(db: Kysely<any>, expr: (column: string) => ReturnType<typeof sql.raw>) {
  for (const [table, column, source, index] of [
    ['tickets', 'subject_tsv', 'subject', 'tickets_subject_tsv_idx'],
    ['messages', 'body_tsv', 'body', 'messages_body_tsv_idx'],
  ] as const) {
    await sql.raw(`drop index ${index}`).execute(db);
    await sql.raw(`alter table ${table} drop column ${column}`).execute(db);
    await sql`alter table ${sql.raw(table)} add column ${sql.raw(column)} tsvector generated always as (${expr(source)}) stored`.execute(
      db,
    );
    await sql.raw(`create index ${index} on ${table} using gin (${column})`).execute(db);
  }
}
