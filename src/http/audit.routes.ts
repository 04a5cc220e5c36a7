import { page } from '../../common/api.js';
import { auditEventSchema, auditQuery } from '../../common/audit.js';
import { listAuditEvents } from '../modules/audit/audit.service.js';
import { type App, actorCtx } from './types.js';

// The audit trail of security events: read-only, for administrators.
export async function auditRoutes(app: App) {
  app.get(
    '/api/v1/admin/audit',
    {
      schema: {
        operationId: 'listAuditEntries',
        tags: ['admin'],
        querystring: auditQuery,
        response: { 200: page(auditEventSchema) },
      },
    },
    async (req) => listAuditEvents(actorCtx(app, req), req.query),
  );
}
