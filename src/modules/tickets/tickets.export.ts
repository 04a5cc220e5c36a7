import type { Ticket, TicketListQuery } from '../../../common/api.js';
import type { ActorCtx } from '../../context.js';
import { type CsvValue, csvFile, csvRows } from '../../lib/csv.js';
import { authorize, can } from '../../policies/policy.js';
import { replyGate } from '../subscriptions/entitlements.js';
import { loadWorkflow } from '../workflow/workflow.service.js';
import { listTicketRows, sortValue, type TicketFilter } from './tickets.list.js';
import { presentTicket } from './tickets.present.js';
import { ticketFilterOf, withTags } from './tickets.service.js';

// A list of tickets as CSV, for any size: read a chunk at a time by ticket number and streamed
// out, so memory stays flat. Each row is the ticket as the caller sees it in the API
// (their status label; tags only for staff); the same filters as the list.

const CHUNK = 500;

type ColumnDef = [header: string, value: (t: Ticket) => CsvValue];
const COLUMNS: ColumnDef[] = [
  ['Number', (t) => t.number],
  ['Subject', (t) => t.subject],
  ['Status', (t) => t.status.label],
  ['Priority', (t) => t.priority],
  ['Department', (t) => t.department.name],
  ['Type', (t) => t.type],
  ['Requester', (t) => t.requester.name],
  ['Organisation', (t) => t.organisation?.name ?? null],
  ['Assignee', (t) => t.assignee?.name ?? null],
  ['Channel', (t) => t.channel],
  ['Created', (t) => t.createdAt],
  ['Last activity', (t) => t.lastActivityAt],
  ['First response', (t) => t.firstResponseAt],
  ['Resolved', (t) => t.resolvedAt],
  ['Closed', (t) => t.closedAt],
  ['Urgent', (t) => (t.urgent ? 'yes' : 'no')],
  ['Merged into', (t) => t.mergedInto],
  ['Fields', (t) => (Object.keys(t.fields).length > 0 ? JSON.stringify(t.fields) : null)],
];
const TAGS: ColumnDef = ['Tags', (t) => (t.tags ?? []).join(', ')];

/** The CSV text of the tickets `q` selects, in chunks: the header first (with a BOM for spreadsheets). */
export async function* exportTickets(ctx: ActorCtx, q: TicketListQuery): AsyncGenerator<string> {
  authorize(ctx.actor, 'ticket.export');
  // The whole list from its start (a cursor or page size in the query is the list's, not the
  // file's), newest ticket first: a number never changes, so a ticket that changes while the file
  // is written is neither missed nor written twice, as it could be in an order by activity.
  const filter: TicketFilter = {
    ...ticketFilterOf(ctx, q),
    after: null,
    limit: CHUNK,
    sort: 'number',
    order: 'desc',
  };
  const columns = can(ctx.actor, 'tag.read') ? [...COLUMNS, TAGS] : COLUMNS;
  const [wf, gate] = await Promise.all([loadWorkflow(ctx, ctx.db), replyGate(ctx, ctx.db, ctx.actor)]);
  yield csvFile([columns.map(([header]) => header)]);
  for (;;) {
    const rows = await listTicketRows(ctx.db, ctx.dialect, ctx.actor, filter);
    const chunk = rows.slice(0, CHUNK);
    const tickets = await withTags(ctx, chunk, (r) => presentTicket(r, ctx.actor, wf, gate));
    if (tickets.length > 0) yield csvRows(tickets.map((t) => columns.map(([, value]) => value(t))));
    const last = chunk.at(-1);
    if (rows.length <= CHUNK || !last) return;
    filter.after = [sortValue(last, filter.sort), last.number];
  }
}
