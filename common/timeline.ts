// Why a timeline event happened, kept as a stable code and its values rather than as a sentence,
// so that each reader reads it in their own language (the server keeps the English sentence too,
// for API clients; older events have only that sentence).

export const REASON_CODES = [
  'internal_note',
  'staff_replied',
  'customer_replied',
  'customer_closed',
  'customer_reopened',
  /** A timer moved the ticket: `count` `unit`s without activity. */
  'timer_idle',
  /** A timer moved the ticket: `count` `unit`s in the status labelled `status`. */
  'timer_in_status',
  /** A reminder after `count` `unit`s. */
  'reminder',
  /** The workflow preset changed `from` → `to`. */
  'workflow_changed',
  /** Merged into ticket `number`. */
  'merged_into',
  /** Reopened to take in ticket `number`. */
  'reopened_for_merge',
  /** A note or reply (`kind`) sent to `from`, which was merged into `into`. */
  'redirected',
  'imported',
  /** SLA targets (`metrics`, comma-separated keys) due at `dueAt`; `kind` warning or breach. */
  'sla_due',
  /** A chain of triggers cut at `depth`. */
  'trigger_chain_cut',
  /** A trigger held back after `count` messages within an hour (`scope`: ticket or rule). */
  'trigger_hourly_cap',
  /** A trigger's mail to `recipient` held back: they had their share of automatic mail (`address`). */
  'trigger_recipient_cap',
  /** A trigger's notice not sent: the ticket has no `recipient` (requester, assignee, address, department). */
  'trigger_no_recipient',
  /** A trigger's notice `subject` sent to `recipient` (`count` people). */
  'trigger_notice_sent',
  /** A trigger's webhook `name` not called: it is turned off. */
  'trigger_webhook_off',
  /** A trigger sent `event` to the webhook `name`. */
  'trigger_webhook_sent',
  /** A trigger's `action` was refused: `error`. */
  'trigger_refused',
  /** A WhatsApp message outside the 24-hour window: see the server's message for the values. */
  'whatsapp_held',
  /** The attachment `file` could not be sent on WhatsApp: `error` (Meta's words). */
  'whatsapp_file_refused',
  /** A WhatsApp message was not delivered; `detail` is Meta's error, '' when it gave none. */
  'whatsapp_undelivered',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** A reason's values: plain strings and numbers; keys ending in `At` are ISO moments. */
export type ReasonValues = Record<string, string | number>;
export type Reason = { code: ReasonCode; values?: ReasonValues };

/** Time units a duration is told in, largest first. */
export const DURATION_UNITS = ['day', 'hour', 'minute', 'second'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];
