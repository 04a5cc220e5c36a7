import type { TicketSort } from '../../../api/types';

export type Column = { sort: TicketSort; label: string; firstOrder: 'asc' | 'desc' };
export const COLUMNS: Column[] = [
  { sort: 'number', label: 'No.', firstOrder: 'desc' },
  { sort: 'subject', label: 'Subject', firstOrder: 'asc' },
  { sort: 'customer', label: 'Customer', firstOrder: 'asc' },
  { sort: 'department', label: 'Department', firstOrder: 'asc' },
  { sort: 'status', label: 'Status', firstOrder: 'asc' },
  { sort: 'priority', label: 'Priority', firstOrder: 'desc' },
  { sort: 'lastActivityAt', label: 'Updated', firstOrder: 'desc' },
  { sort: 'assignee', label: 'Assignee', firstOrder: 'asc' },
];

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
};
