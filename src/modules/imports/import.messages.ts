import type { MessageTable, TicketTable } from '../../db/schema.js';
import { newId } from '../../lib/crypto.js';
import { htmlToText } from '../../lib/html.js';
import { storeImportedAttachment } from '../attachments/attachments.service.js';
import { indexMessageAt } from '../search/search.repository.js';
import { CHANNEL, type PageContext, type PageWrites, personOf } from './import.tickets.js';
import type { ImportMessage, ImportTicket } from './model.js';
import { count, refuse } from './tally.js';

// A ticket's messages with their attachments, its tags and its satisfaction rating, as imported.
// HTML is kept as the text it reads as; an attachment Tessera refuses (its type, its size) is
// logged with the reason and its message is imported without it.

/** A message's files; one Tessera refuses (type, size, unreadable) is logged and left out. */
async function importAttachments(
  c: PageContext,
  ticketId: string,
  messageId: string,
  authorId: string | null,
  m: ImportMessage,
) {
  for (const a of m.attachments) {
    let refused: string | null;
    try {
      refused = await storeImportedAttachment(c.ctx, c.trx, {
        key: `${c.source}/${a.sourceId}`,
        ticketId,
        messageId,
        uploaderId: authorId,
        filename: a.filename,
        data: await a.read(),
        createdAt: m.createdAt,
      });
    } catch (err) {
      refused = `it could not be read (${(err as Error).message})`;
    }
    if (refused) refuse(c.tally, 'attachment', a.sourceId, `${a.filename}: ${refused}`);
    else count(c.tally, 'attachment', 'imported');
  }
}

/**
 * New messages, oldest first, each indexed for search in its place (a new ticket's from 1, a
 * changed one's after those it has), written with the page; their files once they are written.
 */
export async function importMessages(
  c: PageContext,
  w: PageWrites,
  ticket: TicketTable,
  messages: ImportMessage[],
  isNew: boolean,
): Promise<void> {
  let seq = isNew ? 0 : await messageCount(c, ticket.id);
  for (const m of [...messages].sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
    const body = (m.format === 'html' ? htmlToText(m.body) : m.body.replace(/\r\n?/g, '\n')).trim();
    if (!body && m.attachments.length === 0) {
      refuse(c.tally, 'message', m.sourceId, 'it is empty');
      continue;
    }
    const authorId = personOf(c, m.author);
    const row: MessageTable = {
      id: newId(),
      ticket_id: ticket.id,
      author_id: authorId,
      body: body || '(attachments only)',
      internal: m.internal ? 1 : 0,
      channel: CHANNEL[m.channel ?? 'api'] ?? ticket.channel,
      created_at: m.createdAt,
      format: m.format === 'markdown' ? 'markdown' : 'text',
    };
    w.messages.push(row);
    await indexMessageAt(c.trx, c.ctx.dialect, ticket.number, m.internal, ++seq, row.body);
    if (m.attachments.length) w.after.push(() => importAttachments(c, ticket.id, row.id, authorId, m));
    count(c.tally, 'message', 'imported');
    w.records.push({
      source: c.source,
      kind: 'message',
      source_id: m.sourceId,
      local_id: row.id,
      source_ref: null,
      source_updated_at: null,
      pending: null,
      run_id: c.runId,
      imported_at: c.now,
    });
  }
}

async function messageCount(c: PageContext, ticketId: string): Promise<number> {
  const { n } = await c.trx
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ticket_id', '=', ticketId)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** Tags and satisfaction. */
export async function importExtras(c: PageContext, row: TicketTable, t: ImportTicket) {
  const tags = [
    ...new Set(
      (t.tags ?? [])
        .map((s) => s.trim().replace(/\s+/g, ' ').toLowerCase().replace(/,/g, ' '))
        .filter((s) => s && s.length <= 50),
    ),
  ];
  // Added, never removed: a tag the team put on an imported ticket stays through a delta run.
  if (tags.length)
    await c.trx
      .insertInto('ticket_tags')
      .values(tags.map((tag) => ({ ticket_id: row.id, tag })))
      .onConflict((oc) => oc.columns(['ticket_id', 'tag']).doNothing())
      .execute();
  const s = t.satisfaction;
  if (!s || !(s.rating >= 1 && s.rating <= 5)) return;
  const answered = await c.trx
    .selectFrom('surveys')
    .select('id')
    .where('ticket_id', '=', row.id)
    .where('answered_at', 'is not', null)
    .executeTakeFirst();
  if (answered) return;
  await c.trx
    .insertInto('surveys')
    .values({
      id: newId(),
      ticket_id: row.id,
      recipient_id: row.requester_id,
      created_at: s.at,
      expires_at: s.at,
      answered_at: s.at,
      rating: Math.round(s.rating),
      comment: s.comment?.slice(0, 5000) || null,
    })
    .execute();
}
