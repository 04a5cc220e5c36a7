import path from 'node:path';
import type { ActorCtx, Ctx } from '../../context.js';
import { nowIso } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { invalid, notFound, refusal } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import { newId, randomToken, sha256 } from '../../lib/crypto.js';
import { authorize, can } from '../../policies/policy.js';
import { AUTH_REFUSALS } from '../auth/refusals.js';
import { readableArticleIds } from '../kb/kb.deflect.repository.js';
import { kbReader } from '../kb/kb.visibility.js';
import { isTicketVisible } from '../ticket-data/tickets.repository.js';
import {
  type AttachmentRow,
  attachmentsOfMessages,
  claimAttachments,
  deleteAttachmentRow,
  expiredAttachments,
  findAttachment,
  insertAttachment,
  messageVisibility,
} from './attachments.repository.js';
import { detectContentType, normaliseFilename, typeAllowed } from './detect.js';
import { type BlobStore, diskStore } from './storage.js';

const SAID = defineMessages({
  tooLarge: { id: 'error.attachments.too_large', defaultMessage: 'Files may be at most {mb} MB' },
  empty: { id: 'error.attachments.empty', defaultMessage: 'the file is empty' },
  type: {
    id: 'error.attachments.type_not_accepted',
    defaultMessage: 'Files of this type ({type}) are not accepted',
  },
  noSuchUpload: {
    id: 'error.attachments.no_such_upload',
    defaultMessage: 'no such attachment (uploads must be your own, unused and recent)',
  },
  noSuchAttachment: { id: 'error.attachments.not_found', defaultMessage: 'No such attachment' },
});

const UNATTACHED_TTL_MS = 24 * 3_600_000;
const stores = new Map<string, BlobStore>();

export function blobStore(ctx: Pick<Ctx, 'config'>): BlobStore {
  const root = path.join(ctx.config.dataDir, 'attachments');
  let store = stores.get(root);
  if (!store) {
    store = diskStore(root);
    stores.set(root, store);
  }
  return store;
}

export type Attachment = { id: string; filename: string; contentType: string; size: number };
export const presentAttachment = (a: AttachmentRow): Attachment => ({
  id: a.id,
  filename: a.filename,
  contentType: a.content_type,
  size: Number(a.size),
});

/** A signed-in user's upload, held for a message they are about to write. */
export async function uploadAttachment(
  ctx: ActorCtx,
  input: { filename: string; data: Buffer },
): Promise<Attachment> {
  authorize(ctx.actor, 'attachment.upload');
  return storeAttachment(ctx, { uploaderId: ctx.actor.id, ...input });
}

/**
 * Stores an upload: refused by size or by the type its bytes show, else written under a random key
 * and recorded as unattached until a message claims it. The file is written before the row, and
 * removed again if the row cannot be written, so nothing half-made remains.
 */
export async function storeAttachment(
  ctx: Ctx,
  input: { uploaderId: string; filename: string; data: Buffer },
): Promise<Attachment> {
  const { maxBytes, types } = ctx.config.attachments;
  if (input.data.length > maxBytes) {
    throw refusal('payload_too_large', SAID.tooLarge, { mb: String(Math.floor(maxBytes / 1_048_576)) });
  }
  if (input.data.length === 0) throw invalid('file', SAID.empty);
  const contentType = await detectContentType(input.data);
  if (!contentType || !typeAllowed(contentType, types)) {
    throw refusal('unsupported_media_type', SAID.type, { type: contentType ?? 'unknown' });
  }
  const now = ctx.clock();
  const row: AttachmentRow = {
    id: newId(),
    ticket_id: null,
    message_id: null,
    article_id: null,
    uploader_id: input.uploaderId,
    filename: normaliseFilename(input.filename),
    content_type: contentType,
    size: input.data.length,
    storage_key: randomToken(24),
    sha256: sha256(input.data.toString('latin1')),
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + UNATTACHED_TTL_MS).toISOString(),
  };
  const store = blobStore(ctx);
  await store.put(row.storage_key, input.data);
  try {
    await insertAttachment(ctx.db, row);
  } catch (err) {
    await store.delete(row.storage_key);
    throw err;
  }
  return presentAttachment(row);
}

/**
 * Stores an imported file for a message in the caller's transaction: checked as uploads are (size,
 * the type its bytes show), under a key derived from where it came from, so a run that is repeated
 * after a crash writes the same file again rather than leaving a second copy. Returns why it was
 * refused, or null.
 */
