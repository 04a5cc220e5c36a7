import type { BillingCycle } from '../../db/schema.js';

// Billing cycles computed from the subscription's anchor date: quota resets by itself, no job.

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month + 1, 0)).getUTCDate();

/** The anchor moved `months` calendar months on; the 31st becomes the last day of shorter months. */
export function addMonths(anchor: Date, months: number): Date {
  const total = anchor.getUTCMonth() + months;
  const year = anchor.getUTCFullYear() + Math.floor(total / 12);
  const month = ((total % 12) + 12) % 12;
  const day = Math.min(anchor.getUTCDate(), daysInMonth(year, month));
  return new Date(
    Date.UTC(
      year,
      month,
      day,
      anchor.getUTCHours(),
      anchor.getUTCMinutes(),
      anchor.getUTCSeconds(),
      anchor.getUTCMilliseconds(),
    ),
  );
}

export type Cycle = { start: string; end: string | null };

/** The cycle containing `now`: [start, end). `none` is one cycle for the whole subscription. */
export function currentCycle(
  anchorIso: string,
  cycle: BillingCycle,
  now: Date,
  endsAt: string | null,
): Cycle {
  const anchor = new Date(anchorIso);
  if (cycle === 'none' || now < anchor) return { start: anchorIso, end: endsAt };
  const step = cycle === 'monthly' ? 1 : 12;
  const elapsed =
    (now.getUTCFullYear() - anchor.getUTCFullYear()) * 12 + (now.getUTCMonth() - anchor.getUTCMonth());
  let k = Math.floor(elapsed / step);
  if (addMonths(anchor, k * step) > now) k--;
  const start = addMonths(anchor, k * step);
  const end = addMonths(anchor, (k + 1) * step);
  return { start: start.toISOString(), end: end.toISOString() };
}
