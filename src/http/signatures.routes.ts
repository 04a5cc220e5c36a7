import { idParams, ticketNumberParams } from '../../common/api.js';
import { signatureBody, signatureSchema, ticketSignatureSchema } from '../../common/signatures.js';
import { getSignature, setSignature, ticketSignature } from '../modules/signatures/signatures.service.js';
import { type App, actorCtx } from './types.js';

const tags = ['signatures'];

// Staff only: a person's own signature, a department's (administrators set it), and the one a
// reply on a ticket gets.
export async function signatureRoutes(app: App) {
  app.get(
    '/api/v1/me/signature',
    { schema: { operationId: 'getOwnSignature', tags, response: { 200: signatureSchema } } },
    async (req) => getSignature(actorCtx(app, req)),
  );
  app.put(
    '/api/v1/me/signature',
    {
      schema: {
        operationId: 'setOwnSignature',
        tags,
        body: signatureBody,
        response: { 200: signatureSchema },
      },
    },
    async (req) => setSignature(actorCtx(app, req), req.body),
  );
  app.get(
    '/api/v1/departments/:id/signature',
    {
      schema: {
        operationId: 'getDepartmentSignature',
        tags,
        params: idParams,
        response: { 200: signatureSchema },
      },
    },
    async (req) => getSignature(actorCtx(app, req), req.params.id),
  );
  app.put(
    '/api/v1/departments/:id/signature',
    {
      schema: {
        operationId: 'setDepartmentSignature',
        tags,
        params: idParams,
        body: signatureBody,
        response: { 200: signatureSchema },
      },
    },
    async (req) => setSignature(actorCtx(app, req), req.body, req.params.id),
  );
  app.get(
    '/api/v1/tickets/:number/signature',
    {
      schema: {
        operationId: 'getTicketSignature',
        tags,
        description:
          "The signature for the caller's public reply on this ticket: their own, then the department's, placeholders filled; empty when there is none.",
        params: ticketNumberParams,
        response: { 200: ticketSignatureSchema },
      },
    },
    async (req) => ticketSignature(actorCtx(app, req), req.params.number),
  );
}
