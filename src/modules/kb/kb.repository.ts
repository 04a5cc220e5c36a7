import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { KbArticleTable, KbAudienceKind, KbCategoryTable, KbRevisionTable } from '../../db/schema.js';
import { refusal } from '../../errors.js';
import { KB_REFUSALS as REFUSED } from './kb.refusals.js';

// The knowledge base's tables for its authors: categories, articles with their tags, audiences
// and inline images, and the revisions every save writes.

export type CategoryRow = KbCategoryTable;
export type ArticleRow = KbArticleTable;
export type RevisionRow = KbRevisionTable;
export type AudienceRef = { kind: KbAudienceKind; refId: string };

/** `Reset your Password!` → `reset-your-password`: the words of a name, as in a URL. */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100)
    .replace(/-+$/, '');
  return slug || 'untitled';
}

/** `base`, or `base-2`, `base-3`…: the first free slug of the table (a row keeps its own). */
export async function freeSlug(
  db: Executor,
  table: 'kb_categories' | 'kb_articles',
  base: string,
  ownId?: string,
): Promise<string> {
  const taken = new Set(
    (
      await db
        .selectFrom(table)
        .select(['slug', 'id'])
        .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
        .execute()
    )
      .filter((r) => r.id !== ownId)
      .map((r) => r.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

export const slugTaken = async (
  db: Executor,
  table: 'kb_categories' | 'kb_articles',
  slug: string,
  ownId?: string,
) => {
  const row = await db.selectFrom(table).select('id').where('slug', '=', slug).executeTakeFirst();
  return row !== undefined && row.id !== ownId;
};

/** A save that lost a race for its slug to another at the same moment (unique index): a 409. */
async function guardSlug<T>(what: string, write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (err) {
    const e = err as { code?: unknown; constraint?: unknown; message?: unknown };
    const clash =
      (e.code === '23505' && String(e.constraint).endsWith('_slug_key')) ||
      /UNIQUE constraint failed: kb_\w+\.slug/.test(String(e.message));
    if (clash) throw refusal('conflict', REFUSED.slugRace, { what });
    throw err;
  }
}

// ---- categories ----
export const findCategory = (db: Executor, id: string) =>
  db.selectFrom('kb_categories').selectAll().where('id', '=', id).executeTakeFirst();

/** Every category with the number of articles filed directly in it. */
export const listCategoryRows = (db: Executor) =>
  db
    .selectFrom('kb_categories')
    .selectAll('kb_categories')
    .select((eb) =>
      eb
        .selectFrom('kb_articles')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('kb_articles.category_id', '=', 'kb_categories.id')
        .as('articles'),
    )
    .orderBy('position')
    .orderBy('name')
    .orderBy('id')
    .execute();

export const insertCategory = (db: Executor, row: CategoryRow) =>
  guardSlug('category', db.insertInto('kb_categories').values(row).execute());

export const updateCategory = (db: Executor, id: string, set: Partial<CategoryRow>) =>
  guardSlug('category', db.updateTable('kb_categories').set(set).where('id', '=', id).execute());

export const deleteCategoryRow = (db: Executor, id: string) =>
  db.deleteFrom('kb_categories').where('id', '=', id).execute();

/** What keeps a category from going: its articles and its sections. */
export async function categoryHolds(db: Executor, id: string) {
  const [articles, sections] = await Promise.all([
    db
      .selectFrom('kb_articles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('category_id', '=', id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('kb_categories')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('parent_id', '=', id)
      .executeTakeFirstOrThrow(),
  ]);
  return { articles: Number(articles.n), sections: Number(sections.n) };
}

// ---- articles ----
export const findArticle = (db: Executor, id: string) =>
  db.selectFrom('kb_articles').selectAll().where('id', '=', id).executeTakeFirst();

export const insertArticle = (db: Executor, row: ArticleRow) =>
  guardSlug('article', db.insertInto('kb_articles').values(row).execute());

/** Writes a change made from `version`; false when another save came first. */
export async function updateArticleAt(
  db: Executor,
  id: string,
  version: number,
  set: Partial<ArticleRow>,
): Promise<boolean> {
  const res = await guardSlug(
    'article',
    db
      .updateTable('kb_articles')
      .set({ ...set, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst(),
  );
  return Number(res.numUpdatedRows) === 1;
}

/** Lets an article's images go: unattached and expired, the attachment sweep removes them and their files. */
export const releaseArticleImages = (db: Executor, id: string, now: string) =>
  db
    .updateTable('attachments')
    .set({ article_id: null, expires_at: now })
    .where('article_id', '=', id)
    .execute();

export const deleteArticleRow = (db: Executor, id: string) =>
  db.deleteFrom('kb_articles').where('id', '=', id).execute();

export async function tagsOf(db: Executor, ids: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (ids.length === 0) return map;
  const rows = await db
    .selectFrom('kb_article_tags')
    .select(['article_id', 'tag'])
    .where('article_id', 'in', ids)
    .orderBy('tag')
    .execute();
  for (const r of rows) map.set(r.article_id, [...(map.get(r.article_id) ?? []), r.tag]);
  return map;
}

export async function setTags(db: Executor, id: string, tags: string[]) {
  await db.deleteFrom('kb_article_tags').where('article_id', '=', id).execute();
  if (tags.length > 0)
    await db
      .insertInto('kb_article_tags')
      .values(tags.map((tag) => ({ article_id: id, tag })))
      .execute();
}

/** An article's audiences with the names of their organisations and plans. */
export const audiencesOf = (db: Executor, id: string) =>
  db
    .selectFrom('kb_article_audiences as a')
    .leftJoin('organisations as o', (j) => j.onRef('o.id', '=', 'a.ref_id').on('a.kind', '=', 'organisation'))
    .leftJoin('plans as p', (j) => j.onRef('p.id', '=', 'a.ref_id').on('a.kind', '=', 'plan'))
    .select(['a.kind', 'a.ref_id', sql<string | null>`coalesce(o.name, p.name)`.as('name')])
    .where('a.article_id', '=', id)
    .orderBy('a.kind')
    .orderBy('a.ref_id')
    .execute();

export async function setAudiences(db: Executor, id: string, audiences: AudienceRef[]) {
  await db.deleteFrom('kb_article_audiences').where('article_id', '=', id).execute();
  if (audiences.length > 0)
    await db
      .insertInto('kb_article_audiences')
      .values(audiences.map((a) => ({ article_id: id, kind: a.kind, ref_id: a.refId })))
      .execute();
}

/** Which of these ids name an existing organisation (or plan). */
export async function existingRefs(db: Executor, kind: KbAudienceKind, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const table = kind === 'organisation' ? 'organisations' : 'plans';
  const rows = await db.selectFrom(table).select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

export const findUserRef = (db: Executor, id: string) =>
  db.selectFrom('users').select(['id', 'name', 'role']).where('id', '=', id).executeTakeFirst();

export const countUses = async (db: Executor, id: string) =>
  Number(
    (
      await db
        .selectFrom('kb_ticket_links')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('article_id', '=', id)
        .executeTakeFirstOrThrow()
    ).n,
  );

export const articleImageIds = async (db: Executor, id: string) =>
  (await db.selectFrom('attachments').select('id').where('article_id', '=', id).execute()).map((r) => r.id);

/** Claims the author's fresh uploads for the article; returns how many were claimed. */
export async function claimArticleImages(
  db: Executor,
  ids: string[],
  owner: { uploaderId: string; articleId: string; now: string },
): Promise<number> {
  if (ids.length === 0) return 0;
  const res = await db
    .updateTable('attachments')
    .set({ article_id: owner.articleId, expires_at: null })
    .where('id', 'in', ids)
    .where('uploader_id', '=', owner.uploaderId)
    .where('message_id', 'is', null)
    .where('article_id', 'is', null)
    .where('expires_at', '>', owner.now)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

// ---- revisions ----
export const insertRevision = (db: Executor, row: RevisionRow) =>
  db.insertInto('kb_revisions').values(row).execute();

export const listRevisionRows = (db: Executor, articleId: string) =>
  db
    .selectFrom('kb_revisions')
    .selectAll()
    .where('article_id', '=', articleId)
    .orderBy('version', 'desc')
    .execute();

export const findRevision = (db: Executor, articleId: string, version: number) =>
  db
    .selectFrom('kb_revisions')
    .selectAll()
    .where('article_id', '=', articleId)
    .where('version', '=', version)
    .executeTakeFirst();
