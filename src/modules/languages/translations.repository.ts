import type { Executor } from '../../db/database.js';
import type { TextTranslationTable } from '../../db/schema.js';

// The per-language variants of configured texts (text_translations), and the configured rows
// whose texts they translate, read here so this module needs none of the modules it serves.

export type TranslationRow = TextTranslationTable;
export type VariantKey = Pick<TranslationRow, 'kind' | 'ref_id' | 'field' | 'locale'>;

/** The variants of some rows of a kind in some languages: one query for a whole response. */
export function variantsOf(db: Executor, kind: string, refIds: readonly string[] | null, locales: string[]) {
  let q = db
    .selectFrom('text_translations')
    .select(['ref_id', 'field', 'locale', 'text'])
    .where('kind', '=', kind)
    .where('locale', 'in', locales);
  if (refIds) q = q.where('ref_id', 'in', [...refIds]);
  return q.execute();
}

/** Every variant of a kind in one language, for the administrator's list. */
export const variantsIn = (db: Executor, kind: string, locale: string) =>
  db
    .selectFrom('text_translations')
    .selectAll()
    .where('kind', '=', kind)
    .where('locale', '=', locale)
    .execute();

/** The kinds that have at least one variant: what the readers' fast path asks. */
export const kindsWithVariants = async (db: Executor): Promise<string[]> =>
  (await db.selectFrom('text_translations').select('kind').distinct().execute()).map((r) => r.kind);

export const findVariant = (db: Executor, key: VariantKey) =>
  db
    .selectFrom('text_translations')
    .selectAll()
    .where('kind', '=', key.kind)
    .where('ref_id', '=', key.ref_id)
    .where('field', '=', key.field)
    .where('locale', '=', key.locale)
    .executeTakeFirst();

export const upsertVariant = (db: Executor, row: TranslationRow) =>
  db
    .insertInto('text_translations')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['kind', 'ref_id', 'field', 'locale'])
        .doUpdateSet({ text: row.text, updated_at: row.updated_at }),
    )
    .execute();

/** Many variants at once; `replace`: over those there are, else only where there is none. */
export async function upsertVariants(db: Executor, rows: TranslationRow[], replace: boolean) {
  if (rows.length === 0) return;
  await db
    .insertInto('text_translations')
    .values(rows)
    .onConflict((oc) => {
      const key = oc.columns(['kind', 'ref_id', 'field', 'locale']);
      return replace
        ? key.doUpdateSet((eb) => ({
            text: eb.ref('excluded.text'),
            updated_at: eb.ref('excluded.updated_at'),
          }))
        : key.doNothing();
    })
    .execute();
}

/** The variants of a kind's rows other than these (statuses a new workflow no longer has). */
export const deleteVariantsExcept = (db: Executor, kind: string, keep: readonly string[]) => {
  const q = db.deleteFrom('text_translations').where('kind', '=', kind);
  return (keep.length > 0 ? q.where('ref_id', 'not in', [...keep]) : q).execute();
};

export async function deleteVariantRow(db: Executor, key: VariantKey): Promise<boolean> {
  const res = await db
    .deleteFrom('text_translations')
    .where('kind', '=', key.kind)
    .where('ref_id', '=', key.ref_id)
    .where('field', '=', key.field)
    .where('locale', '=', key.locale)
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

/** A person's own choice of language; null: the installation's. */
export const localeOfUser = async (db: Executor, id: string): Promise<string | null> =>
  (await db.selectFrom('users').select('locale').where('id', '=', id).executeTakeFirst())?.locale ?? null;

/** Every variant of a row, when the row itself goes (an article, a canned response). */
export const deleteVariantsOf = (db: Executor, kind: string, refId: string) =>
  db.deleteFrom('text_translations').where('kind', '=', kind).where('ref_id', '=', refId).execute();

/** A rule's notices' variants (`<rule id>:<index>`), when the rule goes. */
export const deleteNoticeVariantsOf = (db: Executor, ruleId: string) =>
  db
    .deleteFrom('text_translations')
    .where('kind', '=', 'notice')
    .where('ref_id', 'like', `${ruleId}:%`)
    .execute();

// ---- the configured rows, by kind ----

export const ticketTypeTexts = (db: Executor, key?: string) => {
  const q = db.selectFrom('ticket_types').select(['key', 'name', 'description']).orderBy('position');
  return (key === undefined ? q : q.where('key', '=', key)).orderBy('key').execute();
};

export const fieldTexts = (db: Executor, key?: string) => {
  const q = db.selectFrom('custom_fields').select(['key', 'label', 'help', 'options']).orderBy('position');
  return (key === undefined ? q : q.where('key', '=', key)).orderBy('key').execute();
};

export const cannedTexts = (db: Executor, id?: string) => {
  const q = db.selectFrom('canned_responses').select(['id', 'title', 'body']);
  return (id === undefined ? q : q.where('id', '=', id)).orderBy('title').orderBy('id').execute();
};

/** Triggers and automations with their definitions, by name: their notices' subjects and texts. */
export const ruleTexts = (db: Executor, id?: string) => {
  const q = db.selectFrom('triggers').select(['id', 'name', 'definition']);
  return (id === undefined ? q : q.where('id', '=', id)).orderBy('name').orderBy('id').execute();
};

/** Articles that are not deleted, newest changes first; at most `limit`. */
export const articleTexts = (db: Executor, limit: number, id?: string) => {
  const q = db.selectFrom('kb_articles').select(['id', 'title', 'body']);
  return (id === undefined ? q : q.where('id', '=', id))
    .orderBy('updated_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
};

/** Knowledge-base categories and sections, in the order staff arrange them. */
export const categoryTexts = (db: Executor, id?: string) => {
  const q = db.selectFrom('kb_categories').select(['id', 'name', 'description']);
  return (id === undefined ? q : q.where('id', '=', id))
    .orderBy('position')
    .orderBy('name')
    .orderBy('id')
    .execute();
};
