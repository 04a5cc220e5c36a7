import { defineMessages } from 'react-intl';
import type { z } from 'zod';
import type { workflowDocumentSchema } from '../../../../../common/workflow';
import { t } from '../../../i18n/t';

export type WorkflowDoc = z.input<typeof workflowDocumentSchema>;
export type Status = WorkflowDoc['statuses'][number];
export type Rule = NonNullable<WorkflowDoc['onCustomerReply']>[number];
export type Timer = NonNullable<WorkflowDoc['timers']>[number];

/** What every section of the workflow form takes: the whole document and a way to replace it. */
export type SectionProps = { doc: WorkflowDoc; onChange: (doc: WorkflowDoc) => void };

/** The statuses as select options (those with a key), and the same led by "Any status". */
export function statusOptions(doc: WorkflowDoc) {
  const statusData = doc.statuses
    .filter((s) => s.key)
    .map((s) => ({ value: s.key, label: `${s.staffLabel || s.key} (${s.key})` }));
  return {
    statusData,
    withAny: [
      { value: '*', label: t({ id: 'admin.workflow.anyStatus', defaultMessage: 'Any status' }) },
      ...statusData,
    ],
  };
}

const UNITS = defineMessages({
  week: { id: 'admin.workflow.unit.week', defaultMessage: '{count, plural, one {# week} other {# weeks}}' },
  day: { id: 'admin.workflow.unit.day', defaultMessage: '{count, plural, one {# day} other {# days}}' },
  hour: { id: 'admin.workflow.unit.hour', defaultMessage: '{count, plural, one {# hour} other {# hours}}' },
  minute: {
    id: 'admin.workflow.unit.minute',
    defaultMessage: '{count, plural, one {# minute} other {# minutes}}',
  },
  second: {
    id: 'admin.workflow.unit.second',
    defaultMessage: '{count, plural, one {# second} other {# seconds}}',
  },
});

/** "P7D" → "7 days", "PT12H" → "12 hours"; null when it is no duration this reads. */
export function describeDuration(iso: string): string | null {
  const m = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(iso.trim());
  if (!m || iso.trim() === 'P' || iso.trim().endsWith('T')) return null;
  const parts = (
    [
      [m[1], UNITS.week],
      [m[2], UNITS.day],
      [m[3], UNITS.hour],
      [m[4], UNITS.minute],
      [m[5], UNITS.second],
    ] as const
  )
    .filter(([n]) => n !== undefined)
    .map(([n, unit]) => t(unit, { count: Number(n) }));
  return parts.length ? parts.join(' ') : null;
}
