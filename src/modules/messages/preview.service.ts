import type { z } from 'zod';
import type { formatPreviewBody } from '../../../common/api.js';
import type { ActorCtx } from '../../context.js';
import { invalid } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import { renderHtml } from '../../lib/format.js';
import { authorize } from '../../policies/policy.js';
import { findAttachment } from '../attachments/attachments.repository.js';

const SAID = defineMessages({
  noSuchAttachment: { id: 'error.messages.no_such_attachment', defaultMessage: 'no such attachment' },
});

/**
 * A body being written, rendered as it will be shown once sent. Its images may show only the
 * caller's own uploads (those the message will carry), as the sent message's may show only its own;
 * any other id is refused.
 */
export async function previewMessage(ctx: ActorCtx, input: z.infer<typeof formatPreviewBody>) {
  authorize(ctx.actor, 'message.preview');
  const own: string[] = [];
  for (const id of new Set(input.attachmentIds ?? [])) {
    const row = await findAttachment(ctx.db, id);
    // As a message refuses an upload that is not the sender's, so does its preview.
    if (row?.uploader_id !== ctx.actor.id) throw invalid('attachmentIds', SAID.noSuchAttachment);
    own.push(id);
  }
  return { html: renderHtml(input.body, input.format, { images: own }) };
}
