import type { Ctx } from '../../context.js';
import { findTicketById } from '../tickets/tickets.repository.js';
import { findMessageWithAuthor } from './delivery.repository.js';
import { findActiveUser } from './recipients.repository.js';

/**
 * What every channel's delivery needs: the recipient (still active), the ticket (still there)
 * and the message the notice is about. Null when there is nothing to send, and always for an
 * internal note: the one check that keeps notes out of every channel.
 */
export async function loadDelivery(
  ctx: Ctx,
  data: { userId: string; ticketId: string; messageId?: string | null },
) {
  const [user, ticket] = await Promise.all([
    findActiveUser(ctx.db, data.userId),
    findTicketById(ctx.db, data.ticketId),
  ]);
  if (!user || !ticket) return null;
  const message = data.messageId ? await findMessageWithAuthor(ctx.db, data.messageId) : undefined;
  if (message?.internal === 1) return null;
  return { user, ticket, message };
}
