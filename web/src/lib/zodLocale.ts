import { z } from 'zod';
import { ar, de, en, es, fr, ja, ptBR } from 'zod/locales';

// The words of zod's own validation messages (a field too short, not an email) in the reader's
// language. A language without zod's words keeps English; messages a schema writes itself stay as
// written.

const ZOD_LOCALES: Record<string, () => ReturnType<typeof en>> = { ar, de, en, es, fr, ja, 'pt-BR': ptBR };

let configured: string | undefined;

export function configureValidation(locale: string) {
  if (configured === locale) return;
  configured = locale;
  const base = locale.split('-')[0] ?? locale;
  z.config((ZOD_LOCALES[locale] ?? ZOD_LOCALES[base] ?? en)());
}
