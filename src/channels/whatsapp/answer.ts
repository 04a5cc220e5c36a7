import { SOURCE_LOCALE } from '../../../common/i18n.js';
import type { Ctx } from '../../context.js';
import { AppError } from '../../errors.js';
import { translate } from '../../i18n/index.js';
import { enqueue } from '../../jobs/outbox.js';
import { storeAttachment } from '../../modules/attachments/attachments.service.js';
import { readerOf } from '../../modules/languages/reader.js';
import type { UserRow } from '../../modules/users/users.repository.js';
import type { InboundRow } from '../inbound.repository.js';
import { WA } from './answer.messages.js';
import { downloadMedia, GraphError, mediaInfo, TooLarge, type WhatsAppConfig } from './api.js';
import type { MediaKind } from './message.js';

// What inbound processing says back to a WhatsApp sender, and the media it fetches on their behalf.

export type Outcome = {
  state: InboundRow['state'];
  detail: string;
  ticketId?: string | null;
  messageId?: string | null;
};

export type Sender = { waId: string; messageId: string; inboundId: string };

/** The language a WhatsApp sender reads: their own, else the installation's. */
export async function senderLocale(ctx: Ctx, person: { locale?: string | null } | null): Promise<string> {
  return (await readerOf(ctx.db, person ? { locale: person.locale } : null)).locale;
}

/** A refusal as the customer should read it on WhatsApp, in their language. */
export function plainWords(err: AppError, locale: string = SOURCE_LOCALE): string {
  switch (err.code) {
    case 'subscription_required':
    case 'quota_exceeded':
    case 'reply_not_allowed':
    case 'unsupported_media_type':
    case 'payload_too_large':
      return err.said(locale);
    case 'not_found':
      return translate(locale, WA.notFound);
    case 'validation':
      return translate(
        locale,
        err.errors?.some((e) => e.path.endsWith('serviceId')) ? WA.severalServices : WA.tryPortal,
      );
    default:
      return translate(locale, WA.tryLater);
  }
}

/** Media id → URL → bytes → an attachment of the sender's, under the attachment rules. */
export async function fetchMedia(
  ctx: Ctx,
  wa: WhatsAppConfig,
  sender: Sender,
  user: UserRow,
  media: { kind: MediaKind; id: string; filename?: string },
): Promise<{ id: string } | { refused: Outcome }> {
  const locale = await senderLocale(ctx, user);
  const refuse = async (why: string) => {
    await answer(ctx, sender, translate(locale, WA.mediaNotAdded, { kind: media.kind, why }));
    return { refused: { state: 'refused' as const, detail: `${media.kind} ${media.id}: ${why}` } };
  };
  const { maxBytes } = ctx.config.attachments;
  const tooBig = translate(locale, WA.tooBig, { mb: String(Math.floor(maxBytes / 1_048_576)) });
  try {
    const info = await mediaInfo(wa, media.id);
    if (info.file_size && info.file_size > maxBytes) return refuse(tooBig);
    const data = await downloadMedia(wa, info.url, maxBytes);
    const ext = /^[a-z]+\/([a-z0-9.+-]+)/i.exec(info.mime_type ?? '')?.[1]?.replace('jpeg', 'jpg');
    const stored = await storeAttachment(ctx, {
      uploaderId: user.id,
      filename: media.filename || `whatsapp-${media.kind}${ext ? `.${ext}` : ''}`,
      data,
    });
    return { id: stored.id };
  } catch (err) {
    if (err instanceof TooLarge) return refuse(tooBig);
    if (err instanceof AppError) return refuse(plainWords(err, locale));
    if (err instanceof GraphError && !err.transient) return refuse(translate(locale, WA.notFetched));
    throw err;
  }
}

/** An answer to the sender, quoting their message; tied to a ticket when it is about one, so a reply to it finds the ticket. */
export async function answer(
  ctx: Ctx,
  sender: Sender,
  text: string,
  about: { ticketId: string | null; userId: string } | null = null,
) {
  const now = ctx.clock().toISOString();
  await enqueue(
    ctx.db,
    {
      topic: 'deliver.whatsapp-notice',
      payload: {
        to: sender.waId,
        text,
        replyTo: sender.messageId,
        ticketId: about?.ticketId ?? null,
        userId: about?.userId ?? null,
      },
      dedupeKey: `whatsapp-notice:${sender.inboundId}`,
      runAt: now,
    },
    now,
  );
}
