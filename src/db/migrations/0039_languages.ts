import type { Kysely } from 'kysely';
import { addColumns, createTable, requiredText, text } from './columns.js';

// Frozen. Every person's language and time zone (null: the installation's default, or for a
// customer what their browser asked for), and per-language variants of the texts an installation
// configures (status labels, ticket types, fields, canned responses, survey questions, articles)
// and of the product's own strings an admin overrides.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await addColumns(db, 'users', { locale: text, time_zone: text });
  await createTable(
    db,
    'text_translations',
    {
      /** What is translated: 'status', 'ticket_type', 'field', 'canned', … or 'ui' for a product string. */
      kind: requiredText,
      /** The translated row's id; for 'ui' the message id. */
      ref_id: requiredText,
      /** Which of its texts: 'label', 'name', 'body', …; '' where it has one. */
      field: requiredText,
      locale: requiredText,
      text: requiredText,
      updated_at: requiredText,
    },
    (t) => t.addPrimaryKeyConstraint('text_translations_pk', ['kind', 'ref_id', 'field', 'locale']),
  );
}
