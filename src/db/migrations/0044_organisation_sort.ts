import type { Kysely } from 'kysely';
import { addColumns, createIndex, textDefault } from './columns.js';

// Frozen. Organisations page by a sort key of their name (common/i18n.ts sortKey, copied here as it
// was) rather than by the name's code points, which filed "émile sa" after "Zurich AG" and
// lower case after upper. Existing organisations get their key here.

const FOLDED: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ł: 'l', ı: 'i', þ: 'th' };
const sortKey = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæœøđłıþ]/g, (c) => FOLDED[c] ?? c)
    .trim();

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await addColumns(db, 'organisations', { sort_name: textDefault('') });
  const rows = await db.selectFrom('organisations').select(['id', 'name']).execute();
  for (const r of rows as { id: string; name: string }[])
    await db
      .updateTable('organisations')
      .set({ sort_name: sortKey(r.name) })
      .where('id', '=', r.id)
      .execute();
  await createIndex(db, 'organisations_sort_name_idx', 'organisations', ['sort_name', 'id']);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('organisations_sort_name_idx').execute();
  await db.schema.alterTable('organisations').dropColumn('sort_name').execute();
}
