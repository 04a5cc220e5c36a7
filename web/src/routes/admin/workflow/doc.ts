import type { z } from 'zod';
import type { workflowDocumentSchema } from '../../../../../common/workflow';

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
  return { statusData, withAny: [{ value: '*', label: 'Any status' }, ...statusData] };
}

/** "P7D" → "7 days", "PT12H" → "12 hours"; null when it is no duration this reads. */
export function describeDuration(iso: string): string | null {
  const m = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(iso.trim());
  if (!m || iso.trim() === 'P' || iso.trim().endsWith('T')) return null;
  const parts = [
    [m[1], 'week'],
    [m[2], 'day'],
    [m[3], 'hour'],
    [m[4], 'minute'],
    [m[5], 'second'],
  ]
    .filter(([n]) => n !== undefined)
    .map(([n, unit]) => `${n} ${unit}${n === '1' ? '' : 's'}`);
  return parts.length ? parts.join(' ') : null;
}
