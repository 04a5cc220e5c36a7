import { emptyQuery, idParams, noBody, page, ticketNumberParams, whole } from '../../common/api.js';
import {
  inAppListQuery,
  inAppNotificationSchema,
  mentionableQuery,
  mentionableSchema,
  unreadCountSchema,
} from '../../common/notifications.js';
import {
  listNotifications,
  readAllNotifications,
  readNotification,
  unreadCount,
} from '../modules/inbox/inbox.service.js';
import { mentionable } from '../modules/inbox/mentions.js';
import { type App, actorCtx, noContent } from './types.js';

const tags = ['notifications'];

// The bell in the staff header (one's own in-app notifications) and whom a note may mention.
export async function inboxRoutes(app: App) {
  app.get(
    '/api/v1/notifications',
    {
      schema: {
        operationId: 'listNotifications',
        tags,
        description: 'The caller’s in-app notifications, newest first (`unread=true`: only unread ones).',
        querystring: inAppListQuery,
        response: { 200: page(inAppNotificationSchema) },
      },
    },
    async (req) => listNotifications(actorCtx(app, req), req.query),
  );
  app.get(
    '/api/v1/notifications/unread-count',
    {
      schema: {
        operationId: 'countUnreadNotifications',
        tags,
        querystring: emptyQuery,
        response: { 200: unreadCountSchema },
      },
    },
    async (req) => unreadCount(actorCtx(app, req)),
  );
  app.post(
    '/api/v1/notifications/:id/read',
    { schema: { operationId: 'markNotificationRead', tags, params: idParams, response: { 204: noBody } } },
    async (req, reply) => noContent(reply, readNotification(actorCtx(app, req), req.params.id)),
  );
  app.post(
    '/api/v1/notifications/read-all',
    { schema: { operationId: 'markAllNotificationsRead', tags, response: { 204: noBody } } },
    async (req, reply) => noContent(reply, readAllNotifications(actorCtx(app, req))),
  );
  app.get(
    '/api/v1/tickets/:number/mentionable',
    {
      schema: {
        operationId: 'listMentionable',
        tags: ['tickets'],
        description: 'Staff who may see the ticket, for `@` in an internal note (name or handle has `q`).',
        params: ticketNumberParams,
        querystring: mentionableQuery,
        response: { 200: whole(mentionableSchema) },
      },
    },
    async (req) => mentionable(actorCtx(app, req), req.params.number, req.query.q),
  );
}
