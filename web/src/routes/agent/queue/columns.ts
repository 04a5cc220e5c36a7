import { defineMessages, type MessageDescriptor } from 'react-intl';
import { DEFAULT_COLUMNS, VIEW_COLUMNS, type ViewColumn } from '../../../../../common/views';
import type { TicketSort } from '../../../api/types';
import { t } from '../../../i18n/t';
import { csvList } from '../../../search';

export type Column = { sort: ViewColumn; readonly label: string; firstOrder: 'asc' | 'desc' };

const COLUMN_LABEL = defineMessages({
  number: { id: 'agent.queue.column.number', defaultMessage: 'No.' },
  subject: { id: 'agent.queue.column.subject', defaultMessage: 'Subject' },
  customer: { id: 'agent.queue.column.customer', defaultMessage: 'Customer' },
  department: { id: 'agent.queue.column.department', defaultMessage: 'Department' },
  status: { id: 'agent.queue.column.status', defaultMessage: 'Status' },
  priority: { id: 'agent.queue.column.priority', defaultMessage: 'Priority' },
  slaDue: { id: 'agent.queue.column.slaDue', defaultMessage: 'Due' },
  createdAt: { id: 'agent.queue.column.createdAt', defaultMessage: 'Created' },
  lastActivityAt: { id: 'agent.queue.column.lastActivityAt', defaultMessage: 'Updated' },
  assignee: { id: 'agent.queue.column.assignee', defaultMessage: 'Assignee' },
} satisfies Record<ViewColumn, MessageDescriptor>);

const column = (sort: ViewColumn, firstOrder: 'asc' | 'desc'): Column => ({
  sort,
  // A getter, so the label is in the reader's language when it is drawn, not when this loads.
  get label() {
    return t(COLUMN_LABEL[sort]);
  },
  firstOrder,
});

export const COLUMNS: Column[] = [
  column('number', 'desc'),
  column('subject', 'asc'),
  column('customer', 'asc'),
  column('department', 'asc'),
  column('status', 'asc'),
  column('priority', 'desc'),
  // Soonest first: what needs an answer next.
  column('slaDue', 'asc'),
  column('createdAt', 'desc'),
  column('lastActivityAt', 'desc'),
  column('assignee', 'asc'),
];

/** The columns a search shows, in the queue's order; every column but Created when it names none. */
export function columnsOf(columns: string | undefined): ViewColumn[] {
  const chosen = new Set(csvList(columns));
  const shown = VIEW_COLUMNS.filter((c) => chosen.has(c));
  return shown.length > 0 ? shown : DEFAULT_COLUMNS;
}

export const CATEGORY_PREFIX = 'cat:';
const SORT_NAME = defineMessages({
  number: { id: 'agent.queue.sortName.number', defaultMessage: 'ticket number' },
  subject: { id: 'agent.queue.sortName.subject', defaultMessage: 'subject' },
  customer: { id: 'agent.queue.sortName.customer', defaultMessage: 'customer' },
  department: { id: 'agent.queue.sortName.department', defaultMessage: 'department' },
  status: { id: 'agent.queue.sortName.status', defaultMessage: 'status' },
  priority: { id: 'agent.queue.sortName.priority', defaultMessage: 'priority' },
  createdAt: { id: 'agent.queue.sortName.createdAt', defaultMessage: 'creation time' },
  lastActivityAt: { id: 'agent.queue.sortName.lastActivityAt', defaultMessage: 'last update' },
  assignee: { id: 'agent.queue.sortName.assignee', defaultMessage: 'assignee' },
  slaDue: { id: 'agent.queue.sortName.slaDue', defaultMessage: 'service-level due time' },
} satisfies Record<TicketSort, MessageDescriptor>);

/** What the queue is sorted by, in words, in the reader's language. */
export const sortName = (sort: TicketSort) => t(SORT_NAME[sort]);
