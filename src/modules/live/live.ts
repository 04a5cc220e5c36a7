import { EventEmitter } from 'node:events';
import { sql } from 'kysely';
import pg from 'pg';
import type { Ctx } from '../../context.js';
import { applyPresence, isPresenceSignal, type PresenceSignal } from './presence.js';

// Live updates: after a ticket changes, every open stream that may see it hears of it. On
// PostgreSQL the signal travels by NOTIFY, so streams on every node hear of changes made on any;
// on SQLite (one process) it goes straight to this process's streams.

/** `staffOnly`: the change is an internal note, which customers never hear of. */
export type TicketSignal = { ticketId: string; number: number; staffOnly?: boolean };

const CHANNEL = 'tessera_live';
const bus = new EventEmitter();
bus.setMaxListeners(0);
/** PostgreSQL relays listening in this process. */
let relaysListening = 0;

/** Whether this process hears of every ticket change, wherever made: what a cache may rely on. */
export const hearsEveryChange = (dialect: Ctx['dialect']) => dialect === 'sqlite' || relaysListening > 0;

/** New in-app notifications for these users: their bells read their counts again. */
export type InboxSignal = { type: 'inbox'; userIds: string[] };
const isInboxSignal = (v: unknown): v is InboxSignal =>
  typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'inbox';

export function onInbox(listener: (s: InboxSignal) => void): () => void {
  bus.on('inbox', listener);
  return () => bus.off('inbox', listener);
}

/** User ids per inbox signal: a NOTIFY payload must stay under 8,000 bytes (ids are ~40 each). */
const INBOX_IDS_PER_SIGNAL = 100;

/** Call after the notifications are committed; never fails the job that wrote them. */
export async function announceInbox(ctx: Ctx, userIds: string[]): Promise<void> {
  for (let i = 0; i < userIds.length; i += INBOX_IDS_PER_SIGNAL) {
    const signal: InboxSignal = { type: 'inbox', userIds: userIds.slice(i, i + INBOX_IDS_PER_SIGNAL) };
    await announce(ctx, 'inbox', signal, 'new notifications');
  }
}

export function onTicketChange(listener: (s: TicketSignal) => void): () => void {
  bus.on('ticket', listener);
  return () => bus.off('ticket', listener);
}

/** Call after the change is committed; never fails the request that made the change. */
export async function announceTicketChange(ctx: Ctx, signal: TicketSignal): Promise<void> {
  await announce(ctx, 'ticket', signal, 'a ticket change');
}

/** One signal to this process's streams (SQLite) or every node's (PostgreSQL); a failure is logged. */
async function announce(ctx: Ctx, kind: 'ticket' | 'inbox', signal: object, what: string): Promise<void> {
  if (ctx.dialect === 'sqlite') {
    bus.emit(kind, signal);
    return;
  }
  try {
    await sql`select pg_notify(${CHANNEL}, ${JSON.stringify(signal)})`.execute(ctx.db);
  } catch (err) {
    ctx.log.warn({ err }, `could not announce ${what}`);
  }
}

/** Many changes at once (a bulk change's batch): one statement on PostgreSQL, not one per ticket. */
export async function announceTicketChanges(ctx: Ctx, signals: TicketSignal[]): Promise<void> {
  if (signals.length === 0) return;
  if (ctx.dialect === 'sqlite') {
    for (const signal of signals) bus.emit('ticket', signal);
    return;
  }
  try {
    const payloads = signals.map((s) => JSON.stringify(s));
    await sql`select pg_notify(${CHANNEL}, p) from unnest(${payloads}::text[]) as p`.execute(ctx.db);
  } catch (err) {
    ctx.log.warn({ err }, 'could not announce ticket changes');
  }
}

/**
 * A page's presence heartbeat, to every node's streams. Taken in here directly unless this node's
 * relay will hear it back (which keeps the order a page sent its heartbeats in).
 */
export async function announcePresence(ctx: Ctx, signal: PresenceSignal): Promise<void> {
  if (ctx.dialect === 'sqlite' || relaysListening === 0) applyPresence(signal);
  if (ctx.dialect === 'sqlite') return;
  try {
    await sql`select pg_notify(${CHANNEL}, ${JSON.stringify(signal)})`.execute(ctx.db);
  } catch (err) {
    ctx.log.warn({ err }, 'could not announce presence');
  }
}

/** A payload heard on the channel, to whoever in this process wants it. */
function relay(payload: string): void {
  const signal: unknown = JSON.parse(payload);
  if (isPresenceSignal(signal)) applyPresence(signal);
  else if (isInboxSignal(signal)) bus.emit('inbox', signal);
  else bus.emit('ticket', signal as TicketSignal);
}

/**
 * PostgreSQL: one connection per node listens and relays to this node's streams. Reconnects
 * after a lost connection; a missed signal only means a stream refreshes on the next one.
 */
export function startLiveRelay(ctx: Ctx, url: string): { ready: Promise<void>; stop(): Promise<void> } {
  let client: pg.Client | null = null;
  let stopped = false;
  let counted = false;
  const count = (listening: boolean) => {
    if (listening !== counted) relaysListening += listening ? 1 : -1;
    counted = listening;
  };
  // Settles once this node first listens: from then on it hears every change committed anywhere.
  let listening = () => {};
  const ready = new Promise<void>((resolve) => {
    listening = resolve;
  });
  const connect = async () => {
    if (stopped) return;
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (msg) => {
      if (msg.channel !== CHANNEL || !msg.payload) return;
      try {
        relay(msg.payload);
      } catch {
        // a malformed payload is not ours to relay
      }
    });
    c.on('error', () => {
      client = null;
      count(false);
      if (!stopped) setTimeout(() => void connect(), 1000).unref();
    });
    try {
      await c.connect();
      await c.query(`listen ${CHANNEL}`);
      client = c;
      count(true);
      listening();
    } catch (err) {
      ctx.log.warn({ err }, 'live updates: could not listen; retrying');
      setTimeout(() => void connect(), 2000).unref();
    }
  };
  void connect();
  return {
    ready,
    async stop() {
      stopped = true;
      count(false);
      await client?.end().catch(() => {});
    },
  };
}
