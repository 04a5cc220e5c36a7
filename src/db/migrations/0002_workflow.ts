import type { Kysely } from 'kysely';

// Frozen. Timers, the outbox, surveys and the reason behind each timeline event.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('ticket_events').addColumn('reason', 'text').execute();

  // The earliest moment a timer of the ticket's workflow may be due; the sweep reads this index.
  await db.schema.alterTable('tickets').addColumn('next_timer_at', 'text').execute();
  await db.schema.createIndex('tickets_next_timer_idx').on('tickets').column('next_timer_at').execute();

  // One row per timer firing: (ticket, timer, the moment it counts from). A unique key makes a
  // reminder or a timed move happen once, whatever the number of schedulers or restarts.
  await db.schema
    .createTable('timer_runs')
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('timer_key', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('timer_runs_pk', ['ticket_id', 'timer_key'])
    .execute();

  // Side effects decided in a transaction, delivered by a worker; dedupe_key makes enqueue idempotent.
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('run_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .execute();
  await db.schema.createIndex('outbox_due_idx').on('outbox').columns(['state', 'run_at']).execute();

  await db.schema
    .createTable('surveys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('recipient_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    .addColumn('rating', 'integer')
    .addColumn('comment', 'text')
    .execute();
  await db.schema
    .createIndex('surveys_ticket_idx')
    .on('surveys')
    .columns(['ticket_id', 'created_at'])
    .execute();
  await db.schema.createIndex('surveys_answered_idx').on('surveys').column('answered_at').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('surveys').execute();
  await db.schema.dropTable('outbox').execute();
  await db.schema.dropTable('timer_runs').execute();
  await db.schema.dropIndex('tickets_next_timer_idx').execute();
  await db.schema.alterTable('tickets').dropColumn('next_timer_at').execute();
  await db.schema.alterTable('ticket_events').dropColumn('reason').execute();
}
