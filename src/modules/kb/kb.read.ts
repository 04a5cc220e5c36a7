import type { KbCategory, KbHit, KbReaderArticle } from '../../../common/kb.js';
import type { Actor, Ctx } from '../../context.js';
import { refusal } from '../../errors.js';
import { renderHtml } from '../../lib/format.js';
import { type Variants, variantsFor } from '../languages/variants.js';
import {
  type ArticleLine,
  allCategories,
  articlesIn,
  type CategoryRow,
  categoryBySlug,
  popularArticles,
  publicArticles,
  readableBySlug,
  readableCounts,
  sameCategory,
  sharedTags,
  voteOf,
} from './kb.read.repository.js';
import { KB_REFUSALS as REFUSED } from './kb.refusals.js';
import { articleImageIds, tagsOf } from './kb.repository.js';
import { searchArticles } from './kb.search.js';
import { type KbReader, kbReader } from './kb.visibility.js';

// The help centre's reading, for anyone: signed-in staff and customers (each in their scope) and
// anonymous visitors. Only published articles; a category without an article the reader may
// read is not shown to them either, since its name alone may say more than it should.

const RELATED = 5;
const POPULAR = 5;
/** The most a sitemap file may list. */
const SITEMAP_MAX = 50_000;

export type CategoryRef = { id: string; name: string; slug: string };
const refOf = (c: CategoryRow): CategoryRef => ({ id: c.id, name: c.name, slug: c.slug });

// Articles are read in the reader's language where an administrator translated them (one query
// for all the articles of a page); search still finds them by the words they were written in.
const titled = <T extends { id: string; title: string }>(v: Variants, lines: T[]): T[] =>
  lines.map((l) => ({ ...l, title: v.text(l.id, 'title', l.title) }));

/** Every category in the reader's language where an administrator translated it (one query at most). */
async function readerCategories(ctx: Ctx, who: Actor | null): Promise<CategoryRow[]> {
  const [rows, v] = await Promise.all([allCategories(ctx.db), variantsFor(ctx.db, who, 'kb_category', null)]);
  if (!v.any) return rows;
  return rows.map((c) => ({
    ...c,
    name: v.text(c.id, 'name', c.name),
    description: c.description === null ? null : v.text(c.id, 'description', c.description),
  }));
}

/** The category tree as the reader sees it: counts of what they may read, empty ones left out. */
async function readableTree(ctx: Ctx, reader: KbReader, who: Actor | null) {
  const [categories, counts] = await Promise.all([
    readerCategories(ctx, who),
    readableCounts(ctx.db, reader),
  ]);
  const byId = new Map(categories.map((c) => [c.id, c]));
  const total = new Map<string, number>();
  for (const c of categories) {
    const n = counts.get(c.id) ?? 0;
    total.set(c.id, (total.get(c.id) ?? 0) + n);
    if (c.parent_id) total.set(c.parent_id, (total.get(c.parent_id) ?? 0) + n);
  }
  const shown = categories.filter((c) => (total.get(c.id) ?? 0) > 0);
  return { byId, shown, total };
}

export async function helpCategories(ctx: Ctx, who: Actor | null): Promise<KbCategory[]> {
  const reader = kbReader(ctx, who);
  const { shown, total } = await readableTree(ctx, reader, who);
  return shown.map((c) => ({
    id: c.id,
    parentId: c.parent_id,
    name: c.name,
    slug: c.slug,
    description: c.description,
    position: c.position,
    articles: total.get(c.id) ?? 0,
  }));
}

export type HelpSection = { section: CategoryRow; articles: ArticleLine[] };
export type HelpCategoryView = {
  category: CategoryRow;
  parent: CategoryRow | null;
  /** Articles directly in it. */
  articles: ArticleLine[];
  sections: HelpSection[];
};

/** Categories with their sections and articles, as the reader may read them. */
async function assemble(ctx: Ctx, reader: KbReader, roots: CategoryRow[], shown: CategoryRow[]) {
  const ids = [
    ...roots.map((r) => r.id),
    ...shown.filter((c) => roots.some((r) => r.id === c.parent_id)).map((c) => c.id),
  ];
  const lines = await articlesIn(ctx.db, reader, ids);
  const of = (id: string) => lines.filter((l) => l.category_id === id).map(({ category_id: _, ...l }) => l);
  return roots.map((category) => ({
    category,
    articles: of(category.id),
    sections: shown
      .filter((s) => s.parent_id === category.id)
      .map((section) => ({ section, articles: of(section.id) })),
  }));
}

/** The home page: every category with its sections and articles, and the most read articles. */
export async function helpHome(ctx: Ctx, who: Actor | null) {
  const reader = kbReader(ctx, who);
  const { shown } = await readableTree(ctx, reader, who);
  const [categories, popular] = await Promise.all([
    assemble(
      ctx,
      reader,
      shown.filter((c) => c.parent_id === null),
      shown,
    ),
    popularArticles(ctx.db, reader, POPULAR),
  ]);
  const shownPopular = popular.filter((p) => p.views > 0);
  const lines = [...categories.flatMap(linesOf), ...shownPopular];
  const v = await variantsFor(
    ctx.db,
    who,
    'kb_article',
    lines.map((l) => l.id),
  );
  return { categories: categories.map((c) => translatedView(v, c)), popular: titled(v, shownPopular) };
}

