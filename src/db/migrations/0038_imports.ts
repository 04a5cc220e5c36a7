import type { Kysely } from 'kysely';
import {
  createIndex,
  createTable,
  id,
  integer,
  integerDefault,
  ref,
  requiredText,
  text,
  textDefault,
} from './columns.js';

// Frozen. Imports from another helpdesk (osTicket, Zendesk, CSV): each run with its progress and
// counts; what every imported object was in its source (so a second run skips it and a delta run
// updates it); and the run's log of what was refused, skipped or renumbered, with the reason.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await createTable(db, 'import_runs', {
    id,
    kind: requiredText,
    /** The installation read from, once known ("osticket:db.example:3306/osticket"). */
    source: text,
    /** JSON: what was asked (mapping, topics as types or departments, delta), never a secret. */
    options: textDefault('{}'),
    /** The source's credentials, sealed with the installation's secret; cleared when the run ends. */
    secret: text,
    /** queued · running · done · failed */
    state: requiredText,
    /** reference · tickets · relations · done */
    phase: requiredText,
    /** Where the source reads on (its own cursor); null at the start of a phase. */
    cursor: text,
    /** A delta run: tickets changed at or after this time. */
    since: text,
    total: integer,
    done: integerDefault(0),
    /** JSON: per kind, how many were imported, updated, skipped and refused. */
    counts: textDefault('{}'),
    error: text,
    created_by: ref('users.id', { onDelete: 'set null' }),
    created_at: requiredText,
    updated_at: requiredText,
    finished_at: text,
  });
  await createTable(
    db,
    'import_records',
    {
      source: requiredText,
      kind: requiredText,
      source_id: requiredText,
      local_id: requiredText,
      /** What people called it there: a ticket's original number. */
      source_ref: text,
      /** The source's last change of it when imported: a later run with a newer one updates it. */
      source_updated_at: text,
      /** JSON: relations to objects not imported yet (a merge or link target), resolved at the end. */
      pending: text,
      run_id: requiredText,
      imported_at: requiredText,
    },
    (table) => table.addPrimaryKeyConstraint('import_records_pk', ['source', 'kind', 'source_id']),
  );
  await createIndex(db, 'import_records_local', 'import_records', ['local_id']);
  await createTable(db, 'import_log', {
    id,
    run_id: ['text', (c) => c.notNull().references('import_runs.id').onDelete('cascade')],
    kind: requiredText,
    source_id: requiredText,
    /** refused · skipped · renumbered · matched */
    outcome: requiredText,
    detail: requiredText,
    created_at: requiredText,
  });
  await createIndex(db, 'import_log_run', 'import_log', ['run_id', 'outcome']);
}
