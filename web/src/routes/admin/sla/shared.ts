import { defineMessages } from 'react-intl';
import type { z } from 'zod';
import { PRIORITIES, type Priority } from '../../../../../common/api';
import {
  DEFAULT_PAUSE_ON,
  SLA_METRICS,
  type SlaConditions,
  type SlaMetric,
  type SlaPauseOn,
  type SlaTarget,
  type SlaWarning,
  type slaPolicyBody,
  type slaPolicySchema,
} from '../../../../../common/sla';
import { currentIntl, t } from '../../../i18n/t';
import { PRIORITY_INFO } from '../../../lib/format';

export type Policy = z.infer<typeof slaPolicySchema>;
export type PolicyBody = z.input<typeof slaPolicyBody>;

export const slaPoliciesKey = ['sla', 'policies'] as const;

const METRIC_LABELS = defineMessages({
  firstReply: { id: 'sla.metric.firstReply', defaultMessage: 'First reply' },
  nextReply: { id: 'sla.metric.nextReply', defaultMessage: 'Next reply' },
  resolution: { id: 'sla.metric.resolution', defaultMessage: 'Resolution' },
}) satisfies Record<SlaMetric, unknown>;

const m = defineMessages({
  problem: {
    id: 'sla.targets.problem',
    defaultMessage:
      '{priority} {metric, select, firstReply {first reply} nextReply {next reply} other {resolution}}: give a positive number, or leave it empty',
  },
  hours: { id: 'sla.duration.hours', defaultMessage: '{n, number} h' },
  minutes: { id: 'sla.duration.minutes', defaultMessage: '{n, number} min' },
});

/** A metric's name in the reader's language: "First reply". */
export const metricLabel = (metric: SlaMetric) => t(METRIC_LABELS[metric]);

/** "a, b, c" in the reader's language. */
export const listText = (items: string[]) =>
  new Intl.ListFormat(currentIntl().locale, { type: 'unit', style: 'short' }).format(items);

/** The priorities, lowest first, with their names (in the reader's language when asked). */
export const PRIORITY_LEVELS = PRIORITIES.map((p) => ({
  level: p,
  get label() {
    return PRIORITY_INFO[p].label;
  },
}));
export const priorityLabel = (p: Priority) => PRIORITY_INFO[p].label;
export const priorityRank = (p: Priority) => PRIORITIES.indexOf(p);

export type Unit = 'minutes' | 'hours';
/** One cell of the targets grid as typed: empty means no target. */
export type Cell = { value: string; unit: Unit; business: boolean };
export type Grid = Record<string, Cell>;
export const cellKey = (priority: Priority, metric: SlaMetric) => `${priority}:${metric}`;
const emptyCell = (): Cell => ({ value: '', unit: 'hours', business: true });

export function gridOf(targets: readonly SlaTarget[]): Grid {
  const grid: Grid = {};
  for (const { level } of PRIORITY_LEVELS) for (const m of SLA_METRICS) grid[cellKey(level, m)] = emptyCell();
  for (const t of targets) {
    const hours = t.minutes % 60 === 0;
    grid[cellKey(t.priority, t.metric)] = {
      value: String(hours ? t.minutes / 60 : t.minutes),
      unit: hours ? 'hours' : 'minutes',
      business: t.businessHours,
    };
  }
  return grid;
}

/** The targets of the grid's filled cells, or the first cell that is not a positive number. */
export function targetsOf(grid: Grid): { targets: SlaTarget[]; problem: string | null } {
  const targets: SlaTarget[] = [];
  for (const { level, label } of PRIORITY_LEVELS)
    for (const metric of SLA_METRICS) {
      const cell = grid[cellKey(level, metric)];
      if (!cell || cell.value.trim() === '') continue;
      const n = Number(cell.value.replace(',', '.'));
      const minutes = Math.round(cell.unit === 'hours' ? n * 60 : n);
      if (!Number.isFinite(n) || minutes < 1)
        return {
          targets,
          problem: t(m.problem, { priority: label, metric }),
        };
      targets.push({ priority: level, metric, minutes, businessHours: cell.business });
    }
  return { targets, problem: null };
}

/** "4 h", "90 min". */
export const durationText = (minutes: number) =>
  minutes % 60 === 0 ? t(m.hours, { n: minutes / 60 }) : t(m.minutes, { n: minutes });

export type WarningKind = 'none' | 'percent' | 'minutesBefore';
export const warningKind = (w: SlaWarning | null): WarningKind =>
  w === null ? 'none' : 'percent' in w ? 'percent' : 'minutesBefore';

/** What a new policy starts with. */
export const NEW_POLICY = {
  name: '',
  enabled: true,
  conditions: {} as SlaConditions,
  calendarId: '',
  targets: [] as SlaTarget[],
  pauseOn: DEFAULT_PAUSE_ON as SlaPauseOn,
  warning: { percent: 80 } as SlaWarning | null,
  notifyOutsideHours: false,
};
