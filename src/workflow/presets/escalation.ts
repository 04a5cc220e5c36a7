import type { WorkflowDocument } from '../types.js';
import { PRESET_LABELS as L, type Label } from './labels.js';
import { closed, status } from './status.js';

const team = (key: string, label: Label) => status(key, label, 'on_hold');

/** Seed 003: support escalates to specialist teams; silence is chased, then closed; closing asks for feedback. */
export const escalation: WorkflowDocument = {
  preset: 'escalation',
  initialStatus: 'submitted',
  statuses: [
    status('submitted', L.submitted, 'new', { customerLabel: L.submittedToSupport }),
    status('with_support', L.withSupport, 'open', { customerLabel: L.withSupportTeam }),
    status('awaiting_customer', L.awaitingCustomerReply, 'pending'),
    team('with_configuration', L.withConfiguration),
    team('with_rnd', L.withRnd),
    team('with_product', L.withProduct),
    team('with_devops', L.withDevops),
    team('with_csm', L.withCustomerSuccess),
    status('resolved', L.resolvedAwaiting, 'solved', {
      customerLabel: L.resolvedAwaitingCustomer,
    }),
    closed({ customerLabel: L.ticketClosed }),
  ],
  onCustomerReply: [{ from: ['*'], to: 'with_support' }],
  onStaffReply: [],
  onCustomerClose: [{ from: ['*'], to: 'closed' }],
  onCustomerReopen: [{ from: ['resolved', 'closed'], to: 'with_support' }],
  timers: [
    { status: 'awaiting_customer', after: 'P2D', action: 'remind' },
    { status: 'awaiting_customer', after: 'P5D', action: 'remind' },
    { status: 'awaiting_customer', after: 'P7D', action: 'transition', to: 'closed' },
    { status: 'resolved', after: 'P2D', action: 'transition', to: 'closed' },
  ],
  reopenClosedOnReply: true,
  surveyOnClose: true,
};
