import { acceptedLanguages, pickLocale, textDirection } from '../../../common/i18n.js';
import type { Executor } from '../../db/database.js';
import { invalid } from '../../errors.js';
import { availableLocales, defineMessages } from '../../i18n/index.js';
import { displayFor, languageDefaults } from './defaults.js';

/** Whom a text is written for: the language it is served in, the zone its dates are in, the direction. */
export type Reader = { locale: string; timeZone: string; direction: 'ltr' | 'rtl' };

/**
 * How a recipient reads what the server sends them: their own language and zone, else the
 * installation's. Someone without an account (an invitee, a sign-up) reads the installation's.
 */
export async function readerOf(
  db: Executor,
  person: { locale?: string | null; time_zone?: string | null } | null | undefined,
): Promise<Reader> {
  return displayFor(person ?? {}, await languageDefaults(db));
}

/**
 * How a visitor reads a page the server renders: a signed-in person's own choice; else the best
 * of the languages their browser asks for (Accept-Language); else the installation's default.
 * A visitor's zone is not known: the installation's is used.
 */
export async function visitorReader(
  db: Executor,
  visitor: {
    actor?: { locale?: string | null; timeZone?: string | null } | null;
    acceptLanguage?: string | undefined;
  },
): Promise<Reader> {
  const defaults = await languageDefaults(db);
  const own = visitor.actor;
  const asked = pickLocale(acceptedLanguages(visitor.acceptLanguage), availableLocales());
  const locale = own?.locale ?? asked ?? defaults.locale;
  const shown = displayFor({ locale, time_zone: own?.timeZone ?? null }, defaults);
  return { ...shown, direction: textDirection(shown.locale) };
}

const REFUSED = defineMessages({
  locale: {
    id: 'error.languages.not_available',
    defaultMessage: 'not a language of this installation ({locales})',
  },
});

/** Refuses a language the installation has no catalogues for (a person's or an invitation's). */
export function checkAvailableLocale(locale: string | null | undefined, path = 'locale'): void {
  if (locale && !availableLocales().includes(locale))
    throw invalid(path, REFUSED.locale, { locales: availableLocales().join(', ') });
}
