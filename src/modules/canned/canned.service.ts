import type { z } from 'zod';
import {
  type cannedBody,
  type cannedPatch,
  type MacroActions,
  PLACEHOLDERS,
} from '../../../common/intake.js';
import type { ActorCtx } from '../../context.js';
import { nowIso } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { invalid, refusal, validation } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import { newId } from '../../lib/crypto.js';
import { fillPlaceholders, placeholderProblem } from '../../lib/placeholders.js';
import { authorize, can } from '../../policies/policy.js';
import { findDepartment } from '../departments/departments.repository.js';
import { deleteVariantsOf } from '../languages/translations.repository.js';
import { variantsFor, variantsForUser } from '../languages/variants.js';
import { SHARED_REFUSALS as SHARED } from '../reference-data/refusals.js';
import type { TicketView } from '../ticket-data/tickets.repository.js';
import { requireVisibleTicket } from '../tickets/tickets.service.js';
import { loadWorkflow } from '../workflow/workflow.service.js';
import {
  type CannedRow,
  countCannedUse,
  deleteCannedRow,
  findCanned,
  insertCanned,
  listCannedRows,
  updateCannedRow,
} from './canned.repository.js';

export const macroActionsOf = (c: CannedRow): MacroActions => JSON.parse(c.actions) as MacroActions;

const present = (c: CannedRow) => ({
  id: c.id,
  title: c.title,
  body: c.body,
  departmentId: c.department_id,
  usageCount: Number(c.usage_count),
  actions: macroActionsOf(c),
});

/** What canned responses and macros refuse (applying a macro to a ticket too). */
export const CANNED_REFUSALS = defineMessages({
  empty: { id: 'error.canned.empty', defaultMessage: 'give a reply text, a note or changes to make' },
  noStatus: {
    id: 'error.canned.no_status',
    defaultMessage: 'there is no status "{status}" in this workflow',
  },
  noCanned: { id: 'error.canned.no_canned', defaultMessage: 'No such canned response' },
  noMacro: { id: 'error.canned.no_macro', defaultMessage: 'No such macro' },
  noTicket: { id: 'error.canned.no_ticket', defaultMessage: 'No ticket #{number}' },
});

/**
 * A macro must do something, its texts may use the placeholders only, and what it sets must exist
 * when it is saved (a status of the workflow, a department); the rest is checked per ticket.
 */
async function checkMacro(ctx: ActorCtx, body: string, actions: MacroActions) {
  if (!body && !actions.note && !actions.changes) throw invalid('body', CANNED_REFUSALS.empty);
  checkPlaceholders(body);
  if (actions.note) checkPlaceholders(actions.note, 'actions.note');
  const status = actions.changes?.status;
  if (status && !(await loadWorkflow(ctx, ctx.db)).statuses.some((s) => s.key === status))
    throw invalid('actions.changes.status', CANNED_REFUSALS.noStatus, { status });
  const dept = actions.changes?.departmentId;
  if (dept && !(await findDepartment(ctx.db, dept)))
    throw invalid('actions.changes.departmentId', SHARED.noDepartment);
}

function checkPlaceholders(body: string, path = 'body') {
  const problem = placeholderProblem(body, PLACEHOLDERS);
  if (problem) throw validation(path, problem);
}

/** Staff see the global responses and those of their departments; most used first. */
export async function listCanned(ctx: ActorCtx, departmentId?: string) {
  authorize(ctx.actor, 'canned.use');
  const own = can(ctx.actor, 'canned.useAnyDepartment') ? null : ctx.actor.departmentIds;
  const scope = departmentId ? (own === null || own.includes(departmentId) ? [departmentId] : []) : own;
  const rows = (await listCannedRows(ctx.db, scope)).map(present);
  // Those who edit them read them as written; agents in their own language.
  if (can(ctx.actor, 'canned.manage')) return rows;
  const v = await variantsFor(
    ctx.db,
    ctx.actor,
    'canned',
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    ...r,
    title: v.text(r.id, 'title', r.title),
    body: v.text(r.id, 'body', r.body),
  }));
}

export async function createCanned(ctx: ActorCtx, input: z.infer<typeof cannedBody>) {
  authorize(ctx.actor, 'canned.manage');
  await checkMacro(ctx, input.body, input.actions);
  if (input.departmentId && !(await findDepartment(ctx.db, input.departmentId)))
    throw invalid('departmentId', SHARED.noDepartment);
  const now = nowIso(ctx);
  const row: CannedRow = {
    id: newId(),
    title: input.title,
    body: input.body,
    department_id: input.departmentId,
    usage_count: 0,
    actions: JSON.stringify(input.actions),
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
  if (!row) throw refusal('not_found', CANNED_REFUSALS.noCanned);
  await checkMacro(ctx, input.body ?? row.body, input.actions ?? macroActionsOf(row));
  if (input.departmentId && !(await findDepartment(ctx.db, input.departmentId)))
    throw invalid('departmentId', SHARED.noDepartment);
  const patch: Partial<CannedRow> = {
    ...(input.title !== undefined && { title: input.title }),
    ...(input.body !== undefined && { body: input.body }),
    ...(input.departmentId !== undefined && { department_id: input.departmentId }),
    ...(input.actions !== undefined && { actions: JSON.stringify(input.actions) }),
    updated_at: nowIso(ctx),
  };
  await updateCannedRow(ctx.db, id, patch);
  return present({ ...row, ...patch });
}

export async function deleteCanned(ctx: ActorCtx, id: string) {
  authorize(ctx.actor, 'canned.manage');
  if (!(await findCanned(ctx.db, id))) throw refusal('not_found', CANNED_REFUSALS.noCanned);
  await ctx.db.transaction().execute(async (trx) => {
    await deleteCannedRow(trx, id);
    await deleteVariantsOf(trx, 'canned', id);
  });
}

/** Whether the caller may use this response: a global one, or one of their departments'. */
export const usableCanned = (ctx: ActorCtx, row: CannedRow) =>
  row.department_id === null ||
  can(ctx.actor, 'canned.useAnyDepartment') ||
  ctx.actor.departmentIds.includes(row.department_id);

/** A response's text with its placeholders filled in for a ticket. */
export const fillCanned = (ctx: ActorCtx, text: string, ticket: TicketView) =>
  fillPlaceholders(text, {
    'customer.name': ticket.requester_name,
    'ticket.number': String(ticket.number),
    'ticket.subject': ticket.subject,
    'agent.name': ctx.actor.name,
  });

/** A response's or macro's text in the language of the ticket's customer, who reads the reply. */
export async function cannedTextFor(db: Executor, row: CannedRow, field: 'body', ticket: TicketView) {
  const v = await variantsForUser(db, ticket.requester_id, 'canned', [row.id]);
  return v.text(row.id, field, row[field]);
}

/** The response filled in for a ticket the caller may see, in its customer's language; counts one use. */
export async function renderCanned(ctx: ActorCtx, id: string, ticketNumber: number) {
  authorize(ctx.actor, 'canned.use');
  const row = await findCanned(ctx.db, id);
  if (!row || !usableCanned(ctx, row)) throw refusal('not_found', CANNED_REFUSALS.noCanned);
  const ticket = await requireVisibleTicket(ctx, ctx.db, ticketNumber);
  await countCannedUse(ctx.db, id);
  return { body: fillCanned(ctx, await cannedTextFor(ctx.db, row, 'body', ticket), ticket) };
}
