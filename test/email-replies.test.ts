import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { htmlToText, newReplyText } from '../src/channels/email/body.js';

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

// Shapes the corpus does not have. Words of the sender that look like history must stay: losing
// them is worse than keeping a line of history.
const OWN_WORDS: [string, string][] = [
  [
    'a sentence that opens like an attribution',
    'Hi,\n\nThe log says:\nOn startup the service wrote the following:\n  ERROR 42 disk full\n\nPlease help.\nAna',
  ],
  [
    'an attribution-like first line',
    'On Monday our accountant wrote:\n"please pay by Friday"\nbut the invoice never came. Can you resend it?',
  ],
  [
    'a pasted From: and Subject:',
    'Please block this sender.\nFrom: scam@evil.example\nSubject: You won\nThey keep mailing us every day.',
  ],
  [
    'log lines that start with a date',
    'Here is the log:\n2026-03-03 17:21 GMT+01:00 ERROR payment failed\n2026-03-03 17:22 GMT+01:00 ERROR retry failed\nWhat should I do?',
  ],
  ['a table', 'Here are the results:\n\n| Order | Status |\n|-------|--------|\n| 123   | lost   |'],
];

describe('the sender’s own words', () => {
  it.each(OWN_WORDS)('%s: every line is kept', (_, text) => {
    expect(nonBlankLines(newReplyText(text))).toEqual(nonBlankLines(text));
  });

  it('an HTML reply whose own text says "I wrote:" keeps it and loses the quote', () => {
    const html =
      '<div dir="ltr">Firefox 140.<br><br>On the login page I wrote:<br>admin<br>and it failed.</div><br>' +
      '<div class="gmail_quote"><div class="gmail_attr">On Tue, Mar 3, 2026 at 5:12 PM Support &lt;' +
      '<a href="mailto:support@example.com">support@example.com</a>&gt; wrote:<br></div>' +
      '<blockquote class="gmail_quote">Which browser?</blockquote></div>';
    expect(newReplyText(htmlToText(html))).toBe(
      'Firefox 140.\n\nOn the login page I wrote:\nadmin\nand it failed.',
    );
  });

  it.each([
    [
      'Japanese',
      'はい、届きました。\n\n2026年3月3日(火) 17:12 Support <support@example.com>:\n> お問い合わせありがとうございます。',
    ],
    [
      'Russian',
      'Спасибо, всё работает.\n\nвт, 3 мар. 2026 г. в 17:12, Support <support@example.com>:\n> Попробуйте ещё раз.',
    ],
    [
      'Korean',
      '감사합니다.\n\n2026년 3월 3일 (화) 오후 5:12, Support <support@example.com>님이 작성:\n> 다시 시도해 주세요.',
    ],
  ])('a Gmail attribution in %s, which has no verb, goes with its quote', (_, text) => {
    expect(newReplyText(text)).toBe(text.split('\n')[0]);
  });

  it('an Outlook HTML reply keeps table cells apart and loses the header block', () => {
    const html =
      '<div>Here it is.</div><table><tr><td>Order</td><td>123</td></tr></table>' +
      '<div id="divRplyFwdMsg"><hr><b>From:</b> Support &lt;support@example.com&gt;<br><b>Sent:</b> Tuesday, ' +
      'March 3, 2026 5:12 PM<br><b>To:</b> Ana<br><b>Subject:</b> Re: order<br></div><div>Which order?</div>';
    expect(newReplyText(htmlToText(html))).toBe('Here it is.\nOrder 123');
  });
});
