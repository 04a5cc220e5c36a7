import type { Kysely } from 'kysely';
import {
  cascadeRef,
  createIndex,
  createTable,
  id,
  integer,
  integerDefault,
  ref,
  requiredText,
  text,
  textDefault,
  uniqueText,
} from './columns.js';

// Frozen. Timers, the outbox, surveys and the reason behind each timeline event.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('ticket_events').addColumn('reason', 'text').execute();

  // The earliest moment a timer of the ticket's workflow may be due; the sweep reads this index.
  await db.schema.alterTable('tickets').addColumn('next_timer_at', 'text').execute();
  await createIndex(db, 'tickets_next_timer_idx', 'tickets', ['next_timer_at']);

  // One row per timer firing: (ticket, timer, the moment it counts from). A unique key makes a
  // reminder or a timed move happen once, whatever the number of schedulers or restarts.
  await createTable(
    db,
    'timer_runs',
    {
      ticket_id: cascadeRef('tickets.id'),
      timer_key: requiredText,
      outcome: requiredText,
      created_at: requiredText,
    },
    (t) => t.addPrimaryKeyConstraint('timer_runs_pk', ['ticket_id', 'timer_key']),
  );

  // Side effects decided in a transaction, delivered by a worker; dedupe_key makes enqueue idempotent.
  await createTable(db, 'outbox', {
    id,
    topic: requiredText,
    payload: requiredText,
    dedupe_key: uniqueText,
    state: textDefault('pending'),
    attempts: integerDefault(0),
    run_at: requiredText,
    locked_until: text,
    last_error: text,
    created_at: requiredText,
    done_at: text,
  });
  await createIndex(db, 'outbox_due_idx', 'outbox', ['state', 'run_at']);

  await createTable(db, 'surveys', {
    id,
    ticket_id: cascadeRef('tickets.id'),
    recipient_id: ref('users.id', { required: true }),
    created_at: requiredText,
    expires_at: requiredText,
    answered_at: text,
    rating: integer,
    comment: text,
  });
  await createIndex(db, 'surveys_ticket_idx', 'surveys', ['ticket_id', 'created_at']);
  await createIndex(db, 'surveys_answered_idx', 'surveys', ['answered_at']);
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
