import { deliverAccountEmail, deliverSignUpEmail } from '../channels/email/account-mail.js';
import { processInboundEmail } from '../channels/email/inbound.js';
import { deliverEmail, deliverEmailNotice } from '../channels/email/outbound.js';
import { processTelegramUpdate } from '../channels/telegram/inbound.js';
import { deliverTelegram, deliverTelegramNotice } from '../channels/telegram/outbound.js';
import { processInboundWhatsApp } from '../channels/whatsapp/inbound.js';
import { deliverWhatsApp, deliverWhatsAppNotice } from '../channels/whatsapp/outbound.js';
import { processWhatsAppStatus } from '../channels/whatsapp/status.js';
import { issueResetLink } from '../modules/accounts/password.service.js';
import { decideSignUp } from '../modules/accounts/sign-up.service.js';
import { runBulkStep } from '../modules/bulk/bulk.run.js';
import { runImportJob } from '../modules/imports/import.job.js';
import { sendDigest } from '../modules/notifications/digest.js';
import { fanOutNotification } from '../modules/notifications/notify.js';
import { runSlaResync } from '../modules/sla/sla.resync.js';
import { runTriggers } from '../modules/triggers/triggers.run.js';
import { deliverWebhook, fanOutWebhookEvent } from '../modules/webhooks/webhooks.deliver.js';
import { JOB_PAYLOADS, type JobName } from './payloads.js';
import type { JobHandler, JobRegistry } from './worker.js';

/** What delivers each outbox topic. */
const HANDLE: { [N in JobName]: JobHandler<N> } = {
  notification: fanOutNotification,
  'notification.digest': sendDigest,
  'bulk.step': runBulkStep,
  'import.step': runImportJob,
  'sla.resync': runSlaResync,
  'triggers.run': runTriggers,
  'deliver.email': deliverEmail,
  'deliver.email-notice': deliverEmailNotice,
  'account.reset': issueResetLink,
  'deliver.account-email': deliverAccountEmail,
  'account.sign-up': decideSignUp,
  'deliver.sign-up-email': deliverSignUpEmail,
  'inbound.email': processInboundEmail,
  'deliver.whatsapp': deliverWhatsApp,
  'deliver.whatsapp-notice': deliverWhatsAppNotice,
  'inbound.whatsapp': processInboundWhatsApp,
  'inbound.whatsapp-status': processWhatsAppStatus,
  'deliver.telegram': deliverTelegram,
  'deliver.telegram-notice': deliverTelegramNotice,
  'inbound.telegram': processTelegramUpdate,
  'webhook.event': fanOutWebhookEvent,
  'webhook.deliver': deliverWebhook,
};

/**
 * Every outbox topic: the payload it must carry (payloads.ts) and what delivers it. HANDLE's type
 * makes sure each topic has its handler; `Object.fromEntries` loses which key holds which entry.
 */
export const JOB_HANDLERS = Object.fromEntries(
  (Object.keys(HANDLE) as JobName[]).map((topic) => [
    topic,
    { payload: JOB_PAYLOADS[topic], handle: HANDLE[topic] },
  ]),
) as unknown as JobRegistry;
