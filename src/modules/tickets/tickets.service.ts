import type {
  Channel,
  CreateTicketInput,
  Ticket,
  TicketListQuery,
  UpdateTicketInput,
} from '../../../common/api.js';
import { type ActorCtx, isStaff, nowIso } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { invalid, refusal } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import { decodeCursor, toPage } from '../../lib/cursor.js';
import { authorize, can } from '../../policies/policy.js';
import { linkAttachments } from '../attachments/attachments.service.js';
import { findDepartment } from '../departments/departments.repository.js';
import { checkIntake, getUrgentRouting } from '../intake/intake.service.js';
import { readerWorkflow } from '../languages/variants.js';
import { announceTicketChange } from '../live/live.js';
import { indexMessage, indexSubject, searchTerms, unindexTicket } from '../search/search.repository.js';
import { ticketSla } from '../sla-clocks/clocks.service.js';
import {
  claimTicketQuota,
  replyGate,
  SUBSCRIPTION_REFUSALS,
  subscriptionsEnabled,
} from '../subscriptions/entitlements.js';
import { findService } from '../subscriptions/subscriptions.repository.js';
import { latestAnsweredSurvey } from '../surveys/surveys.repository.js';
import { tagsOf } from '../tags/tags.repository.js';
import { insertMessage } from '../ticket-data/messages.repository.js';
import { commitChange } from '../ticket-data/status.js';
import {
  deleteTicketRow,
  findTicketById,
  insertTicket,
  nextTicketNumber,
  type TicketView,
} from '../ticket-data/tickets.repository.js';
import { requireVisibleTicket, TICKET_REFUSALS } from '../ticket-data/visible.js';
import { USER_REFUSALS } from '../users/refusals.js';
import { findUserById } from '../users/users.repository.js';
import { loadWorkflow } from '../workflow/workflow.service.js';
import { buildNewTicket } from './tickets.build.js';
import { editTicket } from './tickets.edit.js';
import { listTicketRows, sortValue, type TicketFilter } from './tickets.list.js';
import { PRIORITY_RANK, presentTicket } from './tickets.present.js';

const SAID = defineMessages({
  cursorSort: { id: 'error.tickets.cursor_of_other_sort', defaultMessage: 'not a cursor of this sort' },
  noWord: { id: 'error.tickets.search_needs_word', defaultMessage: 'must contain at least one word' },
});

export { requireVisibleTicket };

/** A department the caller may file tickets in: customers and admins any, agents their own. */
async function usableDepartment(ctx: ActorCtx, db: Executor, id: string, path = 'departmentId') {
  const dept = await findDepartment(db, id);
  if (!dept || (ctx.actor.role === 'agent' && !ctx.actor.departmentIds.includes(id))) {
    throw invalid(path, USER_REFUSALS.noSuchDepartment);
  }
  return dept;
}

export async function createTicket(
  ctx: ActorCtx,
  input: CreateTicketInput,
  channel: Channel,
  source: {
    inboundId?: string;
    /** Runs in the ticket's transaction once it is written (a mail's CC list comes with it). */
    within?: (trx: Executor, posted: { ticket: TicketView; messageId: string }) => Promise<void>;
  } = {},
): Promise<Ticket> {
  const actor = ctx.actor;
  authorize(actor, 'ticket.create');
  if (input.requesterId) authorize(actor, 'ticket.createForOthers');

  const ticket = await ctx.db.transaction().execute(async (trx) => {
    const facts = await loadNewTicket(ctx, trx, input);
    const { row, message, change } = buildNewTicket({
      ...facts,
      input,
      channel,
      actor,
      number: await nextTicketNumber(trx, ctx.dialect),
      now: nowIso(ctx),
      inboundId: source.inboundId ?? null,
    });
    await insertTicket(trx, row);
    await insertMessage(trx, message);
    await linkAttachments(trx, ctx, input.attachmentIds, { ticketId: row.id, messageId: message.id });
    await commitChange(ctx, trx, facts.wf, row, change);
    await indexSubject(trx, ctx.dialect, row.number, row.subject);
    await indexMessage(trx, ctx.dialect, row, false, input.description);
    const view = await findTicketById(trx, row.id);
    await source.within?.(trx, { ticket: view!, messageId: message.id });
    return { view: view!, wf: facts.wf };
  });
  await announceTicketChange(ctx, { ticketId: ticket.view.id, number: ticket.view.number });
  return presentTicket(ticket.view, actor, await readerWorkflow(ctx.db, actor, ticket.wf));
}

