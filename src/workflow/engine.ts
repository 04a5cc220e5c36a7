import type { WorkflowDocument, WorkflowStatus } from './types.js';

// Pure: given a workflow document and a ticket's state, decide what an event does. No I/O.

export type Audience = 'customer' | 'staff';

export function findStatus(doc: WorkflowDocument, key: string): WorkflowStatus | undefined {
  return doc.statuses.find((s) => s.key === key);
}

export function statusLabel(status: WorkflowStatus, audience: Audience): string {
  return audience === 'customer' ? status.customerLabel : status.staffLabel;
}

export type ReplyDecision = { allowed: true; to: string | null } | { allowed: false; reason: string };

function matchRule(rules: WorkflowDocument['onStaffReply'], from: string): string | null {
  const rule = rules.find((r) => r.from.includes('*') || r.from.includes(from));
  return rule && rule.to !== from ? rule.to : null;
}

/** Whether a reply may be added in the ticket's current status, and where it moves the ticket. */
export function decideReply(
  doc: WorkflowDocument,
  ticket: { status: string; number: number },
  author: Audience,
  internal: boolean,
): ReplyDecision {
  const current = findStatus(doc, ticket.status);
  if (author === 'staff') {
    return { allowed: true, to: internal ? null : matchRule(doc.onStaffReply, ticket.status) };
  }
  if (!current) return { allowed: true, to: null };
  const closedForGood = current.category === 'closed' && !doc.reopenClosedOnReply;
  if (!current.customerCanReply || closedForGood) {
    return {
      allowed: false,
      reason: `This ticket is ${current.customerLabel.toLowerCase()}. Open a new ticket and mention #${ticket.number}.`,
    };
  }
  return { allowed: true, to: matchRule(doc.onCustomerReply, ticket.status) };
}

export type MoveDecision = { allowed: true } | { allowed: false; reason: string };

/** A person moving a ticket by hand: the status must exist and be settable by hand. */
export function decideManualMove(doc: WorkflowDocument, to: string): MoveDecision {
  const target = findStatus(doc, to);
  if (!target) return { allowed: false, reason: `There is no status "${to}" in this workflow` };
  if (!target.manual)
    return { allowed: false, reason: `"${target.staffLabel}" is set by the workflow, not by hand` };
  return { allowed: true };
}
