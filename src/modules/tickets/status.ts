import type { Actor } from '../../context.js';
import { newId } from '../../lib/crypto.js';
import { findStatus } from '../../workflow/engine.js';
import type { WorkflowDocument } from '../../workflow/types.js';
import type { EventRow } from './events.repository.js';
import type { TicketRow } from './tickets.repository.js';

/** Who caused a change: a person, or the workflow's automation (rules and timers). */
export type Cause = { kind: 'user'; actor: Actor } | { kind: 'automation' };

export function eventRow(
  ticketId: string,
  cause: Cause,
  now: string,
  e: { type: string; field?: string; from?: string | null; to?: string | null; public?: boolean },
): EventRow {
  return {
    id: newId(),
    ticket_id: ticketId,
    actor_id: cause.kind === 'user' ? cause.actor.id : null,
    actor_kind: cause.kind,
    type: e.type,
    field: e.field ?? null,
    from_value: e.from ?? null,
    to_value: e.to ?? null,
    public: e.public === false ? 0 : 1,
    created_at: now,
  };
}

/** The columns a move to `to` changes: category, times of entering solved and closed, reopening. */
export function statusPatch(
  wf: WorkflowDocument,
  ticket: TicketRow,
  to: string,
  now: string,
): Partial<TicketRow> {
  const category = findStatus(wf, to)?.category ?? 'open';
  const patch: Partial<TicketRow> = {
    status: to,
    status_category: category,
    status_changed_at: now,
    updated_at: now,
    last_activity_at: now,
  };
  if (category === 'solved') patch.resolved_at = now;
  if (category === 'closed') {
    patch.closed_at = now;
    patch.resolved_at = ticket.resolved_at ?? now;
  }
  if (category !== 'solved' && category !== 'closed') {
    patch.resolved_at = null;
    patch.closed_at = null;
  }
  return patch;
}
