import type { ReasonCode } from './timeline.js';

// Timeline reasons in words, one message of the catalogues per code (ICU, an id beside its English
// wording), read by the server (the English sentence it keeps for API clients, and mails) and by
// the web app (each reader's language). common/ has no i18n runtime: each side formats these with
// its own; the catalogue extraction puts them in both sides' catalogues, and the web build
// precompiles them as it does its own.

/** A message of the catalogues. */
export type ReasonMessage = { readonly id: string; readonly defaultMessage: string };

const defineReasons = (messages: Record<ReasonCode, ReasonMessage>) => messages;

export const REASON_MESSAGES = defineReasons({
  internal_note: { id: 'timeline.reason.internalNote', defaultMessage: 'internal note' },
  staff_replied: { id: 'timeline.reason.staffReplied', defaultMessage: 'staff replied' },
  customer_replied: { id: 'timeline.reason.customerReplied', defaultMessage: 'customer replied' },
  customer_closed: { id: 'timeline.reason.customerClosed', defaultMessage: 'closed by the customer' },
  customer_reopened: { id: 'timeline.reason.customerReopened', defaultMessage: 'reopened by the customer' },
  timer_idle: { id: 'timeline.reason.timerIdle', defaultMessage: '{duration} without activity' },
  timer_in_status: { id: 'timeline.reason.timerInStatus', defaultMessage: '{duration} in {status}' },
  reminder: { id: 'timeline.reason.reminder', defaultMessage: 'reminder after {duration}' },
  workflow_changed: {
    id: 'timeline.reason.workflowChanged',
    defaultMessage: 'workflow changed from {from} to {to}',
  },
  merged_into: { id: 'timeline.reason.mergedInto', defaultMessage: 'merged into #{number}' },
  reopened_for_merge: {
    id: 'timeline.reason.reopenedForMerge',
    defaultMessage: 'reopened to take in #{number}',
  },
  redirected: {
    id: 'timeline.reason.redirected',
    defaultMessage:
      'the {kind, select, note {note} other {reply}} was sent to #{from}, which was merged into #{into}',
  },
  imported: { id: 'timeline.reason.imported', defaultMessage: 'imported' },
  sla_due: {
    id: 'timeline.reason.slaDue',
    defaultMessage: '{kind, select, breach {{metrics} was due {dueAt}} other {{metrics} is due {dueAt}}}',
  },
  trigger_chain_cut: {
    id: 'timeline.reason.triggerChainCut',
    defaultMessage: 'chain of triggers cut at depth {depth}: the rules kept changing the ticket',
  },
  trigger_hourly_cap: {
    id: 'timeline.reason.triggerHourlyCap',
    defaultMessage:
      'held back: {scope, select, ticket {{count} messages on this ticket within an hour} other {{count} messages within an hour}}',
  },
  trigger_recipient_cap: {
    id: 'timeline.reason.triggerRecipientCap',
    defaultMessage:
      'held back: {recipient, select, requester {the requester} assignee {the assignee} department {the department’s staff} other {the address}} had their share of automatic mail ({address})',
  },
  trigger_no_recipient: {
    id: 'timeline.reason.triggerNoRecipient',
    defaultMessage:
      'no notice: the ticket has no {recipient, select, requester {requester} assignee {assignee} department {department} other {address}}',
  },
  trigger_notice_sent: {
    id: 'timeline.reason.triggerNoticeSent',
    defaultMessage:
      'sent “{subject}” to {recipient, select, requester {the requester} assignee {the assignee} department {the department’s staff ({count})} other {the address}}',
  },
  trigger_webhook_off: {
    id: 'timeline.reason.triggerWebhookOff',
    defaultMessage: 'not sent: “{name}” is turned off',
  },
  trigger_webhook_sent: {
    id: 'timeline.reason.triggerWebhookSent',
    defaultMessage: 'sent {event} to “{name}”',
  },
  trigger_refused: { id: 'timeline.reason.triggerRefused', defaultMessage: '{action}: {error}' },
  whatsapp_held: {
    id: 'timeline.reason.whatsappHeld',
    defaultMessage:
      'WhatsApp: outside the 24-hour window ({wrote, select, no {the customer has not written yet} other {the customer last wrote on {lastWroteAt}}}): {outcome, select, noTemplate {no template is set up (WHATSAPP_TEMPLATE_NAME), so nothing was sent} sentBefore {the template was sent before} refused {the template “{template}” was refused ({error})} other {sent the template “{template}” instead}}. The {what, select, reply {reply} other {notice}} goes out on WhatsApp when the customer next writes.',
  },
  whatsapp_file_refused: {
    id: 'timeline.reason.whatsappFileRefused',
    defaultMessage: 'The file “{file}” could not be sent on WhatsApp: {error}',
  },
  whatsapp_undelivered: {
    id: 'timeline.reason.whatsappUndelivered',
    defaultMessage:
      'A WhatsApp message to the customer was not delivered: {detail, select, none {no reason given} other {{detail}}}.',
  },
});

/** The words a reason's values are told in: a duration, an SLA target. */
export const REASON_WORDS = {
  duration: {
    id: 'timeline.reason.duration',
    defaultMessage:
      '{unit, select, day {{count, plural, one {# day} other {# days}}} hour {{count, plural, one {# hour} other {# hours}}} minute {{count, plural, one {# minute} other {# minutes}}} other {{count, plural, one {# second} other {# seconds}}}}',
  },
  metric: {
    id: 'timeline.reason.slaMetric',
    defaultMessage:
      '{metric, select, firstReply {first reply} nextReply {next reply} resolution {resolution} other {{metric}}}',
  },
} satisfies Record<string, ReasonMessage>;
