import { stat } from 'node:fs/promises';
import type { ImportSource } from '../../model.js';
import { type Gathered, gather } from './gather.js';
import { ticketPages } from './pages.js';
import { type CsvInput, openTable } from './table.js';
import type { TicketOptions } from './tickets.js';
import type { DateOrder } from './values.js';

export type { CsvInput } from './table.js';

export type CsvOptions = {
  name: string;
  organisations?: CsvInput;
  customers?: CsvInput;
  tickets?: CsvInput;
  /** Tickets per page (100 unless said). */
  pageSize?: number;
  /** How NN/NN/YYYY dates read when both parts could be the month; day first unless said. */
  dateOrder?: DateOrder;
};

/**
 * A source reading spreadsheets. Each file's mapping is checked against its header at once (a
 * mistake throws a validation error before anything is read); the reference data is gathered on
 * first use, with one streamed pass over the tickets file, so every refused row is known before
 * the first page; then tickets are read in pages (see pages.ts).
 */
export async function openCsv(options: CsvOptions): Promise<ImportSource> {
  const tables = {
    ...(options.organisations && { organisations: await openTable('organisations', options.organisations) }),
    ...(options.customers && { customers: await openTable('customers', options.customers) }),
    ...(options.tickets && { tickets: await openTable('tickets', options.tickets) }),
  };
  const ticketOptions: TicketOptions = {
    dateOrder: options.dateOrder ?? 'dmy',
    undated: await undatedTime(options.tickets),
  };
  const refusals: Gathered['refusals'] = new Map();
  let gathering: Promise<Gathered> | null = null;
  const reference = () => {
    gathering ??= gather(tables, ticketOptions, refusals);
    return gathering;
  };
  let pages: ReturnType<typeof ticketPages> | null = null;
  return {
    name: options.name,
    organisations: async () => [...(await reference()).ref.organisations.values()],
    departments: async () => [...(await reference()).ref.departments.values()],
    staff: async () => [...(await reference()).ref.staff.values()],
    customers: async () => [...(await reference()).ref.customers.values()],
    statuses: async () => [...(await reference()).ref.statuses.values()],
    topics: async () => [...(await reference()).ref.topics.values()],
    fields: async () => (await reference()).fields,
    async tickets(cursor, since) {
      const gathered = await reference();
      if (!tables.tickets) return { tickets: [], next: null };
      pages ??= ticketPages(tables.tickets, gathered, ticketOptions, options.pageSize ?? 100);
      return pages.page(cursor, since);
    },
    async countTickets(since) {
      const { updated } = await reference();
      if (since === null) return updated.length;
      const sinceTime = Date.parse(since);
      return updated.filter((t) => t >= sinceTime).length;
    },
    refusals: () => [...refusals.values()],
    async close() {
      await pages?.close();
    },
  };
}

/** A row with no date at all is dated by the file's modification time (so a re-run agrees). */
async function undatedTime(input: CsvInput | undefined): Promise<string> {
  if (input && 'file' in input) return (await stat(input.file)).mtime.toISOString();
  return new Date().toISOString();
}
