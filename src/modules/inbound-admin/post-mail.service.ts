import { receiveEmail } from '../../channels/email/inbound.js';
import type { ActorCtx } from '../../context.js';
import { AppError } from '../../errors.js';
import { authorize, type Subject } from '../../policies/policy.js';

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
    throw new AppError('validation', 'Send the raw message with Content-Type: message/rfc822');
  }
  const rcptTo = rcpt ? rcpt.split(',').map((a) => a.trim()) : [];
  return receiveEmail(ctx, raw, rcptTo);
}
