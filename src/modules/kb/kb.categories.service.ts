import type { z } from 'zod';
import type { KbCategory, kbCategoryBody, kbCategoryPatch } from '../../../common/kb.js';
import type { ActorCtx } from '../../context.js';
import { nowIso } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { invalid, refusal } from '../../errors.js';
import { newId } from '../../lib/crypto.js';
import { authorize } from '../../policies/policy.js';
import { audit, byActor } from '../audit/audit.service.js';
import { changedFields } from '../audit/setting-change.js';
import { deleteVariantsOf } from '../languages/translations.repository.js';
import { KB_REFUSALS as REFUSED } from './kb.refusals.js';
import {
  type CategoryRow,
  categoryHolds,
  deleteCategoryRow,
  findCategory,
  freeSlug,
  insertCategory,
  listCategoryRows,
  slugify,
  slugTaken,
  updateCategory,
} from './kb.repository.js';

// Knowledge base › Categories: two levels, a category and its sections. Staff read them (with how
// many articles each holds, drafts too); administrators arrange them, on the audit trail.

type Body = z.output<typeof kbCategoryBody>;
type Patch = z.output<typeof kbCategoryPatch>;

const present = (r: CategoryRow & { articles?: number | string | null }): KbCategory => ({
  id: r.id,
  parentId: r.parent_id,
  name: r.name,
  slug: r.slug,
  description: r.description,
  position: Number(r.position),
  articles: Number(r.articles ?? 0),
});

const summary = (c: KbCategory) => ({
  name: c.name,
  slug: c.slug,
  description: c.description,
  parentId: c.parentId,
  position: c.position,
});

const recordChange = (ctx: ActorCtx, db: Executor, details: Record<string, unknown>) =>
  audit(ctx, db, {
    ...byActor(ctx),
    action: 'settings_changed',
    details: { area: 'kb-category', ...details },
  });

async function categoryOr404(db: Executor, id: string): Promise<CategoryRow> {
  const row = await findCategory(db, id);
  if (!row) throw refusal('not_found', REFUSED.noCategory);
  return row;
}

/** A section's parent must be a category (no parent itself), and a category with sections stays one. */
async function checkParent(db: Executor, parentId: string | null, selfId?: string) {
  if (!parentId) return;
  if (parentId === selfId) throw invalid('parentId', REFUSED.ownSection);
  const parent = await findCategory(db, parentId);
  if (!parent) throw invalid('parentId', REFUSED.noSuchCategory);
  if (parent.parent_id) throw invalid('parentId', REFUSED.parentIsSection);
  if (selfId && (await categoryHolds(db, selfId)).sections > 0)
    throw invalid('parentId', REFUSED.hasSections);
}

async function slugFor(db: Executor, wanted: string | undefined, name: string, selfId?: string) {
  if (wanted === undefined) return freeSlug(db, 'kb_categories', slugify(name), selfId);
  if (await slugTaken(db, 'kb_categories', wanted, selfId))
    throw refusal('conflict', REFUSED.categorySlugTaken, { slug: wanted });
  return wanted;
}

export async function listKbCategories(ctx: ActorCtx): Promise<KbCategory[]> {
  authorize(ctx.actor, 'kb.write');
  return (await listCategoryRows(ctx.db)).map(present);
}

async function presentOne(db: Executor, id: string) {
  const all = await listCategoryRows(db);
  const row = all.find((r) => r.id === id);
  if (!row) throw refusal('not_found', REFUSED.noCategory);
  return present(row);
}

export async function getKbCategory(ctx: ActorCtx, id: string): Promise<KbCategory> {
  authorize(ctx.actor, 'kb.write');
  return presentOne(ctx.db, id);
}

export async function createKbCategory(ctx: ActorCtx, body: Body): Promise<KbCategory> {
  authorize(ctx.actor, 'kb.manageCategories');
  return ctx.db.transaction().execute(async (trx) => {
    const parentId = body.parentId ?? null;
    await checkParent(trx, parentId);
    const now = nowIso(ctx);
    const id = newId();
    await insertCategory(trx, {
      id,
      parent_id: parentId,
      name: body.name,
      slug: await slugFor(trx, body.slug, body.name),
      description: body.description ?? null,
      position: body.position ?? 0,
      created_at: now,
      updated_at: now,
    });
    const created = await presentOne(trx, id);
    await recordChange(ctx, trx, { created: created.name, ...summary(created) });
    return created;
  });
}

export async function updateKbCategory(ctx: ActorCtx, id: string, patch: Patch): Promise<KbCategory> {
  authorize(ctx.actor, 'kb.manageCategories');
  return ctx.db.transaction().execute(async (trx) => {
    const old = present(await categoryOr404(trx, id));
    if (patch.parentId !== undefined) await checkParent(trx, patch.parentId, id);
    const next = {
      ...summary(old),
      ...patch,
      slug: patch.slug === undefined ? old.slug : await slugFor(trx, patch.slug, old.name, id),
    };
    const changes = changedFields(summary(old), next);
    if (Object.keys(changes).length > 0) {
      await updateCategory(trx, id, {
        name: next.name,
        slug: next.slug,
        description: next.description ?? null,
        parent_id: next.parentId ?? null,
        position: next.position,
        updated_at: nowIso(ctx),
      });
      await recordChange(ctx, trx, { changed: old.name, changes });
    }
    return presentOne(trx, id);
  });
}

/** Only an empty category goes: its articles and sections are moved or deleted first. */
export async function deleteKbCategory(ctx: ActorCtx, id: string): Promise<void> {
  authorize(ctx.actor, 'kb.manageCategories');
  await ctx.db.transaction().execute(async (trx) => {
    const old = await categoryOr404(trx, id);
    const holds = await categoryHolds(trx, id);
    if (holds.articles > 0 || holds.sections > 0)
      throw refusal('conflict', REFUSED.notEmpty, {
        name: old.name,
        articles: String(holds.articles),
        sections: String(holds.sections),
      });
    await deleteCategoryRow(trx, id);
    await deleteVariantsOf(trx, 'kb_category', id);
    await recordChange(ctx, trx, { deleted: old.name, slug: old.slug });
  });
}
