import type { Ctx } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { defineMessages, formatDateTime, translate } from '../../i18n/index.js';
import { enqueue } from '../../jobs/outbox.js';
import { readerOf } from '../languages/reader.js';
import { adminRecipients, type EndpointRow } from './webhooks.repository.js';

// The mail to administrators when an endpoint is turned off, each in their own language.

const M = defineMessages({
  subject: { id: 'webhooks.mail.off.subject', defaultMessage: 'Webhook “{name}” was turned off' },
  body: {
    id: 'webhooks.mail.off.body',
    defaultMessage:
      'The webhook “{name}” ({url}) kept failing since {since} and was turned off. The last failure: {why}\n\nCheck its delivery log and turn it on again under Admin › Webhooks:\n{link}',
  },
});

/** One mail per active administrator, in their language and zone. */
export async function mailEndpointTurnedOff(
  ctx: Ctx,
  trx: Executor,
  endpoint: EndpointRow,
  failingSince: string,
  why: string,
  now: string,
) {
  if (!ctx.config.mail.smtpUrl) return;
  for (const admin of await adminRecipients(trx)) {
    const reader = await readerOf(trx, admin);
    const values = {
      name: endpoint.name,
      url: endpoint.url,
      since: formatDateTime(reader.locale, reader.timeZone, failingSince),
      why,
      link: `${ctx.config.publicUrl}/admin/webhooks`,
    };
    await enqueue(
      trx,
      {
        topic: 'deliver.email-notice',
        payload: {
          to: admin.email,
          subject: translate(reader.locale, M.subject, values),
          text: translate(reader.locale, M.body, values),
          inReplyTo: null,
        },
        dedupeKey: `webhook-disabled:${endpoint.id}:${now}:${admin.email}`,
        runAt: now,
      },
      now,
    );
  }
}
