import { readdirSync, readFileSync } from 'node:fs';
import { IntlMessageFormat, type PrimitiveType } from 'intl-messageformat';
import { fallbackChain, SOURCE_LOCALE } from '../../common/i18n.js';

// The server's own texts (mails, notices, pages it renders, refusals a person reads), written in
// English in the code beside an id and translated in src/i18n/locales/<locale>/<area>.json. A
// language is available when its catalogue directory is there: adding one needs no code.

/** A text the server says: an id for the catalogues and its English wording, an ICU message. */
export type Message = { id: string; defaultMessage: string; description?: string };

/** Names a group of messages; the extraction script and the catalogue check find them by shape. */
export const defineMessages = <K extends string>(messages: Record<K, Message>) => messages;

type Catalogue = Record<string, string>;
const localesDir = new URL('./locales/', import.meta.url);

let catalogues: Map<string, Catalogue> | undefined;

function load(): Map<string, Catalogue> {
  if (catalogues) return catalogues;
  const found = new Map<string, Catalogue>([[SOURCE_LOCALE, {}]]);
  let dirs: string[] = [];
  try {
    dirs = readdirSync(localesDir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
  } catch {
    // No catalogues beside the code: English only.
  }
  for (const locale of dirs) {
    const dir = new URL(`${locale}/`, localesDir);
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    found.set(
      locale,
      Object.assign({}, ...files.map((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as Catalogue)),
    );
  }
  catalogues = found;
  return found;
}

/** Every language the server speaks, the source language first. */
export function availableLocales(): string[] {
  return [...load().keys()];
}

/** The served language for a wanted one: itself, its base language, or English. */
export function servedLocale(locale: string | null | undefined): string {
  const have = load();
  return fallbackChain(locale ?? SOURCE_LOCALE).find((l) => have.has(l)) ?? SOURCE_LOCALE;
}

const formats = new Map<string, IntlMessageFormat>();

/**
 * The message in `locale` with its values filled in. A catalogue without the id (or a language
 * without a catalogue) gives the next language of the fallback chain, at last the English text.
 * Dates are passed in already formatted (formatDateTime), in the reader's zone.
 */
export function translate(
  locale: string | null | undefined,
  message: Message,
  values?: Record<string, PrimitiveType>,
): string {
  const have = load();
  const lang =
    fallbackChain(locale ?? SOURCE_LOCALE).find((l) => have.get(l)?.[message.id] !== undefined) ??
    SOURCE_LOCALE;
  const source = have.get(lang)?.[message.id] ?? message.defaultMessage;
  const key = `${lang}\u0000${source}`;
  let format = formats.get(key);
  if (!format) {
    format = new IntlMessageFormat(source, lang);
    formats.set(key, format);
  }
  return String(format.format(values));
}

/** A moment as a reader reads it: their language's medium date and short time, in their zone. */
export function formatDateTime(locale: string, timeZone: string, at: string | Date): string {
  return new Intl.DateTimeFormat(servedLocale(locale), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(new Date(at));
}
