import type { z } from 'zod';
import type { eventSchema } from '../../../common/api.js';
import type { ActorCtx } from '../../context.js';
import { can } from '../../policies/policy.js';
import { listEventRows } from '../ticket-data/events.repository.js';
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
