import { describe, expect, it } from 'vitest';
import { htmlToText, newReplyText } from './body.js';

describe('newReplyText strips quoted history and signatures', () => {
  it.each([
    [
      'Gmail',
      'Thanks, that fixed it!\n\nOn Mon, 23 Nov 2026 at 10:00, Acme Support <support@helpdesk.test> wrote:\n> Did that help?\n> Sam',
    ],
    [
      'Outlook',
      'Thanks, that fixed it!\r\n\r\n________________________________\r\nFrom: Acme Support <support@helpdesk.test>\r\nSent: Monday, November 23, 2026 10:00\r\nTo: Jane\r\nSubject: RE: [#12] Bot\r\n\r\nDid that help?',
    ],
    [
      'Outlook (classic)',
      'Thanks, that fixed it!\n\n-----Original Message-----\nFrom: Acme Support\nSent: Monday\n\nDid that help?',
    ],
    [
      'Apple Mail',
      'Thanks, that fixed it!\n\n> On 23 Nov 2026, at 10:00, Acme Support <support@helpdesk.test> wrote:\n> \n> Did that help?',
    ],
    ['Thunderbird', 'Thanks, that fixed it!\n\nOn 23/11/2026 10:00, Acme Support wrote:\n> Did that help?'],
    ['plain >', 'Thanks, that fixed it!\n\n> Did that help?\n> Sam'],
    ['signature', 'Thanks, that fixed it!\n\n-- \nJane Doe\nHead of Trading, Halden Capital'],
  ])('%s', (_name, text) => {
    expect(newReplyText(text)).toBe('Thanks, that fixed it!');
  });

  it('keeps the whole text when nothing is new', () => {
    expect(newReplyText('> only a quote')).toBe('> only a quote');
  });
});

describe('htmlToText', () => {
  it('drops scripts and tags, keeps line structure and text', () => {
    const text = htmlToText(
      '<div>Hello&nbsp;there</div><script>alert(1)</script><p>Line <b>two</b> &amp; more</p><img src=x onerror=alert(1)>',
    );
    expect(text).toBe('Hello there\nLine two & more');
  });
});
