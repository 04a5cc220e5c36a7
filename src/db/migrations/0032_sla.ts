import type { Kysely } from 'kysely';
import {
  addColumns,
  cascadeRef,
  createIndex,
  createTable,
  flag,
  id,
  integer,
  integerDefault,
  ref,
  requiredInteger,
  requiredText,
  text,
  textDefault,
  timestamps,
  uniqueText,
} from './columns.js';

// Frozen. Service levels. `sla_policies` are ordered (the first whose conditions match a ticket
// applies); conditions, targets per priority, the status categories that pause each clock and the
// warning point are JSON documents. `ticket_sla_clocks` holds each ticket's clocks as last computed
// from its history (one row per target, and one per reply cycle for next reply), with the sweep's
// next instant to look at it (`check_at`) and when its warning and breach were announced, so each
// is announced once. `tickets.sla_due_at` is the earliest due time of the ticket's running clocks,
// or the far-future sentinel when none runs, so the queue sorts and filters by it on an index.

const NO_DUE = '9999-12-31T23:59:59.999Z';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await createTable(db, 'sla_policies', {
    id,
    name: uniqueText,
    position: requiredInteger,
    enabled: flag(1),
    conditions: textDefault('{}'),
    calendar_id: ref('calendars.id', { required: true }),
    targets: textDefault('[]'),
    pause_on: requiredText,
    warning: text,
    notify_outside_hours: flag(0),
    ...timestamps,
  });
  await createTable(
    db,
    'ticket_sla_clocks',
    {
      id,
      ticket_id: cascadeRef('tickets.id'),
      metric: requiredText,
      cycle: integerDefault(0),
      policy_id: text,
      calendar_id: requiredText,
      business: flag(1),
      target_minutes: requiredInteger,
      started_at: requiredText,
      stopped_at: text,
      paused_since: text,
      /** JSON [[from, to], …]: the spans the clock stood still, ended ones only. */
      pauses: textDefault('[]'),
      due_at: text,
      warn_at: text,
      /** Minutes counted from start to stop, in the clock's own time (business or calendar). */
      elapsed_minutes: integer,
      breached: flag(0),
      check_at: text,
      warned_at: text,
      breach_noticed_at: text,
      updated_at: requiredText,
    },
    (t) => t.addUniqueConstraint('ticket_sla_clocks_key', ['ticket_id', 'metric', 'cycle']),
  );
  await createIndex(db, 'ticket_sla_clocks_check', 'ticket_sla_clocks', ['check_at']);
  // The report counts clocks stopped in a period, and open ones that fell due in it.
  await createIndex(db, 'ticket_sla_clocks_stopped', 'ticket_sla_clocks', ['stopped_at']);
  await createIndex(db, 'ticket_sla_clocks_due', 'ticket_sla_clocks', ['due_at']);
  await addColumns(db, 'tickets', { sla_due_at: textDefault(NO_DUE) });
  await createIndex(db, 'tickets_sla_due_idx', 'tickets', ['sla_due_at', 'number']);
  await createIndex(db, 'tickets_department_sla_due_idx', 'tickets', [
    'department_id',
    'sla_due_at',
    'number',
  ]);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('tickets_department_sla_due_idx').execute();
  await db.schema.dropIndex('tickets_sla_due_idx').execute();
  await db.schema.alterTable('tickets').dropColumn('sla_due_at').execute();
  await db.schema.dropTable('ticket_sla_clocks').execute();
  await db.schema.dropTable('sla_policies').execute();
}
