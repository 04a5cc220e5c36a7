import type { WorkflowDocument } from '../types.js';
import { PRESET_LABELS as L } from './labels.js';
import { closed, status } from './status.js';

/** Seed 002: any customer reply, in any channel, reopens; staff replies keep the status. */
export const subscription: WorkflowDocument = {
  preset: 'subscription',
  initialStatus: 'open',
  statuses: [
    status('open', L.open, 'open'),
    status('answered', L.answered, 'pending'),
    status('reopened', L.reopened, 'open'),
    status('on_hold', L.onHold, 'on_hold'),
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
