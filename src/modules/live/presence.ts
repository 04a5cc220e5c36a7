import { EventEmitter } from 'node:events';
import type { DraftKind, Viewer } from '../../../common/drafts.js';

// Who has a ticket open, and who is writing on it: kept in memory on every web node. Each open
// page sends a heartbeat; the signal travels like ticket changes (live.ts: NOTIFY on PostgreSQL),
// so every node holds the same picture. An entry not renewed within the TTL goes (a closed tab, a
// node that died), so nothing needs cleaning up after a crash.

export type PresenceSignal = {
  type: 'presence';
  ticketId: string;
  number: number;
  userId: string;
  name: string;
  /** One open page: the same person may have the ticket open twice. */
  clientId: string;
  state: 'viewing' | 'left';
  drafting: DraftKind | null;
};
export type PresenceChange = { ticketId: string; number: number };

export const PRESENCE_TTL_MS = 30_000;
const SWEEP_MS = 5_000;

/** By `userId:clientId`, so nobody can end another person's entry. */
type Entry = { userId: string; name: string; drafting: DraftKind | null; expiresAt: number };
const tickets = new Map<string, { number: number; clients: Map<string, Entry> }>();
const changes = new EventEmitter();
changes.setMaxListeners(0);
/** Whether this process runs the sweep that ends silent pages (from the first heartbeat on). */
let sweeping = false;

export function onPresenceChange(listener: (c: PresenceChange) => void): () => void {
  changes.on('change', listener);
  return () => changes.off('change', listener);
}

/** Everyone on the ticket but `except`, one entry per person, writing if they write in any page. */
export function viewersOf(ticketId: string, except: string): Viewer[] {
  const byUser = new Map<string, Viewer>();
  for (const e of tickets.get(ticketId)?.clients.values() ?? []) {
    if (e.userId === except) continue;
    const seen = byUser.get(e.userId);
    const drafting =
      seen?.drafting === 'reply' || e.drafting === 'reply' ? 'reply' : (e.drafting ?? seen?.drafting ?? null);
    byUser.set(e.userId, { user: { id: e.userId, name: e.name }, drafting });
  }
  return [...byUser.values()].sort((a, b) => a.user.name.localeCompare(b.user.name));
}

const picture = (ticketId: string) => JSON.stringify(viewersOf(ticketId, ''));

/** Takes in a heartbeat from any node; tells this node's streams when what they show changes. */
export function applyPresence(s: PresenceSignal, now = Date.now()): void {
  const before = picture(s.ticketId);
  let t = tickets.get(s.ticketId);
  if (s.state === 'left') {
    t?.clients.delete(`${s.userId}:${s.clientId}`);
  } else {
    if (!t) {
      t = { number: s.number, clients: new Map() };
      tickets.set(s.ticketId, t);
    }
    t.clients.set(`${s.userId}:${s.clientId}`, {
      userId: s.userId,
      name: s.name,
      drafting: s.drafting,
      expiresAt: now + PRESENCE_TTL_MS,
    });
  }
  if (t && t.clients.size === 0) tickets.delete(s.ticketId);
  if (!sweeping) {
    setInterval(() => expirePresence(), SWEEP_MS).unref();
    sweeping = true;
  }
  if (picture(s.ticketId) !== before) changes.emit('change', { ticketId: s.ticketId, number: s.number });
}

/** Drops the pages whose heartbeat stopped (exported so a test can move time on). */
export function expirePresence(now = Date.now()): void {
  for (const [ticketId, t] of tickets) {
    let gone = false;
    for (const [clientId, e] of t.clients) {
      if (e.expiresAt > now) continue;
      const before = picture(ticketId);
      t.clients.delete(clientId);
      gone ||= picture(ticketId) !== before;
    }
    if (t.clients.size === 0) tickets.delete(ticketId);
    if (gone) changes.emit('change', { ticketId, number: t.number });
  }
}

export const isPresenceSignal = (v: unknown): v is PresenceSignal =>
  typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'presence';
