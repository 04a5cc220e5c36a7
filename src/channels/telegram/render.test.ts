import { describe, expect, it } from 'vitest';
import { escapeLinkUrl, escapeMarkdown } from './api.js';
import { renderTelegram } from './outbound.js';

describe('Telegram MarkdownV2', () => {
  it('escapes every special character of text', () => {
    expect(escapeMarkdown('_*[]()~`>#+-=|{}.!\\ plain')).toBe(
      '\\_\\*\\[\\]\\(\\)\\~\\`\\>\\#\\+\\-\\=\\|\\{\\}\\.\\!\\\\ plain',
    );
    expect(escapeLinkUrl('https://x.test/a)b\\c')).toBe('https://x.test/a\\)b\\\\c');
  });

  it('a resolved notice carries the number, the escaped subject and the link', () => {
    expect(
      renderTelegram(
        'ticket.resolved',
        { number: 7, subject: 'Fee 1.5% [EU]' },
        null,
        'https://h.test/tickets/7',
      ),
    ).toBe('*Ticket resolved* \\#7: *Fee 1\\.5% \\[EU\\]*\n\n[Open ticket \\#7](https://h.test/tickets/7)');
  });

  it('a long reply is cut to an excerpt', () => {
    const text = renderTelegram(
      'ticket.staff_reply',
      { number: 1, subject: 's' },
      'a'.repeat(1000),
      'https://h.test',
    );
    expect(text).toContain(`${'a'.repeat(399)}…`);
    expect(text).not.toContain('a'.repeat(400));
  });
});
