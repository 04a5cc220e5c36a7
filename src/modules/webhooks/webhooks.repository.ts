import { type Insertable, sql, type Updateable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { WebhookAttemptTable, WebhookDeliveryTable, WebhookEndpointTable } from '../../db/schema.js';
import { type KeyCursor, keysetPage } from '../../lib/cursor.js';

export type EndpointRow = WebhookEndpointTable;
export type DeliveryRow = WebhookDeliveryTable;
export type AttemptRow = WebhookAttemptTable;

export const listEndpointRows = (db: Executor) =>
  db.selectFrom('webhook_endpoints').selectAll().orderBy('name').orderBy('id').execute();

export const findEndpointRow = (db: Executor, id: string) =>
  db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertEndpoint(db: Executor, row: Insertable<EndpointRow>) {
  await db.insertInto('webhook_endpoints').values(row).execute();
}

export async function updateEndpointRow(db: Executor, id: string, patch: Updateable<EndpointRow>) {
  const r = await db.updateTable('webhook_endpoints').set(patch).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/**
 * Counts a failed attempt in one statement, so concurrent deliveries to the endpoint each count:
 * a failure within `gapStart` of the last one continues the run, an older one starts a new run.
 */
export async function countEndpointFailure(db: Executor, id: string, now: string, gapStart: string) {
  const continues = sql<boolean>`last_failure_at is not null and last_failure_at >= ${gapStart}`;
  return db
    .updateTable('webhook_endpoints')
    .set({
      failures: sql`case when ${continues} then failures + 1 else 1 end`,
      failing_since: sql`case when ${continues} then coalesce(failing_since, ${now}) else ${now} end`,
      last_failure_at: now,
    })
    .where('id', '=', id)
    .returning(['failures', 'failing_since'])
    .executeTakeFirst();
}

/** A success ends the endpoint's failing run. */
export async function clearEndpointFailures(db: Executor, id: string) {
  await db
    .updateTable('webhook_endpoints')
    .set({ failures: 0, failing_since: null })
    .where('id', '=', id)
    .where('failures', '>', 0)
    .execute();
}

export async function deleteEndpointRow(db: Executor, id: string) {
  const r = await db.deleteFrom('webhook_endpoints').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** The enabled endpoints; the caller picks those that want an event. */
export const enabledEndpoints = (db: Executor) =>
  db.selectFrom('webhook_endpoints').selectAll().where('enabled', '=', 1).execute();

export async function insertDeliveries(db: Executor, rows: Insertable<DeliveryRow>[]) {
  if (rows.length > 0) await db.insertInto('webhook_deliveries').values(rows).execute();
}

export const findDelivery = (db: Executor, id: string) =>
  db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();

export async function updateDelivery(db: Executor, id: string, patch: Updateable<DeliveryRow>) {
  await db.updateTable('webhook_deliveries').set(patch).where('id', '=', id).execute();
}

export async function insertAttempt(db: Executor, row: AttemptRow) {
  await db.insertInto('webhook_attempts').values(row).execute();
}

/** An endpoint's deliveries, newest first. */
export const listDeliveryRows = (
  db: Executor,
  endpointId: string,
  after: KeyCursor | undefined,
  limit: number,
) =>
  keysetPage(
    db.selectFrom('webhook_deliveries').selectAll().where('endpoint_id', '=', endpointId),
    ['created_at', 'id'],
    after,
    limit,
    'desc',
  ).execute();

export const attemptsOf = (db: Executor, deliveryIds: string[]) =>
  deliveryIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('webhook_attempts')
        .selectAll()
        .where('delivery_id', 'in', deliveryIds)
        .orderBy('created_at')
        .orderBy('attempt')
        .execute();

/** Drops deliveries (and their attempts) older than `before`; the log stays bounded. */
export async function pruneDeliveries(db: Executor, before: string) {
  const old = db.selectFrom('webhook_deliveries').select('id').where('created_at', '<', before);
  await db.deleteFrom('webhook_attempts').where('delivery_id', 'in', old).execute();
  await db.deleteFrom('webhook_deliveries').where('created_at', '<', before).execute();
}

/** The addresses of the active administrators, told when an endpoint is turned off. */
/** Active administrators, with how each reads. */
export const adminRecipients = (db: Executor) =>
  db
    .selectFrom('users')
    .select(['email', 'locale', 'time_zone'])
    .where('role', '=', 'admin')
    .where('active', '=', 1)
    .execute();
