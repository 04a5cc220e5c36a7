import { DURATION_UNITS, type DurationUnit } from '../../common/timeline.js';

// ISO 8601 durations of fixed length: weeks, days, hours, minutes, seconds (P7D, PT12H, PT2S, P1DT6H).
// Months and years have no fixed length, so timers do not accept them.

const PATTERN = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

export function parseDuration(text: string): number | null {
  const m = PATTERN.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return null;
  const [, w, d, h, min, s] = m;
  const ms =
    ((Number(w ?? 0) * 7 + Number(d ?? 0)) * 86_400 +
      Number(h ?? 0) * 3600 +
      Number(min ?? 0) * 60 +
      Number(s ?? 0)) *
    1000;
  return Number.isFinite(ms) && ms > 0 ? Math.round(ms) : null;
}

/** 7 days as { count: 7, unit: 'day' }: the largest unit that tells the duration exactly. */
export function durationParts(text: string): { count: number; unit: DurationUnit } {
  const ms = parseDuration(text) ?? 0;
  const sizes: Record<DurationUnit, number> = {
    day: 86_400_000,
    hour: 3_600_000,
    minute: 60_000,
    second: 1000,
  };
  for (const unit of DURATION_UNITS) {
    if (ms >= sizes[unit] && ms % sizes[unit] === 0) return { count: ms / sizes[unit], unit };
  }
  return { count: ms / 1000, unit: 'second' };
}
