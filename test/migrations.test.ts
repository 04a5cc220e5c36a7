import { afterAll, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { down } from '../src/db/migrations/0025_drafts.js';
import { freshDatabaseUrl } from './helpers.js';

// Migrations may land out of their numbers' order: a database that ran a later one still takes an
// earlier one it lacks when it starts, instead of refusing as "corrupted".

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

it('runs a migration numbered before the last one the database ran', async () => {
  const fresh = await freshDatabaseUrl();
  const database = openDatabase(fresh.url);
  cleanups.push(fresh.drop, () => database.close());
  await migrateToLatest(database.db);
  // As a database migrated while 0026 was on main and 0025 was not yet.
  await down(database.db);
  await database.db
    .deleteFrom('kysely_migration' as never)
    .where('name' as never, '=', '0025_drafts' as never)
    .execute();

  expect(await migrateToLatest(database.db)).toEqual(['0025_drafts']);
  expect(await migrateToLatest(database.db)).toEqual([]);
});
