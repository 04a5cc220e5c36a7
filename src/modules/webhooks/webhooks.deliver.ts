import { WEBHOOK_HEADERS, type WebhookPayload } from '../../../common/webhooks.js';
import type { Ctx } from '../../context.js';
import { nowIso } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { PermanentJobError } from '../../errors.js';
import { enqueue } from '../../jobs/outbox.js';
import type { JobHandler } from '../../jobs/worker.js';
import { decryptText, newId, sha256 } from '../../lib/crypto.js';
import { networkReason, safeFetch } from '../../lib/network.js';
import { audit } from '../audit/audit.service.js';
import { forgetWantedEvents } from '../webhook-events/queue.js';
import { presetBody } from './presets.js';
import { signatureHeader } from './signature.js';
import { mailEndpointTurnedOff } from './webhooks.mail.js';
import { buildPayloads } from './webhooks.payload.js';
import {
  clearEndpointFailures,
  countEndpointFailure,
  type DeliveryRow,
  type EndpointRow,
  enabledEndpoints,
  findDelivery,
  findEndpointRow,
  insertAttempt,
  insertDeliveries,
  pruneDeliveries,
  updateDelivery,
  updateEndpointRow,
} from './webhooks.repository.js';

// Delivery: an event becomes one delivery per endpoint that wants it (its payload stored, so a
// redelivery sends the same bytes), and each delivery is an outbox job, retried with the outbox's
// backoff. Every attempt is logged with its status, latency and the start of the answer. An
// endpoint failing for a day (no success since, several attempts) is turned off, the
// administrators told and the audit trail noted.

export const SECRET_CONTEXT = 'webhook-secret';
const TIMEOUT_MS = 10_000;
const SNIPPET_BYTES = 1024;
const SUSTAINED_MS = 24 * 3_600_000;
const SUSTAINED_ATTEMPTS = 5;
/** Failures further apart than this are not one run of failure (retries are at most an hour apart). */
const RUN_GAP_MS = 6 * 3_600_000;

/** The delivery's id for one event and endpoint: the same if the fan-out runs again. */
const deliveryId = (eventId: string, endpointId: string) => sha256(`${eventId}:${endpointId}`).slice(0, 26);

export async function queueDeliveries(
  ctx: Ctx,
  trx: Executor,
  rows: { endpoint: EndpointRow; payload: WebhookPayload }[],
) {
  const now = nowIso(ctx);
  const deliveries = rows.map(({ endpoint, payload }) => ({
    id: deliveryId(payload.id, endpoint.id),
    endpoint_id: endpoint.id,
    event_id: payload.id,
    event_type: payload.type,
    payload: JSON.stringify(payload),
    internal_only: endpoint.internal,
    state: 'pending' as const,
    attempts: 0,
    last_status: null,
    created_at: now,
    updated_at: now,
  }));
  const ids = new Set(
    (
      await trx
        .selectFrom('webhook_deliveries')
        .select('id')
        .where(
          'id',
          'in',
          deliveries.map((d) => d.id),
        )
        .execute()
    ).map((r) => r.id),
  );
  await insertDeliveries(
    trx,
    deliveries.filter((d) => !ids.has(d.id)),
  );
  for (const d of deliveries)
    await enqueue(
      trx,
      {
        topic: 'webhook.deliver',
        payload: { deliveryId: d.id },
        dedupeKey: `webhook.deliver:${d.id}`,
        runAt: now,
      },
      now,
    );
  return deliveries.map((d) => d.id);
}

/**
 * An event: its payload built once, a delivery queued for each enabled endpoint that wants it (or
 * for the one endpoint a trigger named).
 */
export const fanOutWebhookEvent: JobHandler<'webhook.event'> = async (ctx, job) => {
  const e = job.data;
  const endpoints = (await enabledEndpoints(ctx.db)).filter((ep) =>
    e.endpointId ? ep.id === e.endpointId : (JSON.parse(ep.events) as string[]).includes(e.type),
  );
  if (endpoints.length === 0) return;
  const built = await buildPayloads(ctx, e);
  if (!built) return;
  const rows = endpoints.flatMap((endpoint) => {
    const payload = endpoint.internal ? built.internal : built.external;
    return payload ? [{ endpoint, payload }] : [];
  });
  if (rows.length > 0) await ctx.db.transaction().execute((trx) => queueDeliveries(ctx, trx, rows));
};

async function snippet(res: Response): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < SNIPPET_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  await reader.cancel().catch(() => {});
  return Buffer.concat(chunks).subarray(0, SNIPPET_BYTES).toString('utf8');
}

/** What goes on the wire: our signed JSON, or the chat service's message. */
function request(ctx: Ctx, endpoint: EndpointRow, d: DeliveryRow) {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'Tessera-Webhooks/1',
    [WEBHOOK_HEADERS.event]: d.event_type,
    [WEBHOOK_HEADERS.delivery]: d.id,
  };
  if (endpoint.kind === 'generic') {
    const secret = decryptText(ctx.config.secret, SECRET_CONTEXT, endpoint.secret);
    const t = Math.floor(ctx.clock().getTime() / 1000);
    headers[WEBHOOK_HEADERS.signature] = signatureHeader(secret, t, d.payload);
    return { headers, body: d.payload };
  }
  const body = JSON.stringify(presetBody(endpoint.kind, JSON.parse(d.payload) as WebhookPayload));
  return { headers, body };
}

