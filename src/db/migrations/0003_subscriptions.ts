import type { Kysely } from 'kysely';
import {
  createIndex,
  createTable,
  flag,
  id,
  integer,
  ref,
  requiredText,
  text,
  timestamps,
  uniqueText,
} from './columns.js';

// Frozen. Services, plans and subscriptions; which subscription a ticket counted against; token scopes.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await createTable(db, 'services', {
    id,
    name: uniqueText,
    description: text,
    created_at: requiredText,
  });

  await createTable(db, 'plans', {
    id,
    name: uniqueText,
    ticket_limit: integer,
    cycle: requiredText,
    reply_after_expiry: flag(0),
    created_at: requiredText,
  });

  await createTable(db, 'subscriptions', {
    id,
    external_id: ['text', (c) => c.unique()],
    customer_id: ref('users.id', { onDelete: 'cascade' }),
    organisation_id: ref('organisations.id', { onDelete: 'cascade' }),
    service_id: ref('services.id', { required: true }),
    plan_id: ref('plans.id', { required: true }),
    state: requiredText,
    starts_at: requiredText,
    ends_at: text,
    ...timestamps,
  });
  await createIndex(db, 'subscriptions_customer_idx', 'subscriptions', ['customer_id', 'service_id']);
  await createIndex(db, 'subscriptions_organisation_idx', 'subscriptions', ['organisation_id', 'service_id']);

  // Set only when a ticket used up quota (customer-opened); staff tickets on behalf do not.
  await db.schema.alterTable('tickets').addColumn('subscription_id', 'text').execute();
  await createIndex(db, 'tickets_subscription_idx', 'tickets', ['subscription_id', 'created_at']);

  // 'all': acts as its user; 'billing': may only write subscriptions.
  await db.schema
    .alterTable('api_tokens')
    .addColumn('scope', 'text', (c) => c.notNull().defaultTo('all'))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('api_tokens').dropColumn('scope').execute();
  await db.schema.dropIndex('tickets_subscription_idx').execute();
  await db.schema.alterTable('tickets').dropColumn('subscription_id').execute();
  await db.schema.dropTable('subscriptions').execute();
  await db.schema.dropTable('plans').execute();
  await db.schema.dropTable('services').execute();
}
