import { textDirection } from '../../../common/i18n.js';
import type { Executor } from '../../db/database.js';
import { servedLocale } from '../../i18n/index.js';
import { getSetting, putSetting } from '../settings/settings.repository.js';

/** The installation's language and time zone: what everyone who chose none reads in. */
export type LanguageDefaults = { locale: string; timeZone: string };

const KEY = 'language.defaults';
/** Read on every `/me` and every mail: kept for a few seconds, so another node's change shows soon. */
const KEEP_MS = 10_000;
let kept: { value: LanguageDefaults; until: number } | undefined;

const processZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export async function languageDefaults(db: Executor): Promise<LanguageDefaults> {
  if (kept && kept.until > Date.now()) return kept.value;
  const stored = await getSetting<Partial<LanguageDefaults>>(db, KEY);
  const value = { locale: stored?.locale ?? 'en', timeZone: stored?.timeZone ?? processZone() };
  kept = { value, until: Date.now() + KEEP_MS };
  return value;
}

export async function saveLanguageDefaults(db: Executor, value: LanguageDefaults, now: string) {
  await putSetting(db, KEY, value, now);
  kept = undefined;
}

/** How a person reads: their own language and zone, else the installation's; the language as served. */
export function displayFor(
  person: { locale?: string | null; time_zone?: string | null },
  defaults: LanguageDefaults,
): { locale: string; timeZone: string; direction: 'ltr' | 'rtl' } {
  const locale = servedLocale(person.locale ?? defaults.locale);
  return { locale, timeZone: person.time_zone ?? defaults.timeZone, direction: textDirection(locale) };
}
