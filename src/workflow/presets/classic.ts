import type { WorkflowDocument } from '../types.js';
import { PRESET_LABELS as L } from './labels.js';
import { closed, status } from './status.js';

/** Seed 004: staff replies mark a ticket Answered, customer replies mark it Customer Reply. */
export const classic: WorkflowDocument = {
  preset: 'classic',
  initialStatus: 'open',
  statuses: [
    status('open', L.open, 'open'),
    status('answered', L.answered, 'pending', { manual: false }),
    status('customer_reply', L.customerReply, 'open'),
    status('in_progress', L.inProgress, 'open'),
    status('on_hold', L.onHold, 'on_hold'),
    closed(),
  ],
  onCustomerReply: [{ from: ['*'], to: 'customer_reply' }],
  onStaffReply: [{ from: ['*'], to: 'answered' }],
  onCustomerClose: [{ from: ['*'], to: 'closed' }],
  onCustomerReopen: [{ from: ['closed'], to: 'customer_reply' }],
  // Closed after 7 days without a word from the customer once staff answered; the days are the
  // admin's to change. Only Answered: a ticket waiting on staff (Open, Customer Reply, In
  // Progress, On Hold) is never closed for the staff's silence.
  timers: [{ status: 'answered', after: 'P7D', since: 'lastActivity', action: 'transition', to: 'closed' }],
  reopenClosedOnReply: true,
  surveyOnClose: false,
};
