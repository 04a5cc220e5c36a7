import type { Config } from '../config.js';
import { type Database, openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';

/**
 * Opens the configured database, brings its schema up to date and hands both to `work`; closes the
 * database afterwards, also when `work` fails. For the commands that run once and exit.
 */
export async function withDatabase<T>(
  config: Config,
  work: (database: Database, applied: string[]) => Promise<T>,
): Promise<T> {
  const database = openDatabase(config.databaseUrl);
  try {
    const applied = await migrateToLatest(database.db);
    return await work(database, applied);
  } finally {
    await database.close();
  }
}
