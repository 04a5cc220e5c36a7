import type { FastifySchema } from 'fastify';
import { z } from 'zod';
import { emptyQuery } from '../../common/api.js';
import {
  backlogReport,
  csatQuery,
  csatResponse,
  reportRangeQuery,
  responseTimesReport,
  slaReport,
  slaReportQuery,
  volumeQuery,
  volumeReport,
} from '../../common/reports.js';
import { nowIso } from '../context.js';
import { REPORT_CSV } from '../modules/reports/reports.csv.js';
import {
  backlogReport as backlog,
  csatReport,
  responseTimesReport as responseTimes,
  volumeReport as volume,
} from '../modules/reports/reports.service.js';
import { slaReport as sla } from '../modules/reports/sla.service.js';
import { type App, actorCtx, pascalCase } from './types.js';

const tags = ['reports'];

// Staff only (the services refuse customers); agents see their departments' tickets.
export async function reportRoutes(app: App) {
  app.get(
    '/api/v1/reports/volume',
    {
      schema: {
        operationId: 'getVolumeReport',
        tags,
        description: 'Tickets created and resolved per day or week (UTC).',
        querystring: volumeQuery,
        response: { 200: volumeReport },
      },
    },
    async (req) => volume(actorCtx(app, req), req.query),
  );
  app.get(
    '/api/v1/reports/backlog',
    {
      schema: {
        operationId: 'getBacklogReport',
        tags,
        description: 'Tickets not yet solved or closed, by status and by department.',
        querystring: emptyQuery,
        response: { 200: backlogReport },
      },
    },
    async (req) => backlog(actorCtx(app, req)),
  );
  app.get(
    '/api/v1/reports/response-times',
    {
      schema: {
        operationId: 'getResponseTimesReport',
        tags,
        description:
          'Median and 90th percentile of minutes to first response and to resolution, over tickets created in the range.',
        querystring: reportRangeQuery,
        response: { 200: responseTimesReport },
      },
    },
    async (req) => responseTimes(actorCtx(app, req), req.query),
  );
  app.get(
    '/api/v1/reports/csat',
    {
      schema: { operationId: 'getCsatReport', tags, querystring: csatQuery, response: { 200: csatResponse } },
    },
    async (req) => csatReport(actorCtx(app, req), req.query),
  );
  app.get(
    '/api/v1/reports/sla',
    {
      schema: {
        operationId: 'getSlaReport',
        tags,
        description:
          'How often each service-level target was met, grouped by target, department, assignee, priority or period: clocks stopped in the range, and open clocks that fell due in it and are past due now (breached).',
        querystring: slaReportQuery,
        response: { 200: slaReport },
      },
    },
    async (req) => sla(actorCtx(app, req), req.query),
  );
  reportCsvRoutes(app);
}

type Ctx = ReturnType<typeof actorCtx>;
type Query<S extends z.ZodType> = z.infer<S>;

/** Each report as a file: its query (the JSON route's), what it is, and its CSV text. */
const CSV_REPORTS = [
  {
    name: 'volume',
    query: volumeQuery,
    what: 'Tickets created and resolved per period',
    csv: async (ctx: Ctx, q: unknown) => REPORT_CSV.volume(await volume(ctx, q as Query<typeof volumeQuery>)),
  },
  {
    name: 'backlog',
    query: emptyQuery,
    what: 'The unsolved tickets by status and by department',
    csv: async (ctx: Ctx) => REPORT_CSV.backlog(await backlog(ctx)),
  },
  {
    name: 'response-times',
    query: reportRangeQuery,
    what: 'First-response and resolution times',
    csv: async (ctx: Ctx, q: unknown) =>
      REPORT_CSV['response-times'](await responseTimes(ctx, q as Query<typeof reportRangeQuery>)),
  },
  {
    name: 'csat',
    query: csatQuery,
    what: 'Satisfaction survey results',
    csv: async (ctx: Ctx, q: unknown) => REPORT_CSV.csat(await csatReport(ctx, q as Query<typeof csatQuery>)),
  },
  {
    name: 'sla',
    query: slaReportQuery,
    what: 'Service-level targets met and breached',
    csv: async (ctx: Ctx, q: unknown) => REPORT_CSV.sla(await sla(ctx, q as Query<typeof slaReportQuery>)),
  },
] as const;

/** Each report's numbers as a file, with the same query and the same visibility as its JSON. */
function reportCsvRoutes(app: App) {
  for (const r of CSV_REPORTS) {
    // A plain schema: the answer is text, which the typed reply would not take.
    const schema: FastifySchema = {
      operationId: `export${pascalCase(r.name)}Report`,
      tags,
      description: `${r.what}, as CSV (UTF-8 with a byte-order mark): the same figures, for a spreadsheet.`,
      querystring: r.query,
      produces: ['text/csv'],
      response: { 200: z.string().describe('CSV') },
    };
    app.get(`/api/v1/reports/${r.name}.csv`, { schema }, async (req, reply) => {
      const ctx = actorCtx(app, req);
      const text = await r.csv(ctx, req.query);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${r.name}-${nowIso(ctx).slice(0, 10)}.csv"`)
        .send(text);
    });
  }
}
