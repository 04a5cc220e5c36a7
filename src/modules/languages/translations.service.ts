import type { z } from 'zod';
import { fallbackChain, SOURCE_LOCALE } from '../../../common/i18n.js';
import { PLACEHOLDERS } from '../../../common/intake.js';
import type {
  TranslatableText,
  TranslationKind,
  translationDeleteBody,
  translationPutBody,
} from '../../../common/languages.js';
import type { ActorCtx, Ctx } from '../../context.js';
import { nowIso } from '../../context.js';
import { AppError, invalid, refusal, validation } from '../../errors.js';
import { availableLocales, defineMessages, translate } from '../../i18n/index.js';
import { placeholderProblem } from '../../lib/placeholders.js';
import { authorize } from '../../policies/policy.js';
import { audit, byActor } from '../audit/audit.service.js';
import { auditSettingChange } from '../audit/setting-change.js';
import { type LanguageDefaults, languageDefaults, saveLanguageDefaults } from './defaults.js';
import { type Original, originalsOf, UI_MAX } from './originals.js';
import { checkAvailableLocale } from './reader.js';
import {
  deleteVariantRow,
  findVariant,
  type TranslationRow,
  upsertVariant,
  variantsIn,
  variantsOf,
} from './translations.repository.js';
import { forgetVariantKinds } from './variants.js';

// What administrators do with languages: the installation's default language and time zone, and
// per-language variants of configured texts and of the product's own strings.

/** The languages a variant may be written in: those the product speaks and their base languages. */
export function translatableLocales(): string[] {
  return [...new Set(availableLocales().flatMap(fallbackChain))];
}

const REFUSED = defineMessages({
  unknownLanguage: {
    id: 'error.languages.unknown_language',
    defaultMessage: 'unknown language; choose one of {choices}',
  },
  productStringId: {
    id: 'error.languages.product_string_id',
    defaultMessage: 'a product string’s id, such as "portal.tickets.title"',
  },
  productStringField: {
    id: 'error.languages.product_string_field',
    defaultMessage: 'a product string has one text: leave field empty',
  },
  nothingToTranslate: {
    id: 'error.languages.nothing_to_translate',
    defaultMessage:
      '{kind, select, canned {there is no canned "{refId}" to translate} kb_article {there is no kb article "{refId}" to translate} kb_category {there is no kb category "{refId}" to translate} other {there is no {kindName} "{refId}" to translate}}',
  },
  chooseField: { id: 'error.languages.choose_field', defaultMessage: 'choose one of {choices}' },
  tooLong: { id: 'error.languages.too_long', defaultMessage: 'text: at most {max} characters here' },
  noTranslation: { id: 'error.languages.no_translation', defaultMessage: 'No such translation' },
});

function checkLocale(locale: string, path = 'locale') {
  const known = translatableLocales();
  if (!known.includes(locale)) throw invalid(path, REFUSED.unknownLanguage, { choices: known.join(', ') });
}

/** A product string's id: dotted, as the catalogues name them ("portal.tickets.title"). */
const UI_ID = /^[a-z][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)+$/;

export async function getLanguageDefaults(ctx: ActorCtx): Promise<LanguageDefaults> {
  authorize(ctx.actor, 'language.manage');
  return languageDefaults(ctx.db);
}

export async function putLanguageDefaults(ctx: ActorCtx, value: LanguageDefaults): Promise<LanguageDefaults> {
  authorize(ctx.actor, 'language.manage');
  checkAvailableLocale(value.locale);
  return ctx.db.transaction().execute(async (trx) => {
    const old = await languageDefaults(trx);
    await saveLanguageDefaults(trx, value, nowIso(ctx));
    await auditSettingChange(ctx, trx, 'language', old, value);
    return value;
  });
}

/** Each configured text of a kind beside its variant in `locale` (for 'ui', the overrides made). */
export async function listTranslations(ctx: ActorCtx, kind: TranslationKind, locale: string) {
  authorize(ctx.actor, 'language.manage');
  checkLocale(locale);
  const [originals, variants] = await Promise.all([
    kind === 'ui' ? Promise.resolve([]) : originalsOf(ctx, ctx.db, kind),
    variantsIn(ctx.db, kind, locale),
  ]);
  const byKey = new Map(variants.map((v) => [`${v.ref_id}\u0000${v.field}`, v]));
  const listed: Original[] =
    kind === 'ui'
      ? variants.map((v) => ({
          refId: v.ref_id,
          field: '',
          context: v.ref_id,
          original: '',
          maxLength: UI_MAX,
        }))
      : originals;
  const items: TranslatableText[] = listed.map((o) => {
    const v = byKey.get(`${o.refId}\u0000${o.field}`);
    return { ...o, text: v?.text ?? null, updatedAt: v?.updated_at ?? null };
  });
  return { kind, locale, items };
}

