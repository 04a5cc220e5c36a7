import type { Kysely } from 'kysely';

// Frozen. Services, plans and subscriptions; which subscription a ticket counted against; token scopes.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('services')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('ticket_limit', 'integer')
    .addColumn('cycle', 'text', (c) => c.notNull())
    .addColumn('reply_after_expiry', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('subscriptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('external_id', 'text', (c) => c.unique())
    .addColumn('customer_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('organisation_id', 'text', (c) => c.references('organisations.id').onDelete('cascade'))
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id'))
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('subscriptions_customer_idx')
    .on('subscriptions')
    .columns(['customer_id', 'service_id'])
    .execute();
  await db.schema
    .createIndex('subscriptions_organisation_idx')
    .on('subscriptions')
    .columns(['organisation_id', 'service_id'])
    .execute();

  // Set only when a ticket used up quota (customer-opened); staff tickets on behalf do not.
  await db.schema.alterTable('tickets').addColumn('subscription_id', 'text').execute();
  await db.schema
    .createIndex('tickets_subscription_idx')
    .on('tickets')
    .columns(['subscription_id', 'created_at'])
    .execute();

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
