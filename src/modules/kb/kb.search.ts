import { sql } from 'kysely';
import type { Dialect, Executor } from '../../db/database.js';
import type { KbArticleStatus, KbVisibility } from '../../db/schema.js';
import { escapeHtml } from '../../lib/html.js';
import { ftsMatch, searchTerms, tsQuery } from '../search/search.repository.js';
import { type KbReader, visibleArticles } from './kb.visibility.js';

// Full-text search over articles, in the reader's scope (kb.visibility.ts): FTS5 with bm25 on
// SQLite, the weighted tsvector with ts_rank on PostgreSQL. Title and tags weigh more than the
// body; the last word of a query is a prefix. The best page is chosen first, and only its
// snippets are made.

export type KbSearchRow = {
  id: string;
  slug: string;
  title: string;
  category_id: string | null;
  status: KbArticleStatus;
  visibility: KbVisibility;
  /** Safe HTML: an excerpt of the body with the matched words in <mark>. */
  snippet: string;
};

export type KbSearchOptions = {
  limit: number;
  /** Only this category and its sections. */
  categoryId?: string;
  /** Any of the words rather than all of them: suggestions from a subject someone is typing. */
  any?: boolean;
  /** Only published articles, also for staff (the agent's reply box, suggestions). */
  publishedOnly?: boolean;
};

// Words a subject is full of that say nothing about its topic; left out of "any word" queries.
const STOP_WORDS = new Set(
  `a an and are as at be but by can cannot could do does for from get got has have how i if in
  into is it its me my no not of on or our please so that the this to up was we what when where
  which who why will with you your hi hello help`.split(/\s+/),
);

const OPEN = '\u0001';
const CLOSE = '\u0002';
/**
 * An excerpt from the database as HTML: Markdown's emphasis, code and heading marks left
 * out (an excerpt is text, cut anywhere), the rest escaped, then the matches marked.
 */
const markUp = (s: string) =>
  escapeHtml(s.replace(/[\r\n]+/g, ' ').replace(/[*`#]+/g, ''))
    .replaceAll(OPEN, '<mark>')
    .replaceAll(CLOSE, '</mark>');

/** The terms of a query as searched: none when nothing is left to search for. */
export function kbTerms(q: string, any = false): string[] {
  const terms = searchTerms(q.toLowerCase());
  return any ? terms.filter((t) => !STOP_WORDS.has(t)) : terms;
}

export async function searchArticles(
  db: Executor,
  dialect: Dialect,
  reader: KbReader,
  q: string,
  opts: KbSearchOptions,
): Promise<KbSearchRow[]> {
  const terms = kbTerms(q, opts.any);
  if (terms.length === 0) return [];
  let query = visibleArticles(db, reader).select([
    'kb_articles.id',
    'kb_articles.slug',
    'kb_articles.title',
    'kb_articles.category_id',
    'kb_articles.status',
    'kb_articles.visibility',
  ]);
  if (opts.publishedOnly) query = query.where('kb_articles.status', '=', 'published');
  if (opts.categoryId) {
    const categoryId = opts.categoryId;
    query = query.where('kb_articles.category_id', 'in', (eb) =>
      eb
        .selectFrom('kb_categories')
        .select('kb_categories.id')
        .where((w) =>
          w.or([w('kb_categories.id', '=', categoryId), w('kb_categories.parent_id', '=', categoryId)]),
        ),
    );
  }
  if (dialect === 'sqlite') {
    const match = ftsMatch(terms, opts.any);
    const rows = await query
      .innerJoin(
        sql<{
          article_id: string;
          fts_rowid: number;
          rank: number;
        }>`(select article_id, rowid as fts_rowid, bm25(kb_fts, 0, 10, 8, 1) as rank from kb_fts where kb_fts match ${match})`.as(
          'f',
        ),
        (join) => join.onRef('f.article_id', '=', 'kb_articles.id'),
      )
      .select(['f.fts_rowid'])
      .orderBy('f.rank')
      .orderBy('kb_articles.id')
      .limit(opts.limit)
      .execute();
    if (rows.length === 0) return [];
    const { rows: snippets } = await sql<{
      article_id: string;
      s: string;
    }>`select article_id, snippet(kb_fts, 3, ${OPEN}, ${CLOSE}, '…', 24) as s from kb_fts
      where kb_fts match ${match} and rowid in (${sql.join(rows.map((r) => r.fts_rowid))})`.execute(db);
    const byId = new Map(snippets.map((s) => [s.article_id, s.s]));
    return rows.map(({ fts_rowid: _, ...r }) => ({ ...r, snippet: markUp(byId.get(r.id) ?? '') }));
  }
  const tsq = sql`to_tsquery('simple', tessera_fold(${tsQuery(terms, opts.any)}))`;
  const rows = await query
    .where(sql<boolean>`kb_articles.search_tsv @@ ${tsq}`)
    .orderBy(sql`ts_rank(kb_articles.search_tsv, ${tsq})`, 'desc')
    .orderBy('kb_articles.id')
    .limit(opts.limit)
    .execute();
  if (rows.length === 0) return [];
  // The excerpt is of the body as written, so its words are marked by the query as typed as well as
  // folded: "résumé" marks résumé (the folded form alone would match only resume).
  const marked = sql`(${tsq} || to_tsquery('simple', ${tsQuery(terms, true)}))`;
  const { rows: snippets } = await sql<{ id: string; s: string }>`select id, ts_headline('simple',
      body, ${marked}, ${`StartSel=${OPEN}, StopSel=${CLOSE}, MaxWords=30, MinWords=12, MaxFragments=1, FragmentDelimiter=…`}) as s
      from kb_articles where id in (${sql.join(rows.map((r) => r.id))})`.execute(db);
  const byId = new Map(snippets.map((s) => [s.id, s.s]));
  return rows.map((r) => ({ ...r, snippet: markUp(byId.get(r.id) ?? '') }));
}
