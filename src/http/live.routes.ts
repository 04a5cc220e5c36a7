import type { ServerResponse } from 'node:http';
import { emptyQuery } from '../../common/api.js';
import type { ActorCtx } from '../context.js';
import { onInbox, onTicketChange } from '../modules/live/live.js';
import { onPresenceChange, viewersOf } from '../modules/live/presence.js';
import { isTicketVisible, visibilityScope } from '../modules/ticket-data/tickets.repository.js';
import { can } from '../policies/policy.js';
import { type App, actorCtx } from './types.js';

const HEARTBEAT_MS = 25_000;
/** Staff streams hear `counts` at most this often: a ticket changed, maybe out of their sight. */
const COUNTS_MS = 1_000;

/**
 * Staff hear `counts` after any ticket change, naming no ticket, so the counts of their views follow
 * tickets that left their sight too (moved to another department); returns how to stop.
 */
function countsSignal(c: ActorCtx, res: ServerResponse): () => void {
  if (!can(c.actor, 'view.use')) return () => {};
  let due: ReturnType<typeof setTimeout> | null = null;
  const off = onTicketChange(() => {
    due ??= setTimeout(() => {
      due = null;
      if (!res.writableEnded) res.write('event: counts\ndata: {}\n\n');
    }, COUNTS_MS);
  });
  return () => {
    if (due) clearTimeout(due);
    off();
  };
}

/**
 * Whether each scope of readers sees a signal's ticket, asked once per scope and signal: every
 * open stream hears every change, and a team's streams share a handful of scopes.
 */
const answers = new WeakMap<object, Map<string, Promise<boolean>>>();

function visibleTo(c: ActorCtx, signal: { ticketId: string }): Promise<boolean> {
  let byScope = answers.get(signal);
  if (!byScope) {
    byScope = new Map();
    answers.set(signal, byScope);
  }
  const scope = visibilityScope(c.actor);
  let answer = byScope.get(scope);
  if (!answer) {
    answer = isTicketVisible(c.db, c.actor, signal.ticketId);
    byScope.set(scope, answer);
  }
  return answer;
}

/** Writes `event` to the stream if the caller sees the ticket (and the stream is still open). */
function sendIfVisible(c: ActorCtx, res: ServerResponse, signal: { ticketId: string }, event: () => string) {
  visibleTo(c, signal).then(
    (visible) => {
      if (visible && !res.writableEnded) res.write(event());
    },
    () => {},
  );
}

/** Every kind of event this caller may hear; returns how to stop listening. */
function subscribe(c: ActorCtx, res: ServerResponse): () => void {
  const staff = can(c.actor, 'ticket.readInternal');
  const offTicket = onTicketChange((signal) => {
    if (signal.staffOnly && !staff) return;
    sendIfVisible(
      c,
      res,
      signal,
      () => `event: ticket\ndata: ${JSON.stringify({ number: signal.number })}\n\n`,
    );
  });
  // Customers never hear who of the staff is on a ticket.
  const offPresence = can(c.actor, 'ticket.presence')
    ? onPresenceChange((signal) =>
        sendIfVisible(c, res, signal, () => {
          const viewers = viewersOf(signal.ticketId, c.actor.id);
          return `event: presence\ndata: ${JSON.stringify({ number: signal.number, viewers })}\n\n`;
        }),
      )
    : () => {};
  const offCounts = countsSignal(c, res);
  // Only the recipient hears that their bell has news, and not what it is.
  const offInbox = onInbox(({ userIds }) => {
    if (userIds.includes(c.actor.id) && !res.writableEnded) res.write('event: inbox\ndata: {}\n\n');
  });
  return () => {
    offTicket();
    offPresence();
    offCounts();
    offInbox();
  };
}

/**
 * Server-sent events: `event: ticket` with `{ "number": … }` whenever a ticket the caller may see
 * changes (customers never hear of internal notes), and for staff `event: presence` with who else
 * is on a ticket they may see (`{ number, viewers }`) whenever that changes, `event: counts`
 * shortly after any ticket change (see countsSignal), and `event: inbox` when the caller has new
 * in-app notifications. The web app refetches what it shows.
 */
export async function liveRoutes(app: App) {
  app.get(
    '/api/v1/stream',
    {
      schema: {
        operationId: 'streamEvents',
        tags: ['tickets'],
        description: 'Server-sent events of ticket changes and, for staff, of presence (text/event-stream).',
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
      const unsubscribe = subscribe(c, res);
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
