import type { Kysely } from 'kysely';
import {
  addColumns,
  cascadeRef,
  createIndex,
  createTable,
  flag,
  id,
  integerDefault,
  requiredInteger,
  requiredText,
  text,
  timestamps,
  uniqueText,
} from './columns.js';

// Frozen. Triggers: ordered rules run on ticket events. `triggers.definition` is a JSON document
// (the events it runs on, all/any conditions, actions). `trigger_firings` holds one row per rule,
// ticket and event, unique, so a retried run never fires a rule twice; it also counts the messages
// each firing made, for the hourly caps. Timeline events name the rule that caused them (by id and
// by its name at the time, so the timeline still reads after the rule is deleted).

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await createTable(db, 'triggers', {
    id,
    name: uniqueText,
    position: requiredInteger,
    enabled: flag(1),
    recursive: flag(0),
    definition: requiredText,
    hourly_limit: integerDefault(1000),
    ...timestamps,
  });
  await createTable(
    db,
    'trigger_firings',
    {
      id,
      trigger_id: cascadeRef('triggers.id'),
      ticket_id: cascadeRef('tickets.id'),
      event_id: requiredText,
      depth: integerDefault(0),
      messages: integerDefault(0),
      capped: flag(0),
      fired_at: requiredText,
    },
    (t) => t.addUniqueConstraint('trigger_firings_once', ['trigger_id', 'ticket_id', 'event_id']),
  );
  await createIndex(db, 'trigger_firings_rule_time', 'trigger_firings', ['trigger_id', 'fired_at']);
  // For pruning the history by age.
  await createIndex(db, 'trigger_firings_time', 'trigger_firings', ['fired_at']);
  await addColumns(db, 'ticket_events', { rule_id: text, rule_name: text });
}
