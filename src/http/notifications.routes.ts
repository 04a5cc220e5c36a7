import { z } from 'zod';
import { pageQuery } from '../../common/api.js';
import { preferencesPutBody, preferencesResponse } from '../../common/notifications.js';
import { listOutbox, retryOutboxJob } from '../modules/notifications/outbox.service.js';
import { getPreferences, putPreferences } from '../modules/notifications/preferences.service.js';
import { type App, actorCtx } from './types.js';

const job = z.object({
  id: z.string(),
  topic: z.string(),
  payload: z.record(z.string(), z.unknown()),
  state: z.enum(['pending', 'done', 'failed']),
  attempts: z.number(),
  runAt: z.string(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  doneAt: z.string().nullable(),
});

export async function notificationRoutes(app: App) {
  app.get(
    '/api/v1/me/notification-preferences',
    { schema: { tags: ['notifications'], response: { 200: preferencesResponse } } },
    async (req) => getPreferences(actorCtx(app, req)),
  );
  app.put(
    '/api/v1/me/notification-preferences',
    { schema: { tags: ['notifications'], body: preferencesPutBody, response: { 200: preferencesResponse } } },
    async (req) => putPreferences(actorCtx(app, req), req.body),
  );
  app.get(
    '/api/v1/admin/outbox',
    {
      schema: {
        tags: ['admin'],
        querystring: pageQuery.extend({
          state: z.enum(['pending', 'done', 'failed']).optional(),
          topic: z.string().max(100).optional(),
        }),
        response: { 200: z.object({ items: z.array(job), nextCursor: z.string().nullable() }) },
      },
    },
    async (req) => listOutbox(actorCtx(app, req), req.query),
  );
  app.post(
    '/api/v1/admin/outbox/:id/retry',
    {
      schema: {
        tags: ['admin'],
        params: z.strictObject({ id: z.string().min(1).max(64) }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await retryOutboxJob(actorCtx(app, req), req.params.id);
      return reply.code(204).send(null);
    },
  );
}
