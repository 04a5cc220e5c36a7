import type { KbArticle, KbArticleSummary, KbRevision } from '../../../common/kb.js';
import type { Executor } from '../../db/database.js';
import { renderHtml } from '../../lib/format.js';
import { ticketNumberOf } from '../ticket-data/tickets.repository.js';
import { type CategoryRef, categoriesById, usersById } from './kb.articles.repository.js';
import {
  type ArticleRow,
  articleImageIds,
  audiencesOf,
  countUses,
  type RevisionRow,
  tagsOf,
} from './kb.repository.js';

// Articles and revisions as staff see them (common/kb.ts): names of their category, its parent,
// owner and audiences looked up here, so the UI never asks twice.

const categoryRef = (c: CategoryRef | undefined) => (c ? { id: c.id, name: c.name, slug: c.slug } : null);

export async function presentSummaries(db: Executor, rows: ArticleRow[]): Promise<KbArticleSummary[]> {
  const [categories, owners, tags] = await Promise.all([
    categoriesById(
      db,
      rows.map((r) => r.category_id),
    ),
    usersById(
      db,
      rows.map((r) => r.owner_id),
    ),
    tagsOf(
      db,
      rows.map((r) => r.id),
    ),
  ]);
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    title: r.title,
    category: categoryRef(r.category_id ? categories.get(r.category_id) : undefined),
    status: r.status,
    visibility: r.visibility,
    tags: tags.get(r.id) ?? [],
    owner: r.owner_id ? (owners.get(r.owner_id) ?? null) : null,
    reviewBy: r.review_by,
    version: Number(r.version),
    views: Number(r.views),
    updatedAt: r.updated_at,
  }));
}

export async function presentArticle(db: Executor, r: ArticleRow): Promise<KbArticle> {
  const [[summary], categories, audiences, uses, images, source] = await Promise.all([
    presentSummaries(db, [r]),
    categoriesById(db, [r.category_id]),
    audiencesOf(db, r.id),
    countUses(db, r.id),
    articleImageIds(db, r.id),
    r.source_ticket_id ? ticketNumberOf(db, r.source_ticket_id) : null,
  ]);
  if (!summary) throw new Error('article summary missing');
  const category = r.category_id ? categories.get(r.category_id) : undefined;
  return {
    ...summary,
    body: r.body,
    html: renderHtml(r.body, 'markdown', { images }),
    parentCategory: categoryRef(category?.parent_id ? categories.get(category.parent_id) : undefined),
    audiences: audiences.map((a) => ({ kind: a.kind, id: a.ref_id, name: a.name ?? '' })),
    publishedAt: r.published_at,
    helpfulYes: Number(r.helpful_yes),
    helpfulNo: Number(r.helpful_no),
    uses,
    sourceTicketNumber: source ?? null,
    createdAt: r.created_at,
  };
}

const jsonList = <T>(s: string): T[] => {
  try {
    const v: unknown = JSON.parse(s);
    return Array.isArray(v) ? (v as T[]) : [];
  } catch {
    return [];
  }
};

export const revisionTags = (r: RevisionRow) => jsonList<string>(r.tags);
export const revisionAudiences = (r: RevisionRow) =>
  jsonList<{ kind: 'organisation' | 'plan'; refId: string }>(r.audiences);

export async function presentRevisions(db: Executor, rows: RevisionRow[]): Promise<KbRevision[]> {
  const authors = await usersById(
    db,
    rows.map((r) => r.author_id),
  );
  return rows.map((r) => ({
    id: r.id,
    version: Number(r.version),
    title: r.title,
    body: r.body,
    status: r.status,
    visibility: r.visibility,
    categoryId: r.category_id,
    tags: revisionTags(r),
    author: r.author_id ? (authors.get(r.author_id) ?? null) : null,
    note: r.note,
    createdAt: r.created_at,
  }));
}
