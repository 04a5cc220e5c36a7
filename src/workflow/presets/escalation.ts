import type { WorkflowDocument } from '../types.js';
import { closed, status } from './status.js';

const team = (key: string, label: string) => status(key, label, 'on_hold');

/** Seed 003: support escalates to specialist teams; silence is chased, then closed; closing asks for feedback. */
export const escalation: WorkflowDocument = {
  preset: 'escalation',
  initialStatus: 'submitted',
  statuses: [
    status('submitted', 'Submitted', 'new', { customerLabel: 'Ticket submitted to Support' }),
    status('with_support', 'With Support', 'open', { customerLabel: 'Ticket with Support Team' }),
    status('awaiting_customer', 'Awaiting customer reply', 'pending'),
    team('with_configuration', 'With Configuration Team'),
    team('with_rnd', 'With R&D'),
    team('with_product', 'With Product'),
    team('with_devops', 'With DevOps'),
    team('with_csm', 'With Customer Success'),
    status('resolved', 'Resolved – awaiting confirmation', 'solved', {
      customerLabel: 'Ticket resolved, awaiting confirmation',
    }),
    closed({ customerLabel: 'Ticket closed' }),
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
