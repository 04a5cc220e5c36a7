import { describe, expect, it } from 'vitest';
import { toE164 } from './phone.js';

describe('toE164', () => {
  it.each([
    ['+44 20 7946 0000', '+442079460000'],
    ['0044 (20) 7946-0000', '+442079460000'],
    ['442079460000', '+442079460000'],
    ['+1 (415) 555-0100', '+14155550100'],
    ['+49.30.1234567', '+49301234567'],
  ])('%s → %s', (input, out) => expect(toE164(input)).toBe(out));

  it.each(['020 7946 0000', '+12', 'phone', '', '+0123456789', '+1234567890123456'])(
    '%s is not a number we can match',
    (input) => expect(toE164(input)).toBeNull(),
  );
});
