// osTicket tickets in pages: one query for the page's tickets, then a handful of set-based
// queries (threads, entries, attachments, events, form values) for the whole page, so 100,000
// tickets take a few thousand queries, not hundreds of thousands.
import type { ImportTicket, TicketPage } from '../../model.js';
import type { OstDb } from './db.js';
import { type EventRow, mapEvents } from './events.js';
import { channelOf, type EntryRow, type FileRow, HIDDEN, message } from './messages.js';
import { fieldValue, type OstField } from './reference.js';

// ost_ticket.flags
const COMBINE_THREADS = 0x1;
const SEPARATE_THREADS = 0x2;
const LINKED = 0x8;

type TicketRow = {
  ticket_id: number;
  ticket_pid: number | null;
  number: string | null;
  user_id: number;
  org_id: number | null;
  status_id: number;
  dept_id: number;
  topic_id: number;
  staff_id: number;
  flags: number;
  source: string;
  subject: string | null;
  priority_ref: string | null;
  created: string;
  updated: string;
  lastupdate: string | null;
  closed: string | null;
};
export type TicketReaderOptions = { pageSize: number; attachmentsDir: string | null };

type Context = {
  db: OstDb;
  options: TicketReaderOptions;
  fields: () => Promise<OstField[]>;
  /** Whether the installation has ticket__cdata (osTicket rebuilds it when missing). */
  cdata: boolean;
  priorities: Map<string, ImportTicket['priority']>;
};

export function ticketReader(db: OstDb, fields: () => Promise<OstField[]>, options: TicketReaderOptions) {
  let context: Promise<Context> | null = null;
  const prepared = () => {
    context ??= prepare(db, fields, options).catch((err) => {
      context = null;
      throw err;
    });
    return context;
  };
  return {
    tickets: async (cursor: string | null, since: string | null) => readPage(await prepared(), cursor, since),
    countTickets: async (since: string | null): Promise<number> => {
      const filter = sinceFilter(db, since);
      const [row] = await db.rows<{ n: number }>(
        `select count(*) as n from ${db.t('ticket')} t where 1 = 1${filter.sql}`,
        filter.values,
      );
      return Number(row?.n ?? 0);
    },
  };
}

async function prepare(db: OstDb, fields: Context['fields'], options: TicketReaderOptions): Promise<Context> {
  const found = await db.rows(
    'select 1 from information_schema.tables where table_schema = database() and table_name = ?',
    [db.t('ticket__cdata').replaceAll('`', '')],
  );
  const rows = await db.rows<{ priority_id: number; priority: string; priority_urgency: number }>(
    `select priority_id, priority, priority_urgency from ${db.t('ticket_priority')}`,
  );
  const priorities = new Map(
    rows.map((p) => [String(p.priority_id), priorityOf(p.priority, p.priority_urgency)]),
  );
  return { db, options, fields, cdata: found.length > 0, priorities };
}

/** Tickets changed at or after `since`: the ticket row, or any entry of its threads. */
function sinceFilter(db: OstDb, since: string | null): { sql: string; values: unknown[] } {
  if (!since) return { sql: '', values: [] };
  const wall = db.wall(since);
  return {
    sql: ` and (t.updated >= ? or t.lastupdate >= ? or t.ticket_id in (
             select th.object_id from ${db.t('thread')} th
               join ${db.t('thread_entry')} e on e.thread_id = th.id
              where th.object_type in ('T', 'C') and (e.created >= ? or e.updated >= ?)))`,
    values: [wall, wall, wall, wall],
  };
}

async function readPage(ctx: Context, cursor: string | null, since: string | null): Promise<TicketPage> {
  const after = cursor ? Number(cursor) : 0;
  if (!Number.isInteger(after) || after < 0)
    throw new Error(`osTicket cursor "${cursor}" is not a ticket id`);
  const rows = await selectTickets(ctx, after, since);
  if (rows.length === 0) return { tickets: [], next: null };
  const details = await pageDetails(
    ctx,
    rows.map((r) => r.ticket_id),
  );
  const tickets = rows.map((r) => toTicket(ctx, r, details));
  return { tickets, next: rows.length < ctx.options.pageSize ? null : String(rows.at(-1)!.ticket_id) };
}

