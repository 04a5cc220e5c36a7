import type { WebhookEvent } from '../../../common/webhooks.js';
import type { Ctx } from '../../context.js';
import { nowIso } from '../../context.js';
import type { Db, Executor } from '../../db/database.js';
import type { TicketEventTable } from '../../db/schema.js';
import { enqueue } from '../../jobs/outbox.js';
import type { JobPayload } from '../../jobs/payloads.js';
import { newId } from '../../lib/crypto.js';

// Where a ticket change becomes a webhook event: one outbox job in the change's transaction, whose
// handler (modules/webhooks) builds the payload and fans out one delivery per endpoint. A change no
// enabled endpoint wants writes nothing: the events wanted are read at most every few seconds per
// process (and at once after an admin's change here), so a node learns of another node's new
// endpoint within TTL_MS.

const TTL_MS = 5_000;

/** `type` for any enabled endpoint's events; `internal:type` for an internal endpoint's too. */
type Wanted = { at: number; keys: ReadonlySet<string> };
const wanted = new WeakMap<Db, Wanted>();

/** Reads the endpoints again on the next event (after an admin changed one). */
export const forgetWantedEvents = (db: Db) => wanted.delete(db);

async function wantedKeys(ctx: Ctx, trx: Executor): Promise<ReadonlySet<string>> {
  const now = Date.now();
  const cached = wanted.get(ctx.db);
  if (cached && now - cached.at < TTL_MS) return cached.keys;
  const rows = await trx
    .selectFrom('webhook_endpoints')
    .select(['events', 'internal'])
    .where('enabled', '=', 1)
    .execute();
  const keys = new Set<string>();
  for (const r of rows) {
    for (const type of JSON.parse(r.events) as string[]) {
      keys.add(type);
      if (r.internal) keys.add(`internal:${type}`);
    }
  }
  wanted.set(ctx.db, { at: now, keys });
  return keys;
}

export type WebhookEventInput = Omit<JobPayload<'webhook.event'>, 'eventId' | 'occurredAt'> & {
  type: WebhookEvent;
};

/** Queues one event in the caller's transaction, if an enabled endpoint wants it. */
export async function queueWebhookEvent(ctx: Ctx, trx: Executor, e: WebhookEventInput): Promise<void> {
  const keys = await wantedKeys(ctx, trx);
  if (!keys.has(e.internal ? `internal:${e.type}` : e.type)) return;
  const now = nowIso(ctx);
  const eventId = newId();
  await enqueue(
    trx,
    {
      topic: 'webhook.event',
      payload: { ...e, eventId, occurredAt: now },
      dedupeKey: `webhook:${eventId}`,
      runAt: now,
    },
    now,
  );
}

/**
 * The webhook events of one change to a ticket, from its timeline events: `ticket.created`, a
 * `ticket.updated` listing the fields changed (a staff-only change marked internal), and
 * `message.created` for a public reply.
 */
export async function queueChangeWebhooks(
  ctx: Ctx,
  trx: Executor,
  ticketId: string,
  change: { events: TicketEventTable[]; messageId?: string | null; actorId?: string | null },
): Promise<void> {
  const actorId = change.actorId ?? change.events.find((e) => e.actor_id)?.actor_id ?? null;
  if (change.events.some((e) => e.type === 'created')) {
    await queueWebhookEvent(ctx, trx, { type: 'ticket.created', ticketId, actorId });
    return;
  }
  const changed = change.events.filter((e) => e.type === 'changed' && e.field);
  if (changed.length > 0) {
    const changes = changed.map((e) => ({
      field: e.field ?? '',
      from: e.from_value,
      to: e.to_value,
      internal: e.public === 0,
    }));
    await queueWebhookEvent(ctx, trx, {
      type: 'ticket.updated',
      ticketId,
      actorId,
      changes,
      internal: changes.every((c) => c.internal),
    });
  }
  if (change.messageId)
    await queueWebhookEvent(ctx, trx, {
      type: 'message.created',
      ticketId,
      actorId,
      messageId: change.messageId,
    });
}

type Clock = { metric: string; due_at: string | null };
const slaOf = (rows: Clock[]) => ({
  metrics: rows.map((r) => r.metric),
  dueAt: rows.map((r) => r.due_at).reduce<string | null>((a, b) => (a && (!b || a <= b) ? a : b), null),
});

/** The service-level warnings and breaches one sweep of a ticket announced. */
export async function queueSlaWebhooks(
  ctx: Ctx,
  trx: Executor,
  ticketId: string,
  announced: { warned: Clock[]; breached: Clock[] },
): Promise<void> {
  if (announced.breached.length > 0)
    await queueWebhookEvent(ctx, trx, {
      type: 'ticket.sla_breach',
      ticketId,
      sla: slaOf(announced.breached),
    });
  if (announced.warned.length > 0)
    await queueWebhookEvent(ctx, trx, { type: 'ticket.sla_warning', ticketId, sla: slaOf(announced.warned) });
}
