import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../dialect.js';
import {
  addColumns,
  cascadeRef,
  createIndex,
  createTable,
  id,
  integerDefault,
  ref,
  requiredInteger,
  requiredText,
  text,
  textDefault,
  timestamps,
  uniqueText,
} from './columns.js';

// Frozen. The knowledge base.
// - `kb_categories`: two levels, a category (no parent) and its sections.
// - `kb_articles`: one article in a category or section; its body is Markdown as in replies.
//   `visibility` is public, signed_in (any signed-in customer), restricted (the organisations and
//   plans in `kb_article_audiences`) or staff. `keywords` holds its tags, space-joined, for search.
// - `kb_revisions`: every saved version, whole, so any can be shown, compared and restored.
// - `kb_votes`: one "Was this helpful?" answer per voter (a user or an anonymous visitor's key).
// - `kb_article_stats`: counters per article, day and metric (views, suggested, clicked,
//   deflected, helpful, unhelpful, used), upserted, which the reports sum.
// - `kb_ticket_links`: an article an agent inserted into a reply on a ticket.
// Search: an FTS5 table kept by SQL triggers on SQLite; a weighted generated tsvector (title and
// keywords above body, folded like ticket search) with a GIN index on PostgreSQL.

const PUNCTUATION = `!"#$%&'()*+,-./:;<=>?@[\\]^_\`{|}~`;
const SPACES = ' '.repeat(PUNCTUATION.length);
const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;
const folded = (column: string, weight: 'A' | 'B') =>
  `setweight(to_tsvector('simple', tessera_fold(translate(coalesce(${column}, ''), ${quote(PUNCTUATION)}, '${SPACES}'))), '${weight}')`;

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await createTable(db, 'kb_categories', {
    id,
    parent_id: ref('kb_categories.id'),
    name: requiredText,
    slug: uniqueText,
    description: text,
    position: integerDefault(0),
    ...timestamps,
  });
  await createIndex(db, 'kb_categories_parent', 'kb_categories', ['parent_id', 'position']);

  await createTable(db, 'kb_articles', {
    id,
    category_id: ref('kb_categories.id'),
    slug: uniqueText,
    title: requiredText,
    body: requiredText,
    status: textDefault('draft'),
    visibility: textDefault('staff'),
    keywords: textDefault(''),
    owner_id: ref('users.id', { onDelete: 'set null' }),
    review_by: text,
    version: integerDefault(1),
    published_at: text,
    views: integerDefault(0),
    helpful_yes: integerDefault(0),
    helpful_no: integerDefault(0),
    source_ticket_id: ref('tickets.id', { onDelete: 'set null' }),
    created_by: ref('users.id', { onDelete: 'set null' }),
    updated_by: ref('users.id', { onDelete: 'set null' }),
    ...timestamps,
  });
  await createIndex(db, 'kb_articles_category', 'kb_articles', ['category_id', 'status']);
  await createIndex(db, 'kb_articles_status_views', 'kb_articles', ['status', 'views']);
  await createIndex(db, 'kb_articles_updated', 'kb_articles', ['updated_at', 'id']);

  await createTable(
    db,
    'kb_article_audiences',
    { article_id: cascadeRef('kb_articles.id'), kind: requiredText, ref_id: requiredText },
    (t) => t.addPrimaryKeyConstraint('kb_article_audiences_pk', ['article_id', 'kind', 'ref_id']),
  );
  await createIndex(db, 'kb_article_audiences_ref', 'kb_article_audiences', ['kind', 'ref_id']);

  await createTable(
    db,
    'kb_article_tags',
    { article_id: cascadeRef('kb_articles.id'), tag: requiredText },
    (t) => t.addPrimaryKeyConstraint('kb_article_tags_pk', ['article_id', 'tag']),
  );
  await createIndex(db, 'kb_article_tags_tag', 'kb_article_tags', ['tag']);

  await createTable(
    db,
    'kb_revisions',
    {
      id,
      article_id: cascadeRef('kb_articles.id'),
      version: requiredInteger,
      title: requiredText,
      body: requiredText,
      category_id: text,
      status: requiredText,
      visibility: requiredText,
      /** The tags and audiences of that version, as JSON lists. */
      tags: textDefault('[]'),
      audiences: textDefault('[]'),
      author_id: ref('users.id', { onDelete: 'set null' }),
      /** What the author said of the change, or what made it (`restored from 3`). */
      note: text,
      created_at: requiredText,
    },
    (t) => t.addUniqueConstraint('kb_revisions_version', ['article_id', 'version']),
  );

  await createTable(
    db,
    'kb_votes',
    {
      article_id: cascadeRef('kb_articles.id'),
      voter: requiredText,
      helpful: requiredInteger,
      ...timestamps,
    },
    (t) => t.addPrimaryKeyConstraint('kb_votes_pk', ['article_id', 'voter']),
  );

  await createTable(
    db,
    'kb_article_stats',
    {
      article_id: cascadeRef('kb_articles.id'),
      day: requiredText,
      metric: requiredText,
      n: integerDefault(0),
    },
    (t) => t.addPrimaryKeyConstraint('kb_article_stats_pk', ['article_id', 'day', 'metric']),
  );
  await createIndex(db, 'kb_article_stats_day', 'kb_article_stats', ['day', 'metric']);

  await createTable(
    db,
    'kb_ticket_links',
    {
      ticket_id: cascadeRef('tickets.id'),
      article_id: cascadeRef('kb_articles.id'),
      user_id: ref('users.id', { onDelete: 'set null' }),
      created_at: requiredText,
    },
    (t) => t.addPrimaryKeyConstraint('kb_ticket_links_pk', ['ticket_id', 'article_id']),
  );
  await createIndex(db, 'kb_ticket_links_article', 'kb_ticket_links', ['article_id']);

  // An inline image of an article: its attachment is the article's, and shown to whoever sees it.
  await addColumns(db, 'attachments', { article_id: ref('kb_articles.id', { onDelete: 'cascade' }) });
  await createIndex(db, 'attachments_article', 'attachments', ['article_id']);

  if (isPostgres(db)) {
    await sql
      .raw(
        `alter table kb_articles add column search_tsv tsvector generated always as (${folded('title', 'A')} || ${folded('keywords', 'A')} || ${folded('body', 'B')}) stored`,
      )
      .execute(db);
    await sql`create index kb_articles_search_tsv_idx on kb_articles using gin (search_tsv)`.execute(db);
    return;
  }
  await sql`create virtual table kb_fts using fts5(article_id unindexed, title, keywords, body, tokenize = 'unicode61 remove_diacritics 2')`.execute(
    db,
  );
  await sql`create trigger kb_fts_insert after insert on kb_articles begin
    insert into kb_fts (article_id, title, keywords, body) values (new.id, new.title, new.keywords, new.body);
  end`.execute(db);
  await sql`create trigger kb_fts_update after update of title, keywords, body on kb_articles begin
    delete from kb_fts where article_id = old.id;
    insert into kb_fts (article_id, title, keywords, body) values (new.id, new.title, new.keywords, new.body);
  end`.execute(db);
  await sql`create trigger kb_fts_delete after delete on kb_articles begin
    delete from kb_fts where article_id = old.id;
  end`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up
export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) {
    for (const t of ['kb_fts_insert', 'kb_fts_update', 'kb_fts_delete'])
      await sql`drop trigger ${sql.raw(t)}`.execute(db);
    await sql`drop table kb_fts`.execute(db);
  }
  await db.schema.dropIndex('attachments_article').execute();
  await db.schema.alterTable('attachments').dropColumn('article_id').execute();
  for (const t of [
    'kb_ticket_links',
    'kb_article_stats',
    'kb_votes',
    'kb_revisions',
    'kb_article_tags',
    'kb_article_audiences',
    'kb_articles',
    'kb_categories',
  ])
    await db.schema.dropTable(t).execute();
}