function selectTickets(ctx: Context, after: number, since: string | null): Promise<TicketRow[]> {
  const { db } = ctx;
  const filter = sinceFilter(db, since);
  // The subject and priority are materialised in ticket__cdata; without it, in the form values.
  const formValue = (name: string, column: string) =>
    `(select ${column} from ${db.t('form_entry')} fe
        join ${db.t('form_entry_values')} v on v.entry_id = fe.id
        join ${db.t('form_field')} ff on ff.id = v.field_id and ff.name = '${name}'
       where fe.object_type = 'T' and fe.object_id = t.ticket_id limit 1)`;
  const subject = ctx.cdata ? 'c.subject' : formValue('subject', 'v.value');
  const priority = ctx.cdata ? 'c.priority' : formValue('priority', 'coalesce(v.value_id, v.value)');
  return db.rows<TicketRow>(
    `select t.ticket_id, t.ticket_pid, t.number, t.user_id, u.org_id, t.status_id, t.dept_id, t.topic_id,
            t.staff_id, t.flags, t.source, ${subject} as subject, ${priority} as priority_ref,
            t.created, t.updated, t.lastupdate, t.closed
       from ${db.t('ticket')} t
       left join ${db.t('user')} u on u.id = t.user_id
       ${ctx.cdata ? `left join ${db.t('ticket__cdata')} c on c.ticket_id = t.ticket_id` : ''}
      where t.ticket_id > ?${filter.sql}
      order by t.ticket_id limit ?`,
    [after, ...filter.values, ctx.options.pageSize],
  );
}

type Details = {
  entriesOf: Map<number, EntryRow[]>;
  eventsOf: Map<number, EventRow[]>;
  filesOf: Map<number, FileRow[]>;
  values: Map<number, Record<string, string | number | boolean | null>>;
};

/** Everything of a page's tickets besides the ticket rows, in a few set-based queries. */
async function pageDetails(ctx: Context, ids: number[]): Promise<Details> {
  const { db } = ctx;
  // The ticket's own thread (T) and, for a merged child, its former thread (C).
  const threads = await db.rows<{ id: number; object_id: number }>(
    `select id, object_id from ${db.t('thread')} where object_type in ('T', 'C') and object_id in (?)`,
    [ids],
  );
  const ticketOfThread = new Map(threads.map((th) => [th.id, th.object_id]));
  const threadIds = threads.map((th) => th.id);
  const [entries, events, values] = await Promise.all([
    inList(threadIds, () =>
      db.rows<EntryRow>(
        `select id, thread_id, staff_id, user_id, type, flags, source, body, format, created
           from ${db.t('thread_entry')} where thread_id in (?) order by created, id`,
        [threadIds],
      ),
    ),
    inList(threadIds, () =>
      db.rows<EventRow>(
        `select te.id, te.thread_id, ev.name, te.staff_id, te.dept_id, te.data, te.username, te.uid,
                te.uid_type, te.annulled, te.timestamp
           from ${db.t('thread_event')} te left join ${db.t('event')} ev on ev.id = te.event_id
          where te.thread_id in (?) order by te.timestamp, te.id`,
        [threadIds],
      ),
    ),
    formValues(ctx, ids),
  ]);
  const entryIds = entries.map((e) => e.id);
  const files = await inList(entryIds, () =>
    db.rows<FileRow>(
      `select a.id, a.object_id, a.file_id, a.name, f.name as file_name, f.type as file_type, f.bk, f.\`key\`
         from ${db.t('attachment')} a join ${db.t('file')} f on f.id = a.file_id
        where a.type = 'H' and a.object_id in (?) order by a.id`,
      [entryIds],
    ),
  );
  return {
    entriesOf: group(entries, (e) => ticketOfThread.get(e.thread_id) ?? 0),
    eventsOf: group(events, (e) => ticketOfThread.get(e.thread_id) ?? 0),
    filesOf: group(files, (f) => f.object_id),
    values,
  };
}

