import { describe, expect, it } from 'vitest';
import { renderTelegram } from './outbound.js';

describe('Telegram notices in HTML parse mode', () => {
  it('a resolved notice carries the number, the escaped subject and the link', () => {
    expect(
      renderTelegram(
        'ticket.resolved',
        { number: 7, subject: 'Fee <1.5%> & [EU]' },
        null,
        'https://h.test/t?a=1&b="2"',
      ),
    ).toBe(
      '<b>Ticket resolved</b> #7: <b>Fee &lt;1.5%&gt; &amp; [EU]</b>\n\n<a href="https://h.test/t?a=1&amp;b=&quot;2&quot;">Open ticket #7</a>',
    );
  });

  it('a long reply is cut to an excerpt', () => {
    const text = renderTelegram(
      'ticket.staff_reply',
      { number: 1, subject: 's' },
      { body: 'a'.repeat(1000) },
      'https://h.test',
    );
    expect(text).toContain(`${'a'.repeat(399)}…`);
    expect(text).not.toContain('a'.repeat(400));
  });

  it('a Markdown reply keeps its formatting in Telegram tags; a cut one closes what it opened', () => {
    const text = renderTelegram(
      'ticket.staff_reply',
      { number: 1, subject: 's' },
      {
        body: `**Fixed** in _v2_, see <https://x.test/a?b=1&c=2>.\n\n**${'b'.repeat(500)}**`,
        format: 'markdown',
      },
      'https://h.test',
    );
    expect(text).toContain(
      '<b>Fixed</b> in <i>v2</i>, see <a href="https://x.test/a?b=1&amp;c=2">https://x.test/a?b=1&amp;c=2</a>.',
    );
    expect(text).toMatch(/<b>b+…<\/b>/);
    expect(text).not.toContain('**');
  });

  it('for a reader who may not open the ticket: no link, and no invitation to answer in the chat', () => {
    const text = renderTelegram('ticket.staff_reply', { number: 7, subject: 's' }, { body: 'Done.' }, null);
    expect(text).toContain('Done.');
    expect(text).not.toContain('<a ');
    expect(text).not.toContain('Reply to this message');
    expect(renderTelegram('ticket.resolved', { number: 7, subject: 's' }, null, null)).not.toContain('<a ');
  });
});
