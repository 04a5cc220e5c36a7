import {
  csvInspectBody,
  csvInspectSchema,
  importLogQuery,
  importLogSchema,
  importPreviewSchema,
  importRunList,
  importRunParams,
  importRunSchema,
  startImportBody,
} from '../../common/imports.js';
import {
  getImport,
  importLog,
  inspectCsvFile,
  listImports,
  previewImportRun,
  startImport,
} from '../modules/imports/imports.service.js';
import { type App, actorCtx } from './types.js';

const tags = ['imports'];

// Imports from another helpdesk (administrators): a dry run, the start, then polling the run.
export async function importRoutes(app: App) {
  app.post(
    '/api/v1/imports/preview',
    {
      bodyLimit: 60_000_000,
      schema: {
        operationId: 'previewImport',
        tags,
        description:
          'A dry run: reads the source and answers how its statuses map onto the workflow and how much there is to import; writes nothing.',
        body: startImportBody,
        response: { 200: importPreviewSchema },
      },
    },
    async (req) => previewImportRun(actorCtx(app, req), req.body),
  );
  app.post(
    '/api/v1/imports',
    {
      bodyLimit: 60_000_000,
      schema: {
        operationId: 'startImport',
        tags,
        description:
          'Starts an import as a background job and answers 202 with the run; follow it with GET /api/v1/imports/{id}. Imports send nothing and fire no trigger or timer.',
        body: startImportBody,
        response: { 202: importRunSchema },
      },
    },
    async (req, reply) => reply.code(202).send(await startImport(actorCtx(app, req), req.body)),
  );
  app.get(
    '/api/v1/imports',
    { schema: { operationId: 'listImports', tags, response: { 200: importRunList } } },
    async (req) => listImports(actorCtx(app, req)),
  );
  app.get(
    '/api/v1/imports/:id',
    {
      schema: { operationId: 'getImport', tags, params: importRunParams, response: { 200: importRunSchema } },
    },
    async (req) => getImport(actorCtx(app, req), req.params.id),
  );
  app.get(
    '/api/v1/imports/:id/log',
    {
      schema: {
        operationId: 'getImportLog',
        tags,
        description:
          'What the run refused, skipped, renumbered or matched to existing records, with the reasons.',
        params: importRunParams,
        querystring: importLogQuery,
        response: { 200: importLogSchema },
      },
    },
    async (req) => importLog(actorCtx(app, req), req.params.id, req.query),
  );
  app.post(
    '/api/v1/imports/csv/inspect',
    {
      bodyLimit: 60_000_000,
      schema: {
        operationId: 'inspectImportCsv',
        tags,
        description: "A spreadsheet's headers, first rows, row count and a proposed mapping of its columns.",
        body: csvInspectBody,
        response: { 200: csvInspectSchema },
      },
    },
    async (req) => inspectCsvFile(actorCtx(app, req), req.body),
  );
}
