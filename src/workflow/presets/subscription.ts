import type { WorkflowDocument } from '../types.js';

/** Seed 002: any customer reply, in any channel, reopens; staff replies keep the status. */
export const subscription: WorkflowDocument = {
  preset: 'subscription',
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
      manual: true,
    },
    {
      key: 'reopened',
      staffLabel: 'Reopened',
      customerLabel: 'Reopened',
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
  onCustomerReply: [{ from: ['*'], to: 'reopened' }],
  onStaffReply: [],
  timers: [],
  reopenClosedOnReply: true,
  surveyOnClose: false,
};
