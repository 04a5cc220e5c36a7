import type { Kysely } from 'kysely';
import { cascadeRef, createIndex, createTable, integer, requiredText, text } from './columns.js';

// Frozen. The Idempotency-Key of a creation (a ticket, a message), per caller: what the request
// was (a hash), whether it is still running, and the answer it got, replayed to a retry. Kept a
// day; the scheduler deletes older ones.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await createTable(
    db,
    'idempotency_keys',
    {
      user_id: cascadeRef('users.id'),
      key: requiredText,
      operation: requiredText,
      request_hash: requiredText,
      /** `running` until the creation commits, then `done` in the creation's own transaction. */
      state: requiredText,
      /** What was created (`ticket:42`), written with `done`. */
      resource: text,
      status: integer,
      /** The answer's JSON, written just after the commit. */
      body: text,
      created_at: requiredText,
      updated_at: requiredText,
    },
    (table) => table.addPrimaryKeyConstraint('idempotency_keys_pk', ['user_id', 'key']),
  );
  await createIndex(db, 'idempotency_keys_created', 'idempotency_keys', ['created_at']);
}