/** The text a variant translates; refused when the row or its text does not exist. */
async function originalFor(ctx: Ctx, kind: TranslationKind, refId: string, field: string) {
  if (kind === 'ui') {
    if (!UI_ID.test(refId)) throw invalid('refId', REFUSED.productStringId);
    if (field !== '') throw invalid('field', REFUSED.productStringField);
    return { maxLength: UI_MAX };
  }
  const texts = await originalsOf(ctx, ctx.db, kind, refId);
  if (texts.length === 0)
    throw invalid('refId', REFUSED.nothingToTranslate, { kind, kindName: kind.replace('_', ' '), refId });
  const found = texts.find((t) => t.field === field);
  if (!found) {
    throw invalid('field', REFUSED.chooseField, {
      choices: texts.map((t) => JSON.stringify(t.field)).join(', '),
    });
  }
  return found;
}

const describe = (kind: TranslationKind, v: { refId: string; field: string; locale: string }) => ({
  area: 'translation',
  kind,
  refId: v.refId,
  field: v.field,
  locale: v.locale,
});

/** Writes one variant; the same text again changes nothing and records nothing. */
export async function putTranslation(
  ctx: ActorCtx,
  kind: TranslationKind,
  input: z.infer<typeof translationPutBody>,
) {
  authorize(ctx.actor, 'language.manage');
  checkLocale(input.locale);
  const original = await originalFor(ctx, kind, input.refId, input.field);
  if (input.text.length > original.maxLength) {
    // The field's own error stays as written; the detail reads in the asker's language.
    const values = { max: String(original.maxLength) };
    const err = new AppError('validation', translate(undefined, REFUSED.tooLong, values), [
      { path: 'body.text', message: `at most ${original.maxLength} characters` },
    ]);
    err.saying = { message: REFUSED.tooLong, values };
    throw err;
  }
  // A canned response's text is filled in for a ticket: its variants may use the same placeholders only.
  const problem = kind === 'canned' ? placeholderProblem(input.text, PLACEHOLDERS) : undefined;
  if (problem) throw validation('text', problem);
  const row: TranslationRow = {
    kind,
    ref_id: input.refId,
    field: input.field,
    locale: input.locale,
    text: input.text,
    updated_at: nowIso(ctx),
  };
  const saved = await ctx.db.transaction().execute(async (trx) => {
    const old = await findVariant(trx, row);
    if (old?.text === row.text) return old;
    await upsertVariant(trx, row);
    await audit(ctx, trx, {
      ...byActor(ctx),
      action: 'settings_changed',
      details: { ...describe(kind, input), from: old?.text ?? null, to: row.text },
    });
    return row;
  });
  forgetVariantKinds();
  return present(saved);
}

export async function deleteTranslation(
  ctx: ActorCtx,
  kind: TranslationKind,
  key: z.infer<typeof translationDeleteBody>,
): Promise<void> {
  authorize(ctx.actor, 'language.manage');
  checkLocale(key.locale);
  await ctx.db.transaction().execute(async (trx) => {
    const variant = { kind, ref_id: key.refId, field: key.field, locale: key.locale };
    const old = await findVariant(trx, variant);
    if (!old || !(await deleteVariantRow(trx, variant))) throw refusal('not_found', REFUSED.noTranslation);
    await audit(ctx, trx, {
      ...byActor(ctx),
      action: 'settings_changed',
      details: { ...describe(kind, key), from: old.text, to: null },
    });
  });
  forgetVariantKinds();
}

const present = (r: TranslationRow) => ({
  kind: r.kind as TranslationKind,
  refId: r.ref_id,
  field: r.field,
  locale: r.locale,
  text: r.text,
  updatedAt: r.updated_at,
});

/**
 * The product strings an administrator reworded for a language, each from the nearest language of
 * its chain (pt-BR, then pt): what the web app lays over its catalogue. English overrides only
 * English, since every other language's catalogue has its own wording. Anyone may read them.
 */
export async function uiOverrides(ctx: Ctx, locale: string) {
  checkLocale(locale);
  const chain = fallbackChain(locale).filter((l) => l !== SOURCE_LOCALE || locale === SOURCE_LOCALE);
  const rows = await variantsOf(ctx.db, 'ui', null, chain);
  const best = new Map<string, { rank: number; text: string }>();
  for (const r of rows) {
    const rank = chain.indexOf(r.locale);
    const held = best.get(r.ref_id);
    if (!held || held.rank > rank) best.set(r.ref_id, { rank, text: r.text });
  }
  const ids = [...best.keys()].sort();
  return { locale, messages: Object.fromEntries(ids.map((id) => [id, best.get(id)?.text ?? ''])) };
}
