import type { Ctx } from '../context.js';
import { enqueue, type OutboxJob } from '../jobs/outbox.js';
import { newId } from '../lib/crypto.js';
import { autoReplyOf, countSentSince, insertAutoReply, lockRecipient } from './auto-reply.repository.js';

/**
 * Queues one automatic answer (a refusal, "your reply was not added") unless its recipient had
 * their share already: at most `autoMailCap.tenMinutes` in 10 minutes and `autoMailCap.hour` in an
 * hour. Counted in the database inside the transaction that enqueues, so every node and a restart
 * see the same count. A suppressed answer is recorded (the admin's list of inbound mail shows it)
 * and logged, never sent. One answer per inbound message, however often it is processed.
 */
export async function queueAutoReply(
  ctx: Ctx,
  a: { channel: string; recipient: string; inboundId: string | null; subject: string; job: OutboxJob },
): Promise<'sent' | 'suppressed'> {
  const recipient = a.recipient.trim().toLowerCase();
  const now = ctx.clock();
  const at = (ms: number) => new Date(now.getTime() - ms).toISOString();
  const cap = ctx.config.mail.autoMailCap;
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    await lockRecipient(trx, a.channel, recipient);
    const earlier = a.inboundId ? await autoReplyOf(trx, a.inboundId) : undefined;
    if (earlier) return earlier.suppressed ? 'suppressed' : 'sent';
    const over =
      (await countSentSince(trx, a.channel, recipient, at(10 * 60_000))) >= cap.tenMinutes ||
      (await countSentSince(trx, a.channel, recipient, at(60 * 60_000))) >= cap.hour;
    await insertAutoReply(trx, {
      id: newId(),
      channel: a.channel,
      recipient,
      inbound_id: a.inboundId,
      subject: a.subject.slice(0, 200),
      suppressed: over ? 1 : 0,
      created_at: now.toISOString(),
    });
    if (!over) await enqueue(trx, a.job, now.toISOString());
    return over ? ('suppressed' as const) : ('sent' as const);
  });
  if (outcome === 'suppressed')
    ctx.log.warn(
      { channel: a.channel, recipient, inboundId: a.inboundId },
      'automatic answer suppressed: the recipient reached the cap on automatic mail',
    );
  return outcome;
}