export async function storeImportedAttachment(
  ctx: Pick<Ctx, 'config'>,
  trx: Executor,
  input: {
    key: string;
    ticketId: string;
    messageId: string;
    uploaderId: string | null;
    filename: string;
    data: Buffer;
    createdAt: string;
  },
): Promise<string | null> {
  const { maxBytes, types } = ctx.config.attachments;
  if (input.data.length > maxBytes) return `it is larger than ${Math.floor(maxBytes / 1_048_576)} MB`;
  if (input.data.length === 0) return 'the file is empty';
  const contentType = await detectContentType(input.data);
  if (!contentType || !typeAllowed(contentType, types))
    return `files of this type (${contentType ?? 'unknown'}) are not accepted`;
  const storageKey = sha256(`import:${input.key}`);
  try {
    await blobStore(ctx).put(storageKey, input.data);
  } catch (err) {
    // Written by an earlier try of the same batch, which then rolled back: the same file.
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  await insertAttachment(trx, {
    id: newId(),
    ticket_id: input.ticketId,
    message_id: input.messageId,
    article_id: null,
    uploader_id: input.uploaderId,
    filename: normaliseFilename(input.filename),
    content_type: contentType,
    size: input.data.length,
    storage_key: storageKey,
    sha256: sha256(input.data.toString('latin1')),
    created_at: input.createdAt,
    expires_at: null,
  });
  return null;
}

/** Claims the caller's uploads for a new message, in the message's transaction; 400 if any is not theirs or gone. */
export async function linkAttachments(
  trx: Executor,
  ctx: ActorCtx,
  ids: string[] | undefined,
  owner: { ticketId: string; messageId: string },
): Promise<void> {
  const unique = [...new Set(ids ?? [])];
  if (unique.length === 0) return;
  const claimed = await claimAttachments(trx, unique, {
    uploaderId: ctx.actor.id,
    ...owner,
    now: nowIso(ctx),
  });
  if (claimed !== unique.length) throw invalid('attachmentIds', SAID.noSuchUpload);
}

export async function attachmentsByMessage(
  db: Executor,
  messageIds: string[],
): Promise<Map<string, Attachment[]>> {
  const map = new Map<string, Attachment[]>();
  for (const a of await attachmentsOfMessages(db, messageIds)) {
    if (!a.message_id) continue;
    map.set(a.message_id, [...(map.get(a.message_id) ?? []), presentAttachment(a)]);
  }
  return map;
}

/**
 * The file, if the caller may see the message it belongs to, may read the knowledge-base article
 * it is an image of, or uploaded it and has not sent it yet. An anonymous visitor (null) reads the
 * images of articles open to everyone, and nothing else.
 */
export async function readAttachment(
  ctx: Ctx & { actor: ActorCtx['actor'] | null },
  id: string,
): Promise<{ meta: Attachment; data: Buffer }> {
  const row = await findAttachment(ctx.db, id);
  const articleImage = row?.article_id
    ? (await readableArticleIds(ctx.db, kbReader(ctx, ctx.actor), [row.article_id])).length > 0
    : false;
  // Anonymous callers learn nothing else, not even whether a file exists.
  if (!ctx.actor && !articleImage) throw refusal('unauthenticated', AUTH_REFUSALS.signIn);
  if (!row) throw notFound(SAID.noSuchAttachment);
  if (row.article_id) {
    if (!articleImage) throw notFound(SAID.noSuchAttachment);
  } else if (!ctx.actor) {
    throw refusal('unauthenticated', AUTH_REFUSALS.signIn);
  } else if (row.message_id && row.ticket_id) {
    const [message, ticket] = await Promise.all([
      messageVisibility(ctx.db, row.message_id),
      isTicketVisible(ctx.db, ctx.actor, row.ticket_id),
    ]);
    if (!message || !ticket || (message.internal === 1 && !can(ctx.actor, 'ticket.readInternal')))
      throw notFound(SAID.noSuchAttachment);
  } else if (row.uploader_id !== ctx.actor.id) {
    throw notFound(SAID.noSuchAttachment);
  }
  return { meta: presentAttachment(row), data: await blobStore(ctx).get(row.storage_key) };
}

/** Removes uploads nobody sent within a day; run by the scheduler. */
export async function purgeExpiredAttachments(ctx: Ctx): Promise<number> {
  const rows = await expiredAttachments(ctx.db, nowIso(ctx), 500);
  for (const r of rows) {
    await deleteAttachmentRow(ctx.db, r.id);
    await blobStore(ctx).delete(r.storage_key);
  }
  return rows.length;
}
