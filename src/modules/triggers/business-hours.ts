import { type BusinessCalendar, windowsFrom } from '../../lib/business-time.js';

/** Whether the calendar is open at the instant: its first window from then starts then. */
export function isOpenAt(calendar: BusinessCalendar, at: number): boolean {
  try {
    const first = windowsFrom(calendar, at).next();
    return !first.done && first.value.start <= at;
  } catch {
    // Never open within the horizon.
    return false;
  }
}
