import { defineMessages, type Message } from '../../i18n/index.js';

export const DIGEST = defineMessages({
  subject: {
    id: 'mail.digest.subject',
    defaultMessage: '{count, plural, one {# ticket} other {# tickets}} updated',
  },
  intro: {
    id: 'mail.digest.intro',
    defaultMessage: '{count, plural, one {One ticket} other {# tickets}} you follow changed at once:',
  },
  line: {
    id: 'mail.digest.line',
    defaultMessage: '#{number} {subject} ({status}; {events})',
    description: 'one ticket of a digest: its status and what happened to it',
  },
  separator: {
    id: 'mail.digest.separator',
    defaultMessage: ', ',
    description: 'between the events of a line',
  },
  more: { id: 'mail.digest.more', defaultMessage: '…and {count} more.' },
});

/** What happened to a ticket, as a digest's line names it. */
export const DIGEST_EVENTS: Record<string, Message> = defineMessages({
  'ticket.created': { id: 'mail.digest.event.created', defaultMessage: 'created' },
  'ticket.customer_reply': { id: 'mail.digest.event.customerReply', defaultMessage: 'customer reply' },
  'ticket.reopened': { id: 'mail.digest.event.reopened', defaultMessage: 'reopened' },
  'ticket.assigned': { id: 'mail.digest.event.assigned', defaultMessage: 'assigned' },
  'ticket.urgent': { id: 'mail.digest.event.urgent', defaultMessage: 'urgent' },
  'ticket.staff_reply': { id: 'mail.digest.event.staffReply', defaultMessage: 'staff reply' },
  'ticket.waiting_on_customer': {
    id: 'mail.digest.event.waitingOnCustomer',
    defaultMessage: 'waiting on customer',
  },
  'ticket.reminder': { id: 'mail.digest.event.reminder', defaultMessage: 'reminder' },
  'ticket.resolved': { id: 'mail.digest.event.resolved', defaultMessage: 'resolved' },
  'ticket.closed': { id: 'mail.digest.event.closed', defaultMessage: 'closed' },
  'ticket.survey': { id: 'mail.digest.event.survey', defaultMessage: 'survey' },
  'ticket.merged': { id: 'mail.digest.event.merged', defaultMessage: 'merged' },
  'ticket.mentioned': { id: 'mail.digest.event.mentioned', defaultMessage: 'mentioned' },
  'ticket.sla_warning': { id: 'mail.digest.event.slaWarning', defaultMessage: 'sla warning' },
  'ticket.sla_breach': { id: 'mail.digest.event.slaBreach', defaultMessage: 'sla breach' },
});
