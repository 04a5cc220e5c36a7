import type { Kysely } from 'kysely';
import { addColumns, text, textDefault } from './columns.js';

// Frozen. Time-based automations are rules of their own kind in the triggers table (`kind` 'time',
// run by the scheduler's sweep instead of ticket events). A ticket an automation fired on holds a
// firing row with event_id 'armed' (unique per rule and ticket, so two sweeps fire it once); when
// the conditions no longer hold, that row's event_id is changed to 'done:<id>', which re-arms the
// rule and keeps the firing for the counts and caps. Timeline events say which kind of rule caused
// them.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await addColumns(db, 'triggers', { kind: textDefault('event') });
  await addColumns(db, 'ticket_events', { rule_kind: text });
}
