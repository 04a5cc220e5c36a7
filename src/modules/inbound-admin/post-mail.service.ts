import { receiveEmail } from '../../channels/email/inbound.js';
import type { ActorCtx } from '../../context.js';
import { refusal } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import { authorize, type Subject } from '../../policies/policy.js';

const REFUSED = defineMessages({
  rawNeeded: {
    id: 'error.inbound.raw_needed',
    defaultMessage: 'Send the raw message with Content-Type: message/rfc822',
  },
});

/**
 * A raw message posted over HTTP by an MTA pipe or a mail provider: only with an administrator's
 * API token (a browser session could be steered into posting mail), then as if SMTP received it.
 */
export async function postRawMail(
  ctx: ActorCtx,
  via: Subject['via'],
  raw: unknown,
  rcpt: string | undefined,
): Promise<{ id: string | null; duplicate: boolean }> {
  authorize(ctx.actor, 'inbound.post', { via });
  if (!Buffer.isBuffer(raw) || raw.length === 0) {
    throw refusal('validation', REFUSED.rawNeeded);
  }
  const rcptTo = rcpt ? rcpt.split(',').map((a) => a.trim()) : [];
  return receiveEmail(ctx, raw, rcptTo);
}
