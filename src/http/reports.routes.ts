import { emptyQuery } from '../../common/api.js';
import {
  backlogReport,
  csatQuery,
  csatResponse,
  reportRangeQuery,
  responseTimesReport,
  volumeQuery,
  volumeReport,
} from '../../common/reports.js';
import {
  backlogReport as backlog,
  csatReport,
  responseTimesReport as responseTimes,
  volumeReport as volume,
} from '../modules/reports/reports.service.js';
import { type App, actorCtx } from './types.js';

const tags = ['reports'];

// Staff only (the services refuse customers); agents see their departments' tickets.
export async function reportRoutes(app: App) {
  app.get(
    '/api/v1/reports/volume',
    {
      schema: {
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
    { schema: { tags, querystring: csatQuery, response: { 200: csatResponse } } },
    async (req) => csatReport(actorCtx(app, req), req.query),
  );
}
