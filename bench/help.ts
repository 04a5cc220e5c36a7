// The help centre's data for the search scenarios: categories with sections and N articles of
// Zipf-distributed words, written straight to the database in batches (the search index follows
// by itself: SQLite's triggers, PostgreSQL's generated column). Most articles are public and
// published; some are for signed-in customers, some for the bench customer's organisation or
// another one, some staff-only, drafts or archived, so the reader's scope has work to do.

import type { Insertable, Kysely } from 'kysely';
import type { DB, KbArticleStatus, KbVisibility } from '../src/db/schema.js';
import { newId } from '../src/lib/crypto.js';
import { pick, randInt, rng, text, vocabulary, weighted, ZipfSampler } from './words.js';

export const HELP_ARTICLES = 10_000;
const BATCH = 400;
const CATEGORIES = 8;
const SECTIONS = 4;

export type HelpSeed = {
  articles: number;
  /** A word in about 1% of the articles, and how many hold it. */
  word: { word: string; articles: number };
  seconds: number;
};

const VISIBILITIES: KbVisibility[] = ['public', 'signed_in', 'restricted', 'staff'];
const STATUSES: KbArticleStatus[] = ['published', 'draft', 'archived'];

export async function seedHelpCentre(
  db: Kysely<DB>,
  n: number,
  opts: { seed: number; organisationId: string | null },
): Promise<HelpSeed> {
  const started = performance.now();
  const r = rng(opts.seed + 101);
  const words = vocabulary();
  const zipf = new ZipfSampler(words.length);
  const at = new Date().toISOString();
  const stamps = { created_at: at, updated_at: at };
  const sections: string[] = [];
  const categories = [];
  for (let c = 0; c < CATEGORIES; c++) {
    const id = newId();
    categories.push({
      id,
      parent_id: null,
      name: `Topic ${c + 1}`,
      slug: `bench-topic-${c + 1}`,
      position: c,
    });
    for (let s = 0; s < SECTIONS; s++) {
      const sid = newId();
      sections.push(sid);
      categories.push({
        id: sid,
        parent_id: id,
        name: `Section ${c + 1}.${s + 1}`,
        slug: `bench-section-${c + 1}-${s + 1}`,
        position: s,
      });
    }
  }
  await db
    .insertInto('kb_categories')
    .values(categories.map((c) => ({ ...c, description: null, ...stamps })))
    .execute();

  const inArticles = new Uint32Array(words.length);
  const other = newId();
  for (let from = 0; from < n; from += BATCH) {
    const articles: Insertable<DB['kb_articles']>[] = [];
    const tags: { article_id: string; tag: string }[] = [];
    const audiences: { article_id: string; kind: 'organisation'; ref_id: string }[] = [];
    for (let i = from; i < Math.min(n, from + BATCH); i++) {
      const id = newId();
      const seen = new Set<number>();
      const title = text(r, words, zipf, randInt(r, 3, 8), (w) => seen.add(w));
      const body = text(r, words, zipf, randInt(r, 80, 300), (w) => seen.add(w));
      for (const w of seen) inArticles[w]! += 1;
      const own = [...new Set(Array.from({ length: randInt(r, 0, 3) }, () => words[zipf.draw(r)]!))];
      const visibility = weighted(r, VISIBILITIES, [70, 15, 10, 5]);
      const status = weighted(r, STATUSES, [90, 7, 3]);
      for (const tag of own) tags.push({ article_id: id, tag });
      if (visibility === 'restricted')
        audiences.push({
          article_id: id,
          kind: 'organisation',
          ref_id: r() < 0.5 && opts.organisationId ? opts.organisationId : other,
        });
      articles.push({
        id,
        category_id: pick(r, sections),
        slug: `bench-article-${i + 1}`,
        title,
        body,
        status,
        visibility,
        keywords: own.join(' '),
        owner_id: null,
        review_by: null,
        version: 1,
        published_at: status === 'published' ? at : null,
        views: randInt(r, 0, 5000),
        helpful_yes: 0,
        helpful_no: 0,
        source_ticket_id: null,
        created_by: null,
        updated_by: null,
        ...stamps,
      });
    }
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('kb_articles').values(articles).execute();
      if (tags.length > 0) await trx.insertInto('kb_article_tags').values(tags).execute();
      if (audiences.length > 0) await trx.insertInto('kb_article_audiences').values(audiences).execute();
    });
  }
  // The word closest to 1% of the articles: a query with a page of answers to rank and cut.
  let best = 0;
  const target = Math.max(3, n / 100);
  for (let i = 1; i < words.length; i++)
    if (Math.abs(inArticles[i]! - target) < Math.abs(inArticles[best]! - target)) best = i;
  return {
    articles: n,
    word: { word: words[best]!, articles: inArticles[best]! },
    seconds: (performance.now() - started) / 1000,
  };
}
