import type { WorkflowDocument } from '../types.js';
import { closed, status } from './status.js';

/** Seed 002: any customer reply, in any channel, reopens; staff replies keep the status. */
export const subscription: WorkflowDocument = {
  preset: 'subscription',
  initialStatus: 'open',
  statuses: [
    status('open', 'Open', 'open'),
    status('answered', 'Answered', 'pending'),
    status('reopened', 'Reopened', 'open'),
    status('on_hold', 'On Hold', 'on_hold'),
    closed(),
  ],
  onCustomerReply: [{ from: ['*'], to: 'reopened' }],
  onStaffReply: [],
  onCustomerClose: [{ from: ['*'], to: 'closed' }],
  onCustomerReopen: [{ from: ['closed'], to: 'reopened' }],
  timers: [],
  reopenClosedOnReply: true,
  surveyOnClose: false,
};
