import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Db } from './database.js';
import * as m0001 from './migrations/0001_initial.js';
import * as m0002 from './migrations/0002_workflow.js';
import * as m0003 from './migrations/0003_subscriptions.js';
import * as m0004 from './migrations/0004_notifications.js';
import * as m0005 from './migrations/0005_attachments.js';
import * as m0006 from './migrations/0006_channels.js';
import * as m0007 from './migrations/0007_conversation_tools.js';
import * as m0008 from './migrations/0008_inbound_messages_link.js';
import * as m0009 from './migrations/0009_search_by_number.js';
import * as m0010 from './migrations/0010_inbound_trust.js';
import * as m0011 from './migrations/0011_classic_close_answered.js';
import * as m0012 from './migrations/0012_search_requester_codes.js';
import * as m0013 from './migrations/0013_search_folds_diacritics.js';
import * as m0014 from './migrations/0014_accounts.js';
import * as m0015 from './migrations/0015_two_factor.js';
import * as m0017 from './migrations/0017_sign_up.js';
import * as m0018 from './migrations/0018_tags.js';
import * as m0019 from './migrations/0019_session_via.js';
import * as m0020 from './migrations/0020_ticket_links.js';
import * as m0021 from './migrations/0021_bulk_jobs.js';
import * as m0022 from './migrations/0022_saved_views.js';
import * as m0023 from './migrations/0023_profiles.js';
import * as m0024 from './migrations/0024_customer_close.js';
import * as m0025 from './migrations/0025_drafts.js';
import * as m0026 from './migrations/0026_signatures.js';
import * as m0027 from './migrations/0027_macros.js';
import * as m0028 from './migrations/0028_message_format.js';
import * as m0029 from './migrations/0029_in_app_notifications.js';
import * as m0030 from './migrations/0030_participants.js';
import * as m0031 from './migrations/0031_calendars.js';
import * as m0032 from './migrations/0032_sla.js';
import * as m0033 from './migrations/0033_webhooks.js';
import * as m0034 from './migrations/0034_triggers.js';
import * as m0035 from './migrations/0035_idempotency_keys.js';
import * as m0036 from './migrations/0036_automations.js';
import * as m0037 from './migrations/0037_knowledge_base.js';
import * as m0038 from './migrations/0038_imports.js';
import * as m0039 from './migrations/0039_languages.js';
import * as m0041 from './migrations/0041_search_cjk.js';
import * as m0042 from './migrations/0042_event_reason_codes.js';
import * as m0044 from './migrations/0044_organisation_sort.js';
import * as m0045 from './migrations/0045_requester_cjk.js';

const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_workflow': m0002,
  '0003_subscriptions': m0003,
  '0004_notifications': m0004,
  '0005_attachments': m0005,
  '0006_channels': m0006,
  '0007_conversation_tools': m0007,
  '0008_inbound_messages_link': m0008,
  '0009_search_by_number': m0009,
  '0010_inbound_trust': m0010,
  '0011_classic_close_answered': m0011,
  '0012_search_requester_codes': m0012,
  '0013_search_folds_diacritics': m0013,
  '0014_accounts': m0014,
  '0015_two_factor': m0015,
  '0017_sign_up': m0017,
  '0018_tags': m0018,
  '0019_session_via': m0019,
  '0020_ticket_links': m0020,
  '0021_bulk_jobs': m0021,
  '0022_saved_views': m0022,
  '0023_profiles': m0023,
  '0024_customer_close': m0024,
  '0025_drafts': m0025,
  '0026_signatures': m0026,
  '0027_macros': m0027,
  '0028_message_format': m0028,
  '0029_in_app_notifications': m0029,
  '0030_participants': m0030,
  '0031_calendars': m0031,
  '0032_sla': m0032,
  '0034_triggers': m0034,
  '0035_idempotency_keys': m0035,
  '0033_webhooks': m0033,
  '0036_automations': m0036,
  '0037_knowledge_base': m0037,
  '0038_imports': m0038,
  '0039_languages': m0039,
  '0041_search_cjk': m0041,
  '0042_event_reason_codes': m0042,
  '0044_organisation_sort': m0044,
  '0045_requester_cjk': m0045,
};

/** Every migration this version knows, to tell a database from a newer version. */
export const MIGRATION_NAMES = Object.keys(migrations);

const provider: MigrationProvider = { getMigrations: async () => migrations };

// Migrations are written apart from each other and may land out of their numbers' order (0026
// before 0025); each touches its own tables, so a database that ran a later one still takes an
// earlier one it lacks, instead of refusing to start.

/** Brings the schema up to date; safe to run from several nodes at once (Kysely takes a lock). */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Moves the schema to the named migration, down or up (tests of a migration's data handling). */
export async function migrateTo(db: Db, name: string): Promise<void> {
  const { error } = await new Migrator({ db, provider, allowUnorderedMigrations: true }).migrateTo(name);
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
