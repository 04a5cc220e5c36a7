import type { Kysely } from 'kysely';
import {
  cascadeRef,
  createTable,
  id,
  integerDefault,
  requiredInteger,
  requiredText,
  text,
  timestamps,
} from './columns.js';

// Frozen. Bulk changes run as jobs: each job's selection and action, its progress (the last
// ticket number done, counts), the tickets it skipped with why, and the notices its changes
// decided, which go out as one digest per recipient when the job ends.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await createTable(db, 'bulk_jobs', {
    id,
    actor_id: cascadeRef('users.id'),
    selection: requiredText,
    action: requiredText,
    status: requiredText,
    total: requiredInteger,
    done: integerDefault(0),
    changed: integerDefault(0),
    skipped: integerDefault(0),
    cursor: integerDefault(0),
    ...timestamps,
    finished_at: text,
  });
  await createTable(
    db,
    'bulk_job_skips',
    { job_id: cascadeRef('bulk_jobs.id'), number: requiredInteger, reason: requiredText },
    (t) => t.addPrimaryKeyConstraint('bulk_job_skips_pk', ['job_id', 'number']),
  );
  await createTable(
    db,
    'digest_notices',
    {
      digest_id: requiredText,
      key: requiredText,
      event: requiredText,
      ticket_id: cascadeRef('tickets.id'),
      actor_id: text,
      message_id: text,
    },
    (t) => t.addPrimaryKeyConstraint('digest_notices_pk', ['digest_id', 'key']),
  );
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('digest_notices').execute();
  await db.schema.dropTable('bulk_job_skips').execute();
  await db.schema.dropTable('bulk_jobs').execute();
}
