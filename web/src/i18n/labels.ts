import { defineMessages, type MessageDescriptor } from 'react-intl';
import type { ChannelField, ChannelName } from '../../../common/channels';
import type { KbVisibility } from '../../../common/kb';
import type { SlaMetric } from '../../../common/sla';
import { t } from './t';

// The names of keys that common/ defines (a channel's settings, a service-level metric, who reads
// an article), in the reader's language. common/ keeps English for the server's logs and exports;
// what a person reads in the web app comes from here.

const CHANNEL_FIELD_MESSAGES = {
  email: defineMessages({
    smtpUrl: { id: 'labels.channel.email.smtpUrl', defaultMessage: 'Outgoing mail server (SMTP URL)' },
    from: { id: 'labels.channel.email.from', defaultMessage: 'Sender (From)' },
    inboundAddress: { id: 'labels.channel.email.inboundAddress', defaultMessage: 'Support address' },
    imapUrl: { id: 'labels.channel.email.imapUrl', defaultMessage: 'Mailbox to poll (IMAP URL)' },
  }),
  whatsapp: defineMessages({
    apiUrl: { id: 'labels.channel.whatsapp.apiUrl', defaultMessage: 'Cloud API base URL' },
    token: { id: 'labels.channel.whatsapp.token', defaultMessage: 'Access token' },
    phoneNumberId: { id: 'labels.channel.whatsapp.phoneNumberId', defaultMessage: 'Phone number id' },
    appSecret: { id: 'labels.channel.whatsapp.appSecret', defaultMessage: 'App secret' },
    verifyToken: { id: 'labels.channel.whatsapp.verifyToken', defaultMessage: 'Webhook verify token' },
    templateName: {
      id: 'labels.channel.whatsapp.templateName',
      defaultMessage: 'Template outside the 24-hour window',
    },
    templateLanguage: { id: 'labels.channel.whatsapp.templateLanguage', defaultMessage: 'Template language' },
  }),
  telegram: defineMessages({
    apiUrl: { id: 'labels.channel.telegram.apiUrl', defaultMessage: 'Bot API base URL' },
    botToken: { id: 'labels.channel.telegram.botToken', defaultMessage: 'Bot token' },
    webhookSecret: { id: 'labels.channel.telegram.webhookSecret', defaultMessage: 'Webhook secret token' },
    botUsername: { id: 'labels.channel.telegram.botUsername', defaultMessage: 'Bot username' },
  }),
} satisfies { [C in ChannelName]: Record<ChannelField<C>, MessageDescriptor> };

/** A channel setting's name, as the admin's channel settings label its field. */
export const channelFieldLabel = (channel: ChannelName, field: string): string => {
  const message = (CHANNEL_FIELD_MESSAGES[channel] as Record<string, MessageDescriptor>)[field];
  return message ? t(message) : field;
};

const SLA_METRIC_MESSAGES = defineMessages({
  firstReply: { id: 'labels.slaMetric.firstReply', defaultMessage: 'First reply' },
  nextReply: { id: 'labels.slaMetric.nextReply', defaultMessage: 'Next reply' },
  resolution: { id: 'labels.slaMetric.resolution', defaultMessage: 'Resolution' },
}) satisfies Record<SlaMetric, MessageDescriptor>;

/** A service-level target's name: first reply, next reply, resolution. */
export const slaMetricLabel = (metric: SlaMetric): string => t(SLA_METRIC_MESSAGES[metric]);

const VISIBILITY_MESSAGES = defineMessages({
  public: { id: 'kb.visibility.public', defaultMessage: 'Everyone' },
  signed_in: { id: 'kb.visibility.signedIn', defaultMessage: 'Signed-in customers' },
  restricted: { id: 'kb.visibility.restricted', defaultMessage: 'Chosen organisations and plans' },
  staff: { id: 'kb.visibility.staff', defaultMessage: 'Staff only' },
}) satisfies Record<KbVisibility, MessageDescriptor>;

/** Who may read an article, in the reader's language. */
export const visibilityLabel = (visibility: KbVisibility): string => t(VISIBILITY_MESSAGES[visibility]);
