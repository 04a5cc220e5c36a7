// A thread entry of osTicket (message, response, internal note) with its attachments, as an import
// message. Attachment bytes are read only when the import asks for them.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ImportAttachment, ImportAuthor, ImportMessage, ImportTicket } from '../../model.js';
import type { OstDb } from './db.js';

export type MessageContext = { db: OstDb; options: { attachmentsDir: string | null } };

export type Channel = ImportTicket['channel'];
const CHANNELS: Record<string, Channel> = { api: 'api', email: 'email', phone: 'phone', web: 'web' };
/** osTicket's sources: API, Email, Phone, Web, Other ("Other" has no better home than web). */
export const channelOf = (source: string | null | undefined): Channel | null =>
  source ? (CHANNELS[source.toLowerCase()] ?? 'web') : null;

// ost_thread_entry.flags: a former version of an edited entry.
export const HIDDEN = 0x4;

export type EntryRow = {
  id: number;
  thread_id: number;
  staff_id: number;
  user_id: number;
  type: string;
  flags: number;
  source: string;
  body: string;
  format: string;
  created: string;
};
export type FileRow = {
  id: number;
  object_id: number;
  file_id: number;
  name: string | null;
  file_name: string;
  file_type: string | null;
  bk: string;
  key: string;
};

export function message(
  ctx: MessageContext,
  e: EntryRow,
  ticketChannel: Channel,
  files: FileRow[],
): ImportMessage {
  return {
    sourceId: String(e.id),
    author: entryAuthor(e),
    body: e.body ?? '',
    // osTicket keeps its text entries HTML-escaped (&gt;, &amp;), so both formats read as HTML.
    format: 'html',
    internal: e.type === 'N',
    channel: channelOf(e.source) ?? ticketChannel,
    createdAt: ctx.db.iso(e.created) ?? new Date(0).toISOString(),
    attachments: files.map(
      (f): ImportAttachment => ({
        sourceId: String(f.id),
        filename: f.name?.trim() || f.file_name,
        contentType: f.file_type || null,
        read: () => readBytes(ctx, f),
      }),
    ),
  };
}

async function readBytes(ctx: MessageContext, f: FileRow): Promise<Buffer> {
  if (f.bk === 'D') {
    const chunks = await ctx.db.rows<{ data: Buffer }>(
      `select filedata as data from ${ctx.db.t('file_chunk')} where file_id = ? order by chunk_id`,
      [f.file_id],
    );
    return Buffer.concat(chunks.map((c) => c.data));
  }
  if (f.bk === 'F') {
    // The storage-fs plugin keeps a file at <base folder>/<first character of key>/<key>.
    if (!ctx.options.attachmentsDir) {
      throw new Error(
        `osTicket file "${f.file_name}" is stored on disk (storage-fs); name its folder to import it`,
      );
    }
    return readFile(path.join(ctx.options.attachmentsDir, f.key.slice(0, 1), f.key));
  }
  throw new Error(
    `osTicket file "${f.file_name}" is in storage backend "${f.bk}", which the import cannot read`,
  );
}

function entryAuthor(e: EntryRow): ImportAuthor {
  const staff = e.staff_id ? ({ kind: 'staff', sourceId: String(e.staff_id) } as const) : null;
  const user = e.user_id ? ({ kind: 'customer', sourceId: String(e.user_id) } as const) : null;
  // A message is the customer's unless only an agent is named; responses and notes the reverse.
  return (e.type === 'M' ? (user ?? staff) : (staff ?? user)) ?? { kind: 'system' };
}

/** osTicket's priorities by name, else by urgency (1 most urgent). */
