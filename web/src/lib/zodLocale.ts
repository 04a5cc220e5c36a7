import { z } from 'zod';
import { ar, de, en, es, fr, ja, ptBR } from 'zod/locales';
import { validationMessage } from '../../../common/validation-messages';
import { currentIntl, t } from '../i18n/t';

// The words of zod's own validation messages (a field too short, not an email) in the reader's
// language. A language without zod's words keeps English; messages a schema writes itself are
// read through `validationText`.

const ZOD_LOCALES: Record<string, () => ReturnType<typeof en>> = { ar, de, en, es, fr, ja, 'pt-BR': ptBR };

let configured: string | undefined;

export function configureValidation(locale: string) {
  if (configured === locale) return;
  configured = locale;
  const base = locale.split('-')[0] ?? locale;
  z.config((ZOD_LOCALES[locale] ?? ZOD_LOCALES[base] ?? en)());
}

/**
 * A schema's message in the reader's language: the shared schemas' own messages
 * (common/validation-messages.ts) from the catalogue; zod's words are already the reader's
 * (`configureValidation`); any other text as written.
 */
export function validationText(message: string): string {
  const shared = validationMessage(message);
  // Without the message in the reader's catalogue (English, the source language), the schema's
  // text is it already. Its English wording is not compiled for the browser, which has no parser.
  if (!shared || currentIntl().messages[shared.message.id] === undefined) return message;
  return t(shared.message, shared.values);
}
