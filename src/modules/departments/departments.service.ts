import type { z } from 'zod';
import type { departmentBody, departmentPatch } from '../../../common/api.js';
import type { ActorCtx } from '../../context.js';
import { nowIso } from '../../context.js';
import { AppError, notFound } from '../../errors.js';
import { newId } from '../../lib/crypto.js';
import { authorize } from '../../policies/policy.js';
import {
  type DepartmentRow,
  findDepartment,
  findDepartmentByName,
  insertDepartment,
  listDepartmentRows,
  updateDepartmentRow,
} from './departments.repository.js';

export const presentDepartment = (d: DepartmentRow) => ({
  id: d.id,
  name: d.name,
  description: d.description,
});

/** Customers pick from every department; agents use the ones they work in; admins all. */
export async function listDepartments(ctx: ActorCtx) {
  const only = ctx.actor.role === 'agent' ? ctx.actor.departmentIds : null;
  return (await listDepartmentRows(ctx.db, only)).map(presentDepartment);
}

export async function createDepartment(ctx: ActorCtx, input: z.infer<typeof departmentBody>) {
  authorize(ctx.actor, 'department.create');
  const row: DepartmentRow = {
    id: newId(),
    name: input.name,
    description: input.description ?? null,
    created_at: nowIso(ctx),
  };
  await ctx.db.transaction().execute(async (trx) => {
    if (await findDepartmentByName(trx, input.name))
      throw new AppError('conflict', 'A department with this name exists');
    await insertDepartment(trx, row);
  });
  return presentDepartment(row);
}

export async function updateDepartment(ctx: ActorCtx, id: string, input: z.infer<typeof departmentPatch>) {
  authorize(ctx.actor, 'department.update');
  return ctx.db.transaction().execute(async (trx) => {
    const row = await findDepartment(trx, id);
    if (!row) throw notFound('No such department');
    if (input.name && input.name !== row.name && (await findDepartmentByName(trx, input.name))) {
      throw new AppError('conflict', 'A department with this name exists');
    }
    const patch = {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.description !== undefined && { description: input.description }),
    };
    if (Object.keys(patch).length > 0) await updateDepartmentRow(trx, id, patch);
    return presentDepartment({ ...row, ...patch });
  });
}
