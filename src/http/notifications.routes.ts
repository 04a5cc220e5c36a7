import { idParams, noBody, page } from '../../common/api.js';
import {
  outboxJobSchema,
  outboxListQuery,
  preferencesPutBody,
  preferencesResponse,
} from '../../common/notifications.js';
import { listOutbox, retryOutboxJob } from '../modules/notifications/outbox.service.js';
import { getPreferences, putPreferences } from '../modules/notifications/preferences.service.js';
import { setting } from './resource.js';
import { type App, actorCtx, noContent } from './types.js';

export async function notificationRoutes(app: App) {
  setting(app, {
    path: '/api/v1/me/notification-preferences',
    name: 'NotificationPreferences',
    tags: ['notifications'],
    schema: preferencesResponse,
    body: preferencesPutBody,
    get: getPreferences,
    put: putPreferences,
  });
  app.get(
    '/api/v1/admin/outbox',
    {
      schema: {
        operationId: 'listOutboxJobs',
        tags: ['admin'],
        querystring: outboxListQuery,
        response: { 200: page(outboxJobSchema) },
      },
    },
    async (req) => listOutbox(actorCtx(app, req), req.query),
  );
  app.post(
    '/api/v1/admin/outbox/:id/retry',
    {
      schema: { operationId: 'retryOutboxJob', tags: ['admin'], params: idParams, response: { 204: noBody } },
    },
    async (req, reply) => noContent(reply, retryOutboxJob(actorCtx(app, req), req.params.id)),
  );
}
