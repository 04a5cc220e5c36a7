// A large osTicket database for the import benchmark: the real osTicket 1.18 fixture, multiplied in
// MariaDB itself with set-based INSERT … SELECT statements (no row goes through this process), so
// 100,000 tickets take seconds to build rather than minutes.
//
// Each new ticket copies one of the fixture's plain tickets (not merged, not linked) as its
// template: requester, department, help topic, status, agent, source, subject, priority, form
// values and timeline events. It gets three thread entries, a customer message, an agent's reply
// and an internal note, whose bodies rotate through the fixture's own entries of that kind (so
// text and HTML mix as in the fixture); one entry in 50 carries one of the fixture's files.
// Tickets are spaced 15 minutes apart, going back in time from the fixture's first; their
// numbers are 7-digit (1000001 on), so they never meet the fixture's 6-digit ones.

import mysql from 'mysql2/promise';
import { loadOsTicketFixture } from '../test/osticket-db.js';

export type Source = {
  url: string;
  sql: mysql.Connection;
  /** Drops the database when this benchmark made it; a no-op for one given with --source. */
  drop(): Promise<void>;
};

export type Built = Source & {
  loadMs: number;
  multiplyMs: number;
  counts: { tickets: number; entries: number; attachments: number; events: number };
};

const NUMBER_BASE = 1_000_000;
const SPACING_SECONDS = 900;
const ATTACH_EVERY = 50;

/** Loads the fixture into a scratch database and multiplies it to `tickets` tickets. */
export async function buildOsTicket(tickets: number, say: (line: string) => void): Promise<Built> {
  let t = performance.now();
  const fixture = await loadOsTicketFixture();
  const loadMs = performance.now() - t;
  say(`  fixture loaded into ${fixture.database} in ${(loadMs / 1000).toFixed(1)} s`);
  try {
    t = performance.now();
    await multiply(fixture.sql, tickets, say);
    const multiplyMs = performance.now() - t;
    return {
      url: fixture.url,
      sql: fixture.sql,
      drop: fixture.drop,
      loadMs,
      multiplyMs,
      counts: await countSource(fixture.sql),
    };
  } catch (err) {
    await fixture.drop();
    throw err;
  }
}

/** An osTicket database built before (`--keep-source`), used as it is and never dropped. */
export async function openSource(url: string): Promise<Source> {
  const u = new URL(url);
  const sql = await mysql.createConnection({
    host: u.hostname || '127.0.0.1',
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username) || 'root',
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.replace(/^\//, '')),
    charset: 'UTF8MB4_GENERAL_CI',
    dateStrings: true,
  });
  return { url, sql, drop: () => sql.end() };
}

export async function countSource(sql: mysql.Connection) {
  const [[row]] = (await sql.query(
    `select (select count(*) from ost_ticket) as tickets, (select count(*) from ost_thread_entry) as entries,
            (select count(*) from ost_attachment where type = 'H') as attachments,
            (select count(*) from ost_thread_event) as events`,
  )) as unknown as [{ tickets: number; entries: number; attachments: number; events: number }[]];
  return {
    tickets: Number(row?.tickets),
    entries: Number(row?.entries),
    attachments: Number(row?.attachments),
    events: Number(row?.events),
  };
}

type Q = (text: string, values?: unknown[]) => Promise<Record<string, number | string | null>[]>;

