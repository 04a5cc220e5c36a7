import type { z } from 'zod';
import type { InAppNotification, inAppListQuery } from '../../../common/notifications.js';
import type { ActorCtx } from '../../context.js';
import { nowIso } from '../../context.js';
import { notFound } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import { decodeKeyCursor, toPage } from '../../lib/cursor.js';
import { authorize } from '../../policies/policy.js';
import { countUnread, listInApp, markAllRead, markRead } from './inbox.repository.js';

const SAID = defineMessages({
  noSuchNotification: { id: 'error.inbox.not_found', defaultMessage: 'No such notification' },
});

// The bell: a staff member's own in-app notifications. Nobody sees another's; an id that is not
// the caller's answers 404 like one that does not exist.

type Row = Awaited<ReturnType<typeof listInApp>>[number];

const present = (r: Row): InAppNotification => ({
  id: r.id,
  event: r.event,
  ticket: { number: Number(r.number), subject: r.subject },
  actor: r.actor_id ? { id: r.actor_id, name: r.actor_name ?? '' } : null,
  messageId: r.message_id,
  createdAt: r.created_at,
  readAt: r.read_at,
});

export async function listNotifications(ctx: ActorCtx, q: z.infer<typeof inAppListQuery>) {
  authorize(ctx.actor, 'me.notifications');
  const rows = await listInApp(ctx.db, ctx.actor, {
    unread: q.unread,
    after: decodeKeyCursor(q.cursor),
    limit: q.limit,
  });
  return toPage(rows, q.limit, present, (r) => [r.created_at, r.id]);
}

export async function unreadCount(ctx: ActorCtx) {
  authorize(ctx.actor, 'me.notifications');
  return { unread: await countUnread(ctx.db, ctx.actor) };
}

export async function readNotification(ctx: ActorCtx, id: string) {
  authorize(ctx.actor, 'me.notifications');
  if (!(await markRead(ctx.db, ctx.actor, id, nowIso(ctx)))) throw notFound(SAID.noSuchNotification);
}

export async function readAllNotifications(ctx: ActorCtx) {
  authorize(ctx.actor, 'me.notifications');
  await markAllRead(ctx.db, ctx.actor, nowIso(ctx));
}
