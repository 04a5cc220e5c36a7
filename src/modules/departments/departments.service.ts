import type { z } from 'zod';
import type { departmentBody, departmentPatch } from '../../../common/api.js';
import type { ActorCtx } from '../../context.js';
import { createDescribed, presentDescribed, updateDescribed } from '../reference-data/described.js';
import type { UniqueRows } from '../reference-data/unique-rows.js';
import {
  type DepartmentRow,
  findDepartment,
  findDepartmentByName,
  insertDepartment,
  listDepartmentRows,
  updateDepartmentRow,
} from './departments.repository.js';

export const presentDepartment = presentDescribed;

/** Customers pick from every department; agents use the ones they work in; admins all. */
export async function listDepartments(ctx: ActorCtx) {
  const only = ctx.actor.role === 'agent' ? ctx.actor.departmentIds : null;
  return (await listDepartmentRows(ctx.db, only)).map(presentDepartment);
}

const DEPARTMENTS: UniqueRows<DepartmentRow, 'name'> = {
  noun: 'department',
  unique: 'name',
  find: findDepartment,
  taken: findDepartmentByName,
  insert: insertDepartment,
  update: updateDepartmentRow,
};

export const createDepartment = (ctx: ActorCtx, input: z.infer<typeof departmentBody>) =>
  createDescribed(ctx, 'department.create', DEPARTMENTS, input);

export const updateDepartment = (ctx: ActorCtx, id: string, input: z.infer<typeof departmentPatch>) =>
  updateDescribed(ctx, 'department.update', DEPARTMENTS, id, input);
