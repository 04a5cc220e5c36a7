import { fallbackChain } from '../../../common/i18n.js';
import type { TranslationKind } from '../../../common/languages.js';
import type { Executor } from '../../db/database.js';
import type { WorkflowDocument } from '../../workflow/types.js';
import { languageDefaults } from './defaults.js';
import { kindsWithVariants, localeOfUser, variantsOf } from './translations.repository.js';

// Configured texts in the reader's language: each response asks once for the variants of all its
// rows of a kind, along the reader's fallback chain (pt-BR → pt → en), and keeps the original
// where none is found. Most installations translate nothing, and ticket lists are read all the
// time: a kind without a single variant costs no query at all (a flag kept a few seconds, so a
// change on another node shows soon; a change on this node clears it at once).

const KEEP_MS = 10_000;
let kept: { kinds: Set<string>; until: number } | undefined;

async function hasVariants(db: Executor, kind: TranslationKind): Promise<boolean> {
  if (!kept || kept.until <= Date.now()) {
    kept = { kinds: new Set(await kindsWithVariants(db)), until: Date.now() + KEEP_MS };
  }
  return kept.kinds.has(kind);
}

/**
 * Whether an administrator reworded any product string: the web app asks for the rewordings only
 * then, so most first loads make one request fewer.
 */
export const hasUiOverrides = (db: Executor) => hasVariants(db, 'ui');

/** Called after a variant is written or removed. */
export const forgetVariantKinds = () => {
  kept = undefined;
};

/** Whoever reads: a signed-in person with their own choice of language, or an anonymous visitor. */
export type Reader = { locale?: string | null } | null;

/** The languages a reader's texts are looked up in, most wanted first. */
async function readerChain(db: Executor, reader: Reader): Promise<string[]> {
  return fallbackChain(reader?.locale ?? (await languageDefaults(db)).locale);
}

export type Variants = {
  /** The reader's variant of one text of a row, else its original. */
  text: (refId: string, field: string, original: string) => string;
  /** Whether any variant was found: when not, a caller may hand back what it had. */
  any: boolean;
};

const NONE: Variants = { text: (_refId, _field, original) => original, any: false };
const keyOf = (refId: string, field: string) => `${refId}\u0000${field}`;

/**
 * The reader's variants of some rows of a kind (`refIds`; null: every row of it, for kinds with
 * few rows such as statuses), in one query; no query when the kind has no variant anywhere.
 */
export async function variantsFor(
  db: Executor,
  reader: Reader,
  kind: TranslationKind,
  refIds: readonly string[] | null,
): Promise<Variants> {
  if (refIds?.length === 0 || !(await hasVariants(db, kind))) return NONE;
  const chain = await readerChain(db, reader);
  const rows = await variantsOf(db, kind, refIds ? [...new Set(refIds)] : null, chain);
  if (rows.length === 0) return NONE;
  const rank = new Map(chain.map((locale, i) => [locale, i]));
  const best = new Map<string, { rank: number; text: string }>();
  for (const r of rows) {
    const key = keyOf(r.ref_id, r.field);
    const at = rank.get(r.locale) ?? chain.length;
    const held = best.get(key);
    if (!held || held.rank > at) best.set(key, { rank: at, text: r.text });
  }
  return { text: (refId, field, original) => best.get(keyOf(refId, field))?.text ?? original, any: true };
}

/** As variantsFor, for a person other than the caller (a ticket's customer, who reads a reply). */
export async function variantsForUser(
  db: Executor,
  userId: string,
  kind: TranslationKind,
  refIds: readonly string[],
): Promise<Variants> {
  if (refIds.length === 0 || !(await hasVariants(db, kind))) return NONE;
  return variantsFor(db, { locale: await localeOfUser(db, userId) }, kind, refIds);
}

/** The workflow with its status labels, staff's and customers', in the reader's language. */
export async function readerWorkflow(
  db: Executor,
  reader: Reader,
  doc: WorkflowDocument,
): Promise<WorkflowDocument> {
  const v = await variantsFor(db, reader, 'status', null);
  if (!v.any) return doc;
  return {
    ...doc,
    statuses: doc.statuses.map((s) => ({
      ...s,
      staffLabel: v.text(s.key, 'staff_label', s.staffLabel),
      customerLabel: v.text(s.key, 'customer_label', s.customerLabel),
    })),
  };
}
