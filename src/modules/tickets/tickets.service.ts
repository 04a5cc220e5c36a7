import type {
  Channel,
  CreateTicketInput,
  Ticket,
  TicketListQuery,
  UpdateTicketInput,
} from '../../../common/api.js';
import { type ActorCtx, isStaff, nowIso } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { AppError, notFound, validation } from '../../errors.js';
import { newId } from '../../lib/crypto.js';
import { decodeCursor, toPage } from '../../lib/cursor.js';
import { authorize, can } from '../../policies/policy.js';
import { decideManualMove, findStatus, nextTimerAt } from '../../workflow/engine.js';
import { linkAttachments } from '../attachments/attachments.service.js';
import { findDepartment } from '../departments/departments.repository.js';
import type { FieldValue } from '../intake/fields.js';
import { checkIntake, getUrgentRouting } from '../intake/intake.service.js';
import { announceTicketChange } from '../live/live.js';
import { insertMessage } from '../messages/messages.repository.js';
import { indexMessage, indexSubject, searchTerms, unindexTicket } from '../search/search.repository.js';
import { claimTicketQuota, replyGate, subscriptionsEnabled } from '../subscriptions/entitlements.js';
import { findService } from '../subscriptions/subscriptions.repository.js';
import { latestAnsweredSurvey } from '../surveys/surveys.repository.js';
import { findUserById, worksInDepartment } from '../users/users.repository.js';
import { loadWorkflow } from '../workflow/workflow.service.js';
import { type Cause, type Change, commitChange, eventRow, moveChange } from './status.js';
import { listTicketRows, sortValue } from './tickets.list.js';
import { PRIORITY_RANK, presentTicket, priorityName } from './tickets.present.js';
import {
  deleteTicketRow,
  findTicketById,
  findVisibleTicket,
  insertTicket,
  nextTicketNumber,
  type TicketRow,
  type TicketView,
} from './tickets.repository.js';

/** The ticket if the caller may see it; otherwise not_found, never a hint that it exists. */
export async function requireVisibleTicket(
  ctx: ActorCtx,
  db: Executor,
  number: number,
  lock = false,
): Promise<TicketView> {
  const row = await findVisibleTicket(db, ctx.actor, number, lock);
  if (!row) throw notFound(`No ticket #${number}`);
  return row;
}

/** A department the caller may file tickets in: customers and admins any, agents their own. */
async function usableDepartment(ctx: ActorCtx, db: Executor, id: string, path = 'departmentId') {
  const dept = await findDepartment(db, id);
  if (!dept || (ctx.actor.role === 'agent' && !ctx.actor.departmentIds.includes(id))) {
    throw validation(path, 'no such department');
  }
  return dept;
}

