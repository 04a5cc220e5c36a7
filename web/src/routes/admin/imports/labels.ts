import { defineMessages, type MessageDescriptor } from 'react-intl';
import type { ImportRun, ImportSourceBody } from '../../../../../common/imports';
import { t } from '../../../i18n/t';

// The words the import pages use for what the API answers in keys.

export const importsKey = ['admin', 'imports'] as const;
export const importKey = (id: string) => ['admin', 'imports', id] as const;

export type SourceKind = ImportSourceBody['kind'];

/** The sources, in the order the first step offers them. */
export const SOURCE_KINDS: SourceKind[] = ['osticket', 'zendesk', 'csv'];

const SPREADSHEET = defineMessages({
  label: { id: 'imports.source.csv', defaultMessage: 'Spreadsheet' },
});

/** A source's name: the products' own names, or "Spreadsheet" in the reader's language. */
export const sourceLabel = (kind: string) => {
  switch (kind) {
    case 'osticket':
      return 'osTicket';
    case 'zendesk':
      return 'Zendesk';
    case 'csv':
      return t(SPREADSHEET.label);
    default:
      return kind;
  }
};

const STATE_LABELS = defineMessages({
  queued: { id: 'imports.state.queued', defaultMessage: 'Waiting to start' },
  running: { id: 'imports.state.running', defaultMessage: 'Running' },
  done: { id: 'imports.state.done', defaultMessage: 'Done' },
  failed: { id: 'imports.state.failed', defaultMessage: 'Stopped' },
}) satisfies Record<ImportRun['state'], MessageDescriptor>;

const STATE_COLORS: Record<ImportRun['state'], string> = {
  queued: 'gray',
  running: 'blue',
  done: 'green',
  failed: 'red',
};

export const stateInfo = (state: ImportRun['state']) => ({
  label: t(STATE_LABELS[state]),
  color: STATE_COLORS[state],
});

const PHASE_LABELS = defineMessages({
  reference: {
    id: 'imports.phase.reference',
    defaultMessage: 'Reading organisations, people, departments and settings',
  },
  tickets: { id: 'imports.phase.tickets', defaultMessage: 'Importing tickets' },
  relations: { id: 'imports.phase.relations', defaultMessage: 'Linking merged and related tickets' },
  done: { id: 'imports.phase.done', defaultMessage: 'Finished' },
}) satisfies Record<ImportRun['phase'], MessageDescriptor>;

export const phaseLabel = (phase: ImportRun['phase']) => t(PHASE_LABELS[phase]);

export const isActive = (run: Pick<ImportRun, 'state'>) => run.state === 'queued' || run.state === 'running';

/** What each kind of record in the counts and the log is called, plural and singular. */
const KINDS: Record<string, [MessageDescriptor, MessageDescriptor]> = {
  organisation: [
    { id: 'imports.kind.organisation.plural', defaultMessage: 'Organisations' },
    { id: 'imports.kind.organisation.one', defaultMessage: 'Organisation' },
  ],
  department: [
    { id: 'imports.kind.department.plural', defaultMessage: 'Departments' },
    { id: 'imports.kind.department.one', defaultMessage: 'Department' },
  ],
  staff: [
    { id: 'imports.kind.staff.plural', defaultMessage: 'Staff' },
    { id: 'imports.kind.staff.one', defaultMessage: 'Staff member' },
  ],
  customer: [
    { id: 'imports.kind.customer.plural', defaultMessage: 'Customers' },
    { id: 'imports.kind.customer.one', defaultMessage: 'Customer' },
  ],
  topic: [
    { id: 'imports.kind.topic.plural', defaultMessage: 'Help topics and types' },
    { id: 'imports.kind.topic.one', defaultMessage: 'Help topic or type' },
  ],
  field: [
    { id: 'imports.kind.field.plural', defaultMessage: 'Custom fields' },
    { id: 'imports.kind.field.one', defaultMessage: 'Custom field' },
  ],
  ticket: [
    { id: 'imports.kind.ticket.plural', defaultMessage: 'Tickets' },
    { id: 'imports.kind.ticket.one', defaultMessage: 'Ticket' },
  ],
  message: [
    { id: 'imports.kind.message.plural', defaultMessage: 'Messages' },
    { id: 'imports.kind.message.one', defaultMessage: 'Message' },
  ],
  attachment: [
    { id: 'imports.kind.attachment.plural', defaultMessage: 'Attachments' },
    { id: 'imports.kind.attachment.one', defaultMessage: 'Attachment' },
  ],
  link: [
    { id: 'imports.kind.link.plural', defaultMessage: 'Links' },
    { id: 'imports.kind.link.one', defaultMessage: 'Link' },
  ],
  merge: [
    { id: 'imports.kind.merge.plural', defaultMessage: 'Merges' },
    { id: 'imports.kind.merge.one', defaultMessage: 'Merge' },
  ],
};

export const kindLabel = (kind: string, plural = true) => {
  const label = KINDS[kind]?.[plural ? 0 : 1];
  return label ? t(label) : kind;
};

/** Kinds in the order an import reads them; unknown ones after, as the API gave them. */
export const sortKinds = (kinds: string[]) => {
  const order = Object.keys(KINDS);
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  return [...kinds].sort((a, b) => rank(a) - rank(b));
};
