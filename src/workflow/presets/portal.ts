import type { WorkflowDocument } from '../types.js';

/** Seed 000: a customer portal where resolved tickets are read-only and close after a week. */
export const portal: WorkflowDocument = {
  preset: 'portal',
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
      key: 'in_progress',
      staffLabel: 'In Progress',
      customerLabel: 'In Progress',
      category: 'open',
      customerCanReply: true,
      manual: true,
    },
    {
      key: 'waiting_on_you',
      staffLabel: 'Awaiting customer',
      customerLabel: 'Waiting on You',
      category: 'pending',
      customerCanReply: true,
      manual: true,
    },
    {
      key: 'resolved',
      staffLabel: 'Resolved',
      customerLabel: 'Resolved',
      category: 'solved',
      customerCanReply: false,
      manual: true,
    },
    {
      key: 'closed',
      staffLabel: 'Closed',
      customerLabel: 'Closed',
      category: 'closed',
      customerCanReply: false,
      manual: true,
    },
  ],
  onCustomerReply: [{ from: ['waiting_on_you'], to: 'open' }],
  onStaffReply: [],
  timers: [{ status: 'resolved', after: 'P7D', action: 'transition', to: 'closed' }],
  reopenClosedOnReply: false,
  surveyOnClose: false,
};
