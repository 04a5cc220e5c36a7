import { describe, expect, it } from 'vitest';
import { parseInvitees } from '../common/invitees.js';

describe('parseInvitees', () => {
  it('reads addresses, mailboxes and CSV rows in either order, skipping a header and repeats', () => {
    const text = [
      'email,name',
      'ana@example.com',
      'Bruno Costa <Bruno@Example.com>',
      '"Lima, Carla" <carla@example.com>',
      'dora@example.com,Dora Dias',
      'Eva Eto;eva@example.com',
      'ana@example.com',
      '',
      'not an address',
      'fred@',
    ].join('\n');
    expect(parseInvitees(text)).toEqual({
      invitees: [
        { email: 'ana@example.com' },
        { email: 'bruno@example.com', name: 'Bruno Costa' },
        { email: 'carla@example.com', name: 'Lima, Carla' },
        { email: 'dora@example.com', name: 'Dora Dias' },
        { email: 'eva@example.com', name: 'Eva Eto' },
      ],
      invalid: [
        { line: 9, text: 'not an address' },
        { line: 10, text: 'fred@' },
      ],
    });
  });

  it('reports a first line that looks like an address but is not one', () => {
    expect(parseInvitees('ana@\nbo@example.com').invalid).toEqual([{ line: 1, text: 'ana@' }]);
  });
});
