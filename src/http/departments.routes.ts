import { departmentBody, departmentPatch, departmentSchema, idParams, whole } from '../../common/api.js';
import {
  createDepartment,
  listDepartments,
  updateDepartment,
} from '../modules/departments/departments.service.js';
import { type App, actorCtx } from './types.js';

const tags = ['departments'];

export async function departmentRoutes(app: App) {
  app.post(
    '/api/v1/departments',
    { schema: { tags, body: departmentBody, response: { 201: departmentSchema } } },
    async (req, reply) => reply.code(201).send(await createDepartment(actorCtx(app, req), req.body)),
  );
  app.get(
    '/api/v1/departments',
    { schema: { tags, response: { 200: whole(departmentSchema) } } },
    async (req) => ({ items: await listDepartments(actorCtx(app, req)), nextCursor: null }),
  );
  app.patch(
    '/api/v1/departments/:id',
    { schema: { tags, params: idParams, body: departmentPatch, response: { 200: departmentSchema } } },
    async (req) => updateDepartment(actorCtx(app, req), req.params.id, req.body),
  );
}
