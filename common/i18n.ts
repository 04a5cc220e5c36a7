import { z } from 'zod';

// Languages and time zones, shared by the server and the web app. Which languages exist is not
// listed here: a language is there when its catalogues are (src/i18n/locales, web/src/i18n/locales).

/** The language every text is written in first; a missing translation falls back to it. */
export const SOURCE_LOCALE = 'en';

/** A BCP 47 tag as catalogues are named: "de", "pt-BR", "zh-Hant". */
export const localeTag = z
  .string()
  .max(35)
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a language tag such as "de" or "pt-BR"');

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneName = z
  .string()
  .min(1)
  .max(64)
  .refine(isTimeZone, 'not a time zone this server knows, such as "Europe/Berlin"');

/** Every IANA zone the runtime knows, for a picker; UTC first. */
export function timeZoneNames(): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...zones.filter((z) => z !== 'UTC')];
}

/**
 * The languages to try for a reader, most wanted first, ending at the source language:
 * "pt-BR" → pt-BR, pt, en. Configured texts and catalogues both fall back along it.
 */
export function fallbackChain(locale: string): string[] {
  const chain: string[] = [];
  const parts = locale.split('-');
  for (let n = parts.length; n > 0; n--) chain.push(parts.slice(0, n).join('-'));
  if (!chain.includes(SOURCE_LOCALE)) chain.push(SOURCE_LOCALE);
  return chain;
}

/**
 * The best of `available` for what a reader asks for (a browser's languages, Accept-Language),
 * in their order: an exact tag, then the same language ("de-CH" → "de", "pt" → "pt-BR").
 * Undefined when none fits, so the caller picks its own default.
 */
export function pickLocale(wanted: readonly string[], available: readonly string[]): string | undefined {
  const lower = new Map(available.map((a) => [a.toLowerCase(), a]));
  for (const tag of wanted) {
    const exact = lower.get(tag.toLowerCase());
    if (exact) return exact;
    const language = tag.split('-')[0]?.toLowerCase();
    const same = available.find((a) => a.split('-')[0]?.toLowerCase() === language);
    if (same) return same;
  }
  return undefined;
}

/** Languages in an Accept-Language header, by their q-values. */
export function acceptedLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.trim(), q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((l) => l.tag && l.tag !== '*' && Number.isFinite(l.q) && l.q > 0)
    .sort((a, b) => b.q - a.q)
    .map((l) => l.tag);
}

/** "rtl" for Arabic, Hebrew, Persian…, from the runtime's own locale data. */
export function textDirection(locale: string): 'ltr' | 'rtl' {
  try {
    const info = new Intl.Locale(locale) as Intl.Locale & {
      getTextInfo?: () => { direction?: string };
      textInfo?: { direction?: string };
    };
    const direction = (info.getTextInfo?.() ?? info.textInfo)?.direction;
    return direction === 'rtl' ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
}

/** A language's name in itself: "Deutsch", "日本語", "العربية". */
export function languageName(locale: string): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'language' }).of(locale) ?? locale;
    return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
  } catch {
    return locale;
  }
}

/** Letters NFKD leaves whole that a reader files under plain Latin ones. */
const FOLDED_LETTERS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ł: 'l',
  ı: 'i',
  þ: 'th',
};

/**
 * A name's key for sorting in the database the same on both engines, as a reader expects: case and
 * accents do not count (Émile between Emil and Emma, not after Zoë), full-width forms are their
 * usual ones, and scripts follow each other (Latin, Greek, Cyrillic, … then Han) as collation
 * orders them. Names with the same key follow each other in any order the caller settles.
 */
export function sortKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæœøđłıþ]/g, (c) => FOLDED_LETTERS[c] ?? c)
    .trim();
}
