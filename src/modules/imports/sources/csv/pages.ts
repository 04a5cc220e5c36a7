import { AppError } from '../../../../errors.js';
import type { ImportTicket, TicketPage } from '../../model.js';
import type { Gathered } from './gather.js';
import { type Row, rowsOf, type Table, type Unreadable } from './table.js';
import { readTicketRow, type TicketOptions, toTicket } from './tickets.js';

type Reader = { rows: AsyncGenerator<Row | Unreadable>; at: number; peeked?: Row };

/**
 * Tickets in pages, streamed. The cursor is the number of data rows read so far. The reader stays
 * open between pages, so reading page after page parses the file once and holds one page; a
 * cursor other than where it stands (a resumed run) re-reads from the start and skips that many
 * rows, which costs parsing but no memory. Pages are read one at a time, as the run does.
 */
export function ticketPages(table: Table, gathered: Gathered, options: TicketOptions, pageSize: number) {
  let reader: Reader | null = null;

  async function next(): Promise<Row | null> {
    const current = reader!;
    if (current.peeked) {
      const row = current.peeked;
      current.peeked = undefined;
      return row;
    }
    for (;;) {
      const item = await current.rows.next();
      if (item.done) return null;
      if (!('error' in item.value)) return item.value;
    }
  }

  async function close(): Promise<void> {
    await reader?.rows.return(undefined);
    reader = null;
  }

  async function seek(start: number): Promise<Reader> {
    if (reader?.at === start) return reader;
    await close();
    reader = { rows: rowsOf(table), at: 0 };
    while (reader.at < start && (await next())) reader.at++;
    return reader;
  }

  function ticketOf(row: Row, since: number | null): ImportTicket | null {
    if (gathered.refusedTickets.has(row.line)) return null;
    const read = readTicketRow(row.cells, table.map, row.line, row.row, options);
    if ('reasons' in read) return null;
    if (since !== null && Date.parse(read.updatedAt) < since) return null;
    return toTicket(gathered.ref, read, table.map, gathered.fields, options);
  }

  async function page(cursor: string | null, since: string | null): Promise<TicketPage> {
    const start = cursor === null ? 0 : Number(cursor);
    if (!Number.isSafeInteger(start) || start < 0) throw new AppError('validation', `bad cursor "${cursor}"`);
    const current = await seek(start);
    const sinceTime = since === null ? null : Date.parse(since);
    const tickets: ImportTicket[] = [];
    while (tickets.length < pageSize) {
      const row = await next();
      if (!row) break;
      current.at++;
      const ticket = ticketOf(row, sinceTime);
      if (ticket) tickets.push(ticket);
    }
    // One row ahead, so that the last page says it is the last.
    const ahead = tickets.length < pageSize ? null : await next();
    if (!ahead) {
      await close();
      return { tickets, next: null };
    }
    current.peeked = ahead;
    return { tickets, next: String(current.at) };
  }

  return { page, close };
}
