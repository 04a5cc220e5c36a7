import type { WorkflowDocument, WorkflowStatus } from '../types.js';

const team = (key: string, label: string): WorkflowStatus => ({
  key,
  staffLabel: label,
  customerLabel: label,
  category: 'on_hold',
  customerCanReply: true,
  manual: true,
});

/** Seed 003: support escalates to specialist teams; silence is chased, then closed; closing asks for feedback. */
export const escalation: WorkflowDocument = {
  preset: 'escalation',
  initialStatus: 'submitted',
  statuses: [
    {
      key: 'submitted',
      staffLabel: 'Submitted',
      customerLabel: 'Ticket submitted to Support',
      category: 'new',
      customerCanReply: true,
      manual: true,
    },
    {
      key: 'with_support',
      staffLabel: 'With Support',
      customerLabel: 'Ticket with Support Team',
      category: 'open',
      customerCanReply: true,
      manual: true,
    },
    {
      key: 'awaiting_customer',
      staffLabel: 'Awaiting customer reply',
      customerLabel: 'Awaiting customer reply',
      category: 'pending',
      customerCanReply: true,
      manual: true,
    },
    team('with_configuration', 'With Configuration Team'),
    team('with_rnd', 'With R&D'),
    team('with_product', 'With Product'),
    team('with_devops', 'With DevOps'),
    team('with_csm', 'With Customer Success'),
    {
      key: 'resolved',
      staffLabel: 'Resolved – awaiting confirmation',
      customerLabel: 'Ticket resolved, awaiting confirmation',
      category: 'solved',
      customerCanReply: true,
      manual: true,
    },
    {
      key: 'closed',
      staffLabel: 'Closed',
      customerLabel: 'Ticket closed',
      category: 'closed',
      customerCanReply: true,
      manual: true,
    },
  ],
  onCustomerReply: [{ from: ['*'], to: 'with_support' }],
  onStaffReply: [],
  timers: [
    { status: 'awaiting_customer', after: 'P2D', action: 'remind' },
    { status: 'awaiting_customer', after: 'P5D', action: 'remind' },
    { status: 'awaiting_customer', after: 'P7D', action: 'transition', to: 'closed' },
    { status: 'resolved', after: 'P2D', action: 'transition', to: 'closed' },
  ],
  reopenClosedOnReply: true,
  surveyOnClose: true,
};
