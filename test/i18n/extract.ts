import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { compare, localeCatalogue, locales, PARTS, type Part, ROOT, sourceCatalogue } from './catalogue.js';

// `npm run i18n`: writes the English source catalogues from the code (what translators work
// from), then lists what each language lacks. `--check` writes nothing and fails on any problem.

const check = process.argv.includes('--check');
let failed = false;
for (const part of Object.keys(PARTS) as Part[]) {
  const { catalogue, problems } = sourceCatalogue(part);
  const file = path.join(ROOT, PARTS[part].source);
  const json = `${JSON.stringify(catalogue, null, 2)}\n`;
  let current = '';
  try {
    current = readFileSync(file, 'utf8');
  } catch {}
  if (current !== json) {
    if (check) problems.push(`${PARTS[part].source} is not what the code says: run npm run i18n`);
    else writeFileSync(file, json);
  }
  for (const locale of locales(part)) {
    const translated = localeCatalogue(part, locale);
    problems.push(...translated.problems, ...compare(catalogue, translated.catalogue, locale));
  }
  console.log(`${part}: ${Object.keys(catalogue).length} messages, languages: en ${locales(part).join(' ')}`);
  for (const p of problems) console.log(`  ${p}`);
  failed ||= problems.length > 0;
}
if (check && failed) process.exit(1);
