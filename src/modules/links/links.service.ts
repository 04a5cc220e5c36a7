import type { z } from 'zod';
import type { LinkRole, TicketLink, ticketLinkBody } from '../../../common/links.js';
import type { ActorCtx } from '../../context.js';
import { nowIso } from '../../context.js';
import type { Executor } from '../../db/database.js';
import type { TicketLinkTable } from '../../db/schema.js';
import { invalid, refusal } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import { newId } from '../../lib/crypto.js';
import { authorize } from '../../policies/policy.js';
import { findStatus, statusLabel } from '../../workflow/engine.js';
import { announceTicketChange } from '../live/live.js';
import { insertEvents } from '../ticket-data/events.repository.js';
import { eventRow } from '../ticket-data/status.js';
import type { TicketView } from '../ticket-data/tickets.repository.js';
import { requireVisibleTicket } from '../tickets/tickets.service.js';
import { loadWorkflow } from '../workflow/workflow.service.js';
import {
  deleteLink,
  findLinkBetween,
  insertLink,
  type LinkRow,
  linksOf,
  visibleLinkedTickets,
} from './links.repository.js';

const SAID = defineMessages({
  self: { id: 'error.links.self', defaultMessage: 'a ticket cannot be linked to itself' },
  linkedAlready: {
    id: 'error.links.linked_already',
    defaultMessage: '#{number} and #{other} are linked already ({role})',
  },
  notLinked: { id: 'error.links.not_linked', defaultMessage: '#{number} and #{other} are not linked' },
});

// Links between tickets (related, a duplicate, a cause), for staff. A link is made or shown only
// where the caller sees both tickets: the other end of a link to a department an agent is not in
// is neither listed nor reachable. Both timelines say so.

type Kind = TicketLinkTable['kind'];

/** What a link is as seen from each end: the stored kind reads from `from_ticket_id`. */
const ROLE: Record<Kind, { from: LinkRole; to: LinkRole }> = {
  related: { from: 'related', to: 'related' },
  duplicate_of: { from: 'duplicate_of', to: 'duplicated_by' },
  caused_by: { from: 'caused_by', to: 'causes' },
};
/** How a link asked for from one ticket is stored: which end it reads from, and its kind. */
const STORED: Record<LinkRole, { kind: Kind; thisIsFrom: boolean }> = {
  related: { kind: 'related', thisIsFrom: true },
  duplicate_of: { kind: 'duplicate_of', thisIsFrom: true },
  duplicated_by: { kind: 'duplicate_of', thisIsFrom: false },
  caused_by: { kind: 'caused_by', thisIsFrom: true },
  causes: { kind: 'caused_by', thisIsFrom: false },
};
const roleFrom = (link: LinkRow, ticketId: string): LinkRole =>
  link.from_ticket_id === ticketId ? ROLE[link.kind].from : ROLE[link.kind].to;

export async function listLinks(ctx: ActorCtx, number: number): Promise<TicketLink[]> {
  authorize(ctx.actor, 'ticket.readInternal');
  const ticket = await requireVisibleTicket(ctx, ctx.db, number);
  const links = await linksOf(ctx.db, ticket.id);
  const otherOf = (l: LinkRow) => (l.from_ticket_id === ticket.id ? l.to_ticket_id : l.from_ticket_id);
  const [others, wf] = await Promise.all([
    visibleLinkedTickets(ctx.db, ctx.actor, links.map(otherOf)),
    loadWorkflow(ctx, ctx.db),
  ]);
  const byId = new Map(others.map((t) => [t.id, t]));
  return links.flatMap((l) => {
    const other = byId.get(otherOf(l));
    if (!other) return [];
    const status = findStatus(wf, other.status);
    return [
      {
        ticket: {
          number: other.number,
          subject: other.subject,
          status: {
            key: other.status,
            label: status ? statusLabel(status, 'staff') : other.status,
            category: other.status_category,
          },
        },
        kind: roleFrom(l, ticket.id),
        createdAt: l.created_at,
      },
    ];
  });
}

/** Links two tickets the caller sees both of; a pair is linked once, whichever way. */
export async function linkTickets(ctx: ActorCtx, number: number, input: z.infer<typeof ticketLinkBody>) {
  authorize(ctx.actor, 'ticket.update');
  if (input.ticket === number) throw invalid('ticket', SAID.self);
  const pair = await ctx.db.transaction().execute(async (trx) => {
    const { self, other } = await bothEnds(ctx, trx, number, input.ticket);
    const existing = await findLinkBetween(trx, self.id, other.id);
    if (existing) {
      throw refusal('conflict', SAID.linkedAlready, {
        number: String(number),
        other: String(input.ticket),
        role: roleFrom(existing, self.id),
      });
    }
    const stored = STORED[input.kind];
    const [from, to] = stored.thisIsFrom ? [self, other] : [other, self];
    await insertLink(trx, {
      id: newId(),
      from_ticket_id: from.id,
      to_ticket_id: to.id,
      kind: stored.kind,
      created_by: ctx.actor.id,
      created_at: nowIso(ctx),
    });
    await timeline(ctx, trx, 'linked', { self, other, role: input.kind });
    return { self, other };
  });
  await announce(ctx, pair);
  return (await listLinks(ctx, number)).find((l) => l.ticket.number === input.ticket)!;
}

export async function unlinkTickets(ctx: ActorCtx, number: number, otherNumber: number): Promise<void> {
  authorize(ctx.actor, 'ticket.update');
  const pair = await ctx.db.transaction().execute(async (trx) => {
    const { self, other } = await bothEnds(ctx, trx, number, otherNumber);
    const link = await findLinkBetween(trx, self.id, other.id);
    if (!link)
      throw refusal('not_found', SAID.notLinked, { number: String(number), other: String(otherNumber) });
    await deleteLink(trx, link.id);
    await timeline(ctx, trx, 'unlinked', { self, other, role: roleFrom(link, self.id) });
    return { self, other };
  });
  await announce(ctx, pair);
}

/**
 * Both tickets, each as the caller sees it (a 404 for either they cannot see), locked lower
 * number first, so two requests linking the same pair from either end wait rather than deadlock.
 */
async function bothEnds(ctx: ActorCtx, trx: Executor, number: number, otherNumber: number) {
  const [low, high] = [Math.min(number, otherNumber), Math.max(number, otherNumber)];
  const first = await requireVisibleTicket(ctx, trx, low, true);
  const second = await requireVisibleTicket(ctx, trx, high, true);
  return number === low ? { self: first, other: second } : { self: second, other: first };
}

type Pair = { self: TicketView; other: TicketView };

/** An event on each timeline, each read from its own ticket: "duplicate_of #12" and "duplicated_by #7". */
async function timeline(
  ctx: ActorCtx,
  trx: Executor,
  type: 'linked' | 'unlinked',
  p: Pair & { role: LinkRole },
) {
  const back = ROLE[STORED[p.role].kind][STORED[p.role].thisIsFrom ? 'to' : 'from'];
  const cause = { kind: 'user' as const, actor: ctx.actor };
  const now = nowIso(ctx);
  const event = (ticket: TicketView, role: LinkRole, other: TicketView) =>
    eventRow(ticket.id, cause, now, { type, field: 'link', to: `${role} #${other.number}`, public: false });
  await insertEvents(trx, [event(p.self, p.role, p.other), event(p.other, back, p.self)]);
}

async function announce(ctx: ActorCtx, { self, other }: Pair) {
  for (const t of [self, other]) await announceTicketChange(ctx, { ticketId: t.id, number: t.number });
}
