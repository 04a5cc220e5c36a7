export const STATUS_CATEGORIES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
export type StatusCategory = (typeof STATUS_CATEGORIES)[number];

export type WorkflowStatus = {
  key: string;
  staffLabel: string;
  customerLabel: string;
  category: StatusCategory;
  /** May a customer reply while the ticket is in this status? */
  customerCanReply: boolean;
  /** false: only rules may set it (e.g. `answered` in the classic preset). */
  manual: boolean;
};

/** `from` lists status keys; `*` matches any status. */
export type ReplyRule = { from: string[]; to: string };

export type Timer = {
  status: string;
  /** ISO 8601 duration, e.g. P7D or PT2S. */
  after: string;
  action: 'remind' | 'transition';
  to?: string;
  since?: 'entered' | 'lastActivity';
};

export type WorkflowDocument = {
  preset: string;
  initialStatus: string;
  statuses: WorkflowStatus[];
  onCustomerReply: ReplyRule[];
  onStaffReply: ReplyRule[];
  timers: Timer[];
  reopenClosedOnReply: boolean;
  surveyOnClose: boolean;
};
