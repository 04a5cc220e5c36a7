import type { z } from 'zod';
import type { KbArticle, KbRevision, kbDiffSchema } from '../../../common/kb.js';
import type { ActorCtx } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { notFound } from '../../errors.js';
import { authorize } from '../../policies/policy.js';
import { saveArticle } from './kb.articles.save.js';
import { articleOr404 } from './kb.articles.service.js';
import { presentArticle, presentRevisions, revisionAudiences, revisionTags } from './kb.present.js';
import { existingRefs, findCategory, findRevision, listRevisionRows } from './kb.repository.js';

// An article's history: every saved version, whole, newest first; a line diff of any version
// against the current one; and a restore, which saves the old version again as a new one, so the
// history only ever grows.

type Diff = z.infer<typeof kbDiffSchema>;
type Line = Diff['lines'][number];

/** lcs[i][j]: the length of the longest common subsequence of x[i..] and y[j..]. */
function lcsTable(x: string[], y: string[]): Uint32Array[] {
  const lcs = Array.from({ length: x.length + 1 }, () => new Uint32Array(y.length + 1));
  for (let i = x.length - 1; i >= 0; i--) {
    const row = lcs[i] as Uint32Array;
    const below = lcs[i + 1] as Uint32Array;
    for (let j = y.length - 1; j >= 0; j--)
      row[j] = x[i] === y[j] ? (below[j + 1] ?? 0) + 1 : Math.max(below[j] ?? 0, row[j + 1] ?? 0);
  }
  return lcs;
}

/** The edit script of x into y along the table: removals before additions where either would do. */
function walk(x: string[], y: string[]): Line[] {
  const lcs = lcsTable(x, y);
  const at = (i: number, j: number) => (lcs[i] as Uint32Array)[j] ?? 0;
  const out: Line[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) {
      out.push({ op: 'same', text: x[i] ?? '' });
      i++;
      j++;
    } else if (i < x.length && (j === y.length || at(i + 1, j) >= at(i, j + 1))) {
      out.push({ op: 'removed', text: x[i++] ?? '' });
    } else {
      out.push({ op: 'added', text: y[j++] ?? '' });
    }
  }
  return out;
}

/**
 * The lines of `a` and `b` as kept, removed and added, from their longest common subsequence.
 * Quadratic in lines, which articles have in hundreds, not millions; the common head and tail are
 * taken off first so a small change to a long article costs little.
 */
export function lineDiff(a: string[], b: string[]): Line[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  const same = (text: string): Line => ({ op: 'same', text });
  return [
    ...a.slice(0, head).map(same),
    ...walk(a.slice(head, a.length - tail), b.slice(head, b.length - tail)),
    ...a.slice(a.length - tail).map(same),
  ];
}

const linesOf = (r: { title: string; body: string }) => [r.title, '', ...r.body.split(/\r?\n/)];

async function revisionOr404(db: Executor, articleId: string, version: number) {
  const r = await findRevision(db, articleId, version);
  if (!r) throw notFound(`This article has no version ${version}`);
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
  if (!r) throw notFound(`This article has no version ${version}`);
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
