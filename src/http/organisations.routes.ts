import { organisationBody, organisationSchema, pageQuery } from '../../common/api.js';
import {
  createOrganisation,
  getOrganisation,
  listOrganisations,
  updateOrganisation,
} from '../modules/organisations/organisations.service.js';
import { resource } from './resource.js';
import type { App } from './types.js';

export async function organisationRoutes(app: App) {
  const tags = ['organisations'];
  resource(app, {
    path: '/api/v1/organisations',
    name: 'Organisation',
    tags,
    item: organisationSchema,
    query: pageQuery,
  })
    .create(organisationBody, createOrganisation)
    .page(listOrganisations)
    .get(getOrganisation)
    .update(organisationBody, updateOrganisation);
}
