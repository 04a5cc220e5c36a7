import { describe, expect, it } from 'vitest';
import { expectInert, XSS_CORPUS } from '../../test/xss-corpus.js';
import { renderHtml, renderMailText, renderTelegramHtml, renderWhatsApp } from './format.js';

describe('every rendering of every corpus entry, in both formats', () => {
  const cases = XSS_CORPUS.flatMap((body) => (['markdown', 'text'] as const).map((f) => [f, body] as const));
  it.each(cases)('%s: %s', (format, body) => {
    expectInert('html', renderHtml(body, format, { images: ['x'] }));
    expectInert('mail text', renderMailText(body, format));
    expectInert('telegram', renderTelegramHtml(body, format));
    expectInert('whatsapp', renderWhatsApp(body, format));
  });
});

describe('Markdown in each channel’s own markup', () => {
  const body =
    '## Steps\n\n1. **Open** _Settings_\n2. ~~Old~~ `new`\n\n> see [docs](https://d.test/?a=1&b=2)\n\n```\nx < y\n```';
  it('Telegram: its HTML subset, only <, > and & escaped', () => {
    expect(renderTelegramHtml(body, 'markdown')).toBe(
      [
        '<b>Steps</b>',
        '',
        '1. <b>Open</b> <i>Settings</i>',
        '2. <s>Old</s> <code>new</code>',
        '',
        '<blockquote>see <a href="https://d.test/?a=1&amp;b=2">docs</a></blockquote>',
        '',
        '<pre>x &lt; y</pre>',
      ].join('\n'),
    );
  });
  it('Telegram: no quote in a quote and no code in a link, which it refuses to parse', () => {
    expect(renderTelegramHtml('> outer\n>\n> > inner\n>\n> outer again', 'markdown')).toBe(
      '<blockquote>outer\n\ninner\n\nouter again</blockquote>',
    );
    expect(renderTelegramHtml('[`npm ci`](https://d.test) and `x`', 'markdown')).toBe(
      '<a href="https://d.test">npm ci</a> and <code>x</code>',
    );
  });
  it('WhatsApp: *bold*, _italic_, ~strike~, ```code```, quotes, links as their address', () => {
    expect(renderWhatsApp(body, 'markdown')).toBe(
      [
        '*Steps*',
        '',
        '1. *Open* _Settings_',
        '2. ~Old~ ```new```',
        '',
        '> see docs (https://d.test/?a=1&b=2)',
        '',
        '```x < y```',
      ].join('\n'),
    );
  });
  it('plain text stays as written, addresses in angle brackets too', () => {
    expect(renderWhatsApp('Hi **there**\nMail <ann@x.test>', 'text')).toBe('Hi **there**\nMail <ann@x.test>');
    expect(renderTelegramHtml('a < b & c', 'text')).toBe('a &lt; b &amp; c');
  });
  it('tables: HTML tables with their alignment; in chats a row a line, its cells apart', () => {
    const table = '| Plan | Price |\n| :--- | ---: |\n| Basic | **10** |\n| Pro | 20 |';
    const html = renderHtml(table, 'markdown');
    expect(html).toContain('<th style="text-align:right">Price</th>');
    expect(html).toContain('<td style="text-align:left">Basic</td>');
    expect(html).toContain('<td style="text-align:right"><strong>10</strong></td>');
    expect(renderTelegramHtml(table, 'markdown')).toBe('Plan | Price\nBasic | <b>10</b>\nPro | 20');
    expect(renderWhatsApp(table, 'markdown')).toBe('Plan | Price\nBasic | *10*\nPro | 20');
  });

  it('HTML: headings, lists, quotes and code as the allow-list has them; only http(s) and mailto links', () => {
    const html = renderHtml(`${body}\n\n[rel](/admin) [mail](mailto:a@b.test)`, 'markdown');
    expect(html).toContain('<h2>Steps</h2>');
    expect(html).toContain('<ol>\n<li><strong>Open</strong> <em>Settings</em></li>');
    expect(html).toContain('<pre><code>x &lt; y\n</code></pre>');
    expect(html).toContain('<a rel="noopener noreferrer nofollow" target="_blank">rel</a>');
    expect(html).toContain(
      '<a href="mailto:a@b.test" rel="noopener noreferrer nofollow" target="_blank">mail</a>',
    );
  });
});
