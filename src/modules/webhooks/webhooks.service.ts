import type { z } from 'zod';
import type {
  Webhook,
  WebhookDelivery,
  WebhookPayload,
  webhookBody,
  webhookPatch,
  webhookWithSecretSchema,
} from '../../../common/webhooks.js';
import type { ActorCtx } from '../../context.js';
import { nowIso } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { invalid, refusal, validation } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import { enqueue } from '../../jobs/outbox.js';
import { encryptText, newId, randomToken } from '../../lib/crypto.js';
import { decodeKeyCursor, toPage } from '../../lib/cursor.js';
import { OutboundRefused, resolveAllowed } from '../../lib/network.js';
import { authorize } from '../../policies/policy.js';
import { audit, byActor } from '../audit/audit.service.js';
import { changedFields } from '../audit/setting-change.js';
import { flag } from '../reference-data/patch.js';
import { forgetWantedEvents } from '../webhook-events/queue.js';
import { queueDeliveries, SECRET_CONTEXT } from './webhooks.deliver.js';
import {
  attemptsOf,
  deleteEndpointRow,
  type EndpointRow,
  findDelivery,
  findEndpointRow,
  insertEndpoint,
  listDeliveryRows,
  listEndpointRows,
  updateEndpointRow,
} from './webhooks.repository.js';

// Admin › Webhooks: endpoints (the secret shown once, when made or rotated), their delivery log,
// a redelivery and a test ping. Every change is on the audit trail.

type Body = z.output<typeof webhookBody>;
type Patch = z.output<typeof webhookPatch>;
type WithSecret = z.output<typeof webhookWithSecretSchema>;

