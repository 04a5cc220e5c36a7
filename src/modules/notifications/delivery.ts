import type { Ctx } from '../../context.js';
import { findMessageWithAuthor, openingMessageWithAuthor } from '../ticket-data/messages.repository.js';
import { findTicketById } from '../ticket-data/tickets.repository.js';
import { findActiveUser } from './recipients.repository.js';

/** Notices of a ticket being opened: they name who opened it and quote what they wrote. */
const OPENING = new Set(['ticket.created', 'ticket.urgent']);

/** How much of a description an opening notice quotes; the whole of it is a click away. */
export const OPENING_QUOTE_CHARS = 1500;

/** The text cut at a word near `max` characters, marked as cut. */
export function excerpt(text: string, max: number): string {
  const body = text.trim();
  if (body.length <= max) return body;
  const cut = body.slice(0, max);
  const space = cut.search(/\s\S*$/);
  return `${(space > max * 0.8 ? cut.slice(0, space) : cut).trimEnd()} […]`;
}

/**
 * What every channel's delivery needs: the recipient (still active), the ticket (still there)
 * and the message the notice is about. Null when there is nothing to send, and always for an
 * internal note: the one check that keeps notes out of every channel.
 */
export async function loadDelivery(
  ctx: Ctx,
  data: { userId: string; ticketId: string; messageId?: string | null; event?: string },
) {
  const [user, ticket] = await Promise.all([
    findActiveUser(ctx.db, data.userId),
    findTicketById(ctx.db, data.ticketId),
  ]);
  if (!user || !ticket) return null;
  const opening = data.event !== undefined && OPENING.has(data.event);
  // A ticket's opening notices are about its description, which the notice does not point to.
  const message = data.messageId
    ? await findMessageWithAuthor(ctx.db, data.messageId)
    : opening
      ? await openingMessageWithAuthor(ctx.db, ticket.id)
      : undefined;
  if (message?.internal === 1) return null;
  if (message && opening)
    return { user, ticket, message: { ...message, body: excerpt(message.body, OPENING_QUOTE_CHARS) } };
  return { user, ticket, message };
}