export async function createTicket(
  ctx: ActorCtx,
  input: CreateTicketInput,
  channel: Channel,
  source: { inboundId?: string } = {},
): Promise<Ticket> {
  const actor = ctx.actor;
  authorize(actor, 'ticket.create');
  if (input.requesterId) authorize(actor, 'ticket.createForOthers');

  const ticket = await ctx.db.transaction().execute(async (trx) => {
    await usableDepartment(ctx, trx, input.departmentId);
    const requester = input.requesterId ? await findUserById(trx, input.requesterId) : null;
    if (input.requesterId && requester?.active !== 1) throw validation('requesterId', 'no such user');
    if (input.serviceId && !(await findService(trx, input.serviceId)))
      throw validation('serviceId', 'no such service');
    // Customers open tickets within their entitlements; staff on their behalf are not limited.
    const quota =
      !isStaff(actor) && (await subscriptionsEnabled(ctx, trx))
        ? await claimTicketQuota(
            trx,
            ctx,
            { customerId: actor.id, organisationId: actor.organisationId },
            input.serviceId,
          )
        : null;
    const intake = await checkIntake(trx, {
      departmentId: input.departmentId,
      type: input.type ?? null,
      fields: input.fields ?? {},
      requireAll: true,
    });
    const urgent =
      intake.urgentType || (input.priority === 'urgent' && (await getUrgentRouting(trx)).urgentPriority);
    const wf = await loadWorkflow(ctx, trx);
    const initial = findStatus(wf, wf.initialStatus);
    const now = nowIso(ctx);
    const row: TicketRow = {
      id: newId(),
      number: await nextTicketNumber(trx, ctx.dialect),
      subject: input.subject,
      department_id: input.departmentId,
      priority: PRIORITY_RANK[input.priority],
      type: input.type ?? null,
      fields: JSON.stringify(intake.fields),
      service_id: quota?.serviceId ?? input.serviceId ?? null,
      requester_id: requester?.id ?? actor.id,
      organisation_id: requester ? requester.organisation_id : actor.organisationId,
      assignee_id: null,
      channel,
      status: wf.initialStatus,
      status_category: initial?.category ?? 'new',
      created_at: now,
      updated_at: now,
      last_activity_at: now,
      first_response_at: null,
      status_changed_at: now,
      resolved_at: null,
      closed_at: null,
      next_timer_at: null,
      subscription_id: quota?.subscriptionId ?? null,
      urgent: urgent ? 1 : 0,
      merged_into_id: null,
    };
    row.next_timer_at = nextTimerAt(wf, {
      number: row.number,
      status: row.status,
      statusChangedAt: now,
      lastActivityAt: now,
    });
    await insertTicket(trx, row);
    const messageId = newId();
    await insertMessage(trx, {
      id: messageId,
      ticket_id: row.id,
      author_id: requester?.id ?? actor.id,
      body: input.description,
      internal: 0,
      channel,
      created_at: now,
      inbound_id: source.inboundId ?? null,
    });
    await linkAttachments(trx, ctx, input.attachmentIds, { ticketId: row.id, messageId });
    await commitChange(trx, ctx, wf, row, {
      patch: {},
      events: [
        eventRow(row.id, { kind: 'user', actor }, now, { type: 'created', field: 'status', to: row.status }),
      ],
      notices: urgent ? ['ticket.created', 'ticket.urgent'] : ['ticket.created'],
      noticeKey: 'created',
      actorId: actor.id,
    });
    await indexSubject(trx, ctx.dialect, row.number, row.subject);
    await indexMessage(trx, ctx.dialect, row, false, input.description);
    const view = await findTicketById(trx, row.id);
    return { view: view!, wf };
  });
  await announceTicketChange(ctx, { ticketId: ticket.view.id, number: ticket.view.number });
  return presentTicket(ticket.view, actor, ticket.wf);
}

export async function getTicket(ctx: ActorCtx, number: number): Promise<Ticket> {
  const [row, wf, gate] = await Promise.all([
    requireVisibleTicket(ctx, ctx.db, number),
    loadWorkflow(ctx, ctx.db),
    replyGate(ctx, ctx.db, ctx.actor),
  ]);
  const ticket = presentTicket(row, ctx.actor, wf, gate);
  if (can(ctx.actor, 'ticket.readInternal')) {
    const s = await latestAnsweredSurvey(ctx.db, row.id);
    ticket.satisfaction = s?.answered_at
      ? { rating: Number(s.rating), comment: s.comment, answeredAt: s.answered_at }
      : null;
  }
  return ticket;
}

const NUMERIC_SORTS = new Set(['number', 'priority']);

export async function listTickets(ctx: ActorCtx, q: TicketListQuery) {
  let after = null;
  if (q.cursor) {
    after = decodeCursor(q.cursor, 2);
    const valueOk = NUMERIC_SORTS.has(q.sort) ? typeof after[0] === 'number' : typeof after[0] === 'string';
    if (!valueOk || typeof after[1] !== 'number')
      throw validation('querystring.cursor', 'not a cursor of this sort');
  }
  let terms: string[] | undefined;
  if (q.q) {
    terms = searchTerms(q.q);
    if (terms.length === 0) throw validation('querystring.q', 'must contain at least one word');
  }
  const assigneeId = q.assigneeId === 'me' ? ctx.actor.id : q.assigneeId === 'none' ? null : q.assigneeId;
  const [rows, wf, gate] = await Promise.all([
    listTicketRows(ctx.db, ctx.dialect, ctx.actor, {
      statuses: q.status,
      statusCategories: q.statusCategory,
      priorities: q.priority?.map((p) => PRIORITY_RANK[p]),
      departmentId: q.departmentId,
      assigneeId,
      organisationId: q.organisationId,
      requesterId: q.requesterId,
      terms,
      urgent: q.urgent,
      fieldFilters: Object.entries(q)
        .filter(([k]) => k.startsWith('fields.'))
        .map(([k, v]) => [k.slice(7), String(v)] as [string, string]),
      sort: q.sort,
      order: q.order,
      after,
      limit: q.limit,
    }),
    loadWorkflow(ctx, ctx.db),
    replyGate(ctx, ctx.db, ctx.actor),
  ]);
  return toPage(
    rows,
    q.limit,
    (r) => presentTicket(r, ctx.actor, wf, gate),
    (r) => [sortValue(r, q.sort), r.number],
  );
}

