import type { UpdateTicketInput } from '../../../common/api.js';
import { type ActorCtx, nowIso } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { invalid } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import type { WorkflowDocument } from '../../workflow/types.js';
import { findDepartment } from '../departments/departments.repository.js';
import type { FieldValue } from '../intake/fields.js';
import { checkIntake } from '../intake/intake.service.js';
import { indexSubject } from '../search/search.repository.js';
import { setTicketTags, tagsOf } from '../tags/tags.repository.js';
import { type Cause, commitChange } from '../ticket-data/status.js';
import type { TicketRow } from '../ticket-data/tickets.repository.js';
import { USER_REFUSALS } from '../users/refusals.js';
import { findUserById, worksInDepartment } from '../users/users.repository.js';
import {
  buildTicketEdit,
  editedDepartment,
  editedTags,
  editTouchesIntake,
  statusEdit,
} from './tickets.build.js';

const SAID = defineMessages({
  assignee: {
    id: 'error.tickets.assignee_not_in_department',
    defaultMessage: 'must be a staff member of the ticket’s department',
  },
});

/**
 * One ticket's edit inside the caller's transaction, by a caller already allowed to change
 * tickets who holds the row: the workflow's rule for the status, the checks of what the edit
 * points at, then the change with its timeline events and notices. Every check comes before the
 * first write, so a refused edit (it throws) leaves nothing behind. Returns whether anything
 * changed. A single edit, each ticket of a bulk change and a trigger's change (`cause`) go through here.
 */
export async function editTicket(
  ctx: ActorCtx,
  trx: Executor,
  wf: WorkflowDocument,
  row: TicketRow,
  input: UpdateTicketInput,
  cause: Cause = { kind: 'user', actor: ctx.actor },
): Promise<boolean> {
  const now = nowIso(ctx);
  const move = statusEdit(wf, row, input.status, cause, now);
  const fields = await checkEdit(trx, row, input);
  const tags = await tagsEdit(trx, row.id, input);
  const change = buildTicketEdit({ row, input, actorId: ctx.actor.id, cause, now, move, fields, tags });
  if (!change) return false;
  if (change.patch.subject !== undefined)
    await indexSubject(trx, ctx.dialect, row.number, change.patch.subject);
  if (tags) await setTicketTags(trx, row.id, tags.to);
  await commitChange(ctx, trx, wf, row, change);
  return true;
}

/** The tags before and after an edit, when it touches them. */
async function tagsEdit(trx: Executor, ticketId: string, input: UpdateTicketInput) {
  if (input.tags === undefined && input.addTags === undefined && input.removeTags === undefined)
    return undefined;
  const from = (await tagsOf(trx, [ticketId])).get(ticketId) ?? [];
  const to = editedTags(from, input);
  return to && { from, to };
}

/**
 * Checks what an edit points at: the new department, the new assignee in the department the ticket
 * ends up in, and the intake fields, which must suit that department and type. Returns the fields
 * (JSON) when the edit touches them: given ones replace those keys, null clears one.
 */
async function checkEdit(
  trx: Executor,
  row: TicketRow,
  input: UpdateTicketInput,
): Promise<string | undefined> {
  const departmentId = editedDepartment(row, input);
  if (departmentId !== row.department_id && !(await findDepartment(trx, departmentId)))
    throw invalid('departmentId', USER_REFUSALS.noSuchDepartment);
  if (input.assigneeId != null && input.assigneeId !== row.assignee_id)
    await checkAssignee(trx, input.assigneeId, departmentId);
  if (!editTouchesIntake(row, input)) return undefined;
  const intake = await checkIntake(trx, {
    departmentId,
    type: input.type === undefined ? row.type : input.type,
    fields: input.fields ?? {},
    existing: JSON.parse(row.fields) as Record<string, FieldValue>,
    requireAll: false,
  });
  return JSON.stringify(intake.fields);
}

/** An assignee must be active staff who can see the ticket's department. */
async function checkAssignee(db: Executor, userId: string, departmentId: string) {
  const user = await findUserById(db, userId);
  const ok =
    user?.active === 1 &&
    (user.role === 'admin' || (user.role === 'agent' && (await worksInDepartment(db, userId, departmentId))));
  if (!ok) throw invalid('assigneeId', SAID.assignee);
}
