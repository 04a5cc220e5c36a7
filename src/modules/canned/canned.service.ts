import type { z } from 'zod';
import { type cannedBody, type cannedPatch, PLACEHOLDERS } from '../../../common/intake.js';
import type { ActorCtx } from '../../context.js';
import { nowIso } from '../../context.js';
import { AppError, notFound, validation } from '../../errors.js';
import { newId } from '../../lib/crypto.js';
import { fillPlaceholders, placeholderProblem } from '../../lib/placeholders.js';
import { authorize, can } from '../../policies/policy.js';
import { findDepartment } from '../departments/departments.repository.js';
import { requireVisibleTicket } from '../tickets/tickets.service.js';
import {
  type CannedRow,
  countCannedUse,
  deleteCannedRow,
  findCanned,
  insertCanned,
  listCannedRows,
  updateCannedRow,
} from './canned.repository.js';

const present = (c: CannedRow) => ({
  id: c.id,
  title: c.title,
  body: c.body,
  departmentId: c.department_id,
  usageCount: Number(c.usage_count),
});

function checkPlaceholders(body: string) {
  const problem = placeholderProblem(body, PLACEHOLDERS);
  if (problem) throw validation('body', problem);
}

/** Staff see the global responses and those of their departments; most used first. */
export async function listCanned(ctx: ActorCtx, departmentId?: string) {
  authorize(ctx.actor, 'canned.use');
  const own = can(ctx.actor, 'canned.useAnyDepartment') ? null : ctx.actor.departmentIds;
  const scope = departmentId ? (own === null || own.includes(departmentId) ? [departmentId] : []) : own;
  return (await listCannedRows(ctx.db, scope)).map(present);
}

export async function createCanned(ctx: ActorCtx, input: z.infer<typeof cannedBody>) {
  authorize(ctx.actor, 'canned.manage');
  checkPlaceholders(input.body);
  if (input.departmentId && !(await findDepartment(ctx.db, input.departmentId)))
    throw validation('departmentId', 'no such department');
  const now = nowIso(ctx);
  const row: CannedRow = {
    id: newId(),
    title: input.title,
    body: input.body,
    department_id: input.departmentId,
    usage_count: 0,
    created_by: ctx.actor.id,
    created_at: now,
    updated_at: now,
  };
  await insertCanned(ctx.db, row);
  return present(row);
}

export async function updateCanned(ctx: ActorCtx, id: string, input: z.infer<typeof cannedPatch>) {
  authorize(ctx.actor, 'canned.manage');
  const row = await findCanned(ctx.db, id);
  if (!row) throw notFound('No such canned response');
  if (input.body) checkPlaceholders(input.body);
  if (input.departmentId && !(await findDepartment(ctx.db, input.departmentId)))
    throw validation('departmentId', 'no such department');
  const patch: Partial<CannedRow> = {
    ...(input.title !== undefined && { title: input.title }),
    ...(input.body !== undefined && { body: input.body }),
    ...(input.departmentId !== undefined && { department_id: input.departmentId }),
    updated_at: nowIso(ctx),
  };
  await updateCannedRow(ctx.db, id, patch);
  return present({ ...row, ...patch });
}

export async function deleteCanned(ctx: ActorCtx, id: string) {
  authorize(ctx.actor, 'canned.manage');
  if (!(await findCanned(ctx.db, id))) throw notFound('No such canned response');
  await deleteCannedRow(ctx.db, id);
}

/** The response filled in for a ticket the caller may see; counts one use. */
export async function renderCanned(ctx: ActorCtx, id: string, ticketNumber: number) {
  authorize(ctx.actor, 'canned.use');
  const row = await findCanned(ctx.db, id);
  const allowed =
    row &&
    (row.department_id === null ||
      can(ctx.actor, 'canned.useAnyDepartment') ||
      ctx.actor.departmentIds.includes(row.department_id));
  if (!row || !allowed) throw notFound('No such canned response');
  const ticket = await requireVisibleTicket(ctx, ctx.db, ticketNumber);
  const values: Record<string, string> = {
    'customer.name': ticket.requester_name,
    'ticket.number': String(ticket.number),
    'ticket.subject': ticket.subject,
    'agent.name': ctx.actor.name,
  };
  const body = fillPlaceholders(row.body, values);
  await countCannedUse(ctx.db, id);
  if (!body.trim()) throw new AppError('validation', 'the response is empty');
  return { body };
}
