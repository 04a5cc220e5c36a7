import type { Channel, Ticket } from '../../../common/api.js';
import type { MacroActions, TicketActionsInput } from '../../../common/intake.js';
import type { ActorCtx } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { refusal } from '../../errors.js';
import { authorize } from '../../policies/policy.js';
import { readerWorkflow } from '../languages/variants.js';
import { announceTicketChange } from '../live/live.js';
import { addMessageIn } from '../messages/messages.service.js';
import { findTicketById } from '../ticket-data/tickets.repository.js';
import { editTicket } from '../tickets/tickets.edit.js';
import { presentTicket } from '../tickets/tickets.present.js';
import { requireVisibleTicket, withTags } from '../tickets/tickets.service.js';
import { loadWorkflow } from '../workflow/workflow.service.js';
import { countCannedUse, findCanned } from './canned.repository.js';
import {
  CANNED_REFUSALS,
  cannedTextFor,
  fillCanned,
  macroActionsOf,
  usableCanned,
} from './canned.service.js';

// Several things done to one ticket at once, as a macro does or "Send and resolve": a public
// reply, an internal note, then changes, all in one transaction through the same functions a
// single reply, note and edit use. Refused as a whole when any part is.

type Resolved = { reply?: string; note?: string; changes?: MacroActions['changes'] };

/** What the request asks for, the macro's parts filled in where the request does not give them. */
async function resolve(ctx: ActorCtx, trx: Executor, number: number, input: TicketActionsInput) {
  if (!input.macroId) return { parts: input as Resolved, macroId: null };
  authorize(ctx.actor, 'canned.use');
  const macro = await findCanned(trx, input.macroId);
  if (!macro || !usableCanned(ctx, macro)) throw refusal('not_found', CANNED_REFUSALS.noMacro);
  const ticket = await requireVisibleTicket(ctx, trx, number);
  const own = macroActionsOf(macro);
  const text = fillCanned(ctx, await cannedTextFor(trx, macro, 'body', ticket), ticket);
  const parts: Resolved = {
    reply: input.reply ?? (text.trim() || undefined),
    note: input.note ?? (own.note ? fillCanned(ctx, own.note, ticket) : undefined),
    // "Send and resolve" with a macro: the status given here over the macro's other changes.
    changes: input.changes || own.changes ? { ...own.changes, ...input.changes } : undefined,
  };
  return { parts, macroId: macro.id };
}

/** The actions in the caller's transaction: one request's, or one ticket's of a bulk change. */
export async function applyTicketActionsIn(
  ctx: ActorCtx,
  trx: Executor,
  number: number,
  input: TicketActionsInput,
  channel: Channel = 'portal',
) {
  authorize(ctx.actor, 'ticket.update');
  const { parts, macroId } = await resolve(ctx, trx, number, input);
  let ticketId = (await requireVisibleTicket(ctx, trx, number, true)).id;
  if (parts.reply) {
    const { attachmentIds, seenUpTo, confirm } = input;
    const format = input.reply === undefined ? 'text' : input.format;
    const body = { body: parts.reply, format, internal: false, attachmentIds, seenUpTo, confirm };
    ticketId = (await addMessageIn(ctx, trx, number, body, channel)).ticket.id;
  }
  if (parts.note) await addMessageIn(ctx, trx, number, { body: parts.note, internal: true }, channel);
  if (parts.changes) {
    // The ticket as the reply left it (a reply may have moved it, or gone to where it was merged).
    const row = await findTicketById(trx, ticketId, true);
    if (!row) throw refusal('not_found', CANNED_REFUSALS.noTicket, { number: String(number) });
    await editTicket(ctx, trx, await loadWorkflow(ctx, trx), row, parts.changes);
  }
  // A macro whose text the agent had inserted (and may have edited) was counted then.
  if (macroId && input.reply === undefined) await countCannedUse(trx, macroId);
  return ticketId;
}

/** Applies the actions to a ticket the caller may see and change; answers the ticket as it ends. */
export async function applyTicketActions(
  ctx: ActorCtx,
  number: number,
  input: TicketActionsInput,
  channel?: Channel,
): Promise<Ticket> {
  const result = await ctx.db.transaction().execute(async (trx) => {
    const id = await applyTicketActionsIn(ctx, trx, number, input, channel);
    return { row: (await findTicketById(trx, id))!, wf: await loadWorkflow(ctx, trx) };
  });
  await announceTicketChange(ctx, { ticketId: result.row.id, number: result.row.number });
  const wf = await readerWorkflow(ctx.db, ctx.actor, result.wf);
  return (await withTags(ctx, [result.row], (r) => presentTicket(r, ctx.actor, wf)))[0]!;
}
