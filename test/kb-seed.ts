import type { Db } from '../src/db/database.js';
import type { KbArticleStatus, KbVisibility } from '../src/db/schema.js';
import { newId } from '../src/lib/crypto.js';

/**
 * A knowledge-base article written straight into the tables, for tests of what reads articles;
 * its body holds the word `zq<key>word`, found in no other article. Restricted to `org` when given.
 */
export async function seedArticle(
  db: Db,
  key: string,
  visibility: KbVisibility,
  extra: { status?: KbArticleStatus; org?: string; title?: string } = {},
): Promise<{ id: string; slug: string; title: string }> {
  const id = newId();
  const at = new Date().toISOString();
  const slug = `${key}-guide-${id.slice(0, 6).toLowerCase()}`;
  const title = extra.title ?? `Sign-in trouble: the ${key} guide`;
  await db
    .insertInto('kb_articles')
    .values({
      ...{ id, slug, title, status: extra.status ?? 'published', visibility, keywords: 'login' },
      body: `If you cannot sign in, check zq${key}word first. Then reset your password.`,
      ...{ category_id: null, owner_id: null, review_by: null, source_ticket_id: null, version: 1 },
      ...{ published_at: at, views: 0, helpful_yes: 0, helpful_no: 0, created_by: null, updated_by: null },
      ...{ created_at: at, updated_at: at },
    })
    .execute();
  if (extra.org)
    await db
      .insertInto('kb_article_audiences')
      .values({ article_id: id, kind: 'organisation', ref_id: extra.org })
      .execute();
  return { id, slug, title };
}