/** Checks a new ticket's references and claims its quota, in the order a caller hears of problems. */
async function loadNewTicket(ctx: ActorCtx, trx: Executor, input: CreateTicketInput) {
  await usableDepartment(ctx, trx, input.departmentId);
  const requester = await requesterFor(trx, input.requesterId);
  if (input.serviceId && !(await findService(trx, input.serviceId)))
    throw invalid('serviceId', SUBSCRIPTION_REFUSALS.noSuchService);
  const quota = await ticketQuota(ctx, trx, input.serviceId);
  const intake = await checkIntake(trx, {
    departmentId: input.departmentId,
    type: input.type ?? null,
    fields: input.fields ?? {},
    requireAll: true,
  });
  const urgent =
    intake.urgentType || (input.priority === 'urgent' && (await getUrgentRouting(trx)).urgentPriority);
  return { requester, quota, fields: intake.fields, urgent, wf: await loadWorkflow(ctx, trx) };
}

async function requesterFor(db: Executor, requesterId: string | undefined) {
  if (!requesterId) return null;
  const requester = await findUserById(db, requesterId);
  if (requester?.active !== 1) throw invalid('requesterId', USER_REFUSALS.noSuchUserField);
  return requester;
}

/** Customers open tickets within their entitlements; staff on their behalf are not limited. */
async function ticketQuota(ctx: ActorCtx, trx: Executor, serviceId: string | undefined) {
  const actor = ctx.actor;
  if (isStaff(actor) || !(await subscriptionsEnabled(ctx, trx))) return null;
  return claimTicketQuota(
    ctx,
    trx,
    { customerId: actor.id, organisationId: actor.organisationId },
    serviceId,
  );
}

export async function getTicket(ctx: ActorCtx, number: number): Promise<Ticket> {
  const [row, wf, gate] = await Promise.all([
    requireVisibleTicket(ctx, ctx.db, number),
    loadWorkflow(ctx, ctx.db).then((wf) => readerWorkflow(ctx.db, ctx.actor, wf)),
    replyGate(ctx, ctx.db, ctx.actor),
  ]);
  const [ticket] = await withTags(ctx, [row], (r) => presentTicket(r, ctx.actor, wf, gate));
  if (!ticket) throw refusal('not_found', TICKET_REFUSALS.noTicket, { number: String(number) });
  if (can(ctx.actor, 'ticket.readInternal')) {
    const s = await latestAnsweredSurvey(ctx.db, row.id);
    ticket.satisfaction = s?.answered_at
      ? { rating: Number(s.rating), comment: s.comment, answeredAt: s.answered_at }
      : null;
    ticket.sla = await ticketSla(ctx, ctx.db, row.id);
  }
  return ticket;
}

const NUMERIC_SORTS = new Set(['number', 'priority']);

/** The service-level conditions of a list query, against the time now. */
function slaFilterOf(ctx: ActorCtx, q: TicketListQuery): TicketFilter['sla'] {
  if (q.slaBreached === undefined && q.slaDueWithinHours === undefined) return undefined;
  const now = ctx.clock();
  return {
    now: now.toISOString(),
    breached: q.slaBreached,
    dueBy:
      q.slaDueWithinHours === undefined
        ? undefined
        : new Date(now.getTime() + q.slaDueWithinHours * 3_600_000).toISOString(),
  };
}

