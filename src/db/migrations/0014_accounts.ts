import type { Kysely } from 'kysely';
import {
  addColumns,
  cascadeRef,
  createIndex,
  createTable,
  dropColumns,
  id,
  requiredText,
  text,
} from './columns.js';

// Frozen. Accounts people run themselves: single-use links (invitations, password resets), the
// device and address behind each session, the audit trail of security events (nothing updates or
// deletes it), and the events that rate-limit what anyone may try (failed sign-ins per address,
// reset mails per address, reset requests per network address), which replace login_failures.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await createTable(db, 'account_links', {
    id,
    user_id: cascadeRef('users.id'),
    purpose: requiredText,
    created_by: text,
    created_at: requiredText,
    expires_at: requiredText,
    used_at: text,
  });
  await createIndex(db, 'account_links_user_idx', 'account_links', ['user_id', 'purpose']);
  await createTable(db, 'rate_events', { id, key: requiredText, created_at: requiredText });
  await createIndex(db, 'rate_events_key_idx', 'rate_events', ['key', 'created_at']);
  await db.schema.dropTable('login_failures').execute();
  await createTable(db, 'audit_events', {
    id,
    at: requiredText,
    action: requiredText,
    actor_id: text,
    actor_email: text,
    subject_id: text,
    subject_email: text,
    ip: text,
    details: requiredText,
  });
  await createIndex(db, 'audit_events_at_idx', 'audit_events', ['at', 'id']);
  await createIndex(db, 'audit_events_action_idx', 'audit_events', ['action', 'at']);
  await addColumns(db, 'sessions', { ip: text, user_agent: text, last_seen_at: text });
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await dropColumns(db, 'sessions', ['last_seen_at', 'user_agent', 'ip']);
  await db.schema.dropTable('audit_events').execute();
  const failures = { id, email: requiredText, ip: requiredText, created_at: requiredText };
  await createTable(db, 'login_failures', failures);
  await createIndex(db, 'login_failures_email_idx', 'login_failures', ['email', 'created_at']);
  await db.schema.dropTable('rate_events').execute();
  await db.schema.dropTable('account_links').execute();
}