async function multiply(sql: mysql.Connection, tickets: number, say: (line: string) => void) {
  const q: Q = async (text, values = []) => (await sql.query(text, values))[0] as never;
  const one = async (text: string) => Number(Object.values((await q(text))[0] ?? {})[0] ?? 0);
  const step = async (what: string, text: string, values: unknown[] = []) => {
    const t = performance.now();
    const result = (await sql.query(text, values))[0] as { affectedRows?: number };
    say(`  ${what}: ${result.affectedRows ?? 0} rows in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };
  // The dump's zero dates ('0000-00-00') are what osTicket writes; a strict server must take them too.
  await q(`set session sql_mode = ''`);
  const existing = await one('select count(*) from ost_ticket');
  const k = tickets - existing;
  if (k <= 0) {
    say(`  the fixture has ${existing} tickets already; nothing to add`);
    return;
  }
  const [o] = (await q(
    `select (select max(ticket_id) from ost_ticket) as t0, (select max(id) from ost_thread) as h0,
            (select max(id) from ost_thread_entry) as e0, (select max(id) from ost_thread_event) as v0,
            (select max(id) from ost_form_entry) as f0, (select min(created) from ost_ticket) as first,
            (select min(staff_id) from ost_staff) as staff`,
  )) as { t0: number; h0: number; e0: number; v0: number; f0: number; first: string; staff: number }[];
  if (!o) throw new Error('the osTicket fixture has no tickets');

  // Templates: the plain tickets with their thread, numbered from 0.
  await q('drop table if exists bench_tmpl, bench_map, bench_body, bench_ev, bench_form, bench_file');
  await q(`create table bench_tmpl (rn int primary key, ticket_id int, thread_id int)`);
  await q(
    `insert into bench_tmpl
     select row_number() over (order by t.ticket_id) - 1, t.ticket_id, th.id
       from ost_ticket t join ost_thread th on th.object_type = 'T' and th.object_id = t.ticket_id
      where t.flags = 0 and t.ticket_pid is null`,
  );
  const templates = await one('select count(*) from bench_tmpl');
  // One row per new ticket: its ids, its template and when it was opened.
  await q(
    `create table bench_map (i int primary key, ticket_id int, thread_id int, tmpl_ticket int,
       tmpl_thread int, staff_id int, created datetime, key (tmpl_ticket))`,
  );
  await step(
    'ticket map',
    `insert into bench_map
     select s.seq, ? + s.seq, ? + s.seq, b.ticket_id, b.thread_id, if(t.staff_id, t.staff_id, ?),
            cast(? as datetime) - interval (? - s.seq + 1) * ? second
       from seq_1_to_${k} s join bench_tmpl b on b.rn = (s.seq - 1) % ?
       join ost_ticket t on t.ticket_id = b.ticket_id`,
    [o.t0, o.h0, o.staff, o.first, k, SPACING_SECONDS, templates],
  );
  await step(
    'ost_ticket',
    `insert into ost_ticket (ticket_id, ticket_pid, number, user_id, user_email_id, status_id, dept_id,
       sla_id, topic_id, staff_id, team_id, email_id, lock_id, flags, sort, ip_address, source,
       source_extra, isoverdue, isanswered, duedate, est_duedate, reopened, closed, lastupdate,
       created, updated)
     select m.ticket_id, null, cast(? + m.i as char), t.user_id, t.user_email_id, t.status_id, t.dept_id,
            t.sla_id, t.topic_id, t.staff_id, t.team_id, t.email_id, 0, 0, 0, t.ip_address, t.source,
            t.source_extra, 0, 1, null, null, null,
            if(t.closed is null, null, m.created + interval 6 hour), m.created + interval 5 hour,
            m.created, m.created + interval 6 hour
       from bench_map m join ost_ticket t on t.ticket_id = m.tmpl_ticket`,
    [NUMBER_BASE],
  );
  await step(
    'ost_thread',
    `insert into ost_thread (id, object_id, object_type, extra, lastresponse, lastmessage, created)
     select m.thread_id, m.ticket_id, 'T', null, m.created + interval 2 hour, m.created, m.created
       from bench_map m`,
  );
  await step(
    'ost_ticket__cdata',
    `insert into ost_ticket__cdata (ticket_id, subject, priority)
     select m.ticket_id, c.subject, c.priority
       from bench_map m join ost_ticket__cdata c on c.ticket_id = m.tmpl_ticket`,
  );
  await threadEntries(q, step, o, one);
  await copied(q, step, o, one);
  await attachments(q, step, o, one);
  await q('drop table bench_tmpl, bench_map, bench_body, bench_ev, bench_form, bench_file');
  const t = performance.now();
  await q(
    `analyze table ost_ticket, ost_thread, ost_thread_entry, ost_thread_event, ost_ticket__cdata,
       ost_form_entry, ost_form_entry_values, ost_attachment`,
  );
  say(`  analyze: ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

type Step = (what: string, text: string, values?: unknown[]) => Promise<void>;
type Offsets = { e0: number; v0: number; f0: number };

/** A customer message, an agent's reply two hours later and an internal note after five. */
async function threadEntries(q: Q, step: Step, o: Offsets, one: (text: string) => Promise<number>) {
  await q(
    `create table bench_body (kind char(1), rn int, body text, format varchar(16), primary key (kind, rn))`,
  );
  await q(
    `insert into bench_body
     select e.type, row_number() over (partition by e.type order by e.id) - 1, e.body, e.format
       from ost_thread_entry e join ost_thread th on th.id = e.thread_id and th.object_type = 'T'
      where e.flags & 4 = 0 and e.type in ('M', 'R', 'N')`,
  );
  const n = async (kind: string) => one(`select count(*) from bench_body where kind = '${kind}'`);
  const columns = `(id, pid, thread_id, staff_id, user_id, type, flags, poster, editor, editor_type,
    source, title, body, format, ip_address, extra, recipients, created, updated)`;
  await step(
    'ost_thread_entry (customer messages)',
    `insert into ost_thread_entry ${columns}
     select ? + 3 * (m.i - 1) + 1, 0, m.thread_id, 0, t.user_id, 'M', 0, coalesce(u.name, ''), null, null,
            t.source, null, b.body, b.format, '', null, null, m.created, '0000-00-00 00:00:00'
       from bench_map m join ost_ticket t on t.ticket_id = m.ticket_id
       left join ost_user u on u.id = t.user_id
       join bench_body b on b.kind = 'M' and b.rn = m.i % ?`,
    [o.e0, await n('M')],
  );
  for (const [kind, what, k, hours] of [
    ['R', 'replies', 2, 2],
    ['N', 'internal notes', 3, 5],
  ] as const)
    await step(
      `ost_thread_entry (${what})`,
      `insert into ost_thread_entry ${columns}
       select ? + 3 * (m.i - 1) + ${k}, ${k === 2 ? `${o.e0} + 3 * (m.i - 1) + 1` : '0'}, m.thread_id,
              m.staff_id, 0, '${kind}', 0, concat(s.firstname, ' ', s.lastname), null, null, '', null,
              b.body, b.format, '', null, null, m.created + interval ${hours} hour, '0000-00-00 00:00:00'
         from bench_map m join ost_staff s on s.staff_id = m.staff_id
         join bench_body b on b.kind = '${kind}' and b.rn = m.i % ?`,
      [o.e0, await n(kind)],
    );
}

/** The template's timeline events and form values (subject, priority, custom fields). */
async function copied(q: Q, step: Step, o: Offsets, one: (text: string) => Promise<number>) {
  await q(`create table bench_ev (ticket_id int, event_row int, j int, primary key (ticket_id, j))`);
  await q(
    `insert into bench_ev
     select b.ticket_id, te.id, row_number() over (partition by te.thread_id order by te.timestamp, te.id)
       from bench_tmpl b join ost_thread_event te on te.thread_id = b.thread_id`,
  );
  const events = Math.max(1, await one('select max(j) from bench_ev'));
  // Spread over the ticket's life (the fixture's happened within a minute).
  await step(
    'ost_thread_event',
    `insert into ost_thread_event (id, thread_id, thread_type, event_id, staff_id, team_id, dept_id,
       topic_id, data, username, uid, uid_type, annulled, timestamp)
     select ? + (m.i - 1) * ? + x.j, m.thread_id, 'T', te.event_id, te.staff_id, te.team_id, te.dept_id,
            te.topic_id, te.data, te.username, te.uid, te.uid_type, te.annulled,
            m.created + interval (x.j - 1) * 90 minute
       from bench_map m join bench_ev x on x.ticket_id = m.tmpl_ticket
       join ost_thread_event te on te.id = x.event_row`,
    [o.v0, events],
  );
  await q(`create table bench_form (ticket_id int, entry_id int, j int, primary key (ticket_id, j))`);
  await q(
    `insert into bench_form
     select b.ticket_id, fe.id, row_number() over (partition by fe.object_id order by fe.id)
       from bench_tmpl b join ost_form_entry fe on fe.object_type = 'T' and fe.object_id = b.ticket_id`,
  );
  const forms = Math.max(1, await one('select max(j) from bench_form'));
  await step(
    'ost_form_entry',
    `insert into ost_form_entry (id, form_id, object_id, object_type, sort, extra, created, updated)
     select ? + (m.i - 1) * ? + x.j, fe.form_id, m.ticket_id, 'T', fe.sort, fe.extra, m.created, m.created
       from bench_map m join bench_form x on x.ticket_id = m.tmpl_ticket
       join ost_form_entry fe on fe.id = x.entry_id`,
    [o.f0, forms],
  );
  await step(
    'ost_form_entry_values',
    `insert into ost_form_entry_values (entry_id, field_id, value, value_id)
     select ? + (m.i - 1) * ? + x.j, v.field_id, v.value, v.value_id
       from bench_map m join bench_form x on x.ticket_id = m.tmpl_ticket
       join ost_form_entry_values v on v.entry_id = x.entry_id`,
    [o.f0, forms],
  );
}

/** One new entry in 50 gets a file the fixture already holds (bytes in ost_file_chunk). */
async function attachments(q: Q, step: Step, o: Offsets, one: (text: string) => Promise<number>) {
  await q(`create table bench_file (rn int primary key, file_id int)`);
  await q(
    `insert into bench_file
     select row_number() over (order by file_id) - 1, file_id
       from (select distinct file_id from ost_attachment where type = 'H') d`,
  );
  const files = await one('select count(*) from bench_file');
  if (files === 0) return;
  await step(
    'ost_attachment',
    `insert into ost_attachment (object_id, type, file_id, name, inline, lang)
     select ? + 3 * (m.i - 1) + s.seq, 'H', f.file_id, null, 0, null
       from bench_map m join seq_1_to_3 s
       join bench_file f on f.rn = (3 * (m.i - 1) + s.seq) % ?
      where (3 * (m.i - 1) + s.seq - 1) % ? = 0`,
    [o.e0, files, ATTACH_EVERY],
  );
}

/**
 * `n` customer replies on tickets spread over the whole range, written a minute ahead (as osTicket
 * would stamp them in the database's zone, UTC here), with the ticket's lastupdate moved along.
 */
export async function addReplies(sql: mysql.Connection, n: number): Promise<number> {
  const [[row]] = (await sql.query('select count(*) as n from ost_ticket where flags = 0')) as unknown as [
    { n: number }[],
  ];
  const every = Math.max(1, Math.floor(Number(row?.n) / n));
  const [picked] = (await sql.query(
    `select ticket_id from (select ticket_id, row_number() over (order by ticket_id) - 1 as rn
                              from ost_ticket where flags = 0) x
      where rn % ? = 0 order by ticket_id limit ?`,
    [every, n],
  )) as unknown as [{ ticket_id: number }[]];
  const ids = picked.map((p) => p.ticket_id);
  if (ids.length === 0) return 0;
  await sql.query(
    `insert into ost_thread_entry (pid, thread_id, staff_id, user_id, type, flags, poster, source, body,
       format, ip_address, created, updated)
     select 0, th.id, 0, t.user_id, 'M', 0, 'customer', 'Email', 'Any news on this? We are still waiting.',
            'text', '', utc_timestamp() + interval 1 minute, '0000-00-00 00:00:00'
       from ost_ticket t join ost_thread th on th.object_type = 'T' and th.object_id = t.ticket_id
      where t.ticket_id in (?)`,
    [ids],
  );
  await sql.query(
    'update ost_ticket set lastupdate = utc_timestamp() + interval 1 minute where ticket_id in (?)',
    [ids],
  );
  return ids.length;
}
