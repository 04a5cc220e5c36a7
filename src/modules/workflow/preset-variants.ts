import { SOURCE_LOCALE } from '../../../common/i18n.js';
import type { Ctx } from '../../context.js';
import { nowIso } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { availableLocales, translate } from '../../i18n/index.js';
import { presetLabel } from '../../workflow/presets/labels.js';
import type { WorkflowDocument } from '../../workflow/types.js';
import {
  deleteVariantsExcept,
  type TranslationRow,
  upsertVariants,
} from '../languages/translations.repository.js';
import { forgetVariantKinds } from '../languages/variants.js';
import { getSetting, putSetting } from '../settings/settings.repository.js';

// The shipped presets' status labels in every language the product speaks, stored as the
// statuses' variants (text_translations): a German customer reads German labels from the start,
// and an administrator rewords or removes them like any other variant. Only labels still in the
// preset's English wording get one.

/** The variants of a document's status labels that are still a preset's. */
export function presetStatusVariants(doc: WorkflowDocument, now: string): TranslationRow[] {
  const rows: TranslationRow[] = [];
  const locales = availableLocales().filter((l) => l !== SOURCE_LOCALE);
  for (const s of doc.statuses) {
    for (const [field, english] of [
      ['staff_label', s.staffLabel],
      ['customer_label', s.customerLabel],
    ] as const) {
      const message = presetLabel(english);
      if (!message) continue;
      for (const locale of locales) {
        const text = translate(locale, message);
        if (text !== english)
          rows.push({ kind: 'status', ref_id: s.key, field, locale, text, updated_at: now });
      }
    }
  }
  return rows;
}

/**
 * Applying a preset replaces the statuses, so their variants too: the preset's translations
 * replace those of the same status, and the variants of statuses it lacks go.
 * The caller calls forgetVariantKinds once its transaction is committed.
 */
export async function applyPresetVariants(db: Executor, doc: WorkflowDocument, now: string) {
  await deleteVariantsExcept(
    db,
    'status',
    doc.statuses.map((s) => s.key),
  );
  await upsertVariants(db, presetStatusVariants(doc, now), true);
}

const INSTALLED = 'workflow.preset_variants';

/**
 * Once per installation, at start: the workflow's shipped labels get their translations, beside
 * (never over) the variants an administrator wrote. Removing one later is not undone.
 */
export async function installPresetVariants(ctx: Ctx, doc: WorkflowDocument): Promise<boolean> {
  if (await getSetting(ctx.db, INSTALLED)) return false;
  const now = nowIso(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    await upsertVariants(trx, presetStatusVariants(doc, now), false);
    await putSetting(trx, INSTALLED, { at: now }, now);
  });
  forgetVariantKinds();
  return true;
}
