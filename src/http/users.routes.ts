import {
  createUserBody,
  idParams,
  page,
  updateUserBody,
  userListQuery,
  userSchema,
} from '../../common/api.js';
import { createUser, getUser, listUsers, updateUser } from '../modules/users/users.service.js';
import { type App, actorCtx } from './types.js';

const tags = ['users'];

export async function userRoutes(app: App) {
  app.post(
    '/api/v1/users',
    { schema: { tags, body: createUserBody, response: { 201: userSchema } } },
    async (req, reply) => reply.code(201).send(await createUser(actorCtx(app, req), req.body)),
  );
  app.get(
    '/api/v1/users',
    { schema: { tags, querystring: userListQuery, response: { 200: page(userSchema) } } },
    async (req) => listUsers(actorCtx(app, req), req.query),
  );
  app.get(
    '/api/v1/users/:id',
    { schema: { tags, params: idParams, response: { 200: userSchema } } },
    async (req) => getUser(actorCtx(app, req), req.params.id),
  );
  app.patch(
    '/api/v1/users/:id',
    { schema: { tags, params: idParams, body: updateUserBody, response: { 200: userSchema } } },
    async (req) => updateUser(actorCtx(app, req), req.params.id, req.body),
  );
}
