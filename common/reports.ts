import { z } from 'zod';
import { say, VALIDATION } from './validation-messages.js';

// Reports (SPEC §9): volume, backlog, first-response and resolution times. CSAT lives in the
// older /reports/csat route.

export const DAY_MS = 86_400_000;
/** The longest range a report accepts: about three years of daily rows. */
export const MAX_REPORT_DAYS = 1100;

/** An ISO date-time in UTC, as the CSAT report takes; normalised so it compares with stored times. */
const instant = z.iso.datetime().transform((s) => new Date(s).toISOString());

const rangeShape = {
  /** Inclusive start. */
  from: instant.optional(),
  /** Exclusive end. */
  to: instant.optional(),
};

type Range = { from?: string; to?: string };
const ordered = (r: Range) => !r.from || !r.to || r.from <= r.to;
const notTooLong = (r: Range) =>
  !r.from || !r.to || Date.parse(r.to) - Date.parse(r.from) <= MAX_REPORT_DAYS * DAY_MS;
const orderMessage = { message: say(VALIDATION.fromAfterTo), path: ['from'] };
const lengthMessage = {
  message: say(VALIDATION.rangeTooLong, { days: String(MAX_REPORT_DAYS) }),
  path: ['to'],
};

export const REPORT_INTERVALS = ['day', 'week'] as const;
export type ReportInterval = (typeof REPORT_INTERVALS)[number];

export const reportRangeQuery = z
  .strictObject(rangeShape)
  .refine(ordered, orderMessage)
  .refine(notTooLong, lengthMessage);
export type ReportRange = z.infer<typeof reportRangeQuery>;

export const volumeQuery = z
  .strictObject({ ...rangeShape, interval: z.enum(REPORT_INTERVALS).default('day') })
  .refine(ordered, orderMessage)
  .refine(notTooLong, lengthMessage);
export type VolumeQuery = z.infer<typeof volumeQuery>;

export const volumeRow = z.object({
  /** The first UTC day of the period (a Monday for weeks). */
  period: z.string(),
  created: z.number(),
  resolved: z.number(),
});
export const volumeReport = z.array(volumeRow);
export type VolumeRow = z.infer<typeof volumeRow>;

export const backlogReport = z.object({
  byStatus: z.array(z.object({ status: z.string(), category: z.string(), count: z.number() })),
  byDepartment: z.array(z.object({ departmentId: z.string(), name: z.string(), count: z.number() })),
});
export type BacklogReport = z.infer<typeof backlogReport>;

const durationStats = z.object({
  count: z.number(),
  medianMinutes: z.number().nullable(),
  p90Minutes: z.number().nullable(),
});
export type DurationStats = z.infer<typeof durationStats>;

export const responseTimesReport = z.object({
  firstResponse: durationStats,
  resolution: durationStats,
  /** True when only the newest tickets of the range were measured. */
  sampled: z.boolean(),
});
export type ResponseTimesReport = z.infer<typeof responseTimesReport>;

export const csatQuery = z.strictObject({
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
});
export const csatResponse = z.object({
  sent: z.number(),
  responses: z.number(),
  average: z.number().nullable(),
  satisfiedPercent: z.number().nullable(),
  distribution: z.record(z.string(), z.number()),
});
export type Csat = z.infer<typeof csatResponse>;

// Service levels: how often each target (first reply, next reply, resolution) was met, grouped.

export const SLA_GROUPINGS = ['metric', 'department', 'agent', 'priority', 'period'] as const;
export type SlaGrouping = (typeof SLA_GROUPINGS)[number];
/** The periods of `groupBy=period`: UTC days, ISO weeks (from Monday) or calendar months. */
export const SLA_INTERVALS = ['day', 'week', 'month'] as const;
export type SlaInterval = (typeof SLA_INTERVALS)[number];

export const slaReportQuery = z
  .strictObject({
    ...rangeShape,
    groupBy: z.enum(SLA_GROUPINGS).default('metric'),
    interval: z.enum(SLA_INTERVALS).default('day'),
    departmentId: z.string().min(1).max(64).optional(),
  })
  .refine(ordered, orderMessage)
  .refine(notTooLong, lengthMessage);
export type SlaReportQuery = z.infer<typeof slaReportQuery>;

export const slaFigures = z.object({
  metric: z.enum(['firstReply', 'nextReply', 'resolution']),
  /** Clocks stopped in the range, plus clocks still open that fell due in it (those count as breached). */
  clocks: z.number(),
  met: z.number(),
  breached: z.number(),
  /** Of the breaches, the clocks still open and past due now. */
  openBreached: z.number(),
  /** Met over counted clocks, in percent with one decimal; null when none was counted. */
  metPercent: z.number().nullable(),
  /** Stopped clocks, over which the median and 90th percentile of elapsed minutes are taken. */
  stopped: z.number(),
  medianMinutes: z.number().nullable(),
  p90Minutes: z.number().nullable(),
  /** Business minutes, calendar minutes, or a mix of both when the targets differ. */
  unit: z.enum(['business', 'calendar', 'mixed']).nullable(),
});
export type SlaFigures = z.infer<typeof slaFigures>;

export const slaReportGroup = z.object({
  /** The metric, department id, assignee id (null: unassigned), priority, or the period's first day. */
  key: z.string().nullable(),
  label: z.string(),
  metrics: z.array(slaFigures),
});
export type SlaReportGroup = z.infer<typeof slaReportGroup>;

export const slaReport = z.object({
  from: z.string(),
  to: z.string(),
  /** The instant open clocks were judged at. */
  now: z.string(),
  groupBy: z.enum(SLA_GROUPINGS),
  interval: z.enum(SLA_INTERVALS),
  groups: z.array(slaReportGroup),
  /** True when the percentiles were taken over only the newest stopped clocks of the range. */
  sampled: z.boolean(),
  unitNote: z.string(),
});
export type SlaReport = z.infer<typeof slaReport>;
