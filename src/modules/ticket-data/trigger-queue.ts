import type { Ctx } from '../../context.js';
import { nowIso } from '../../context.js';
import type { Db, Executor } from '../../db/database.js';
import { enqueue } from '../../jobs/outbox.js';
import { newId } from '../../lib/crypto.js';
import type { Change } from './status.js';
import type { TicketRow } from './tickets.repository.js';

// Where ticket changes hand their events to the triggers: one `triggers.run` job per event, in the
// change's transaction, only when an enabled rule runs on that kind of event (the event types are
// kept per database for a few seconds; saving a rule forgets them at once on this node).

export type TriggerSignal = {
  events: string[];
  fields?: string[];
  category?: string;
  messageId?: string | null;
};

const TTL_MS = 5_000;
const listened = new WeakMap<Db, { types: Set<string>; at: number }>();

/** Forgets the event types kept for this database (a rule was saved). */
export const forgetTriggerTypes = (db: Db) => listened.delete(db);

async function listenedTypes(ctx: Ctx, trx: Executor): Promise<Set<string>> {
  const hit = listened.get(ctx.db);
  const now = Date.now();
  if (hit && now - hit.at < TTL_MS) return hit.types;
  const rows = await trx.selectFrom('triggers').select('definition').where('enabled', '=', 1).execute();
  const types = new Set<string>();
  for (const r of rows) {
    for (const e of (JSON.parse(r.definition) as { on: { type: string }[] }).on) {
      types.add(e.type.startsWith('reply.') ? 'reply' : e.type);
    }
  }
  listened.set(ctx.db, { types, at: now });
  return types;
}

/** Queues the event for the triggers if any enabled rule runs on one of its kinds. */
export async function queueTriggers(
  ctx: Ctx,
  trx: Executor,
  ticketId: string,
  signal: TriggerSignal,
  depth = 0,
): Promise<void> {
  if (signal.events.length === 0) return;
  const types = await listenedTypes(ctx, trx);
  if (!signal.events.some((e) => types.has(e))) return;
  const now = nowIso(ctx);
  const eventId = newId();
  await enqueue(
    trx,
    {
      topic: 'triggers.run',
      payload: { ticketId, ...signal, eventId, depth },
      dedupeKey: `triggers:${eventId}`,
      runAt: now,
    },
    now,
  );
}

/**
 * What a change is to the triggers: a new ticket, a public reply, fields changed, a status
 * category entered. A change a rule made is none: the rule's run passes it on (recursion).
 */
function signalOf(ticket: TicketRow, change: Change): TriggerSignal {
  if (change.events.some((e) => e.rule_id)) return { events: [] };
  const to = change.patch.status_category;
  const category = to !== undefined && to !== ticket.status_category ? to : undefined;
  const events: string[] = [];
  if (change.events.some((e) => e.type === 'created')) events.push('ticket.created', 'inbound');
  else if (change.messageId) events.push('reply', 'inbound');
  const fields = change.events.filter((e) => e.type === 'changed' && e.field).map((e) => e.field!);
  if (fields.length > 0) events.push('ticket.updated');
  const entered = fields.includes('status') && category !== undefined;
  if (entered) events.push('status.category');
  return { events, fields, category: entered ? category : undefined, messageId: change.messageId };
}

/** Queues a committed change's event for the triggers (see signalOf). */
export const queueChangeTriggers = (ctx: Ctx, trx: Executor, ticket: TicketRow, change: Change) =>
  queueTriggers(ctx, trx, ticket.id, signalOf(ticket, change));
