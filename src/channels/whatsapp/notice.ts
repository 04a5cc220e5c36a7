import { SOURCE_LOCALE } from '../../../common/i18n.js';
import { defineMessages, type Message, translate } from '../../i18n/index.js';
import type { TicketView } from '../../modules/ticket-data/tickets.repository.js';
import type { OutgoingMessage } from './api.js';

// Pure: what an outgoing WhatsApp notice says, and which media message carries a file. No I/O.

const NOTICE = defineMessages({
  waitingOnCustomer: {
    id: 'notice.whatsapp.waitingOnCustomer',
    defaultMessage: '#{number}: We need a reply from you to continue with “{subject}”. Just answer here.',
  },
  reminder: {
    id: 'notice.whatsapp.reminder',
    defaultMessage:
      '#{number}: A reminder: “{subject}” is waiting for your reply. Without one it will be closed.',
  },
  resolved: {
    id: 'notice.whatsapp.resolved',
    defaultMessage: '#{number}: Your ticket “{subject}” was marked resolved.',
  },
  closed: {
    id: 'notice.whatsapp.closed',
    defaultMessage: '#{number}: Your ticket “{subject}” is now closed.',
  },
  survey: {
    id: 'notice.whatsapp.survey',
    defaultMessage: '#{number}: How did we do with “{subject}”? Tell us in ten seconds: {url}',
  },
  updated: {
    id: 'notice.whatsapp.updated',
    defaultMessage: '#{number}: Your ticket “{subject}” was updated.',
  },
});

/**
 * Every message leads with the ticket number, so a customer with several tickets knows which one;
 * in the recipient's language.
 */
export function noticeText(
  event: string,
  ticket: TicketView,
  body: string | null,
  url: string | undefined,
  locale = SOURCE_LOCALE,
): string {
  const values = { number: String(ticket.number), subject: ticket.subject, url: url ?? '' };
  const say = (message: Message) => translate(locale, message, values);
  switch (event) {
    case 'ticket.staff_reply':
      return `#${ticket.number}: ${body ?? ''}`;
    case 'ticket.waiting_on_customer':
      return say(NOTICE.waitingOnCustomer);
    case 'ticket.reminder':
      return say(NOTICE.reminder);
    case 'ticket.resolved':
      return say(NOTICE.resolved);
    case 'ticket.closed':
      return say(NOTICE.closed);
    case 'ticket.survey':
      return say(NOTICE.survey);
    default:
      return say(NOTICE.updated);
  }
}

/** A file as WhatsApp's media message of the matching kind; what it cannot play goes as a document. */
export function mediaMessage(
  contentType: string,
  id: string,
  caption: string,
  filename: string,
): OutgoingMessage {
  const type = contentType.split(';')[0]?.trim() ?? '';
  if (type === 'image/jpeg' || type === 'image/png') return { type: 'image', image: { id, caption } };
  if (type === 'video/mp4' || type === 'video/3gpp') return { type: 'video', video: { id, caption } };
  if (['audio/aac', 'audio/mp4', 'audio/mpeg', 'audio/amr', 'audio/ogg'].includes(type))
    return { type: 'audio', audio: { id } };
  return { type: 'document', document: { id, caption, filename } };
}
