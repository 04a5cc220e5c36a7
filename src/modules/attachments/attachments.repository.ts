import type { Executor } from '../../db/database.js';
import type { AttachmentTable } from '../../db/schema.js';

export type AttachmentRow = AttachmentTable;

export const insertAttachment = (db: Executor, row: AttachmentRow) =>
  db.insertInto('attachments').values(row).execute();

export const findAttachment = (db: Executor, id: string) =>
  db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();

/** Links uploads to a message, only those this uploader made and that are still free; returns how many. */
export async function claimAttachments(
  db: Executor,
  ids: string[],
  owner: { uploaderId: string; ticketId: string; messageId: string; now: string },
): Promise<number> {
  const res = await db
    .updateTable('attachments')
    .set({ ticket_id: owner.ticketId, message_id: owner.messageId, expires_at: null })
    .where('id', 'in', ids)
    .where('uploader_id', '=', owner.uploaderId)
    .where('message_id', 'is', null)
    .where('expires_at', '>', owner.now)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export const attachmentsOfMessages = (db: Executor, messageIds: string[]) =>
  messageIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('attachments')
        .selectAll()
        .where('message_id', 'in', messageIds)
        .orderBy('created_at')
        .execute();

export const messageVisibility = (db: Executor, messageId: string) =>
  db.selectFrom('messages').select(['internal', 'ticket_id']).where('id', '=', messageId).executeTakeFirst();

export const expiredAttachments = (db: Executor, now: string, limit: number) =>
  db
    .selectFrom('attachments')
    .select(['id', 'storage_key'])
    .where('message_id', 'is', null)
    .where('expires_at', '<=', now)
    .limit(limit)
    .execute();

export const deleteAttachmentRow = (db: Executor, id: string) =>
  db.deleteFrom('attachments').where('id', '=', id).execute();
