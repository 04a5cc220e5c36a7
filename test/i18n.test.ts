import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { say, VALIDATION, validationMessage } from '../common/validation-messages.js';
import {
  compare,
  localeCatalogue,
  locales,
  PARTS,
  type Part,
  ROOT,
  sourceCatalogue,
} from './i18n/catalogue.js';
import { literalsIn, webFiles } from './i18n/literals.js';

// The catalogue check: every text of the code is in the English source catalogue, and every
// shipped language translates exactly those, as valid ICU messages filling in the same values.

/** Languages the product ships complete; a catalogue added beside them is checked the same way. */
const SHIPPED = ['ar', 'de', 'es', 'fr', 'ja', 'pt-BR'];

describe.each(Object.keys(PARTS) as Part[])('the %s catalogues', (part) => {
  const source = sourceCatalogue(part);

  it('hold one wording per id, each a valid ICU message, and are what the code says', () => {
    expect(source.problems).toEqual([]);
    const written = JSON.parse(readFileSync(path.join(ROOT, PARTS[part].source), 'utf8'));
    expect(written, 'run npm run i18n').toEqual(source.catalogue);
  });

  it.each(SHIPPED)('translate every message into %s', (locale) => {
    expect(locales(part)).toContain(locale);
    const translated = localeCatalogue(part, locale);
    expect([...translated.problems, ...compare(source.catalogue, translated.catalogue, locale)]).toEqual([]);
  });
});

it('the web app and the server speak the same languages', () => {
  expect(locales('web')).toEqual(locales('server'));
});

it('each shared schema message is found again by its English text, with its arguments', () => {
  for (const message of Object.values(VALIDATION)) {
    const values = Object.fromEntries(
      [...message.defaultMessage.matchAll(/\{(\w+)\}/g)].map(([, n]) => [n, `<${n}>`]),
    );
    expect(validationMessage(say(message, values)), message.id).toEqual({ message, values });
  }
  expect(validationMessage('Too small: expected string to have >=1 characters')).toBeUndefined();
});

it('no component shows a text written as a literal outside the catalogue', () => {
  const found = webFiles()
    .flatMap(literalsIn)
    .map((l) => `${l.file}:${l.line} "${l.text}"`);
  expect(found).toEqual([]);
});

it('the lint rule finds a literal', () => {
  const file = path.join(ROOT, 'test/i18n/literal-sample.tsx.txt');
  expect(literalsIn(file).map((l) => l.text)).toEqual(['Saved', 'Save changes', 'Your name']);
});
