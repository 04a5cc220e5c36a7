// The shipped presets' status labels, staff's and customers'. The presets are written in English;
// applying or installing one stores these labels' translations as the statuses' variants
// (text_translations), so each reader sees them in their language until an administrator rewords them.
// Plain catalogue messages (id and English), so the engine needs nothing of the server's i18n.

/** A catalogue message, as src/i18n translates it. */
export type Label = { id: string; defaultMessage: string };

export const PRESET_LABELS = {
  open: { id: 'presets.status.open', defaultMessage: 'Open' },
  answered: { id: 'presets.status.answered', defaultMessage: 'Answered' },
  customerReply: { id: 'presets.status.customerReply', defaultMessage: 'Customer Reply' },
  inProgress: { id: 'presets.status.inProgress', defaultMessage: 'In Progress' },
  onHold: { id: 'presets.status.onHold', defaultMessage: 'On Hold' },
  closed: { id: 'presets.status.closed', defaultMessage: 'Closed' },
  reopened: { id: 'presets.status.reopened', defaultMessage: 'Reopened' },
  resolved: { id: 'presets.status.resolved', defaultMessage: 'Resolved' },
  awaitingCustomer: { id: 'presets.status.awaitingCustomer', defaultMessage: 'Awaiting customer' },
  waitingOnYou: { id: 'presets.status.waitingOnYou', defaultMessage: 'Waiting on You' },
  submitted: { id: 'presets.status.submitted', defaultMessage: 'Submitted' },
  submittedToSupport: {
    id: 'presets.status.submittedToSupport',
    defaultMessage: 'Ticket submitted to Support',
  },
  withSupport: { id: 'presets.status.withSupport', defaultMessage: 'With Support' },
  withSupportTeam: { id: 'presets.status.withSupportTeam', defaultMessage: 'Ticket with Support Team' },
  awaitingCustomerReply: {
    id: 'presets.status.awaitingCustomerReply',
    defaultMessage: 'Awaiting customer reply',
  },
  withConfiguration: { id: 'presets.status.withConfiguration', defaultMessage: 'With Configuration Team' },
  withRnd: { id: 'presets.status.withRnd', defaultMessage: 'With R&D' },
  withProduct: { id: 'presets.status.withProduct', defaultMessage: 'With Product' },
  withDevops: { id: 'presets.status.withDevops', defaultMessage: 'With DevOps' },
  withCustomerSuccess: { id: 'presets.status.withCustomerSuccess', defaultMessage: 'With Customer Success' },
  resolvedAwaiting: {
    id: 'presets.status.resolvedAwaiting',
    defaultMessage: 'Resolved – awaiting confirmation',
  },
  resolvedAwaitingCustomer: {
    id: 'presets.status.resolvedAwaitingCustomer',
    defaultMessage: 'Ticket resolved, awaiting confirmation',
  },
  ticketClosed: { id: 'presets.status.ticketClosed', defaultMessage: 'Ticket closed' },
} satisfies Record<string, Label>;

const byEnglish = new Map<string, Label>(Object.values(PRESET_LABELS).map((m) => [m.defaultMessage, m]));

/** The shipped label a status still has in its preset's English wording, if it has one. */
export const presetLabel = (english: string): Label | undefined => byEnglish.get(english);
