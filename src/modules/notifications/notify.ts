import type { PreferenceEvent } from '../../../common/notifications.js';
import { PREFERENCE_EVENTS } from '../../../common/notifications.js';
import type { Ctx } from '../../context.js';
import { nowIso } from '../../context.js';
import { enqueue } from '../../jobs/outbox.js';
import type { JobHandler } from '../../jobs/worker.js';
import { findTicketById } from '../tickets/tickets.repository.js';
import { wantsNotice } from './preferences.service.js';
import { departmentStaff, findActiveUser } from './recipients.repository.js';

/** Which preference governs each notice. */
const PREFERENCE_OF: Record<string, PreferenceEvent> = {
  'ticket.created': 'ticket.created',
  'ticket.customer_reply': 'ticket.customer_reply',
  'ticket.reopened': 'ticket.customer_reply',
  'ticket.assigned': 'ticket.assigned',
  'ticket.urgent': 'ticket.urgent',
  'ticket.staff_reply': 'ticket.staff_reply',
  'ticket.waiting_on_customer': 'ticket.waiting_on_customer',
  'ticket.reminder': 'ticket.reminder',
  'ticket.resolved': 'ticket.resolved',
  'ticket.closed': 'ticket.resolved',
  'ticket.survey': 'ticket.survey',
};

export type NotificationData = {
  event: string;
  ticketId: string;
  actorId?: string | null;
  messageId?: string | null;
  url?: string;
};

/**
 * Turns one decided notice into deliveries: who hears of it (requester, assignee, department
 * staff), minus whoever caused it, minus those who turned it off. Runs in the worker; each
 * delivery has its own dedupe key, so running this twice delivers once.
 */
export const fanOutNotification: JobHandler = async (ctx, job) => {
  const data = job.data as NotificationData;
  const preference = PREFERENCE_OF[data.event];
  if (!preference) return;
  const ticket = await findTicketById(ctx.db, data.ticketId);
  if (!ticket) return;

  let candidates: string[];
  if (PREFERENCE_EVENTS[preference].for === 'customer') {
    candidates = [ticket.requester_id];
  } else if (data.event === 'ticket.assigned') {
    candidates = ticket.assignee_id ? [ticket.assignee_id] : [];
  } else if (data.event !== 'ticket.created' && data.event !== 'ticket.urgent' && ticket.assignee_id) {
    candidates = [ticket.assignee_id];
  } else {
    candidates = await departmentStaff(ctx.db, ticket.department_id);
  }
  candidates = [...new Set(candidates)].filter((id) => id !== data.actorId);
  if (candidates.length === 0) return;

  const channels = deliveryChannels(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    for (const channel of channels) {
      for (const userId of await wantsNotice(trx, candidates, preference, channel)) {
        const user = await findActiveUser(trx, userId);
        if (!user) continue;
        await enqueue(
          trx,
          {
            topic: `deliver.${channel}`,
            payload: { ...data, userId },
            dedupeKey: `${job.dedupe_key}>${channel}:${userId}`,
            runAt: nowIso(ctx),
          },
          nowIso(ctx),
        );
      }
    }
  });
};

/** Channels this installation can deliver on. */
function deliveryChannels(ctx: Ctx): 'email'[] {
  return ctx.config.mail.smtpUrl ? ['email'] : [];
}
