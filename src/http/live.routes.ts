import { emptyQuery } from '../../common/api.js';
import { onTicketChange } from '../modules/live/live.js';
import { isTicketVisible } from '../modules/ticket-data/tickets.repository.js';
import { can } from '../policies/policy.js';
import { type App, actorCtx } from './types.js';

const HEARTBEAT_MS = 25_000;

/**
 * Server-sent events: `event: ticket` with `{ "number": … }` whenever a ticket the caller may see
 * changes (customers never hear of internal notes). The web app refetches what it shows.
 */
export async function liveRoutes(app: App) {
  app.get(
    '/api/v1/stream',
    {
      schema: {
        tags: ['tickets'],
        description: 'Server-sent events of ticket changes (text/event-stream).',
        querystring: emptyQuery,
      },
    },
    async (req, reply) => {
      const c = actorCtx(app, req);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write('retry: 3000\n\n');
      const unsubscribe = onTicketChange((signal) => {
        if (signal.staffOnly && !can(c.actor, 'ticket.readInternal')) return;
        isTicketVisible(c.db, c.actor, signal.ticketId).then(
          (visible) => {
            if (visible && !res.writableEnded)
              res.write(`event: ticket\ndata: ${JSON.stringify({ number: signal.number })}\n\n`);
          },
          () => {},
        );
      });
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
      const close = () => {
        clearInterval(heartbeat);
        unsubscribe();
      };
      req.raw.on('close', close);
      res.on('close', close);
    },
  );
}
