import type { Kysely } from 'kysely';
import { addColumns, dropColumns, text } from './columns.js';

// Frozen. A timeline event's reason was written as an English sentence ('7 days without
// activity'), so every reader saw English. It is now also kept as a stable code and its values
// (JSON), which the app renders in the reader's language; the sentence stays for API clients, and
// older rows, which have only the sentence, show it as it is.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await addColumns(db, 'ticket_events', { reason_code: text, reason_values: text });
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function down(db: Kysely<any>): Promise<void> {
  await dropColumns(db, 'ticket_events', ['reason_values', 'reason_code']);
}
