import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { newReplyText } from '../src/channels/email/body.js';

// Quote stripping measured on the reply corpus of discourse/email_reply_trimmer, kept beside the
// project (../shared/fixtures/email-replies): emails/ are the inputs, trimmed/ what a reader expects.
// "Exact" means equal after normalising line ends to \n, dropping trailing whitespace on each line and
// blank lines before and after the text.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = path.resolve(ROOT, '../shared/fixtures/email-replies');

const normalise = (s: string) =>
  s
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .replace(/^\n+|\n+$/g, '');

const nonBlankLines = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

const read = (dir: string, file: string) => readFileSync(path.join(CORPUS, dir, file), 'utf8');

describe('quote stripping on the reply corpus', () => {
  it('the corpus is there', () => {
    expect(existsSync(path.join(CORPUS, 'emails')), `reply corpus not found at ${CORPUS}`).toBe(true);
  });
  const files = existsSync(path.join(CORPUS, 'emails'))
    ? readdirSync(path.join(CORPUS, 'emails'))
        .filter((f) => f.endsWith('.txt'))
        .sort()
    : [];

  it('has the 64 cases and at least 90 % come out exactly as expected', () => {
    expect(files).toHaveLength(64);
    const misses = files.filter(
      (f) => normalise(newReplyText(read('emails', f))) !== normalise(read('trimmed', f)),
    );
    const exact = (files.length - misses.length) / files.length;
    expect(exact, `not exact: ${misses.join(', ')}`).toBeGreaterThanOrEqual(0.9);
  });

  it.each(files)('%s: nothing the sender wrote is lost', (file) => {
    const got = new Set(nonBlankLines(newReplyText(read('emails', file))));
    const lost = nonBlankLines(read('trimmed', file)).filter((l) => !got.has(l));
    expect(lost).toEqual([]);
  });

  it.each(files.filter((f) => f.startsWith('forwarded_')))('%s: the forwarded text is kept', (file) => {
    const got = newReplyText(read('emails', file));
    // The forwarded body: the input's lines after the forward marker and its header block.
    const lines = read('emails', file)
      .split('\n')
      .map((l) => l.replace(/^>\s?/, ''));
    const marker = lines.findIndex((l) => /Forwarded message|Begin forwarded message/.test(l));
    const headerEnd = lines.findIndex((l, i) => i > marker && l.trim() === '');
    const body = nonBlankLines(lines.slice(headerEnd).join('\n'));
    expect(body.length).toBeGreaterThan(0);
    for (const line of body) expect(got).toContain(line);
  });
});
