import { type TicketListQuery, ticketListQuery } from '../../common/api.js';
import { bulkBody, bulkJobParams, bulkJobSchema, ticketCountSchema } from '../../common/bulk.js';
import { countTickets, getBulkJob, startBulkJob } from '../modules/bulk/bulk.service.js';
import { type App, actorCtx, channelOf } from './types.js';

const tags = ['tickets'];

// Bulk changes: started here, run by the worker in batches, followed by polling.
export async function bulkRoutes(app: App) {
  app.get(
    '/api/v1/tickets/count',
    {
      schema: {
        operationId: 'countTickets',
        tags,
        description: 'How many tickets the list with these parameters holds (every page): "select all N".',
        querystring: ticketListQuery,
        response: { 200: ticketCountSchema },
      },
    },
    async (req) => countTickets(actorCtx(app, req), req.query as TicketListQuery),
  );
  app.post(
    '/api/v1/tickets/bulk',
    {
      schema: {
        operationId: 'startBulkChange',
        tags,
        description:
          'Changes many tickets as a job: ticket numbers, or every ticket a list filter matches, and one action. Answers 202 with the job; each ticket the caller may not change is skipped with the reason.',
        body: bulkBody,
        response: { 202: bulkJobSchema },
      },
    },
    async (req, reply) =>
      reply.code(202).send(await startBulkJob(actorCtx(app, req), req.body, channelOf(req))),
  );
  app.get(
    '/api/v1/tickets/bulk/:id',
    {
      schema: { operationId: 'getBulkChange', tags, params: bulkJobParams, response: { 200: bulkJobSchema } },
    },
    async (req) => getBulkJob(actorCtx(app, req), req.params.id),
  );
}
