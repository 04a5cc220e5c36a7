import { defineMessages } from '../../i18n/index.js';

/** What the WhatsApp number answers a sender, in the sender's language. */
export const WA = defineMessages({
  notFound: { id: 'notice.whatsapp.notFound', defaultMessage: 'We could not find that ticket among yours.' },
  severalServices: {
    id: 'notice.whatsapp.severalServices',
    defaultMessage:
      'You have more than one service with us: please open this ticket in the support portal, where you can choose which one it is about.',
  },
  tryPortal: { id: 'notice.whatsapp.tryPortal', defaultMessage: 'Please try again in the support portal.' },
  tryLater: {
    id: 'notice.whatsapp.tryLater',
    defaultMessage: 'Please try again later, or use the support portal.',
  },
  mediaNotAdded: {
    id: 'notice.whatsapp.mediaNotAdded',
    defaultMessage:
      'Your {kind, select, image {photo} video {video} audio {audio message} voice {voice note} document {document} sticker {sticker} other {file}} was not added to your ticket. {why}',
  },
  tooBig: { id: 'notice.whatsapp.tooBig', defaultMessage: 'Files may be at most {mb} MB.' },
  notFetched: {
    id: 'notice.whatsapp.notFetched',
    defaultMessage: 'We could not fetch it from WhatsApp; please send it again.',
  },
  unknownNumber: {
    id: 'notice.whatsapp.unknownNumber',
    defaultMessage:
      'Hello! We could not find a customer account with this WhatsApp number, so we have not opened a ticket. Please add this number to your profile in our support portal (or ask us to), then write again.',
  },
  ambiguousNumber: {
    id: 'notice.whatsapp.ambiguousNumber',
    defaultMessage:
      'Hello! This WhatsApp number is on more than one customer account, so we cannot tell whose ticket this is. We have not opened a ticket; please ask us to correct the numbers on your accounts.',
  },
  unsupported: {
    id: 'notice.whatsapp.unsupported',
    defaultMessage: 'Sorry, we can only take text, photos, videos, audio, voice notes and documents here.',
  },
  afterColon: {
    id: 'notice.whatsapp.afterColon',
    defaultMessage: 'Please write your message after the colon, for example "new: my bot stopped trading".',
  },
  notYours: {
    id: 'notice.whatsapp.notYours',
    defaultMessage:
      'We could not find ticket #{number} among your tickets, so your message was not added. Check the number, or start your message with "new:" to open a new ticket.',
  },
  replyNotAdded: {
    id: 'notice.whatsapp.replyNotAdded',
    defaultMessage: 'Your message was not added to ticket #{number}. {why}',
  },
  opened: {
    id: 'notice.whatsapp.opened',
    defaultMessage:
      'Thank you, we opened ticket #{number} for you. Reply to this message to add to it, or start a message with "{number}:".',
  },
  notOpened: { id: 'notice.whatsapp.notOpened', defaultMessage: 'We could not open a ticket. {why}' },
});

/**
 * What a message without words gives a new ticket: its subject and the body standing for the file.
 * Written in the customer's language (else the installation's) when the ticket is opened: the
 * subject is data both sides then see and may edit, not a text of the product that follows each reader.
 */
export const WA_TICKET = defineMessages({
  subject: {
    id: 'whatsapp.ticket.subject',
    defaultMessage:
      '{kind, select, image {Photo from WhatsApp} video {Video from WhatsApp} audio {Audio message from WhatsApp} voice {Voice note from WhatsApp} document {Document from WhatsApp} sticker {Sticker from WhatsApp} other {WhatsApp message}}',
  },
  body: {
    id: 'whatsapp.ticket.body',
    defaultMessage:
      '{kind, select, image {(photo)} video {(video)} audio {(audio message)} voice {(voice note)} document {(document)} sticker {(sticker)} other {(file)}}',
  },
});
