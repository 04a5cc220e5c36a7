import { describe, expect, it } from 'vitest';
import { addMonths, currentCycle } from './cycle.js';

describe('billing cycles', () => {
  it('monthly cycles start on the anchor day, clamped to short months', () => {
    expect(addMonths(new Date('2026-01-31T10:00:00Z'), 1).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(addMonths(new Date('2026-01-31T10:00:00Z'), 2).toISOString()).toBe('2026-03-31T10:00:00.000Z');
    expect(addMonths(new Date('2028-01-31T00:00:00Z'), 1).toISOString()).toBe('2028-02-29T00:00:00.000Z');
  });

  it.each([
    ['2026-01-15T00:00:00Z', 'monthly', '2026-01-15T00:00:00Z', '2026-01-15', '2026-02-15'],
    ['2026-01-15T00:00:00Z', 'monthly', '2026-02-14T23:59:59Z', '2026-01-15', '2026-02-15'],
    ['2026-01-15T00:00:00Z', 'monthly', '2026-02-15T00:00:00Z', '2026-02-15', '2026-03-15'],
    ['2026-01-31T00:00:00Z', 'monthly', '2026-03-01T00:00:00Z', '2026-02-28', '2026-03-31'],
    ['2025-06-01T00:00:00Z', 'yearly', '2026-05-31T00:00:00Z', '2025-06-01', '2026-06-01'],
    ['2025-06-01T00:00:00Z', 'yearly', '2026-06-01T00:00:00Z', '2026-06-01', '2027-06-01'],
  ] as const)('%s %s at %s → [%s, %s)', (anchor, cycle, now, start, end) => {
    const c = currentCycle(anchor.replace('Z', '.000Z'), cycle, new Date(now), null);
    expect(c.start.slice(0, 10)).toBe(start);
    expect(c.end?.slice(0, 10)).toBe(end);
  });

  it('a plan without cycles counts over the whole subscription', () => {
    expect(
      currentCycle('2026-01-01T00:00:00.000Z', 'none', new Date('2027-01-01'), '2027-06-01T00:00:00.000Z'),
    ).toEqual({
      start: '2026-01-01T00:00:00.000Z',
      end: '2027-06-01T00:00:00.000Z',
    });
  });
});
