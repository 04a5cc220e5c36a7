import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, expect, it } from 'vitest';
import { WEB_BUILD_DIR } from '../../src/http/web.js';
import { ensureWebBuild } from './support.js';

// What a first visit downloads before the app can draw: the page's script, the chunks it preloads
// and its style sheet. Languages must not make it heavier than a tenth: catalogues are fetched per
// language, and messages ship precompiled so the parser stays out (web/messages-plugin.ts).

/** The first load (gzip, level 9) of the build before the app spoke several languages. */
const BEFORE_LANGUAGES_KIB = 324.0;

let assets: string[] = [];

beforeAll(async () => {
  await ensureWebBuild();
  const html = readFileSync(path.join(WEB_BUILD_DIR, 'index.html'), 'utf8');
  assets = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]!);
});

const read = (asset: string) => readFileSync(path.join(WEB_BUILD_DIR, asset));

it('stays within a tenth of its weight before languages', () => {
  const kib = assets.reduce((sum, a) => sum + gzipSync(read(a), { level: 9 }).length, 0) / 1024;
  console.log(
    `first load: ${assets.length} files, ${kib.toFixed(1)} KiB gzip (before languages ${BEFORE_LANGUAGES_KIB})`,
  );
  expect(kib).toBeLessThanOrEqual(BEFORE_LANGUAGES_KIB * 1.1);
});

it('holds no catalogue and no message parser', () => {
  const code = assets.map((a) => read(a).toString('utf8')).join('\n');
  // The parser's error names; the catalogues' German for a priority.
  expect(code).not.toContain('EXPECT_ARGUMENT_CLOSING_BRACE');
  expect(code).not.toContain('Dringend');
});
