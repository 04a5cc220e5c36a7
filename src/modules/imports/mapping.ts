import type { StatusCategory, WorkflowDocument, WorkflowStatus } from '../../workflow/types.js';
import type { ImportStatus } from './model.js';

// How a source's statuses land on the workflow's: the admin's choice first, then a workflow status
// of the same name, then one of the category the source's state means. The same function gives the
// dry run's table and the run's mapping, so what the admin saw is what is done.

export type StatusChoice = {
  sourceId: string;
  name: string;
  state: ImportStatus['state'];
  to: string;
  /** Why: chosen by the admin, same name, or the category of the source's state. */
  by: 'chosen' | 'name' | 'state';
};

const CATEGORY_OF_STATE: Record<ImportStatus['state'], StatusCategory[]> = {
  open: ['open', 'new'],
  pending: ['pending', 'on_hold', 'open'],
  solved: ['solved', 'closed'],
  closed: ['closed', 'solved'],
};

const norm = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');

function byName(wf: WorkflowDocument, name: string): WorkflowStatus | undefined {
  const n = norm(name);
  return wf.statuses.find(
    (s) => norm(s.key) === n || norm(s.staffLabel) === n || norm(s.customerLabel) === n,
  );
}

/**
 * The mapping of every source status. `chosen` is keyed by the source status's id or name; a
 * choice naming no workflow status is an error the caller reports (see `unknownChoices`).
 */
export function mapStatuses(
  wf: WorkflowDocument,
  statuses: ImportStatus[],
  chosen: Record<string, string> = {},
): StatusChoice[] {
  const keys = new Set(wf.statuses.map((s) => s.key));
  return statuses.map((s) => {
    const pick = chosen[s.sourceId] ?? chosen[s.name];
    if (pick && keys.has(pick)) return { ...s, to: pick, by: 'chosen' };
    const named = byName(wf, s.name);
    if (named) return { ...s, to: named.key, by: 'name' };
    const category = CATEGORY_OF_STATE[s.state].find((c) => wf.statuses.some((w) => w.category === c));
    const to = wf.statuses.find((w) => w.category === category) ?? wf.statuses[0];
    return { ...s, to: to?.key ?? 'open', by: 'state' };
  });
}

/** The choices that name no status of the workflow, as "Source name → key" for an error. */
export function unknownChoices(wf: WorkflowDocument, chosen: Record<string, string>): string[] {
  const keys = new Set(wf.statuses.map((s) => s.key));
  return Object.entries(chosen)
    .filter(([, to]) => !keys.has(to))
    .map(([from, to]) => `${from} → ${to}`);
}

/** `Incident Details` → `incident_details`: a key for a type, field or option the source names. */
export function keyOf(text: string, fallback: string): string {
  const key = text
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60);
  if (!key) return fallback;
  return /^[a-z]/.test(key) ? key : `${fallback}_${key}`.slice(0, 64);
}
