import { processInboundEmail } from '../channels/email/inbound.js';
import { deliverEmail, deliverEmailNotice } from '../channels/email/outbound.js';
import { processTelegramUpdate } from '../channels/telegram/inbound.js';
import { deliverTelegram, deliverTelegramNotice } from '../channels/telegram/outbound.js';
import { processInboundWhatsApp } from '../channels/whatsapp/inbound.js';
import { deliverWhatsApp, deliverWhatsAppNotice } from '../channels/whatsapp/outbound.js';
import { processWhatsAppStatus } from '../channels/whatsapp/status.js';
import { fanOutNotification } from '../modules/notifications/notify.js';
import type { JobHandler } from './worker.js';

/** Every outbox topic and what delivers it. */
export const JOB_HANDLERS: Record<string, JobHandler> = {
  notification: fanOutNotification,
  'deliver.email': deliverEmail,
  'deliver.email-notice': deliverEmailNotice,
  'inbound.email': processInboundEmail,
  'deliver.whatsapp': deliverWhatsApp,
  'deliver.whatsapp-notice': deliverWhatsAppNotice,
  'inbound.whatsapp': processInboundWhatsApp,
  'inbound.whatsapp-status': processWhatsAppStatus,
  'deliver.telegram': deliverTelegram,
  'deliver.telegram-notice': deliverTelegramNotice,
  'inbound.telegram': processTelegramUpdate,
};
