import { deliverAccountEmail } from '../channels/email/account-mail.js';
import { processInboundEmail } from '../channels/email/inbound.js';
import { deliverEmail, deliverEmailNotice } from '../channels/email/outbound.js';
import { processTelegramUpdate } from '../channels/telegram/inbound.js';
import { deliverTelegram, deliverTelegramNotice } from '../channels/telegram/outbound.js';
import { processInboundWhatsApp } from '../channels/whatsapp/inbound.js';
import { deliverWhatsApp, deliverWhatsAppNotice } from '../channels/whatsapp/outbound.js';
import { processWhatsAppStatus } from '../channels/whatsapp/status.js';
import { issueResetLink } from '../modules/accounts/password.service.js';
import { fanOutNotification } from '../modules/notifications/notify.js';
import { JOB_PAYLOADS as P } from './payloads.js';
import type { JobRegistry } from './worker.js';

/** Every outbox topic: the payload it must carry and what delivers it. */
export const JOB_HANDLERS: JobRegistry = {
  notification: { payload: P.notification, handle: fanOutNotification },
  'deliver.email': { payload: P['deliver.email'], handle: deliverEmail },
  'deliver.email-notice': { payload: P['deliver.email-notice'], handle: deliverEmailNotice },
  'account.reset': { payload: P['account.reset'], handle: issueResetLink },
  'deliver.account-email': { payload: P['deliver.account-email'], handle: deliverAccountEmail },
  'inbound.email': { payload: P['inbound.email'], handle: processInboundEmail },
  'deliver.whatsapp': { payload: P['deliver.whatsapp'], handle: deliverWhatsApp },
  'deliver.whatsapp-notice': { payload: P['deliver.whatsapp-notice'], handle: deliverWhatsAppNotice },
  'inbound.whatsapp': { payload: P['inbound.whatsapp'], handle: processInboundWhatsApp },
  'inbound.whatsapp-status': { payload: P['inbound.whatsapp-status'], handle: processWhatsAppStatus },
  'deliver.telegram': { payload: P['deliver.telegram'], handle: deliverTelegram },
  'deliver.telegram-notice': { payload: P['deliver.telegram-notice'], handle: deliverTelegramNotice },
  'inbound.telegram': { payload: P['inbound.telegram'], handle: processTelegramUpdate },
};
