import { useDirection } from '@mantine/core';
import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { createIntl, type MessageFormatElement, RawIntlProvider } from 'react-intl';
import { pickLocale, SOURCE_LOCALE, textDirection } from '../../../common/i18n';
import { get } from '../api/client';
import { meQuery, signInOptionsQuery } from '../api/hooks';
import { configureFormats } from '../lib/format';
import { setIntl } from './t';

// The app's texts are written in English in the code (`defaultMessage`) and translated in
// locales/<locale>/<area>.json. A language is offered when its catalogues are there; each one is
// its own chunk, fetched only by those who read it, so English costs nothing to load.

type Catalogue = Record<string, string | MessageFormatElement[]>;
/** A language's messages as react-intl takes them. */
type Messages = Record<string, string>;
const catalogueFiles = import.meta.glob<Catalogue>('./locales/*/*.json', { import: 'default' });

const localeOfFile = (file: string) => file.split('/')[2] ?? SOURCE_LOCALE;

/** Every language the app is written in, English first. */
export const APP_LOCALES: string[] = [
  SOURCE_LOCALE,
  ...[...new Set(Object.keys(catalogueFiles).map(localeOfFile))].filter((l) => l !== SOURCE_LOCALE).sort(),
];

/**
 * One language's catalogues, merged, with this installation's own wording laid over them;
 * `reworded` says whether there is any, so most loads ask the server for none.
 */
export async function loadMessages(
  locale: string,
  reworded: boolean | Promise<boolean> = true,
): Promise<Messages> {
  const files = Object.entries(catalogueFiles).filter(([file]) => localeOfFile(file) === locale);
  const [overrides, ...parts] = await Promise.all([
    Promise.resolve(reworded).then((any) => (any ? loadOverrides(locale) : {})),
    ...files.map(([, load]) => load()),
  ]);
  // Parsed in the build, strings in development: each message may be either, as react-intl allows.
  return Object.assign({}, ...parts, await parsed(overrides)) as Messages;
}

/**
 * Texts from the server arrive as ICU strings while the build ships the catalogues parsed
 * (web/messages-plugin.ts): the parser is fetched only when there are such texts to read.
 */
async function parsed(texts: Record<string, string>): Promise<Catalogue> {
  if (Object.keys(texts).length === 0) return {};
  const { parseMessage } = await import('./parse');
  return Object.fromEntries(
    Object.entries(texts).flatMap(([id, text]) => {
      const message = parseMessage(text);
      return message ? [[id, message]] : [];
    }),
  );
}

/** The product strings an administrator reworded in a language; none when they cannot be had. */
const loadOverrides = (locale: string): Promise<Record<string, string>> =>
  get('/i18n/overrides/:locale', { params: { locale } }).then(
    (o) => o.messages,
    () => ({}),
  );

/**
 * Whether an administrator reworded product strings: `/me` says so to the signed-in, the sign-in
 * options to visitors (both cached on the server); when neither answers, the rewordings are asked for.
 */
async function hasOverrides(client: QueryClient): Promise<boolean> {
  try {
    const me = await client.fetchQuery(meQuery);
    return me ? me.display.overrides : (await client.fetchQuery(signInOptionsQuery)).overrides;
  } catch {
    return true;
  }
}

const CHOSEN = 'tessera.locale';

/** A visitor's language before they sign in: what they picked here, else their browser's. */
export function visitorLocale(): string {
  const chosen = localStorage.getItem(CHOSEN);
  if (chosen && APP_LOCALES.includes(chosen)) return chosen;
  return pickLocale(navigator.languages ?? [navigator.language], APP_LOCALES) ?? SOURCE_LOCALE;
}

/** Remembers a visitor's choice of language for the pages before signing in. */
export function chooseVisitorLocale(locale: string) {
  localStorage.setItem(CHOSEN, locale);
  window.dispatchEvent(new Event(CHOSEN));
}

function useVisitorLocale() {
  const [locale, setLocale] = useState(visitorLocale);
  useEffect(() => {
    const changed = () => setLocale(visitorLocale());
    window.addEventListener(CHOSEN, changed);
    return () => window.removeEventListener(CHOSEN, changed);
  }, []);
  return locale;
}

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

type Loaded = { locale: string; timeZone: string; messages: Messages };

/**
 * Puts the reader's language and time zone around the app: the signed-in user's (from `/me`),
 * else the visitor's. Nothing is drawn until the first catalogue is in, so no page flashes English.
 */
export function I18nProvider({ children }: { children: ReactNode }) {
  const me = useQuery(meQuery);
  const client = useQueryClient();
  const visitor = useVisitorLocale();
  const display = me.data?.display;
  const locale = display?.locale ?? visitor;
  const timeZone = display?.timeZone ?? browserZone();
  const [loaded, setLoaded] = useState<Loaded | undefined>();
  const { setDirection } = useDirection();

  useEffect(() => {
    let current = true;
    void loadMessages(locale, hasOverrides(client)).then((messages) => {
      if (current) setLoaded({ locale, timeZone, messages });
    });
    return () => {
      current = false;
    };
  }, [locale, timeZone, client]);

  useEffect(() => {
    if (!loaded) return;
    const dir = textDirection(loaded.locale);
    document.documentElement.lang = loaded.locale;
    document.documentElement.dir = dir;
    setDirection(dir);
  }, [loaded, setDirection]);

  const intl = useMemo(
    () =>
      loaded &&
      createIntl({
        locale: loaded.locale,
        timeZone: loaded.timeZone,
        defaultLocale: SOURCE_LOCALE,
        messages: loaded.messages,
        onError: reportMissing,
      }),
    [loaded],
  );

  if (!intl || !loaded || me.isPending) return null;
  setIntl(intl);
  configureFormats(loaded.locale, loaded.timeZone);
  return (
    <RawIntlProvider key={`${loaded.locale} ${loaded.timeZone}`} value={intl}>
      {children}
    </RawIntlProvider>
  );
}

/** A missing translation falls back to English quietly in production; in development it is said. */
function reportMissing(error: { code?: string; message: string }) {
  if (error.code === 'MISSING_TRANSLATION' && !import.meta.env.DEV) return;
  console.warn(error.message);
}
