import type { ActorCtx } from '../../context.js';
import { nowIso } from '../../context.js';
import { newId } from '../../lib/crypto.js';
import { type Action, authorize } from '../../policies/policy.js';
import { patchOf } from './patch.js';
import { insertUnique, type UniqueRows, updateUnique } from './unique-rows.js';

// Departments and services are the same kind of thing: a unique name and a description. They are
// created, edited and shown alike; only who may do it differs.

export type DescribedRow = { id: string; name: string; description: string | null; created_at: string };
type DescribedKind = UniqueRows<DescribedRow, 'name'>;

/** A department or a service as the API shows it. */
export const presentDescribed = (r: DescribedRow) => ({ id: r.id, name: r.name, description: r.description });

/** Creates one, if the actor may do `action`; a name another one has is a 409. */
export async function createDescribed(
  ctx: ActorCtx,
  action: Action,
  kind: DescribedKind,
  input: { name: string; description?: string },
) {
  authorize(ctx.actor, action);
  const row: DescribedRow = {
    id: newId(),
    name: input.name,
    description: input.description ?? null,
    created_at: nowIso(ctx),
  };
  return presentDescribed(await insertUnique(ctx, kind, row));
}

/** Renames or redescribes one, if the actor may do `action`: 404 where there is none, 409 for a taken name. */
export async function updateDescribed(
  ctx: ActorCtx,
  action: Action,
  kind: DescribedKind,
  id: string,
  input: { name?: string; description?: string },
) {
  authorize(ctx.actor, action);
  const patch = patchOf<DescribedRow>({ name: input.name, description: input.description });
  return presentDescribed(await updateUnique(ctx, kind, id, patch));
}
