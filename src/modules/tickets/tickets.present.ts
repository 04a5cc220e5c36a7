import type { Priority, Ticket } from '../../../common/api.js';
import { NO_DUE } from '../../../common/sla.js';
import type { Actor } from '../../context.js';
import { translate } from '../../i18n/index.js';
import { can } from '../../policies/policy.js';
import { decideCustomerMove, decideReply, findStatus, statusLabel } from '../../workflow/engine.js';
import type { WorkflowDocument } from '../../workflow/types.js';
import type { ReplyGate } from '../subscriptions/entitlements.js';
import type { TicketView } from '../ticket-data/tickets.repository.js';
import { workflowRefusalText } from '../workflow/refusals.js';

export const PRIORITY_RANK = { low: 1, normal: 2, high: 3, urgent: 4 } satisfies Record<Priority, number>;
const PRIORITY_BY_RANK: Record<number, Priority> = { 1: 'low', 2: 'normal', 3: 'high', 4: 'urgent' };

export const priorityName = (rank: number): Priority => PRIORITY_BY_RANK[rank] ?? 'normal';

function parseFields(json: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const customerMay = (wf: WorkflowDocument, row: TicketView, move: 'close' | 'reopen') =>
  row.merged_into_number == null && decideCustomerMove(wf, row, move).allowed;

/** The ticket as the caller sees it: their status label, and what they may do with it. */
export function presentTicket(
  row: TicketView,
  actor: Actor,
  wf: WorkflowDocument,
  gate: ReplyGate = () => null,
): Ticket {
  const audience = can(actor, 'ticket.readInternal') ? 'staff' : 'customer';
  const status = findStatus(wf, row.status);
  const byWorkflow = decideReply(wf, row, audience, false);
  // Why not, in the reader's own language (the source language when they chose none).
  const byGate = byWorkflow.allowed ? gate(row.service_id) : null;
  const blocked = byWorkflow.allowed
    ? byGate && translate(actor.locale, byGate.message, byGate.values)
    : workflowRefusalText(actor.locale, byWorkflow.refusal);
  const reply = blocked ? { allowed: false as const, reason: blocked } : { allowed: true as const };
  return {
    number: row.number,
    subject: row.subject,
    status: {
      key: row.status,
      label: status ? statusLabel(status, audience) : row.status,
      category: row.status_category,
    },
    priority: priorityName(row.priority),
    department: { id: row.department_id, name: row.department_name },
    type: row.type,
    fields: parseFields(row.fields),
    serviceId: row.service_id,
    requester: { id: row.requester_id, name: row.requester_name },
    organisation: row.organisation_id ? { id: row.organisation_id, name: row.organisation_name ?? '' } : null,
    assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? '' } : null,
    channel: row.channel,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastActivityAt: row.last_activity_at,
    firstResponseAt: row.first_response_at,
    statusChangedAt: row.status_changed_at,
    resolvedAt: row.resolved_at,
    closedAt: row.closed_at,
    canReply: reply.allowed,
    replyBlockedReason: reply.allowed ? null : reply.reason,
    urgent: row.urgent === 1,
    ...(audience === 'staff'
      ? { slaDueAt: row.sla_due_at && row.sla_due_at !== NO_DUE ? row.sla_due_at : null }
      : {}),
    mergedInto:
      row.merged_into_number === null || row.merged_into_number === undefined
        ? null
        : Number(row.merged_into_number),
    // The rules services authorize with; replying also depends on the workflow and the entitlements.
    abilities: {
      reply: reply.allowed && can(actor, 'ticket.reply'),
      addInternalNote: can(actor, 'ticket.addInternalNote'),
      update: can(actor, 'ticket.update'),
      delete: can(actor, 'ticket.delete'),
      close: can(actor, 'ticket.customerClose') && customerMay(wf, row, 'close'),
      reopen: can(actor, 'ticket.customerReopen') && !gate(row.service_id) && customerMay(wf, row, 'reopen'),
    },
  };
}
