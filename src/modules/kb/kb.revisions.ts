import { diffArrays } from 'diff';
import type { z } from 'zod';
import type { KbArticle, KbRevision, kbDiffSchema } from '../../../common/kb.js';
import type { ActorCtx } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { refusal } from '../../errors.js';
import { authorize } from '../../policies/policy.js';
import { saveArticle } from './kb.articles.save.js';
import { articleOr404 } from './kb.articles.service.js';
import { presentArticle, presentRevisions, revisionAudiences, revisionTags } from './kb.present.js';
import { KB_REFUSALS as REFUSED } from './kb.refusals.js';
import { existingRefs, findCategory, findRevision, listRevisionRows } from './kb.repository.js';

// An article's history: every saved version, whole, newest first; a line diff of any version
// against the current one; and a restore, which saves the old version again as a new one, so the
// history only ever grows.

type Diff = z.infer<typeof kbDiffSchema>;
type Line = Diff['lines'][number];

/**
 * Past this many differing lines (removed plus added) a diff is not worth working out: the whole
 * old text is shown removed and the new one added. jsdiff's Myers diff costs time in the size of
 * the difference, so a small change to a long article stays cheap, and this bounds the rest.
 */
const MAX_EDIT = 500;

/** The lines of `a` and `b` as kept, removed and added. */
export function lineDiff(a: string[], b: string[]): Line[] {
  const changes = diffArrays(a, b, { maxEditLength: MAX_EDIT });
  if (!changes)
    return [
      ...a.map((text): Line => ({ op: 'removed', text })),
      ...b.map((text): Line => ({ op: 'added', text })),
    ];
  return changes.flatMap((c) => {
    const op = c.added ? 'added' : c.removed ? 'removed' : 'same';
    return c.value.map((text): Line => ({ op, text }));
  });
}

const linesOf = (r: { title: string; body: string }) => [r.title, '', ...r.body.split(/\r?\n/)];

async function revisionOr404(db: Executor, articleId: string, version: number) {
  const r = await findRevision(db, articleId, version);
  if (!r) throw refusal('not_found', REFUSED.noVersion, { version: String(version) });
  return r;
}

export async function listKbRevisions(ctx: ActorCtx, id: string): Promise<KbRevision[]> {
  authorize(ctx.actor, 'kb.write');
  await articleOr404(ctx.db, ctx, id);
  return presentRevisions(ctx.db, await listRevisionRows(ctx.db, id));
}

export async function getKbRevision(ctx: ActorCtx, id: string, version: number): Promise<KbRevision> {
  authorize(ctx.actor, 'kb.write');
  await articleOr404(ctx.db, ctx, id);
  const [r] = await presentRevisions(ctx.db, [await revisionOr404(ctx.db, id, version)]);
  if (!r) throw refusal('not_found', REFUSED.noVersion, { version: String(version) });
  return r;
}

/** What changed in title and body from version `from` to the current one. */
export async function diffKbArticle(ctx: ActorCtx, id: string, from: number): Promise<Diff> {
  authorize(ctx.actor, 'kb.write');
  const current = await articleOr404(ctx.db, ctx, id);
  const old = await revisionOr404(ctx.db, id, from);
  return { from, to: Number(current.version), lines: lineDiff(linesOf(old), linesOf(current)) };
}

/**
 * Saves version `version` again as the newest: its title, body, category, status, visibility,
 * tags and audiences. A category or audience deleted since is left out; a restricted article
 * left with no audience becomes staff-only rather than readable by more people than before.
 */
export async function restoreKbArticle(ctx: ActorCtx, id: string, version: number): Promise<KbArticle> {
  authorize(ctx.actor, 'kb.write');
  const row = await ctx.db.transaction().execute(async (trx) => {
    const prev = await articleOr404(trx, ctx, id);
    const old = await revisionOr404(trx, id, version);
    const category = old.category_id ? await findCategory(trx, old.category_id) : undefined;
    const wanted = revisionAudiences(old);
    const kept = [];
    for (const kind of ['organisation', 'plan'] as const) {
      const ids = wanted.filter((a) => a.kind === kind).map((a) => a.refId);
      const found = await existingRefs(trx, kind, ids);
      kept.push(...ids.filter((refId) => found.has(refId)).map((refId) => ({ kind, refId })));
    }
    const visibility = old.visibility === 'restricted' && kept.length === 0 ? 'staff' : old.visibility;
    return saveArticle(ctx, trx, {
      prev,
      state: {
        title: old.title,
        body: old.body,
        slug: prev.slug,
        categoryId: category ? category.id : null,
        status: old.status,
        visibility,
        audiences: visibility === 'restricted' ? kept : [],
        tags: revisionTags(old),
        ownerId: prev.owner_id,
        reviewBy: prev.review_by,
      },
      note: `Restored from version ${version}`,
    });
  });
  return presentArticle(ctx.db, row);
}
