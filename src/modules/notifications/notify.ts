import type { NotificationChannel, PreferenceEvent } from '../../../common/notifications.js';
import { carries, PREFERENCE_EVENTS } from '../../../common/notifications.js';
import type { Ctx } from '../../context.js';
import { nowIso } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { enqueue } from '../../jobs/outbox.js';
import type { JobHandler } from '../../jobs/worker.js';
import { insertInApp } from '../inbox/inbox.repository.js';
import { stillMentionable } from '../inbox/mentions.js';
import { announceInbox } from '../live/live.js';
import { noticeParticipants } from '../participants/participants.service.js';
import { findTicketById } from '../ticket-data/tickets.repository.js';
import { wantsNotice } from './preferences.service.js';
import { telegramReachable, whatsappReachable } from './reachable.repository.js';
import { departmentStaff, findActiveUser, onCallStaff } from './recipients.repository.js';

/** Which preference governs each notice. */
export const PREFERENCE_OF: Record<string, PreferenceEvent> = {
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
  'ticket.merged': 'ticket.resolved',
  'ticket.mentioned': 'ticket.mentioned',
  'ticket.sla_warning': 'ticket.sla_warning',
  'ticket.sla_breach': 'ticket.sla_breach',
};

export type NotificationData = {
  event: string;
  ticketId: string;
  actorId?: string | null;
  messageId?: string | null;
  url?: string;
  /** A mention: whom the note names (staff who could see the ticket when it was written). */
  mentionedIds?: string[];
};

type NoticeTicket = {
  requester_id: string;
  assignee_id: string | null;
  department_id: string;
} & ({ id: string } | { ticket_id: string });

/**
 * Who hears of a notice about a ticket (requester, assignee, department staff, its followers and
 * CC list: see participants.service), minus whoever caused it; before preferences and channels.
 * One notice's fan-out and a digest both ask here.
 */
export async function noticeCandidates(
  db: Executor,
  event: string,
  ticket: NoticeTicket,
  actorId: string | null | undefined,
  staffOf: { department: typeof departmentStaff; onCall: typeof onCallStaff } = {
    department: departmentStaff,
    onCall: onCallStaff,
  },
): Promise<string[]> {
  const preference = PREFERENCE_OF[event];
  if (!preference) return [];
  let candidates: string[];
  if (PREFERENCE_EVENTS[preference].for === 'customer') {
    candidates = [ticket.requester_id];
  } else if (event === 'ticket.assigned') {
    candidates = ticket.assignee_id ? [ticket.assignee_id] : [];
  } else if (event === 'ticket.urgent') {
    candidates = await staffOf.onCall(db, ticket.department_id);
  } else if (event !== 'ticket.created' && ticket.assignee_id) {
    candidates = [ticket.assignee_id];
  } else {
    candidates = await staffOf.department(db, ticket.department_id);
  }
  // A notice meant for one person (an assignment) is not a follower's to hear.
  if (event !== 'ticket.assigned') {
    const ticketId = 'id' in ticket ? ticket.id : ticket.ticket_id;
    // A new list: the staff lists may be a digest's cache, shared by its other tickets.
    candidates = [
      ...candidates,
      ...(await noticeParticipants(db, ticketId, PREFERENCE_EVENTS[preference].for, event)),
    ];
  }
  return [...new Set(candidates)].filter((id) => id !== actorId);
}

/**
 * Turns one decided notice into deliveries: who hears of it (requester, assignee, department
 * staff), minus whoever caused it, minus those who turned it off. Runs in the worker; each
 * delivery has its own dedupe key, so running this twice delivers once.
 */
export const fanOutNotification: JobHandler<'notification'> = async (ctx, job) => {
  const data: NotificationData = job.data;
  const preference = PREFERENCE_OF[data.event];
  if (!preference) return;
  const ticket = await findTicketById(ctx.db, data.ticketId);
  if (!ticket) return;

  // A mention reaches whom the note named, if they may still see the ticket.
  const candidates =
    data.event === 'ticket.mentioned'
      ? (await stillMentionable(ctx.db, ticket.id, data.mentionedIds ?? [])).filter(
          (id) => id !== data.actorId,
        )
      : await noticeCandidates(ctx.db, data.event, ticket, data.actorId);
  if (candidates.length === 0) return;

  const channels = deliveryChannels(ctx);
  const rung = await ctx.db.transaction().execute(async (trx) => {
    const bells: string[] = [];
    for (const channel of channels) {
      if (!carries(preference, channel)) continue;
      const wanting = [...(await wantsNotice(trx, candidates, preference, channel))];
      for (const userId of await reachable(trx, channel, wanting, ticket.id)) {
        const user = await findActiveUser(trx, userId);
        if (user) await deliverOne(ctx, trx, channel, data, userId, `${job.dedupe_key}>${channel}:${userId}`);
        if (user && channel === 'in_app') bells.push(userId);
      }
    }
    return bells;
  });
  await announceInbox(ctx, rung);
};

/**
 * One recipient's delivery on one channel, in the fan-out's transaction: the bell's row written
 * there and then, any other channel's job queued. Both are keyed, so a second fan-out adds nothing.
 */
async function deliverOne(
  ctx: Ctx,
  trx: Executor,
  channel: NotificationChannel,
  data: NotificationData,
  userId: string,
  dedupeKey: string,
): Promise<void> {
  const now = nowIso(ctx);
  if (channel === 'in_app') {
    await insertInApp(trx, { ...data, userId, dedupeKey, now });
    return;
  }
  const { mentionedIds: _, ...notice } = data;
  // A mention's mail says who mentioned whom, never the note: notes stay out of every channel.
  const about = data.event === 'ticket.mentioned' ? { messageId: null } : {};
  await enqueue(
    trx,
    { topic: `deliver.${channel}`, payload: { ...notice, ...about, userId }, dedupeKey, runAt: now },
    now,
  );
}

/** Channels this installation can deliver on (the bell in the staff header always). */
export function deliveryChannels(ctx: Ctx): NotificationChannel[] {
  return [
    'in_app',
    ...(ctx.config.mail.smtpUrl ? (['email'] as const) : []),
    ...(ctx.config.telegram ? (['telegram'] as const) : []),
    ...(ctx.config.whatsapp ? (['whatsapp'] as const) : []),
  ];
}

/** Who of `userIds` the channel can reach about this ticket: a linked Telegram chat, a WhatsApp-linked ticket. */
async function reachable(
  db: Executor,
  channel: NotificationChannel,
  userIds: string[],
  ticketId: string,
): Promise<string[]> {
  switch (channel) {
    case 'email':
    case 'in_app':
      return userIds;
    case 'telegram':
      return telegramReachable(db, userIds);
    case 'whatsapp':
      return whatsappReachable(db, ticketId, userIds);
  }
}
