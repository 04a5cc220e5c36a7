import type { ImportRun, ImportSourceBody } from '../../../../../common/imports';

// The words the import pages use for what the API answers in keys.

export const importsKey = ['admin', 'imports'] as const;
export const importKey = (id: string) => ['admin', 'imports', id] as const;

export type SourceKind = ImportSourceBody['kind'];

export const SOURCE_LABELS: Record<SourceKind, string> = {
  osticket: 'osTicket',
  zendesk: 'Zendesk',
  csv: 'Spreadsheet',
};

export const sourceLabel = (kind: string) => SOURCE_LABELS[kind as SourceKind] ?? kind;

export const STATE_INFO: Record<ImportRun['state'], { label: string; color: string }> = {
  queued: { label: 'Waiting to start', color: 'gray' },
  running: { label: 'Running', color: 'blue' },
  done: { label: 'Done', color: 'green' },
  failed: { label: 'Stopped', color: 'red' },
};

export const PHASE_LABELS: Record<ImportRun['phase'], string> = {
  reference: 'Reading organisations, people, departments and settings',
  tickets: 'Importing tickets',
  relations: 'Linking merged and related tickets',
  done: 'Finished',
};

export const isActive = (run: Pick<ImportRun, 'state'>) => run.state === 'queued' || run.state === 'running';

/** What each kind of record in the counts and the log is called, plural and singular. */
const KINDS: Record<string, [string, string]> = {
  organisation: ['Organisations', 'Organisation'],
  department: ['Departments', 'Department'],
  staff: ['Staff', 'Staff member'],
  customer: ['Customers', 'Customer'],
  topic: ['Help topics and types', 'Help topic or type'],
  field: ['Custom fields', 'Custom field'],
  ticket: ['Tickets', 'Ticket'],
  message: ['Messages', 'Message'],
  attachment: ['Attachments', 'Attachment'],
  link: ['Links', 'Link'],
  merge: ['Merges', 'Merge'],
};

export const kindLabel = (kind: string, plural = true) => KINDS[kind]?.[plural ? 0 : 1] ?? kind;

/** Kinds in the order an import reads them; unknown ones after, as the API gave them. */
export const sortKinds = (kinds: string[]) => {
  const order = Object.keys(KINDS);
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  return [...kinds].sort((a, b) => rank(a) - rank(b));
};
