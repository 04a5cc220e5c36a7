import { defineMessages, type IntlShape, type MessageDescriptor } from 'react-intl';
import type { ReasonCode, ReasonValues } from '../../../../../common/timeline';
import type { TicketEvent } from '../../../api/types';
import { formatDateTime } from '../../../lib/format';

// Why a timeline event happened, in the reader's language: the server keeps a code and its values
// (common/timeline.ts) beside the English sentence. An older event has only the sentence, shown
// as it was written. The server renders the same messages (src/modules/ticket-data/reasons.ts).

const REASON: Record<ReasonCode, MessageDescriptor> = defineMessages({
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

const M: Record<'duration' | 'metric', MessageDescriptor> = defineMessages({
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
});

/** An event's reason in the reader's language; the stored sentence where there is no code. */
export function reasonOf(intl: IntlShape, e: Pick<TicketEvent, 'reason' | 'reasonCode' | 'reasonValues'>) {
  const message = e.reasonCode ? REASON[e.reasonCode] : undefined;
  if (!message) return e.reason;
  return intl.formatMessage(message, wordValues(intl, e.reasonValues ?? {}));
}

/** The values a reason's message takes: a duration, SLA targets and moments told in words. */
function wordValues(intl: IntlShape, values: ReasonValues): ReasonValues {
  const out: ReasonValues = { ...values };
  for (const [key, v] of Object.entries(values))
    if (key.endsWith('At') && typeof v === 'string' && v) out[key] = formatDateTime(v);
  if (typeof values.count === 'number' && typeof values.unit === 'string')
    out.duration = intl.formatMessage(M.duration, { count: values.count, unit: values.unit });
  if (typeof values.metrics === 'string')
    out.metrics = intl.formatList(
      values.metrics.split(',').map((metric) => intl.formatMessage(M.metric, { metric })),
      { type: 'conjunction' },
    );
  return out;
}
