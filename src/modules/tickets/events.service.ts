import type { z } from 'zod';
import type { eventSchema } from '../../../common/api.js';
import { REASON_CODES, type ReasonCode, type ReasonValues } from '../../../common/timeline.js';
import type { ActorCtx } from '../../context.js';
import { can } from '../../policies/policy.js';
import { type EventRow, listEventRows } from '../ticket-data/events.repository.js';
import { requireVisibleTicket } from './tickets.service.js';

/** The timeline; customers see public events only. */
export async function listEvents(ctx: ActorCtx, number: number): Promise<z.infer<typeof eventSchema>[]> {
  const ticket = await requireVisibleTicket(ctx, ctx.db, number);
  const staff = can(ctx.actor, 'ticket.readInternal');
  const rows = await listEventRows(ctx.db, ticket.id, staff);
  return rows.map((e) => ({
    id: e.id,
    type: e.type,
    field: e.field,
    from: e.from_value,
    to: e.to_value,
    public: e.public === 1,
    // Reasons are the workflow's own words, in staff labels ("3 days in Awaiting customer"): staff only.
    reason: staff ? e.reason : null,
    ...(staff ? reasonCodeOf(e) : { reasonCode: null, reasonValues: null }),
    // A rule's name is the team's own ("Deprioritise known complainers"): customers see "Automation".
    actor:
      e.rule_name && staff
        ? {
            kind: 'rule',
            id: e.rule_id ?? null,
            name: `${e.rule_kind === 'time' ? 'Automation' : 'Trigger'} “${e.rule_name}”`,
          }
        : e.actor_kind === 'automation' || e.rule_name
          ? { kind: 'automation', id: null, name: 'Automation' }
          : { kind: 'user', id: e.actor_id, name: e.actor_name ?? 'Deleted user' },
    createdAt: e.created_at,
  }));
}

/** An event's reason code and values; none for a row from before codes, or a code this version does not know. */
function reasonCodeOf(e: EventRow): { reasonCode: ReasonCode | null; reasonValues: ReasonValues | null } {
  const code = REASON_CODES.find((c) => c === e.reason_code);
  if (!code) return { reasonCode: null, reasonValues: null };
  return {
    reasonCode: code,
    reasonValues: e.reason_values ? (JSON.parse(e.reason_values) as ReasonValues) : {},
  };
}
