import { defineMessages } from '../../i18n/index.js';

/** What the bot answers in a chat, in the language of the chat's person. */
export const CHAT = defineMessages({
  howToLink: {
    id: 'notice.telegram.howToLink',
    defaultMessage:
      'To get notifications about your support tickets here, open Account Settings in the support portal and choose “Link Telegram”. This chat is linked to nothing until you do.',
  },
  howToReply: {
    id: 'notice.telegram.howToReply',
    defaultMessage:
      'To answer a ticket, reply to its notification here (swipe left on it, or tap and hold, then Reply). To open a new ticket, use the support portal.',
  },
  linkExpired: {
    id: 'notice.telegram.linkExpired',
    defaultMessage:
      'This link has expired or was already used. Create a new one in Account Settings (“Link Telegram”) and open it within {minutes} minutes.',
  },
  linked: {
    id: 'notice.telegram.linked',
    defaultMessage:
      "Linked to {name}'s support account. You will get notifications here when we reply to your tickets and when they are resolved; change that in Account Settings. Send /stop to unlink.",
  },
  unlinked: {
    id: 'notice.telegram.unlinked',
    defaultMessage:
      'Unlinked: you will get no more notifications here. You can link again from Account Settings.',
  },
  notLinked: {
    id: 'notice.telegram.notLinked',
    defaultMessage: 'This chat is not linked to a support account.',
  },
  noLongerLinked: {
    id: 'notice.telegram.noLongerLinked',
    defaultMessage:
      'This chat is no longer linked to the account that notification was for, so your reply was not added.',
  },
  nothingTaken: {
    id: 'notice.telegram.nothingTaken',
    defaultMessage:
      'Only text, files, photos and voice notes are taken here: please send this on ticket #{number} in the support portal.',
  },
  fileNotAdded: {
    id: 'notice.telegram.fileNotAdded',
    defaultMessage:
      'Your {kind, select, photo {photo} voice {voice note} audio {audio} video {video} other {file}} was not added to ticket #{number}. {why}',
  },
  replyNotAdded: {
    id: 'notice.telegram.replyNotAdded',
    defaultMessage: 'Your reply was not added to ticket #{number}. {why}',
  },
  cannotSee: { id: 'notice.telegram.cannotSee', defaultMessage: 'You can no longer see that ticket.' },
});
