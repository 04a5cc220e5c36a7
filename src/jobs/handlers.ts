import { processInboundEmail } from '../channels/email/inbound.js';
import { deliverEmail, deliverEmailNotice } from '../channels/email/outbound.js';
import { fanOutNotification } from '../modules/notifications/notify.js';
import type { JobHandler } from './worker.js';

/** Every outbox topic and what delivers it. */
export const JOB_HANDLERS: Record<string, JobHandler> = {
  notification: fanOutNotification,
  'deliver.email': deliverEmail,
  'deliver.email-notice': deliverEmailNotice,
  'inbound.email': processInboundEmail,
};
