import { z } from 'zod';
import { localeTag, timeZoneName } from './i18n.js';
import { say, VALIDATION } from './validation-messages.js';

// Per-language variants of the texts an installation configures, and of the product's own strings
// an administrator overrides (GET/PUT /api/v1/translations/:kind, GET /api/v1/i18n/overrides/:locale).

/** What can be translated: configured texts by where they live, and 'ui' for a product string. */
export const TRANSLATION_KINDS = [
  'status',
  'ticket_type',
  'field',
  'priority_help',
  'canned',
  'kb_article',
  'kb_category',
  'notice',
  'ui',
] as const;
export type TranslationKind = (typeof TRANSLATION_KINDS)[number];

/** The installation's language and time zone, for everyone who chose none. */
export const languageDefaultsSchema = z.strictObject({ locale: localeTag, timeZone: timeZoneName });

export const translationKindParams = z.strictObject({
  kind: z.enum(TRANSLATION_KINDS, {
    error: say(VALIDATION.translationKind, { kinds: TRANSLATION_KINDS.join(', ') }),
  }),
});

/** A text's own name within its row ('staff_label', 'option:<value>'); '' where a row has one. */
const field = z.string().max(200);
const refId = z.string().min(1).max(200);

export const translationListQuery = z.strictObject({ locale: localeTag });

/** One configured text beside its variant in a language. */
export const translatableTextSchema = z.object({
  refId: z.string(),
  field: z.string(),
  /** Which row it belongs to, as an administrator recognises it (a status key, a type's name). */
  context: z.string(),
  original: z.string(),
  /** The most this text may hold. */
  maxLength: z.number(),
  text: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type TranslatableText = z.infer<typeof translatableTextSchema>;

export const translationListSchema = z.object({
  kind: z.enum(TRANSLATION_KINDS),
  locale: z.string(),
  items: z.array(translatableTextSchema),
});

export const translationPutBody = z.strictObject({
  locale: localeTag,
  refId,
  field: field.default(''),
  text: z.string().trim().min(1).max(200_000),
});

export const translationDeleteBody = z.strictObject({ locale: localeTag, refId, field: field.default('') });

export const translationSchema = z.object({
  kind: z.enum(TRANSLATION_KINDS),
  refId: z.string(),
  field: z.string(),
  locale: z.string(),
  text: z.string(),
  updatedAt: z.string(),
});

export const overridesParams = z.strictObject({ locale: localeTag });
/** An administrator's wording of product strings in one language, by message id. */
export const overridesSchema = z.object({
  locale: z.string(),
  messages: z.record(z.string(), z.string()),
});
