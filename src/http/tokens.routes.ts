import { createdTokenSchema, createTokenBody, idParams, noBody } from '../../common/api.js';
import { tokenList } from '../../common/auth.js';
import { createToken, listTokens, revokeApiToken } from '../modules/auth/auth.service.js';
import { type App, actorCtx, noContent } from './types.js';

// API tokens live under the auth tag: they are a way of signing in.
const tags = ['auth'];

export async function tokenRoutes(app: App) {
  app.post(
    '/api/v1/tokens',
    {
      schema: {
        operationId: 'createToken',
        tags,
        body: createTokenBody,
        response: { 201: createdTokenSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await createToken(actorCtx(app, req), req.body.name, req.body.scope)),
  );
  app.get(
    '/api/v1/tokens',
    { schema: { operationId: 'listTokens', tags, response: { 200: tokenList } } },
    async (req) => ({
      items: await listTokens(actorCtx(app, req)),
    }),
  );
  app.delete(
    '/api/v1/tokens/:id',
    { schema: { operationId: 'revokeToken', tags, params: idParams, response: { 204: noBody } } },
    async (req, reply) => noContent(reply, revokeApiToken(actorCtx(app, req), req.params.id)),
  );
}