/** The list's filter from its query, as the caller asked it ('me' is the caller). */
export function ticketFilterOf(ctx: ActorCtx, q: TicketListQuery): TicketFilter {
  let after = null;
  if (q.cursor) {
    after = decodeCursor(q.cursor, 2);
    const valueOk = NUMERIC_SORTS.has(q.sort) ? typeof after[0] === 'number' : typeof after[0] === 'string';
    if (!valueOk || typeof after[1] !== 'number') throw invalid('querystring.cursor', SAID.cursorSort);
  }
  let terms: string[] | undefined;
  if (q.q) {
    terms = searchTerms(q.q);
    if (terms.length === 0) throw invalid('querystring.q', SAID.noWord);
  }
  if (q.tag) authorize(ctx.actor, 'tag.read');
  return {
    statuses: q.status,
    statusCategories: q.statusCategory,
    priorities: q.priority?.map((p) => PRIORITY_RANK[p]),
    departmentId: q.departmentId,
    assigneeId: q.assigneeId === 'me' ? ctx.actor.id : q.assigneeId === 'none' ? null : q.assigneeId,
    organisationId: q.organisationId,
    requesterId: q.requesterId,
    tags: q.tag,
    numbers: q.numbers,
    terms,
    urgent: q.urgent,
    sla: slaFilterOf(ctx, q),
    fieldFilters: Object.entries(q)
      .filter(([k]) => k.startsWith('fields.'))
      .map(([k, v]) => [k.slice(7), String(v)] as [string, string]),
    sort: q.sort,
    order: q.order,
    after,
    limit: q.limit,
  };
}

export async function listTickets(ctx: ActorCtx, q: TicketListQuery) {
  const filter = ticketFilterOf(ctx, q);
  const [rows, wf, gate] = await Promise.all([
    listTicketRows(ctx.db, ctx.dialect, ctx.actor, filter),
    loadWorkflow(ctx, ctx.db).then((wf) => readerWorkflow(ctx.db, ctx.actor, wf)),
    replyGate(ctx, ctx.db, ctx.actor),
  ]);
  const page = toPage(
    rows,
    q.limit,
    (r) => r,
    (r) => [sortValue(r, q.sort), r.number],
  );
  return { ...page, items: await withTags(ctx, page.items, (r) => presentTicket(r, ctx.actor, wf, gate)) };
}

/** Staff change a ticket's properties; each change is an event on the timeline. */
export async function updateTicket(ctx: ActorCtx, number: number, input: UpdateTicketInput): Promise<Ticket> {
  const actor = ctx.actor;
  const result = await ctx.db.transaction().execute(async (trx) => {
    const row = await requireVisibleTicket(ctx, trx, number, true);
    authorize(actor, 'ticket.update');
    const wf = await loadWorkflow(ctx, trx);
    await editTicket(ctx, trx, wf, row, input);
    return { row: (await findTicketById(trx, row.id))!, wf };
  });
  await announceTicketChange(ctx, { ticketId: result.row.id, number: result.row.number });
  const wf = await readerWorkflow(ctx.db, actor, result.wf);
  return (await withTags(ctx, [result.row], (r) => presentTicket(r, actor, wf)))[0]!;
}

/** Presents tickets, with their tags for staff (one query for all of them). */
export async function withTags(ctx: ActorCtx, rows: TicketView[], present: (r: TicketView) => Ticket) {
  if (!can(ctx.actor, 'tag.read')) return rows.map(present);
  const tags = await tagsOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...present(r), tags: tags.get(r.id) ?? [] }));
}

/** Admins delete tickets for good; the number is never handed out again. */
export async function deleteTicket(ctx: ActorCtx, number: number): Promise<void> {
  await ctx.db.transaction().execute((trx) => deleteTicketIn(ctx, trx, number));
}

/** Deletes one ticket in the caller's transaction (a single delete, or one of a bulk change). */
export async function deleteTicketIn(ctx: ActorCtx, trx: Executor, number: number): Promise<void> {
  const row = await requireVisibleTicket(ctx, trx, number);
  authorize(ctx.actor, 'ticket.delete');
  await unindexTicket(trx, ctx.dialect, row);
  await deleteTicketRow(trx, row.id);
}
