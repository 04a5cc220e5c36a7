import type { WorkflowDocument } from '../types.js';

/** Seed 004: staff replies mark a ticket Answered, customer replies mark it Customer Reply. */
export const classic: WorkflowDocument = {
  preset: 'classic',
  initialStatus: 'open',
  statuses: [
    {
      key: 'open',
      staffLabel: 'Open',
      customerLabel: 'Open',
      category: 'open',
      customerCanReply: true,
      manual: true,
    },
    {
      key: 'answered',
      staffLabel: 'Answered',
      customerLabel: 'Answered',
      category: 'pending',
      customerCanReply: true,
      manual: false,
    },
    {
      key: 'customer_reply',
      staffLabel: 'Customer Reply',
      customerLabel: 'Customer Reply',
      category: 'open',
      customerCanReply: true,
      manual: true,
    },
    {
      key: 'in_progress',
      staffLabel: 'In Progress',
      customerLabel: 'In Progress',
      category: 'open',
      customerCanReply: true,
      manual: true,
    },
    {
      key: 'on_hold',
      staffLabel: 'On Hold',
      customerLabel: 'On Hold',
      category: 'on_hold',
      customerCanReply: true,
      manual: true,
    },
    {
      key: 'closed',
      staffLabel: 'Closed',
      customerLabel: 'Closed',
      category: 'closed',
      customerCanReply: true,
      manual: true,
    },
  ],
  onCustomerReply: [{ from: ['*'], to: 'customer_reply' }],
  onStaffReply: [{ from: ['*'], to: 'answered' }],
  // Closed after 7 days without a word from the customer once staff answered; the days are the
  // admin's to change. Only Answered: a ticket waiting on staff (Open, Customer Reply, In
  // Progress, On Hold) is never closed for the staff's silence.
  timers: [{ status: 'answered', after: 'P7D', since: 'lastActivity', action: 'transition', to: 'closed' }],
  reopenClosedOnReply: true,
  surveyOnClose: false,
};