type Outcome = { status: number | null; response: string | null; error: string | null; permanent: boolean };

async function post(ctx: Ctx, endpoint: EndpointRow, d: DeliveryRow): Promise<Outcome & { latency: number }> {
  const started = performance.now();
  const out: Outcome = { status: null, response: null, error: null, permanent: false };
  try {
    const { headers, body } = request(ctx, endpoint, d);
    const res = await safeFetch(ctx.config.outbound, endpoint.url, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    out.status = res.status;
    out.response = await snippet(res);
    if (res.status < 200 || res.status > 299) out.error = `answered ${res.status}`;
  } catch (err) {
    out.error = networkReason(err);
    out.permanent = err instanceof PermanentJobError;
  }
  return { ...out, latency: Math.round(performance.now() - started) };
}

/** Turns an endpoint off after sustained failure and tells the administrators. */
async function disableFailing(ctx: Ctx, endpoint: EndpointRow, why: string) {
  const now = nowIso(ctx);
  const reason = `turned off after failing since ${endpoint.failing_since ?? now}: ${why}`.slice(0, 500);
  await ctx.db.transaction().execute(async (trx) => {
    await updateEndpointRow(trx, endpoint.id, { enabled: 0, disabled_reason: reason, updated_at: now });
    await audit(ctx, trx, {
      action: 'settings_changed',
      details: { area: 'webhook', id: endpoint.id, name: endpoint.name, disabled: reason },
    });
    await mailEndpointTurnedOff(ctx, trx, endpoint, endpoint.failing_since ?? now, why, now);
  });
  forgetWantedEvents(ctx.db);
  ctx.log.warn({ webhook: endpoint.id, reason }, 'webhook endpoint turned off');
}

export const NO_LONGER_INTERNAL =
  'not sent: it holds internal notes and the endpoint is no longer marked internal';

/** One attempt of one delivery; a failure throws so the outbox tries again later. */
export const deliverWebhook: JobHandler<'webhook.deliver'> = async (ctx, job) => {
  const d = await findDelivery(ctx.db, job.data.deliveryId);
  if (d?.state !== 'pending') return;
  const endpoint = await findEndpointRow(ctx.db, d.endpoint_id);
  const now = nowIso(ctx);
  if (!endpoint || (!endpoint.enabled && d.event_type !== 'ping')) {
    await updateDelivery(ctx.db, d.id, { state: 'failed', updated_at: now });
    return;
  }
  const attempt = d.attempts + 1;
  if (d.internal_only && !endpoint.internal) {
    // Built with internal notes for an endpoint that has since stopped being internal.
    await ctx.db.transaction().execute(async (trx) => {
      await insertAttempt(trx, {
        id: newId(),
        delivery_id: d.id,
        attempt,
        status_code: null,
        latency_ms: null,
        response: null,
        error: NO_LONGER_INTERNAL,
        created_at: now,
      });
      await updateDelivery(trx, d.id, { state: 'failed', attempts: attempt, updated_at: now });
    });
    return;
  }
  const r = await post(ctx, endpoint, d);
  // The attempt, the delivery's state and the endpoint's failing run are written together; the
  // run is counted on the endpoint's row as it is now, not as it was before the POST.
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    await insertAttempt(trx, {
      id: newId(),
      delivery_id: d.id,
      attempt,
      status_code: r.status,
      latency_ms: r.latency,
      response: r.response,
      error: r.error,
      created_at: now,
    });
    if (!r.error) {
      await updateDelivery(trx, d.id, {
        state: 'succeeded',
        attempts: attempt,
        last_status: r.status,
        updated_at: now,
      });
      await clearEndpointFailures(trx, endpoint.id);
      return null;
    }
    // A failure after a long quiet spell (no events, or an admin's pause) starts a new run: the
    // endpoint is turned off only after a day of failing attempts with no success between them.
    const gapStart = new Date(Date.parse(now) - RUN_GAP_MS).toISOString();
    const run = await countEndpointFailure(trx, endpoint.id, now, gapStart);
    const failingSince = run?.failing_since ?? now;
    const sustained =
      (run?.failures ?? 1) >= SUSTAINED_ATTEMPTS &&
      Date.parse(now) - Date.parse(failingSince) >= SUSTAINED_MS;
    const last = r.permanent || sustained || job.attempts >= ctx.config.outboxMaxAttempts;
    await updateDelivery(trx, d.id, {
      state: last ? 'failed' : 'pending',
      attempts: attempt,
      last_status: r.status,
      updated_at: now,
    });
    return { error: r.error, failingSince, sustained };
  });
  if (!outcome) return;
  if (outcome.sustained) {
    await disableFailing(ctx, { ...endpoint, failing_since: outcome.failingSince }, outcome.error);
    return;
  }
  throw r.permanent
    ? new PermanentJobError(outcome.error)
    : new Error(`webhook delivery failed: ${outcome.error}`);
};

const KEEP_MS = 30 * 86_400_000;

/** The delivery log keeps 30 days. */
export async function pruneWebhookLog(ctx: Ctx): Promise<void> {
  await pruneDeliveries(ctx.db, new Date(ctx.clock().getTime() - KEEP_MS).toISOString());
}