const present = (r: EndpointRow): Webhook => ({
  id: r.id,
  name: r.name,
  url: r.url,
  kind: r.kind,
  events: JSON.parse(r.events) as string[],
  internal: r.internal === 1,
  enabled: r.enabled === 1,
  disabledReason: r.disabled_reason,
  failingSince: r.failing_since,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** What the audit trail compares: never the secret. */
const summary = (w: Webhook) => ({
  name: w.name,
  url: w.url,
  kind: w.kind,
  events: w.events,
  internal: w.internal,
  enabled: w.enabled,
});

const recordChange = (ctx: ActorCtx, db: Executor, details: Record<string, unknown>) =>
  audit(ctx, db, { ...byActor(ctx), action: 'settings_changed', details: { area: 'webhook', ...details } });

const REFUSED = defineMessages({
  noWebhook: { id: 'error.webhooks.no_webhook', defaultMessage: 'No such webhook' },
  noDelivery: { id: 'error.webhooks.no_delivery', defaultMessage: 'No such delivery' },
  turnedOff: {
    id: 'error.webhooks.turned_off',
    defaultMessage: 'the webhook is turned off; turn it on to redeliver',
  },
  noLongerInternal: {
    id: 'error.webhooks.no_longer_internal',
    defaultMessage: 'This delivery holds internal notes and the webhook is no longer internal',
  },
  stillTrying: { id: 'error.webhooks.still_trying', defaultMessage: 'This delivery is still being tried' },
});

async function endpointOr404(db: Executor, id: string): Promise<EndpointRow> {
  const row = await findEndpointRow(db, id);
  if (!row) throw refusal('not_found', REFUSED.noWebhook);
  return row;
}

/** A URL whose host is, or now resolves to, an address Tessera does not reach is refused when saved. */
async function refuseLocal(ctx: ActorCtx, url: string) {
  try {
    await resolveAllowed(ctx.config.outbound, new URL(url).hostname);
  } catch (err) {
    if (err instanceof OutboundRefused) throw validation('url', err.message);
    // A name that does not resolve now may later; the connection-time check still decides.
  }
}

const newSecret = () => `whsec_${randomToken(24)}`;
const seal = (ctx: ActorCtx, secret: string) => encryptText(ctx.config.secret, SECRET_CONTEXT, secret);

export async function listWebhooks(ctx: ActorCtx): Promise<Webhook[]> {
  authorize(ctx.actor, 'webhook.manage');
  return (await listEndpointRows(ctx.db)).map(present);
}

export async function getWebhook(ctx: ActorCtx, id: string): Promise<Webhook> {
  authorize(ctx.actor, 'webhook.manage');
  return present(await endpointOr404(ctx.db, id));
}

export async function createWebhook(ctx: ActorCtx, body: Body): Promise<WithSecret> {
  authorize(ctx.actor, 'webhook.manage');
  await refuseLocal(ctx, body.url);
  const id = newId();
  const now = nowIso(ctx);
  const secret = newSecret();
  const row = await ctx.db.transaction().execute(async (trx) => {
    await insertEndpoint(trx, {
      id,
      name: body.name,
      url: body.url,
      kind: body.kind,
      events: JSON.stringify(body.events),
      internal: flag(body.internal),
      enabled: flag(body.enabled),
      secret: seal(ctx, secret),
      disabled_reason: null,
      failing_since: null,
      failures: 0,
      last_failure_at: null,
      created_at: now,
      updated_at: now,
    });
    const row = await endpointOr404(trx, id);
    await recordChange(ctx, trx, { created: body.name, ...summary(present(row)) });
    return row;
  });
  forgetWantedEvents(ctx.db);
  return { ...present(row), secret };
}

export async function updateWebhook(ctx: ActorCtx, id: string, patch: Patch): Promise<Webhook> {
  authorize(ctx.actor, 'webhook.manage');
  if (patch.url !== undefined) await refuseLocal(ctx, patch.url);
  const row = await ctx.db.transaction().execute(async (trx) => {
    const old = present(await endpointOr404(trx, id));
    const next = { ...summary(old), ...patch };
    const changes = changedFields(summary(old), next);
    if (Object.keys(changes).length === 0) return endpointOr404(trx, id);
    const now = nowIso(ctx);
    await updateEndpointRow(trx, id, {
      name: next.name,
      url: next.url,
      kind: next.kind,
      events: JSON.stringify(next.events),
      internal: flag(next.internal),
      enabled: flag(next.enabled),
      updated_at: now,
      // Turned on again by hand: its failures start afresh.
      ...(patch.enabled && !old.enabled ? { disabled_reason: null, failures: 0, failing_since: null } : {}),
    });
    await recordChange(ctx, trx, { changed: old.name, changes });
    return endpointOr404(trx, id);
  });
  forgetWantedEvents(ctx.db);
  return present(row);
}

export async function deleteWebhook(ctx: ActorCtx, id: string): Promise<void> {
  authorize(ctx.actor, 'webhook.manage');
  await ctx.db.transaction().execute(async (trx) => {
    const old = await endpointOr404(trx, id);
    await trx
      .deleteFrom('webhook_attempts')
      .where(
        'delivery_id',
        'in',
        trx.selectFrom('webhook_deliveries').select('id').where('endpoint_id', '=', id),
      )
      .execute();
    await trx.deleteFrom('webhook_deliveries').where('endpoint_id', '=', id).execute();
    await deleteEndpointRow(trx, id);
    await recordChange(ctx, trx, { deleted: old.name });
  });
  forgetWantedEvents(ctx.db);
}

/** A new secret, shown this once; the old one stops signing at once. */
export async function rotateWebhookSecret(ctx: ActorCtx, id: string): Promise<WithSecret> {
  authorize(ctx.actor, 'webhook.manage');
  const secret = newSecret();
  const row = await ctx.db.transaction().execute(async (trx) => {
    const old = await endpointOr404(trx, id);
    await updateEndpointRow(trx, id, { secret: seal(ctx, secret), updated_at: nowIso(ctx) });
    await recordChange(ctx, trx, { rotatedSecret: old.name });
    return endpointOr404(trx, id);
  });
  return { ...present(row), secret };
}

/** Sends a `ping` to the endpoint (a turned-off one too, to try it), logged like any delivery. */
export async function testWebhook(ctx: ActorCtx, id: string): Promise<WebhookDelivery> {
  authorize(ctx.actor, 'webhook.manage');
  const now = nowIso(ctx);
  const payload: WebhookPayload = { id: newId(), type: 'ping', occurredAt: now, data: {} };
  const [deliveryId] = await ctx.db.transaction().execute(async (trx) => {
    const endpoint = await endpointOr404(trx, id);
    return queueDeliveries(ctx, trx, [{ endpoint, payload }]);
  });
  return deliveryOr404(ctx, id, deliveryId ?? '');
}

async function deliveryOr404(ctx: ActorCtx, endpointId: string, deliveryId: string) {
  const d = await findDelivery(ctx.db, deliveryId);
  if (!d || d.endpoint_id !== endpointId) throw refusal('not_found', REFUSED.noDelivery);
  return presentDeliveries(ctx.db, [d]).then((all) => all[0] as WebhookDelivery);
}

type DeliveryRow = NonNullable<Awaited<ReturnType<typeof findDelivery>>>;

async function presentDeliveries(db: Executor, rows: DeliveryRow[]): Promise<WebhookDelivery[]> {
  const attempts = await attemptsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    eventId: r.event_id,
    type: r.event_type,
    state: r.state,
    attempts: attempts
      .filter((a) => a.delivery_id === r.id)
      .map((a) => ({
        id: a.id,
        attempt: a.attempt,
        statusCode: a.status_code,
        latencyMs: a.latency_ms,
        response: a.response,
        error: a.error,
        createdAt: a.created_at,
      })),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

export async function listWebhookDeliveries(
  ctx: ActorCtx,
  id: string,
  q: { limit: number; cursor?: string },
) {
  authorize(ctx.actor, 'webhook.manage');
  await endpointOr404(ctx.db, id);
  const rows = await listDeliveryRows(ctx.db, id, decodeKeyCursor(q.cursor), q.limit);
  const page = toPage(
    rows,
    q.limit,
    (r) => r,
    (r) => [r.created_at, r.id],
  );
  return { items: await presentDeliveries(ctx.db, page.items), nextCursor: page.nextCursor };
}

/** Sends a delivery again, the same payload under the same delivery id, with fresh retries. */
export async function redeliverWebhook(
  ctx: ActorCtx,
  id: string,
  deliveryId: string,
): Promise<WebhookDelivery> {
  authorize(ctx.actor, 'webhook.manage');
  const now = nowIso(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const d = await findDelivery(trx, deliveryId);
    if (!d || d.endpoint_id !== id) throw refusal('not_found', REFUSED.noDelivery);
    const endpoint = await endpointOr404(trx, id);
    if (!endpoint.enabled) throw invalid('id', REFUSED.turnedOff);
    if (d.internal_only && !endpoint.internal) {
      throw refusal('conflict', REFUSED.noLongerInternal);
    }
    // A pending delivery is still being tried: a second job would send it twice at once. The
    // claim is one conditional update, so of two redeliveries at once only one queues a job.
    const claimed = await trx
      .updateTable('webhook_deliveries')
      .set({ state: 'pending', updated_at: now })
      .where('id', '=', d.id)
      .where('state', '!=', 'pending')
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) {
      throw refusal('conflict', REFUSED.stillTrying);
    }
    await enqueue(
      trx,
      {
        topic: 'webhook.deliver',
        payload: { deliveryId: d.id },
        dedupeKey: `webhook.redeliver:${d.id}:${newId()}`,
        runAt: now,
      },
      now,
    );
    await recordChange(ctx, trx, { redelivered: endpoint.name, delivery: d.id });
  });
  return deliveryOr404(ctx, id, deliveryId);
}
