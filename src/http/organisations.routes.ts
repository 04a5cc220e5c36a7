import { idParams, organisationBody, organisationSchema, page, pageQuery } from '../../common/api.js';
import {
  createOrganisation,
  getOrganisation,
  listOrganisations,
  updateOrganisation,
} from '../modules/organisations/organisations.service.js';
import { type App, actorCtx } from './types.js';

const tags = ['organisations'];

export async function organisationRoutes(app: App) {
  app.post(
    '/api/v1/organisations',
    { schema: { tags, body: organisationBody, response: { 201: organisationSchema } } },
    async (req, reply) => reply.code(201).send(await createOrganisation(actorCtx(app, req), req.body)),
  );
  app.get(
    '/api/v1/organisations',
    { schema: { tags, querystring: pageQuery, response: { 200: page(organisationSchema) } } },
    async (req) => listOrganisations(actorCtx(app, req), req.query),
  );
  app.get(
    '/api/v1/organisations/:id',
    { schema: { tags, params: idParams, response: { 200: organisationSchema } } },
    async (req) => getOrganisation(actorCtx(app, req), req.params.id),
  );
  app.patch(
    '/api/v1/organisations/:id',
    { schema: { tags, params: idParams, body: organisationBody, response: { 200: organisationSchema } } },
    async (req) => updateOrganisation(actorCtx(app, req), req.params.id, req.body),
  );
}
