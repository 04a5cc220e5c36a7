import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../dialect.js';

// Frozen. A requester's name in Chinese, Japanese or Korean is found by a word inside it (太郎 finds
// 山田太郎's tickets), as subjects and messages are since 0041: the name and email are indexed as
// their CJK pairs too.
//
// PostgreSQL: users.search_tsv is rebuilt through tessera_cjk() (0041), as 0041 rebuilt subjects.
// SQLite: the requester triggers (0012) write the index through tessera_cjk(), the searchText
// function every connection registers (src/db/search-text.ts); the entries of tickets whose
// requester's name or email holds a character past ASCII are written again.

const PUNCTUATION = `!"#$%&'()*+,-./:;<=>?@[\\]^_\`{|}~`;
const SPACES = ' '.repeat(PUNCTUATION.length);
const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;
const SOURCE = "name || ' ' || email";
const folded0013 = `to_tsvector('simple', tessera_fold(translate(${SOURCE}, ${quote(PUNCTUATION)}, '${SPACES}')))`;
const folded0045 = (nfkc: boolean) =>
  `to_tsvector('simple', tessera_fold(tessera_cjk(translate(${nfkc ? `normalize(${SOURCE}, NFKC)` : SOURCE}, ${quote(PUNCTUATION)}, '${SPACES}'))))`;

const entry = (ticket: string) => `${ticket}.number * 4194304 + ${3 * 1048576}`;
const TRIGGERS = ['ticket_insert', 'ticket_update', 'user_update'] as const;

/** The three requester triggers of 0012, writing the index through `write` (an SQL function or none). */
const triggers = (write: (text: string) => string) => ({
  ticket_insert: `create trigger search_requester_on_ticket_insert after insert on tickets begin
    insert into search_fts (rowid, text)
      select ${entry('new')}, ${write("u.name || ' ' || u.email")} from users u where u.id = new.requester_id;
  end`,
  ticket_update: `create trigger search_requester_on_ticket_update after update of requester_id on tickets
    when old.requester_id is not new.requester_id begin
    delete from search_fts where rowid = ${entry('new')};
    insert into search_fts (rowid, text)
      select ${entry('new')}, ${write("u.name || ' ' || u.email")} from users u where u.id = new.requester_id;
  end`,
  user_update: `create trigger search_requester_on_user_update after update of name, email on users
    when old.name is not new.name or old.email is not new.email begin
    delete from search_fts where rowid in (select ${entry('t')} from tickets t where t.requester_id = new.id);
    insert into search_fts (rowid, text)
      select ${entry('t')}, ${write("new.name || ' ' || new.email")} from tickets t where t.requester_id = new.id;
  end`,
});

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  if (isPostgres(db)) {
    const { rows } = await sql<{
      utf8: boolean;
    }>`select current_setting('server_encoding') = 'UTF8' as utf8`.execute(db);
    await rebuildColumn(db, folded0045(Boolean(rows[0]?.utf8)));
    return;
  }
  await rewrite(db, (text) => `tessera_cjk(${text})`);
}

export async function down(db: AnyDb): Promise<void> {
  if (isPostgres(db)) {
    await rebuildColumn(db, folded0013);
    return;
  }
  await rewrite(db, (text) => text);
}

async function rebuildColumn(db: AnyDb, expr: string) {
  await sql`drop index users_search_tsv_idx`.execute(db);
  await sql`alter table users drop column search_tsv`.execute(db);
  await sql
    .raw(`alter table users add column search_tsv tsvector generated always as (${expr}) stored`)
    .execute(db);
  await sql`create index users_search_tsv_idx on users using gin (search_tsv)`.execute(db);
}

/** SQLite: the triggers written anew, and the entries of requesters whose text the writing changes. */
async function rewrite(db: AnyDb, write: (text: string) => string) {
  const ddl = triggers(write);
  for (const t of TRIGGERS) {
    await sql.raw(`drop trigger search_requester_on_${t}`).execute(db);
    await sql.raw(ddl[t]).execute(db);
  }
  // Text with a character past ASCII is longer in bytes than in characters; plain ASCII is what
  // either writing gives unchanged.
  const { rows } = await sql<{ id: number; text: string }>`
    select ${sql.raw(entry('t'))} as id, ${sql.raw(write("u.name || ' ' || u.email"))} as text
    from tickets t join users u on u.id = t.requester_id
    where length(u.name || u.email) <> length(cast(u.name || u.email as blob))`.execute(db);
  // One rowid a statement: FTS5 looks each up, where a list reads the whole table.
  for (const r of rows) {
    await sql`delete from search_fts where rowid = ${r.id}`.execute(db);
    await sql`insert into search_fts (rowid, text) values (${r.id}, ${r.text})`.execute(db);
  }
}
