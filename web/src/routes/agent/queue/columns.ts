import { DEFAULT_COLUMNS, VIEW_COLUMNS, type ViewColumn } from '../../../../../common/views';
import type { TicketSort } from '../../../api/types';
import { csvList } from '../../../search';

export type Column = { sort: ViewColumn; label: string; firstOrder: 'asc' | 'desc' };
export const COLUMNS: Column[] = [
  { sort: 'number', label: 'No.', firstOrder: 'desc' },
  { sort: 'subject', label: 'Subject', firstOrder: 'asc' },
  { sort: 'customer', label: 'Customer', firstOrder: 'asc' },
  { sort: 'department', label: 'Department', firstOrder: 'asc' },
  { sort: 'status', label: 'Status', firstOrder: 'asc' },
  { sort: 'priority', label: 'Priority', firstOrder: 'desc' },
  // Soonest first: what needs an answer next.
  { sort: 'slaDue', label: 'Due', firstOrder: 'asc' },
  { sort: 'createdAt', label: 'Created', firstOrder: 'desc' },
  { sort: 'lastActivityAt', label: 'Updated', firstOrder: 'desc' },
  { sort: 'assignee', label: 'Assignee', firstOrder: 'asc' },
];

/** The columns a search shows, in the queue's order; every column but Created when it names none. */
export function columnsOf(columns: string | undefined): ViewColumn[] {
  const chosen = new Set(csvList(columns));
  const shown = VIEW_COLUMNS.filter((c) => chosen.has(c));
  return shown.length > 0 ? shown : DEFAULT_COLUMNS;
}

export const CATEGORY_PREFIX = 'cat:';
export const SORT_NAME: Record<TicketSort, string> = {
  number: 'ticket number',
  subject: 'subject',
  customer: 'customer',
  department: 'department',
  status: 'status',
  priority: 'priority',
  createdAt: 'creation time',
  lastActivityAt: 'last update',
  assignee: 'assignee',
  slaDue: 'service-level due time',
};
