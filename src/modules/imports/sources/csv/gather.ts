import type { ImportField } from '../../model.js';
import { addCustomer, addOrganisation, emptyReference, type Reference, type Refusal } from './reference.js';
import { type Row, rowsOf, type Table } from './table.js';
import { fieldOf, fieldStats, observeField, readTicketRow, type TicketOptions, toTicket } from './tickets.js';

export type Gathered = {
  ref: Reference;
  fields: ImportField[];
  /** Keyed by kind and line, so a row is refused once however often it is read. */
  refusals: Map<string, Refusal>;
  /** Lines of the tickets file whose row was refused; pages skip them. */
  refusedTickets: Set<number>;
  /** updatedAt of every ticket read, to count what a delta run reads. */
  updated: number[];
};

type Tables = { organisations?: Table; customers?: Table; tickets?: Table };

/**
 * The reference data, read whole: the organisations and customers files, then one streamed pass
 * over the tickets file that checks every row and registers what tickets refer to (requesters,
 * organisations, statuses, departments, types, assignees) and learns the custom fields' kinds.
 */
export async function gather(
  tables: Tables,
  options: TicketOptions,
  refusals: Map<string, Refusal>,
): Promise<Gathered> {
  const out: Gathered = {
    ref: emptyReference(),
    fields: [],
    refusals,
    refusedTickets: new Set(),
    updated: [],
  };
  const refuse = (kind: string, line: number, sourceId: string, reason: string) =>
    out.refusals.set(`${kind}:${line}`, { kind, sourceId, reason: `line ${line}: ${reason}` });
  for (const [kind, table, add] of [
    ['organisation', tables.organisations, addOrganisation],
    ['customer', tables.customers, addCustomer],
  ] as const) {
    if (!table) continue;
    for await (const row of rowsOf(table)) {
      const reason = 'error' in row ? row.error : add(out.ref, row.cells, table.map);
      if (reason) refuse(kind, row.line, `line-${row.line}`, reason);
    }
  }
  if (tables.tickets) await gatherTickets(out, tables.tickets, options, refuse);
  return out;
}

async function gatherTickets(
  out: Gathered,
  table: Table,
  options: TicketOptions,
  refuse: (kind: string, line: number, sourceId: string, reason: string) => void,
): Promise<void> {
  const stats = table.map.fields.map(() => fieldStats());
  const seen = new Map<string, number>();
  const take = (row: Row): string | null => {
    const read = readTicketRow(row.cells, table.map, row.line, row.row, options);
    const earlier = seen.get(read.sourceId);
    if ('reasons' in read || earlier !== undefined) {
      const why = 'reasons' in read ? read.reasons.join('; ') : `the ticket is already on line ${earlier}`;
      refuse('ticket', row.line, read.sourceId, why);
      return why;
    }
    seen.set(read.sourceId, row.line);
    out.updated.push(Date.parse(read.updatedAt));
    for (const [i, field] of table.map.fields.entries()) {
      observeField(stats[i]!, row.cells[field.column] ?? '', options.dateOrder);
    }
    toTicket(out.ref, read, table.map, [], options);
    return null;
  };
  for await (const row of rowsOf(table)) {
    if ('error' in row) refuse('ticket', row.line, `line-${row.line}`, row.error);
    else if (take(row)) out.refusedTickets.add(row.line);
  }
  out.fields = table.map.fields.map((f, i) => fieldOf(f.key, f.label, stats[i]!));
}
