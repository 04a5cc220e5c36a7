import type { TicketView } from '../../modules/ticket-data/tickets.repository.js';
import type { OutgoingMessage } from './api.js';

// Pure: what an outgoing WhatsApp notice says, and which media message carries a file. No I/O.

/** Every message leads with the ticket number, so a customer with several tickets knows which one. */
export function noticeText(
  event: string,
  ticket: TicketView,
  body: string | null,
  url: string | undefined,
): string {
  const n = `#${ticket.number}`;
  const s = `“${ticket.subject}”`;
  switch (event) {
    case 'ticket.staff_reply':
      return `${n}: ${body ?? ''}`;
    case 'ticket.waiting_on_customer':
      return `${n}: We need a reply from you to continue with ${s}. Just answer here.`;
    case 'ticket.reminder':
      return `${n}: A reminder: ${s} is waiting for your reply. Without one it will be closed.`;
    case 'ticket.resolved':
      return `${n}: Your ticket ${s} was marked resolved.`;
    case 'ticket.closed':
      return `${n}: Your ticket ${s} is now closed.`;
    case 'ticket.survey':
      return `${n}: How did we do with ${s}? Tell us in ten seconds: ${url ?? ''}`;
    default:
      return `${n}: Your ticket ${s} was updated.`;
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