/** A category or a section page; not found when the reader may read nothing in it. */
export async function helpCategory(ctx: Ctx, who: Actor | null, slug: string): Promise<HelpCategoryView> {
  const reader = kbReader(ctx, who);
  const row = await categoryBySlug(ctx.db, slug);
  const { byId, shown } = await readableTree(ctx, reader, who);
  if (!row || !shown.some((c) => c.id === row.id)) throw refusal('not_found', REFUSED.noCategory);
  const [view] = await assemble(ctx, reader, [byId.get(row.id) ?? row], shown);
  const parent = row.parent_id ? (byId.get(row.parent_id) ?? null) : null;
  const assembled = view as Omit<HelpCategoryView, 'parent'>;
  const v = await variantsFor(
    ctx.db,
    who,
    'kb_article',
    linesOf(assembled).map((l) => l.id),
  );
  return { ...translatedView(v, assembled), parent };
}

type Assembled = Omit<HelpCategoryView, 'parent'>;
const linesOf = (c: Assembled) => [...c.articles, ...c.sections.flatMap((s) => s.articles)];
const translatedView = (v: Variants, c: Assembled): Assembled => ({
  ...c,
  articles: titled(v, c.articles),
  sections: c.sections.map((s) => ({ ...s, articles: titled(v, s.articles) })),
});

/** An article by its slug, in the reader's shape; `voter` finds their own vote. */
export async function readArticle(
  ctx: Ctx,
  who: Actor | null,
  slug: string,
  voter: string | null,
): Promise<KbReaderArticle> {
  const reader = kbReader(ctx, who);
  const row = await readableBySlug(ctx.db, reader, slug);
  if (!row) throw refusal('not_found', REFUSED.noArticle);
  const [tags, images, categories, mine, near] = await Promise.all([
    tagsOf(ctx.db, [row.id]).then((tags) => tags.get(row.id) ?? []),
    articleImageIds(ctx.db, row.id),
    row.category_id ? readerCategories(ctx, who) : Promise.resolve([]),
    voter ? voteOf(ctx.db, row.id, voter) : Promise.resolve(undefined),
    sameCategory(ctx.db, reader, row, RELATED),
  ]);
  const more =
    near.length < RELATED && tags.length > 0
      ? await sharedTags(
          ctx.db,
          reader,
          row.id,
          near.map((n) => n.id),
          RELATED - near.length,
        )
      : [];
  const category = categories.find((c) => c.id === row.category_id) ?? null;
  const parent = category?.parent_id ? (categories.find((c) => c.id === category.parent_id) ?? null) : null;
  const related = [...near, ...more];
  const v = await variantsFor(ctx.db, who, 'kb_article', [row.id, ...related.map((r) => r.id)]);
  return {
    id: row.id,
    slug: row.slug,
    title: v.text(row.id, 'title', row.title),
    html: renderHtml(v.text(row.id, 'body', row.body), 'markdown', { images }),
    category: category ? refOf(category) : null,
    parentCategory: parent ? refOf(parent) : null,
    tags,
    updatedAt: row.updated_at,
    helpfulYes: row.helpful_yes,
    helpfulNo: row.helpful_no,
    myVote: mine ? mine.helpful === 1 : null,
    related: titled(v, related).map((r) => ({ id: r.id, slug: r.slug, title: r.title })),
  };
}

/** Full-text search of the help centre: published articles in the reader's scope. */
export async function searchHelp(
  ctx: Ctx,
  who: Actor | null,
  query: { q: string; limit: number; categoryId?: string },
): Promise<KbHit[]> {
  const reader = kbReader(ctx, who);
  const [hits, categories] = await Promise.all([
    searchArticles(ctx.db, ctx.dialect, reader, query.q, {
      limit: query.limit,
      categoryId: query.categoryId,
      publishedOnly: true,
    }),
    readerCategories(ctx, who),
  ]);
  const byId = new Map(categories.map((c) => [c.id, c]));
  const v = await variantsFor(
    ctx.db,
    who,
    'kb_article',
    hits.map((h) => h.id),
  );
  return hits.map((h) => {
    const category = h.category_id ? byId.get(h.category_id) : undefined;
    return {
      id: h.id,
      slug: h.slug,
      title: v.text(h.id, 'title', h.title),
      snippet: h.snippet,
      category: category ? refOf(category) : null,
      status: h.status,
      visibility: h.visibility,
    };
  });
}

/** What search engines may list: public published articles and the categories holding them. */
export async function sitemapEntries(ctx: Ctx) {
  const [articles, home] = await Promise.all([
    publicArticles(ctx.db, SITEMAP_MAX),
    helpCategories(ctx, null),
  ]);
  return { articles, categories: home.map((c) => c.slug) };
}
