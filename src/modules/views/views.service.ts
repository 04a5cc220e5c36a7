import type { z } from 'zod';
import {
  BUILT_IN_VIEWS,
  type createViewBody,
  type defaultViewBody,
  type SavedView,
  scopeProblem,
  type updateViewBody,
  type ViewColumn,
} from '../../../common/views.js';
import type { ActorCtx } from '../../context.js';
import { nowIso } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { invalid, refusal, validation } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import { newId } from '../../lib/crypto.js';
import { authorize, can } from '../../policies/policy.js';
import { departmentsExist } from '../departments/departments.repository.js';
import { SHARED_REFUSALS as SHARED } from '../reference-data/refusals.js';
import {
  defaultViewOf,
  deleteViewRow,
  findVisibleView,
  insertView,
  listVisibleViews,
  nextPosition,
  setDefaultView,
  updateViewRow,
  type ViewListRow,
  type ViewRow,
} from './views.repository.js';

// Saved views of the queue, for staff: one's own, shared with a department, or with everyone.
// Which views someone sees is the repository's SQL rule; a view they do not see is not found.
// Who may change one is the policy's `view.manage`.

type CreateInput = z.output<typeof createViewBody>;
type UpdateInput = z.output<typeof updateViewBody>;
const BUILT_IN_IDS = new Set<string>(BUILT_IN_VIEWS.map((v) => v.id));

const subjectOf = (v: Pick<ViewRow, 'scope' | 'owner_id' | 'department_id'>) => ({
  view: { scope: v.scope, ownerId: v.owner_id, departmentId: v.department_id },
});

function present(ctx: ActorCtx, row: ViewListRow, defaultId: string | null): SavedView {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope,
    department:
      row.department_id === null ? null : { id: row.department_id, name: row.department_name ?? '' },
    owner: { id: row.owner_id, name: row.owner_name },
    filter: JSON.parse(row.filter) as Record<string, string>,
    sort: row.sort as SavedView['sort'],
    order: row.sort_order,
    columns: JSON.parse(row.columns) as ViewColumn[],
    position: Number(row.position),
    isDefault: row.id === defaultId,
    abilities: { edit: can(ctx.actor, 'view.manage', subjectOf(row)) },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function listViews(ctx: ActorCtx): Promise<SavedView[]> {
  authorize(ctx.actor, 'view.use');
  const [rows, defaultId] = await Promise.all([
    listVisibleViews(ctx.db, ctx.actor),
    defaultViewOf(ctx.db, ctx.actor.id),
  ]);
  return rows.map((r) => present(ctx, r, defaultId));
}

export async function getView(ctx: ActorCtx, id: string): Promise<SavedView> {
  authorize(ctx.actor, 'view.use');
  const row = await requireVisibleView(ctx, ctx.db, id);
  return present(ctx, row, await defaultViewOf(ctx.db, ctx.actor.id));
}

const REFUSED = defineMessages({
  noView: { id: 'error.views.no_view', defaultMessage: 'No such view' },
});

async function requireVisibleView(ctx: ActorCtx, db: Executor, id: string) {
  const row = await findVisibleView(db, ctx.actor, id);
  if (!row) throw refusal('not_found', REFUSED.noView);
  return row;
}

/** A department view's department must exist (an agent's own departments always do). */
async function checkDepartment(db: Executor, departmentId: string | null) {
  if (departmentId && !(await departmentsExist(db, [departmentId])))
    throw invalid('departmentId', SHARED.noDepartment);
}

export async function createView(ctx: ActorCtx, input: CreateInput): Promise<SavedView> {
  const departmentId = input.departmentId ?? null;
  authorize(ctx.actor, 'view.manage', {
    view: { scope: input.scope, ownerId: ctx.actor.id, departmentId },
  });
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await checkDepartment(trx, departmentId);
    const now = nowIso(ctx);
    await insertView(trx, {
      id,
      name: input.name,
      scope: input.scope,
      department_id: departmentId,
      owner_id: ctx.actor.id,
      filter: JSON.stringify(input.filter),
      sort: input.sort,
      sort_order: input.order,
      columns: JSON.stringify(input.columns),
      position: input.position ?? (await nextPosition(trx, ctx.actor.id)),
      created_at: now,
      updated_at: now,
    });
  });
  return getView(ctx, id);
}

export async function updateView(ctx: ActorCtx, id: string, input: UpdateInput): Promise<SavedView> {
  authorize(ctx.actor, 'view.use');
  await ctx.db.transaction().execute(async (trx) => {
    const row = await requireVisibleView(ctx, trx, id);
    authorize(ctx.actor, 'view.manage', subjectOf(row));
    const scope = input.scope ?? row.scope;
    const departmentId =
      input.departmentId !== undefined
        ? input.departmentId
        : scope === 'department'
          ? row.department_id
          : null;
    const problem = scopeProblem(scope, departmentId);
    if (problem) throw validation('departmentId', problem);
    // Sharing it otherwise must be allowed too: an agent cannot make a view everyone's.
    authorize(ctx.actor, 'view.manage', { view: { scope, ownerId: row.owner_id, departmentId } });
    await checkDepartment(trx, departmentId);
    await updateViewRow(trx, id, {
      name: input.name,
      scope,
      department_id: departmentId,
      filter: input.filter && JSON.stringify(input.filter),
      sort: input.sort,
      sort_order: input.order,
      columns: input.columns && JSON.stringify(input.columns),
      position: input.position,
      updated_at: nowIso(ctx),
    });
  });
  return getView(ctx, id);
}

export async function deleteView(ctx: ActorCtx, id: string): Promise<void> {
  authorize(ctx.actor, 'view.use');
  await ctx.db.transaction().execute(async (trx) => {
    const row = await requireVisibleView(ctx, trx, id);
    authorize(ctx.actor, 'view.manage', subjectOf(row));
    await deleteViewRow(trx, id);
  });
}

/** What the caller's queue opens on; a saved view they no longer see counts as none. */
export async function getDefaultView(ctx: ActorCtx): Promise<{ id: string | null }> {
  authorize(ctx.actor, 'view.use');
  const id = await defaultViewOf(ctx.db, ctx.actor.id);
  if (!id || BUILT_IN_IDS.has(id)) return { id };
  return { id: (await findVisibleView(ctx.db, ctx.actor, id)) ? id : null };
}

export async function putDefaultView(
  ctx: ActorCtx,
  { id }: z.output<typeof defaultViewBody>,
): Promise<{ id: string | null }> {
  authorize(ctx.actor, 'view.use');
  await ctx.db.transaction().execute(async (trx) => {
    if (id && !BUILT_IN_IDS.has(id) && !(await findVisibleView(trx, ctx.actor, id)))
      throw refusal('not_found', REFUSED.noView);
    await setDefaultView(trx, ctx.actor.id, id);
  });
  return { id };
}
