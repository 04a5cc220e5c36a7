import { describe, expect, it } from 'vitest';
import { scrubber } from './kb.scrub.js';

// The personal-data scrub of "create article from this ticket", on text as customers and staff
// write it: signatures, greetings, accents, international numbers, mail subjects.

describe('scrubbing a conversation', () => {
  const people = {
    names: ['María-José Núñez García', 'Tom O’Brien', 'Zoë Smith'],
    phones: ['+44 20 7946 0000'],
  };

  it('takes out every part of every name, in any case and with or without accents', () => {
    const s = scrubber(people);
    expect(s.scrub('Hola María-José, thanks! — MARIA-JOSE NUNEZ GARCIA')).toBe(
      'Hola [name], thanks! — [name]',
    );
    expect(s.scrub('Regards,\nTom\nSupport team')).toBe('Regards,\n[name]\nSupport team');
    expect(s.scrub('Zoe wrote: zoë asked núñez')).toBe('[name] wrote: [name] asked [name]');
    // A word merely containing a name stays: "Tomorrow" is not Tom.
    expect(s.scrub('Tomorrow the garcias')).toBe('Tomorrow the garcias');
    expect(s.removed.name).toBe(6);
  });

  it('takes out addresses, phone numbers in the ways people write them, and ticket numbers', () => {
    const s = scrubber(people);
    const text = [
      'Re: [#1234] Cannot log in',
      'As said in ticket 987 and ticket no. 55 (see #4321), nothing works.',
      '--',
      'María-José Núñez | Acme Ltd',
      'maria.nunez+support@acme-corp.co.uk · Tel. +44 (0)20 7946 0000 · Mob. 0044 7700 900123',
      'Office: 020 7946 0111, mailto:help@acme.example',
      'Version 2.4.1 released 2026-12-07, order 12345678, costs 1,500.00 EUR',
      'Since 07/12/2026 (or 07.12.2026), at 09:30.',
      'US desk: 415-555-0132, (415) 555-0132 or 415.555.0132; cell 4155550132.',
    ].join('\n');
    expect(s.scrub(text)).toBe(
      [
        'Re: [ticket] Cannot log in',
        'As said in [ticket] and [ticket] (see [ticket]), nothing works.',
        '--',
        '[name] | Acme Ltd',
        '[email] · Tel. [phone] · Mob. [phone]',
        'Office: [phone], [email]',
        'Version 2.4.1 released 2026-12-07, order 12345678, costs 1,500.00 EUR',
        'Since 07/12/2026 (or 07.12.2026), at 09:30.',
        'US desk: [phone], [phone] or [phone]; cell [phone].',
      ].join('\n'),
    );
    expect(s.removed).toEqual({ name: 1, email: 2, phone: 7, ticket: 4, link: 0 });
  });

  it('takes out links that carry a token or point at a ticket, and keeps documentation links', () => {
    const s = scrubber({ names: [] });
    const text = [
      'Reset it at https://support.example.com/reset-password?token=abc123def456',
      'Your invoice: https://billing.example.com/i/Zx9kQ2mB7vT4pL8nR3wY6cJ1 (valid a week)',
      'Track it at https://support.example.com/tickets/4711.',
      'See https://docs.example.com/guides/two-factor-setup for details.',
    ].join('\n');
    expect(s.scrub(text)).toBe(
      [
        'Reset it at [link]',
        'Your invoice: [link] (valid a week)',
        'Track it at [ticket]',
        'See https://docs.example.com/guides/two-factor-setup for details.',
      ].join('\n'),
    );
    expect(s.removed.link).toBe(2);
    expect(s.removed.ticket).toBe(1);
  });

  it('takes out particles of a name only between its other parts', () => {
    const s = scrubber({ names: ['Ana de la Cruz', 'Jan van der Berg'] });
    expect(s.scrub('Ana de la Cruz wrote: the code de la app works. Cc Jan van der Berg, van Berg.')).toBe(
      '[name] wrote: the code de la app works. Cc [name], van [name].',
    );
    expect(s.removed.name).toBe(3);
  });

  it('counts across every text of one ticket and leaves text without personal data alone', () => {
    const s = scrubber({ names: ['Li Wei'] });
    const plain = 'Open Settings, then Security, and choose "Reset two-factor". It takes a minute.';
    expect(s.scrub(plain)).toBe(plain);
    s.scrub('Hi Li,');
    s.scrub('wei@example.com');
    expect(s.removed).toEqual({ name: 1, email: 1, phone: 0, ticket: 0, link: 0 });
  });
});
