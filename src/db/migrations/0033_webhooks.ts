import type { Kysely } from 'kysely';
import {
  cascadeRef,
  createIndex,
  createTable,
  flag,
  id,
  integer,
  integerDefault,
  requiredText,
  text,
  textDefault,
  timestamps,
} from './columns.js';

// Frozen. Outgoing webhooks. `webhook_endpoints` are the admin-set receivers (the secret sealed with
// the installation secret, the events wanted as a JSON list); `webhook_deliveries` is one event for
// one endpoint, its payload kept so it can be delivered again; `webhook_attempts` logs each try.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await createTable(db, 'webhook_endpoints', {
    id,
    name: requiredText,
    url: requiredText,
    kind: textDefault('generic'),
    events: textDefault('[]'),
    internal: flag(0),
    enabled: flag(1),
    secret: requiredText,
    disabled_reason: text,
    failing_since: text,
    failures: integerDefault(0),
    last_failure_at: text,
    ...timestamps,
  });
  await createTable(db, 'webhook_deliveries', {
    id,
    endpoint_id: cascadeRef('webhook_endpoints.id'),
    event_id: requiredText,
    event_type: requiredText,
    payload: requiredText,
    /** Built for an internal endpoint: may carry internal notes, so never sent to another. */
    internal_only: flag(0),
    state: textDefault('pending'),
    attempts: integerDefault(0),
    last_status: integer,
    ...timestamps,
  });
  await createIndex(db, 'webhook_deliveries_endpoint_created', 'webhook_deliveries', [
    'endpoint_id',
    'created_at',
    'id',
  ]);
  await createIndex(db, 'webhook_deliveries_created', 'webhook_deliveries', ['created_at']);
  await createTable(db, 'webhook_attempts', {
    id,
    delivery_id: cascadeRef('webhook_deliveries.id'),
    attempt: integerDefault(1),
    status_code: integer,
    latency_ms: integer,
    response: text,
    error: text,
    created_at: requiredText,
  });
  await createIndex(db, 'webhook_attempts_delivery', 'webhook_attempts', ['delivery_id', 'created_at']);
}

// biome-ignore lint/suspicious/noExplicitAny: see up
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('webhook_attempts').execute();
  await db.schema.dropTable('webhook_deliveries').execute();
  await db.schema.dropTable('webhook_endpoints').execute();
}