/** Staff change a ticket's properties; each change is an event on the timeline. */
export async function updateTicket(ctx: ActorCtx, number: number, input: UpdateTicketInput): Promise<Ticket> {
  const actor = ctx.actor;
  const result = await ctx.db.transaction().execute(async (trx) => {
    const row = await requireVisibleTicket(ctx, trx, number, true);
    authorize(actor, 'ticket.update');
    const wf = await loadWorkflow(ctx, trx);
    const now = nowIso(ctx);
    const cause: Cause = { kind: 'user', actor };
    const change: Change = {
      patch: {},
      events: [],
      notices: [],
      noticeKey: `update@${now}`,
      actorId: actor.id,
    };
    const record = (field: string, from: string | null, to: string | null, isPublic = true) => {
      if (from !== to)
        change.events.push(
          eventRow(row.id, cause, now, { type: 'changed', field, from, to, public: isPublic }),
        );
    };

    if (input.status !== undefined && input.status !== row.status) {
      const move = decideManualMove(wf, row.status, input.status);
      if (!move.allowed) throw new AppError('invalid_transition', move.reason);
      const moved = moveChange(wf, row, input.status, cause, now, { notices: move.notices });
      Object.assign(change.patch, moved.patch);
      change.events.push(...moved.events);
      change.notices.push(...moved.notices);
    }
    if (input.priority !== undefined) {
      change.patch.priority = PRIORITY_RANK[input.priority];
      record('priority', priorityName(row.priority), input.priority);
    }
    if (input.departmentId !== undefined && input.departmentId !== row.department_id) {
      if (!(await findDepartment(trx, input.departmentId)))
        throw validation('departmentId', 'no such department');
      change.patch.department_id = input.departmentId;
      record('department', row.department_id, input.departmentId);
    }
    if (input.assigneeId !== undefined && input.assigneeId !== row.assignee_id) {
      if (input.assigneeId !== null)
        await checkAssignee(trx, input.assigneeId, change.patch.department_id ?? row.department_id);
      change.patch.assignee_id = input.assigneeId;
      record('assignee', row.assignee_id, input.assigneeId, false);
      if (input.assigneeId !== null && input.assigneeId !== actor.id) change.notices.push('ticket.assigned');
    }
    if (input.subject !== undefined && input.subject !== row.subject) {
      change.patch.subject = input.subject;
      record('subject', row.subject, input.subject);
      await indexSubject(trx, ctx.dialect, row.number, input.subject);
    }
    if (input.type !== undefined || input.fields !== undefined || change.patch.department_id !== undefined) {
      // Given fields replace those keys (null clears one); the result must suit the new department and type.
      const type = input.type === undefined ? row.type : input.type;
      const intake = await checkIntake(trx, {
        departmentId: change.patch.department_id ?? row.department_id,
        type,
        fields: input.fields ?? {},
        existing: JSON.parse(row.fields) as Record<string, FieldValue>,
        requireAll: false,
      });
      if (input.type !== undefined && input.type !== row.type) {
        change.patch.type = input.type;
        record('type', row.type, input.type);
      }
      const fields = JSON.stringify(intake.fields);
      if (fields !== row.fields) {
        change.patch.fields = fields;
        record('fields', row.fields, fields);
      }
    }
    if (change.events.length > 0) {
      change.patch.updated_at = now;
      await commitChange(trx, ctx, wf, row, change);
    }
    return { row: (await findTicketById(trx, row.id))!, wf };
  });
  await announceTicketChange(ctx, { ticketId: result.row.id, number: result.row.number });
  return presentTicket(result.row, actor, result.wf);
}

/** An assignee must be active staff who can see the ticket's department. */
async function checkAssignee(db: Executor, userId: string, departmentId: string) {
  const user = await findUserById(db, userId);
  const ok =
    user?.active === 1 &&
    (user.role === 'admin' || (user.role === 'agent' && (await worksInDepartment(db, userId, departmentId))));
  if (!ok) throw validation('assigneeId', 'must be a staff member of the ticket’s department');
}

/** Admins delete tickets for good; the number is never handed out again. */
export async function deleteTicket(ctx: ActorCtx, number: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await requireVisibleTicket(ctx, trx, number);
    authorize(ctx.actor, 'ticket.delete');
    await unindexTicket(trx, ctx.dialect, row.number);
    await deleteTicketRow(trx, row.id);
  });
}
