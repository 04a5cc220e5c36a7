import type { Executor } from '../../db/database.js';
import { putSetting } from '../settings/settings.repository.js';

/** The settings row holding the admin's channel overrides, encrypted as one sealed text. */
const KEY = 'channels';

type Stored = { sealed: string };

/**
 * The sealed overrides, or undefined when none were ever saved. `lock` (PostgreSQL) holds the row
 * until the transaction ends, so two saves at once do not lose one another's changes.
 */
export async function findSealedChannelSettings(
  db: Executor,
  opts: { lock?: boolean } = {},
): Promise<string | undefined> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', KEY)
    .$if(opts.lock === true, (q) => q.forUpdate())
    .executeTakeFirst();
  if (!row) return undefined;
  const stored = JSON.parse(row.value) as Partial<Stored>;
  return typeof stored.sealed === 'string' ? stored.sealed : '';
}

export const saveSealedChannelSettings = (db: Executor, sealed: string, now: string) =>
  putSetting(db, KEY, { sealed } satisfies Stored, now);
