import { defineMessages } from '../../i18n/index.js';

// The words of notification and account mails; the numbers are passed as text ("#1234", never "#1,234").

export const MAIL = defineMessages({
  subject: { id: 'mail.subject', defaultMessage: '[#{number}] {subject}' },
  greeting: { id: 'mail.greeting', defaultMessage: 'Hello {name},' },
  someone: { id: 'mail.someone', defaultMessage: 'Someone', description: 'an author who is not known' },
  support: {
    id: 'mail.support',
    defaultMessage: 'Support',
    description: 'the author of a reply by staff whose name is gone',
  },
  created: { id: 'mail.lead.created', defaultMessage: 'A new ticket #{number} was opened by {who}.' },
  customerReply: { id: 'mail.lead.customerReply', defaultMessage: '{who} replied on ticket #{number}.' },
  reopened: { id: 'mail.lead.reopened', defaultMessage: 'Ticket #{number} was reopened.' },
  assigned: { id: 'mail.lead.assigned', defaultMessage: 'Ticket #{number} was assigned to you.' },
  mentioned: {
    id: 'mail.lead.mentioned',
    defaultMessage: 'You were mentioned in an internal note on ticket #{number}.',
  },
  slaWarning: {
    id: 'mail.lead.slaWarning',
    defaultMessage: 'Ticket #{number} is close to missing a service-level target.',
  },
  slaBreach: { id: 'mail.lead.slaBreach', defaultMessage: 'Ticket #{number} missed a service-level target.' },
  urgent: { id: 'mail.lead.urgent', defaultMessage: 'Urgent: ticket #{number} needs attention now.' },
  staffReply: {
    id: 'mail.lead.staffReply',
    defaultMessage: '{who} from Support replied on your ticket #{number}.',
  },
  waitingOnCustomer: {
    id: 'mail.lead.waitingOnCustomer',
    defaultMessage: 'We need a reply from you to continue with ticket #{number}.',
  },
  reminder: {
    id: 'mail.lead.reminder',
    defaultMessage: 'A reminder: ticket #{number} is waiting for your reply. Without one it will be closed.',
  },
  resolved: { id: 'mail.lead.resolved', defaultMessage: 'Your ticket #{number} was marked resolved.' },
  closed: { id: 'mail.lead.closed', defaultMessage: 'Your ticket #{number} is now closed.' },
  merged: {
    id: 'mail.lead.merged',
    defaultMessage: 'Your ticket #{number} was merged into #{into}; the conversation continues there.',
  },
  survey: {
    id: 'mail.lead.survey',
    defaultMessage: 'How did we do with ticket #{number}? It takes ten seconds to tell us.',
  },
  updated: { id: 'mail.lead.updated', defaultMessage: 'Ticket #{number} was updated.' },
  status: { id: 'mail.status', defaultMessage: 'Status: {status}' },
  time: { id: 'mail.time', defaultMessage: 'Time: {time}', description: 'when the event happened' },
  surveyText: { id: 'mail.survey.text', defaultMessage: 'Rate the help you got: {url}' },
  surveyLink: { id: 'mail.survey.link', defaultMessage: 'Rate the help you got' },
  viewText: { id: 'mail.view.text', defaultMessage: 'View the ticket: {url}' },
  viewLink: { id: 'mail.view.link', defaultMessage: 'View ticket #{number}' },
  replyHint: { id: 'mail.replyHint', defaultMessage: 'Reply to this email to add your reply to the ticket.' },
  linkUntil: { id: 'mail.link.until', defaultMessage: 'The link works once, until {date}.' },
  actionLine: { id: 'mail.link.action', defaultMessage: '{action}: {url}' },
});

export const ACCOUNT_MAILS = {
  invite: defineMessages({
    subject: { id: 'account.mail.invite.subject', defaultMessage: 'You are invited to {site}' },
    lead: {
      id: 'account.mail.invite.lead',
      defaultMessage: 'You have been invited to {site}. Choose your name and a password to sign in.',
    },
    action: { id: 'account.mail.invite.action', defaultMessage: 'Accept the invitation' },
    after: {
      id: 'account.mail.invite.after',
      defaultMessage:
        'If you did not expect this invitation, ignore this mail: nothing happens without the link.',
    },
  }),
  reset: defineMessages({
    subject: { id: 'account.mail.reset.subject', defaultMessage: 'Choose a new password for {site}' },
    lead: {
      id: 'account.mail.reset.lead',
      defaultMessage: 'Someone asked to reset the password of your {site} account.',
    },
    action: { id: 'account.mail.reset.action', defaultMessage: 'Choose a new password' },
    after: {
      id: 'account.mail.reset.after',
      defaultMessage: 'If it was not you, ignore this mail: your password stays as it is.',
    },
  }),
  verify: defineMessages({
    subject: { id: 'account.mail.verify.subject', defaultMessage: 'Confirm your address for {site}' },
    lead: {
      id: 'account.mail.verify.lead',
      defaultMessage:
        'Someone, we hope you, asked to create an account at {site} with this address. Confirm it to finish and sign in.',
    },
    action: { id: 'account.mail.verify.action', defaultMessage: 'Confirm my address' },
    after: {
      id: 'account.mail.verify.after',
      defaultMessage: 'If it was not you, ignore this mail: no account is made without the link.',
    },
  }),
  exists: defineMessages({
    subject: { id: 'account.mail.exists.subject', defaultMessage: 'You already have an account at {site}' },
    lead: {
      id: 'account.mail.exists.lead',
      defaultMessage:
        'Someone, we hope you, asked to create an account at {site} with this address, which has one already. Sign in with your password, or, if you have forgotten it or never chose one, choose a new one.',
    },
    action: { id: 'account.mail.exists.action', defaultMessage: 'Choose a new password' },
    after: {
      id: 'account.mail.exists.after',
      defaultMessage: 'If it was not you, ignore this mail: your account and password stay as they are.',
    },
  }),
};
