import type { Db } from '../src/db/database.js';
import type { KbVisibility } from '../src/db/schema.js';
import { newId } from '../src/lib/crypto.js';

// Categories and articles written straight to the database, as the authoring side saves them,
// for the tests of the reading side.

export type KbArticleSeed = {
  slug: string;
  title: string;
  body: string;
  visibility: KbVisibility;
  status?: 'draft' | 'published' | 'archived';
  categoryId?: string | null;
  tags?: string[];
  audiences?: ['organisation' | 'plan', string][];
  ownerId?: string | null;
};

export async function seedCategory(
  db: Db,
  at: Date,
  c: { name: string; slug: string; description?: string; parentId?: string | null },
): Promise<string> {
  const id = newId();
  const iso = at.toISOString();
  await db
    .insertInto('kb_categories')
    .values({
      id,
      parent_id: c.parentId ?? null,
      name: c.name,
      slug: c.slug,
      description: c.description ?? null,
      position: 0,
      created_at: iso,
      updated_at: iso,
    })
    .execute();
  return id;
}

export async function seedArticle(db: Db, at: Date, a: KbArticleSeed): Promise<string> {
  const id = newId();
  const iso = at.toISOString();
  const tags = a.tags ?? [];
  const status = a.status ?? 'published';
  await db
    .insertInto('kb_articles')
    .values({
      id,
      slug: a.slug,
      title: a.title,
      body: a.body,
      status,
      visibility: a.visibility,
      keywords: tags.join(' '),
      version: 1,
      category_id: a.categoryId ?? null,
      owner_id: a.ownerId ?? null,
      review_by: null,
      published_at: status === 'published' ? iso : null,
      views: 0,
      helpful_yes: 0,
      helpful_no: 0,
      source_ticket_id: null,
      created_by: null,
      updated_by: null,
      created_at: iso,
      updated_at: iso,
    })
    .execute();
  for (const tag of tags) await db.insertInto('kb_article_tags').values({ article_id: id, tag }).execute();
  for (const [kind, ref_id] of a.audiences ?? [])
    await db.insertInto('kb_article_audiences').values({ article_id: id, kind, ref_id }).execute();
  return id;
}