const inList = async <T>(ids: number[], read: () => Promise<T[]>): Promise<T[]> => (ids.length ? read() : []);
const ref = (n: number | null | undefined) => (n ? String(n) : null);

function toTicket(ctx: Context, r: TicketRow, d: Details): ImportTicket {
  const { db } = ctx;
  const channel = channelOf(r.source) ?? 'web';
  const parent = ref(r.ticket_pid);
  const created = db.iso(r.created) ?? new Date(0).toISOString();
  return {
    sourceId: String(r.ticket_id),
    number: r.number?.trim() || null,
    subject: r.subject?.trim() || `Ticket ${r.number ?? r.ticket_id}`,
    requesterSourceId: String(r.user_id),
    organisationSourceId: ref(r.org_id),
    departmentSourceId: ref(r.dept_id),
    topicSourceId: ref(r.topic_id),
    statusSourceId: String(r.status_id),
    priority: ctx.priorities.get(String(r.priority_ref ?? '')) ?? 'normal',
    assigneeSourceId: ref(r.staff_id),
    channel,
    fields: d.values.get(r.ticket_id) ?? {},
    createdAt: created,
    updatedAt: latest([db.iso(r.updated), db.iso(r.lastupdate), created]),
    closedAt: db.iso(r.closed),
    mergedIntoSourceId: parent && r.flags & (COMBINE_THREADS | SEPARATE_THREADS) ? parent : null,
    linkedSourceIds: parent && r.flags & LINKED ? [parent] : [],
    messages: (d.entriesOf.get(r.ticket_id) ?? [])
      .filter((e) => !(e.flags & HIDDEN))
      .map((e) => message(ctx, e, channel, d.filesOf.get(e.id) ?? [])),
    events: mapEvents(d.eventsOf.get(r.ticket_id) ?? [], String(r.ticket_id), parent, db.iso),
  };
}

async function formValues(ctx: Context, ids: number[]): Promise<Details['values']> {
  const wanted = new Map((await ctx.fields()).map((f) => [Number(f.sourceId), f]));
  const out: Details['values'] = new Map();
  if (wanted.size === 0) return out;
  const rows = await ctx.db.rows<{ ticket_id: number; field_id: number; value: string | null }>(
    `select fe.object_id as ticket_id, v.field_id, v.value
       from ${ctx.db.t('form_entry')} fe join ${ctx.db.t('form_entry_values')} v on v.entry_id = fe.id
      where fe.object_type = 'T' and fe.object_id in (?) and v.field_id in (?)`,
    [ids, [...wanted.keys()]],
  );
  for (const r of rows) {
    const field = wanted.get(r.field_id);
    const value = field ? fieldValue(field, r.value) : null;
    if (!field || value === null) continue;
    out.set(r.ticket_id, { ...(out.get(r.ticket_id) ?? {}), [field.sourceId]: value });
  }
  return out;
}

/** osTicket's priorities by name, else by urgency (1 most urgent). */
export function priorityOf(name: string, urgency: number): ImportTicket['priority'] {
  const n = name.toLowerCase();
  if (n === 'emergency' || n === 'urgent' || n === 'critical') return 'urgent';
  if (n === 'high' || n === 'normal' || n === 'low') return n;
  return urgency <= 1 ? 'urgent' : urgency === 2 ? 'high' : urgency === 3 ? 'normal' : 'low';
}

function group<T>(items: T[], key: (item: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

function latest(times: (string | null)[]): string {
  return times
    .filter((t): t is string => t !== null)
    .sort()
    .at(-1)!;
}
