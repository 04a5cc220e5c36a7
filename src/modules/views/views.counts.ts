import { ticketListQuery } from '../../../common/api.js';
import { BUILT_IN_VIEWS } from '../../../common/views.js';
import type { Actor, ActorCtx } from '../../context.js';
import { AppError } from '../../errors.js';
import { authorize } from '../../policies/policy.js';
import { hearsEveryChange, onTicketChange } from '../live/live.js';
import { countTicketRows, type TicketConditions } from '../tickets/tickets.list.js';
import { ticketFilterOf } from '../tickets/tickets.service.js';
import { listVisibleViews } from './views.repository.js';

// How many tickets each of the caller's views holds, for the sidebar: counted through the list's
// own scope and conditions, so a count is what the list would show the caller. Every sidebar asks
// again after each ticket change, so a count is kept for everyone who sees the same tickets (an
// administrator, or agents of the same departments) until the next change: one query per view and
// change rather than one per view, change and open sidebar.

/** Longest a count is kept, in case a change was not heard of (a lost connection, a deletion). */
const TTL_MS = 15_000;
const MAX_ENTRIES = 10_000;

type Entry = { generation: number; at: number; count: Promise<number> };
/** Per database: two apps in one process (tests, tools) never share a count. */
const caches = new WeakMap<object, Map<string, Entry>>();
let generation = 0;
let listening = false;

function listen() {
  if (listening) return;
  listening = true;
  onTicketChange(() => {
    generation++;
  });
}

/** Who sees the same tickets: the visibility scope's own inputs. */
const scopeKey = (a: Actor) => (a.role === 'admin' ? 'admin' : `agent:${[...a.departmentIds].sort()}`);

function cachedCount(ctx: ActorCtx, conditions: TicketConditions): Promise<number> {
  const run = () => countTicketRows(ctx.db, ctx.dialect, ctx.actor, conditions);
  if (!hearsEveryChange(ctx.dialect)) return run();
  listen();
  const cache = caches.get(ctx.db) ?? new Map<string, Entry>();
  caches.set(ctx.db, cache);
  const key = `${scopeKey(ctx.actor)} ${JSON.stringify(conditions)}`;
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && hit.generation === generation && now - hit.at < TTL_MS) return hit.count;
  if (cache.size >= MAX_ENTRIES) cache.clear();
  const entry: Entry = { generation, at: now, count: run() };
  cache.set(key, entry);
  entry.count.catch(() => cache.delete(key));
  return entry.count;
}

/** The conditions of a stored filter, as the list would read it for this caller; null if it no longer can. */
function conditionsOf(ctx: ActorCtx, filter: Record<string, string>): TicketConditions | null {
  const parsed = ticketListQuery.safeParse(filter);
  if (!parsed.success) return null;
  try {
    const { sort: _s, order: _o, after: _a, limit: _l, ...conditions } = ticketFilterOf(ctx, parsed.data);
    return conditions;
  } catch (err) {
    if (err instanceof AppError) return null;
    throw err;
  }
}

/** Each built-in and saved view the caller sees, with the number of tickets it holds for them. */
export async function viewCounts(ctx: ActorCtx): Promise<{ id: string; count: number | null }[]> {
  authorize(ctx.actor, 'view.use');
  const saved = await listVisibleViews(ctx.db, ctx.actor);
  const views = [
    ...BUILT_IN_VIEWS.map((v) => ({ id: v.id, filter: v.filter as Record<string, string> })),
    ...saved.map((v) => ({ id: v.id, filter: JSON.parse(v.filter) as Record<string, string> })),
  ];
  return Promise.all(
    views.map(async (v) => {
      const conditions = conditionsOf(ctx, v.filter);
      return { id: v.id, count: conditions ? await cachedCount(ctx, conditions) : null };
    }),
  );
}
