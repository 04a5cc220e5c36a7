import { noBody } from '../../common/api.js';
import {
  languageDefaultsSchema,
  overridesParams,
  overridesSchema,
  translationDeleteBody,
  translationKindParams,
  translationListQuery,
  translationListSchema,
  translationPutBody,
  translationSchema,
} from '../../common/languages.js';
import {
  deleteTranslation,
  getLanguageDefaults,
  listTranslations,
  putLanguageDefaults,
  putTranslation,
  uiOverrides,
} from '../modules/languages/translations.service.js';
import { setting } from './resource.js';
import { type App, actorCtx, noContent } from './types.js';

const tags = ['languages'];
const params = translationKindParams;

/** The installation's language, and configured texts and product strings in other languages. */
export async function languageRoutes(app: App) {
  setting(app, {
    path: '/api/v1/settings/language',
    name: 'LanguageDefaults',
    tags,
    schema: languageDefaultsSchema,
    get: getLanguageDefaults,
    put: putLanguageDefaults,
  });
  app.get(
    '/api/v1/translations/:kind',
    {
      schema: {
        operationId: 'listTranslations',
        tags,
        description:
          'Each configured text of a kind beside its variant in a language (null: none, readers get the next language of their fallback chain, at last the original). For "ui", the product strings overridden in that language.',
        params,
        querystring: translationListQuery,
        response: { 200: translationListSchema },
      },
    },
    async (req) => listTranslations(actorCtx(app, req), req.params.kind, req.query.locale),
  );
  app.put(
    '/api/v1/translations/:kind',
    {
      schema: {
        operationId: 'putTranslation',
        tags,
        description:
          'Sets the variant of one configured text (refId names its row, field which of its texts) in a language, or for "ui" an override of a product string (refId: its message id).',
        params,
        body: translationPutBody,
        response: { 200: translationSchema },
      },
    },
    async (req) => putTranslation(actorCtx(app, req), req.params.kind, req.body),
  );
  app.delete(
    '/api/v1/translations/:kind',
    {
      schema: {
        operationId: 'deleteTranslation',
        tags,
        description: 'Removes one variant: readers get the next language of their chain again.',
        params,
        body: translationDeleteBody,
        response: { 204: noBody },
      },
    },
    async (req, reply) => noContent(reply, deleteTranslation(actorCtx(app, req), req.params.kind, req.body)),
  );
  app.get(
    '/api/v1/i18n/overrides/:locale',
    {
      schema: {
        operationId: 'getUiOverrides',
        tags,
        description:
          'The product strings an administrator reworded in a language, by message id; the web app lays them over its catalogue. Open to anyone.',
        params: overridesParams,
        response: { 200: overridesSchema },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'public, max-age=60');
      return uiOverrides(app.ctx, req.params.locale);
    },
  );
}
