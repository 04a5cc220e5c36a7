import type { WorkflowDocument } from '../types.js';
import { PRESET_LABELS as L } from './labels.js';
import { closed, status } from './status.js';

/** Seed 000: a customer portal where resolved tickets are read-only and close after a week. */
export const portal: WorkflowDocument = {
  preset: 'portal',
  initialStatus: 'open',
  statuses: [
    status('open', L.open, 'open'),
    status('in_progress', L.inProgress, 'open'),
    status('waiting_on_you', L.awaitingCustomer, 'pending', { customerLabel: L.waitingOnYou }),
    // Resolved and closed tickets are read-only for the customer.
    status('resolved', L.resolved, 'solved', { customerCanReply: false }),
    closed({ customerCanReply: false }),
  ],
  onCustomerReply: [{ from: ['waiting_on_you'], to: 'open' }],
  onStaffReply: [],
  onCustomerClose: [{ from: ['open', 'in_progress', 'waiting_on_you', 'resolved'], to: 'closed' }],
  onCustomerReopen: [{ from: ['resolved'], to: 'open' }],
  timers: [{ status: 'resolved', after: 'P7D', action: 'transition', to: 'closed' }],
  reopenClosedOnReply: false,
  surveyOnClose: false,
};
