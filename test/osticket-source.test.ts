import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportSource, ImportTicket } from '../src/modules/imports/model.js';
import { openOsTicket } from '../src/modules/imports/sources/osticket.js';
import { loadOsTicketFixture, mariadbAvailable, OSTICKET_FIXTURES, type OsTicketDb } from './osticket-db.js';

// The osTicket reader against a real osTicket 1.18 database (../shared/fixtures/osticket), checked
// against the numbers taken from that database by SQL (counts.json). Independent of Tessera's own
// database engine.

const counts = JSON.parse(readFileSync(path.join(OSTICKET_FIXTURES, 'counts.json'), 'utf8'));
const available = await mariadbAvailable();

const tally = (values: string[]) => {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
};

describe.skipIf(!available)('reading an osTicket 1.18 database', () => {
  let fixture: OsTicketDb;
  let source: ImportSource;
  let tickets: ImportTicket[];
  let pages: number;
  const byNumber = (n: string) => tickets.find((t) => t.number === n)!;

  beforeAll(async () => {
    fixture = await loadOsTicketFixture();
    source = await openOsTicket({ url: fixture.url, pageSize: 50 });
    tickets = [];
    pages = 0;
    let cursor: string | null = null;
    do {
      const page = await source.tickets(cursor, null);
      tickets.push(...page.tickets);
      pages += 1;
      cursor = page.next;
    } while (cursor && pages < 100);
  });
  afterAll(async () => {
    await source?.close();
    await fixture?.drop();
  });

  it('names the installation and counts its tickets', async () => {
    expect(source.name).toMatch(new RegExp(`^osticket:[^:]+:\\d+/${fixture.database}$`));
    expect(await source.countTickets!(null)).toBe(counts.tickets.total);
  });

  it('reads every ticket once, across pages, with the original numbers', async () => {
    expect(tickets).toHaveLength(210);
    expect(pages).toBe(5);
    expect(new Set(tickets.map((t) => t.sourceId)).size).toBe(210);
    const [numbers] = await fixture.sql.query('select ticket_id, number from ost_ticket');
    const expected = Object.fromEntries(
      (numbers as { ticket_id: number; number: string }[]).map((r) => [String(r.ticket_id), r.number]),
    );
    expect(Object.fromEntries(tickets.map((t) => [t.sourceId, t.number]))).toEqual(expected);
    expect(tally(tickets.map((t) => t.channel))).toEqual({ api: 200, email: 6, phone: 3, web: 1 });
    expect(tally(tickets.map((t) => t.priority))).toEqual({ low: 10, normal: 154, high: 37, urgent: 9 });
    expect(tickets.filter((t) => t.assigneeSourceId).length).toBe(counts.tickets.assigned_to_agent);
    for (const t of tickets) {
      expect(t.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
      expect(t.updatedAt >= t.createdAt).toBe(true);
    }
  });

  it('keeps statuses, departments and help topics as osTicket has them', async () => {
    const statuses = await source.statuses();
    const statusName = new Map(statuses.map((s) => [s.sourceId, s.name]));
    expect(tally(tickets.map((t) => statusName.get(t.statusSourceId)!))).toEqual(counts.tickets.by_status);
    const state = Object.fromEntries(statuses.map((s) => [s.name, s.state]));
    expect(state).toMatchObject({
      Open: 'open',
      'Awaiting Customer': 'pending',
      Resolved: 'solved',
      Closed: 'closed',
      Duplicate: 'closed',
    });

    const departments = await source.departments();
    expect(departments.map((d) => d.name)).toEqual(counts.departments.names);
    const deptName = new Map(departments.map((d) => [d.sourceId, d.name]));
    const fieldService = departments.find((d) => d.name === 'Field Service')!;
    expect(deptName.get(fieldService.parentSourceId!)).toBe('Maintenance');
    expect(tally(tickets.map((t) => deptName.get(t.departmentSourceId!)!))).toEqual(
      counts.tickets.by_department,
    );

    const topics = await source.topics();
    expect(topics.map((t) => t.name).sort()).toEqual([...counts.help_topics.names].sort());
    const topicName = new Map(topics.map((t) => [t.sourceId, t.name]));
    expect(topicName.get(topics.find((t) => t.name === 'Password Reset')!.parentSourceId!)).toBe(
      'Report a Problem',
    );
    const withTopic = tickets.filter((t) => t.topicSourceId);
    expect(tally(withTopic.map((t) => topicName.get(t.topicSourceId!)!))).toEqual(
      counts.tickets.by_help_topic,
    );
  });

  it('reads organisations, agents and users, with every address of a user in order', async () => {
    const orgs = await source.organisations();
    expect(orgs.map((o) => o.name)).toEqual(counts.organisations.names);
    expect(orgs.find((o) => o.name.startsWith('Nordlicht'))!.domains).toEqual(['nordlicht.example']);

    const staff = await source.staff();
    expect(staff).toHaveLength(5);
    expect(staff.filter((s) => s.admin).map((s) => s.name)).toEqual(['Ada Lindqvist', 'Emma Tanaka']);
    const billing = (await source.departments()).find((d) => d.name === 'Billing')!;
    const chiara = staff.find((s) => s.name === 'Chiara Rossi')!;
    expect(chiara).toMatchObject({
      emails: ['chiara.rossi@helix.example'],
      departmentSourceIds: [billing.sourceId],
    });
    expect(staff.find((s) => s.name === 'Bruno Keller')!.departmentSourceIds).toHaveLength(3);

    const customers = await source.customers();
    expect(customers).toHaveLength(counts.users.total);
    expect(customers.filter((c) => c.organisationSourceId)).toHaveLength(counts.users.in_organisation);
    expect(customers.find((c) => c.name === 'Jürgen Weiß')!.emails).toEqual([
      'juergen.weiss@nordlicht.example',
      'j.weiss@privat.example',
    ]);
    expect(customers.map((c) => c.name)).toEqual(expect.arrayContaining(['佐藤 健', 'أحمد المنصوري']));
  });

  it('reads the thread: customer messages, agent replies and internal notes', () => {
    const messages = tickets.flatMap((t) => t.messages);
    const kind = (m: (typeof messages)[number]) =>
      m.internal ? 'N' : m.author.kind === 'customer' ? 'M' : 'R';
    expect(tally(messages.map(kind))).toEqual(counts.thread_entries.by_type_in_ticket_threads);
    expect(messages.filter((m) => m.internal).every((m) => m.author.kind === 'staff')).toBe(true);
    // Text entries too: osTicket stores them HTML-escaped.
    expect(messages.filter((m) => m.format === 'html')).toHaveLength(messages.length);
    const requester = tickets.find((t) => t.number === '292987')!.requesterSourceId;
    expect(byNumber('292987').messages[0]!.author).toEqual({ kind: 'customer', sourceId: requester });
  });

  it('reads every attachment of the threads with its exact bytes', async () => {
    const entries = tickets.flatMap((t) => t.messages);
    const attachments = entries.flatMap((m) =>
      m.attachments.map((a) => ({ a, internal: m.internal, kind: m.author.kind })),
    );
    expect(attachments).toHaveLength(counts.attachments.by_object_type.H);
    expect(tally(attachments.map((x) => x.kind))).toEqual({ customer: 60, staff: 6 });
    const [rows] = await fixture.sql.query(
      `select a.id, f.name, f.type, f.size, sha2(group_concat(c.filedata order by c.chunk_id separator ''), 256) as sha
         from ost_attachment a join ost_file f on f.id = a.file_id join ost_file_chunk c on c.file_id = f.id
        where a.type = 'H' group by a.id, f.name, f.type, f.size`,
    );
    const expected = new Map(
      (rows as { id: number; name: string; type: string; size: number; sha: string }[]).map((r) => [
        String(r.id),
        r,
      ]),
    );
    let bytes = 0;
    for (const { a } of attachments) {
      const want = expected.get(a.sourceId)!;
      const data = await a.read();
      expect({ name: a.filename, type: a.contentType, size: data.length }).toEqual({
        name: want.name,
        type: want.type,
        size: Number(want.size),
      });
      expect(createHash('sha256').update(data).digest('hex')).toBe(want.sha);
      bytes += data.length;
    }
    expect(bytes).toBe(234_741 + 4_252);
  });

  it('keeps German, Japanese and Arabic text intact', () => {
    const subjects = tickets.map((t) => t.subject);
    expect(subjects).toEqual(
      expect.arrayContaining([
        'Störung: ERP seit heute früh nicht erreichbar',
        '請求書の再発行のお願い',
        '【至急】倉庫管理システムに接続できません',
        'لا أستطيع تسجيل الدخول إلى البوابة',
      ]),
    );
    expect(subjects.filter((s) => [...s].some((c) => c.codePointAt(0)! > 0xff))).toHaveLength(
      counts.tickets.subjects_outside_latin1,
    );
    const bodies = tickets.flatMap((t) => t.messages.map((m) => m.body)).join('\n');
    expect(bodies).toMatch(/[ぁ-ん]/);
    expect(bodies).toMatch(/[\u0600-\u06ff]/);
    expect(bodies).toMatch(/ß|ä|ö|ü/);
  });

  it('marks the merged and the linked ticket, and the parent keeps the merged thread', () => {
    const merged = tickets.filter((t) => t.mergedIntoSourceId);
    expect(merged.map((t) => t.number)).toEqual(['459226']);
    expect(merged[0]!.mergedIntoSourceId).toBe(byNumber('808980').sourceId);
    const linked = tickets.filter((t) => t.linkedSourceIds?.length);
    expect(linked.map((t) => [t.number, t.linkedSourceIds])).toEqual([
      ['292987', [byNumber('443922').sourceId]],
    ]);
    // osTicket moved the child's messages into the parent's thread ("combine threads").
    const parent = byNumber('808980');
    expect(
      parent.messages.some((m) => /photo of the broken screen/i.test(m.body) && m.attachments.length > 0),
    ).toBe(true);
    expect(byNumber('459226').events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'merged', from: merged[0]!.sourceId, to: parent.sourceId }),
      ]),
    );
  });

  it('turns the timeline into status, assignee, department, merge and link events', () => {
    const events = tickets.flatMap((t) => t.events ?? []);
    const kinds = tally(events.map((e) => e.kind));
    const te = counts.thread_events;
    // "edited" rows of this installation are all status changes to an open status; one assignment
    // (and one "created") belongs to the task, not a ticket.
    expect(kinds).toEqual({
      status: te.closed + te.edited,
      assignee: te.assigned - 1,
      department: te.transferred,
      merged: te.merged,
      linked: te.linked,
      note: te.collab,
    });
    const transfer = events.find((e) => e.kind === 'department')!;
    expect(transfer.from).not.toBe(transfer.to);
    expect(transfer.actor.kind).toBe('staff');
  });

  it('reads the Incident Details form as custom fields', async () => {
    const fields = await source.fields();
    expect(fields.map((f) => [f.key, f.kind])).toEqual([
      ['system_affected', 'select'],
      ['impact', 'text'],
      ['outage_started', 'date'],
    ]);
    const system = fields[0]!;
    expect(system.options).toContainEqual({ value: 'vpn', label: 'VPN / remote access' });
    const withForm = tickets.filter((t) => t.fields?.[system.sourceId] !== undefined);
    expect(withForm).toHaveLength(counts.forms.custom_form_entries_incident_details);
    const keys = new Set(system.options!.map((o) => o.value));
    for (const t of withForm) {
      expect(keys.has(String(t.fields![system.sourceId]))).toBe(true);
      expect(t.fields![fields[2]!.sourceId]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(typeof t.fields![fields[1]!.sourceId]).toBe('string');
    }
  });

  it('reads times in the installation’s database time zone as UTC', async () => {
    const [[row]] = (await fixture.sql.query(
      'select created from ost_ticket where ticket_id = 1',
    )) as unknown as [{ created: string }[]];
    const first = async (zone: string) => {
      await fixture.sql.query(
        "replace into ost_config (namespace, `key`, value, updated) values ('core', 'db_timezone', ?, now())",
        [zone],
      );
      const s = await openOsTicket({ url: fixture.url, pageSize: 1 });
      try {
        return (await s.tickets(null, null)).tickets[0]!.createdAt;
      } finally {
        await s.close();
      }
    };
    try {
      expect(await first('UTC')).toBe(`${row!.created.replace(' ', 'T')}.000Z`);
      // December: Berlin is one hour ahead of UTC.
      expect(Date.parse(await first('Europe/Berlin'))).toBe(
        Date.parse(`${row!.created.replace(' ', 'T')}Z`) - 3_600_000,
      );
    } finally {
      await fixture.sql.query("delete from ost_config where namespace = 'core' and `key` = 'db_timezone'");
    }
  });

  it('reads only what changed since a time on a delta run', async () => {
    const latest = tickets
      .map((t) => t.updatedAt)
      .sort()
      .at(-1)!;
    const since = new Date(Date.parse(latest) + 3_600_000).toISOString();
    expect((await source.tickets(null, since)).tickets).toEqual([]);
    expect(await source.countTickets!(since)).toBe(0);

    // A customer answers ticket 42 a day later, as osTicket records it.
    const target = byNumber(tickets[41]!.number!);
    await fixture.sql.query(
      `insert into ost_thread_entry (pid, thread_id, staff_id, user_id, type, flags, poster, source, body, format,
                                     ip_address, created, updated)
       select 0, th.id, 0, t.user_id, 'M', 0, 'customer', 'Email', 'Any news on this?', 'text', '',
              (select max(greatest(updated, coalesce(lastupdate, updated))) from ost_ticket) + interval 1 day,
              '0000-00-00 00:00:00'
         from ost_ticket t join ost_thread th on th.object_type = 'T' and th.object_id = t.ticket_id
        where t.ticket_id = ?`,
      [Number(target.sourceId)],
    );
    await fixture.sql.query(
      `update ost_ticket t set lastupdate = (select max(e.created) from ost_thread_entry e
          join ost_thread th on th.id = e.thread_id where th.object_type = 'T' and th.object_id = t.ticket_id)
        where t.ticket_id = ?`,
      [Number(target.sourceId)],
    );
    // An agent edits the first reply of another ticket: only the entry's own time changes.
    const edited = tickets[99]!;
    await fixture.sql.query(
      `update ost_thread_entry set updated = (select max(created) from (select created from ost_thread_entry) x)
        where id = ?`,
      [Number(edited.messages[0]!.sourceId)],
    );
    const page = await source.tickets(null, since);
    expect(page.tickets.map((t) => t.sourceId)).toEqual([target.sourceId, edited.sourceId]);
    expect(page.next).toBeNull();
    expect(page.tickets[0]!.messages.at(-1)).toMatchObject({
      body: 'Any news on this?',
      channel: 'email',
      author: { kind: 'customer', sourceId: target.requesterSourceId },
    });
    expect(await source.countTickets!(since)).toBe(2);
  });

  it('refuses a database that is not osTicket, or that it cannot reach, without showing the password', async () => {
    const base = new URL(fixture.url);
    const other = new URL(base);
    other.pathname = '/mysql';
    await expect(openOsTicket({ url: other.toString() })).rejects.toThrow(
      /not an osTicket database.*ost_config/,
    );
    await expect(openOsTicket({ url: fixture.url, prefix: 'helpdesk_' })).rejects.toThrow(/helpdesk_config/);
    const wrong = new URL(base);
    wrong.username = 'root';
    wrong.password = 'not-the-Secret-42';
    const err = await openOsTicket({ url: wrong.toString() }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/Cannot connect to the osTicket database/);
    expect((err as Error).message).not.toContain('not-the-Secret-42');
  });
});
