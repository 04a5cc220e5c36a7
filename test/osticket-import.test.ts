import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/auth/password.js';
import { createRun, type ImportOptions, runToEnd } from '../src/modules/imports/import.run.js';
import { openOsTicket } from '../src/modules/imports/sources/osticket.js';
import { login } from './client.js';
import { ADMIN, startTestApp, type TestEnv } from './helpers.js';
import { loadOsTicketFixture, mariadbAvailable, OSTICKET_FIXTURES, type OsTicketDb } from './osticket-db.js';

// A whole import of a real osTicket 1.18 installation (../shared/fixtures/osticket, loaded into a
// scratch MariaDB database) into Tessera, checked against the numbers taken from it by SQL.

const counts = JSON.parse(readFileSync(path.join(OSTICKET_FIXTURES, 'counts.json'), 'utf8'));
const available = await mariadbAvailable();
const OPTIONS: ImportOptions = { topicsAs: 'types', statusMap: {}, delta: false };

describe.skipIf(!available)('importing an osTicket 1.18 installation', () => {
  let env: TestEnv;
  let fixture: OsTicketDb;
  const run = async (options = OPTIONS) => {
    const r = await createRun(env.app.ctx, { kind: 'osticket', options });
    const src = await openOsTicket({ url: fixture.url, pageSize: 50 });
    try {
      return await runToEnd(env.app.ctx, r.id, src);
    } finally {
      await src.close();
    }
  };
  const rows = async (
    table:
      | 'tickets'
      | 'messages'
      | 'outbox'
      | 'attachments'
      | 'ticket_events'
      | 'in_app_notifications'
      | 'ticket_sla_clocks',
  ) =>
    Number(
      (
        await env.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const db = () => env.database.db;

  beforeAll(async () => {
    fixture = await loadOsTicketFixture();
    env = await startTestApp();
  });
  afterAll(async () => {
    await env?.close();
    await fixture?.drop();
  });

  it('imports every object, silently', async () => {
    const before = { outbox: await rows('outbox'), bell: await rows('in_app_notifications') };
    const done = await run();
    expect(done.state).toBe('done');
    const c = JSON.parse(done.counts);
    expect(c.ticket).toEqual({ imported: counts.tickets.total, updated: 0, skipped: 0, refused: 0 });
    expect(c.organisation.imported).toBe(counts.organisations.total);
    expect(c.staff.imported).toBe(counts.staff.total);
    expect(c.customer.imported).toBe(counts.users.total);
    expect(c.topic.imported).toBe(counts.help_topics.total);
    const inTickets = counts.thread_entries.by_type_in_ticket_threads;
    expect(await rows('messages')).toBe(inTickets.M + inTickets.R + inTickets.N);
    const internal = await db()
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('internal', '=', 1)
      .executeTakeFirstOrThrow();
    expect(Number(internal.n)).toBe(inTickets.N);
    expect(await rows('attachments')).toBe(counts.attachments.by_object_type.H);
    // osTicket keeps text entries HTML-escaped; what people read has the characters back.
    const escaped = await db()
      .selectFrom('messages')
      .select('body')
      .where('body', 'like', '%&gt;%')
      .execute();
    expect(escaped).toEqual([]);
    const quoted = await db()
      .selectFrom('messages')
      .select('body')
      .where('body', 'like', '%wrote:%>%')
      .execute();
    expect(quoted.length).toBeGreaterThan(0);
    // Nothing sent, nothing scheduled: no outbox job, no notice, no timer, no service-level clock.
    expect(await rows('outbox')).toBe(before.outbox);
    expect(await rows('in_app_notifications')).toBe(before.bell);
    expect(await rows('ticket_sla_clocks')).toBe(0);
    const timers = await db()
      .selectFrom('tickets')
      .select('id')
      .where('next_timer_at', 'is not', null)
      .execute();
    expect(timers).toEqual([]);
    // Jürgen Weiß keeps both of his addresses.
    const juergen = await db()
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'juergen.weiss@nordlicht.example')
      .executeTakeFirstOrThrow();
    expect(
      await db().selectFrom('user_contacts').select('value').where('user_id', '=', juergen.id).execute(),
    ).toEqual([{ value: 'j.weiss@privat.example' }]);
  });

  it('keeps numbers, departments, statuses, attachments, the merge and what is internal', async () => {
    const numbers = (await fixture.sql.query('select number, dept_id from ost_ticket'))[0] as {
      number: string;
    }[];
    const ours = new Set(
      (await db().selectFrom('tickets').select('number').execute()).map((t) => String(t.number)),
    );
    expect(numbers.filter((n) => !ours.has(String(Number(n.number))))).toEqual([]);

    const byDept = await db()
      .selectFrom('tickets')
      .innerJoin('departments', 'departments.id', 'tickets.department_id')
      .select(['departments.name', (eb) => eb.fn.countAll().as('n')])
      .groupBy('departments.name')
      .execute();
    expect(Object.fromEntries(byDept.map((d) => [d.name, Number(d.n)]))).toEqual(
      counts.tickets.by_department,
    );

    // Every attachment byte for byte as osTicket stored it.
    const files = (
      (await fixture.sql.query(
        `select f.name, sha2(group_concat(c.filedata order by c.chunk_id separator ''), 256) as sum
           from ost_attachment a join ost_file f on f.id = a.file_id join ost_file_chunk c on c.file_id = f.id
          where a.type = 'H' group by a.id, f.name`,
      )) as unknown as [{ name: string; sum: string }[]]
    )[0];
    const admin = await login(env.app, ADMIN.email, ADMIN.password);
    const stored = await db().selectFrom('attachments').select(['id', 'filename']).execute();
    const sums: string[] = [];
    for (const a of stored) {
      const res = await admin.request('GET', `/api/v1/attachments/${a.id}`);
      expect(res.statusCode).toBe(200);
      sums.push(createHash('sha256').update(res.rawPayload).digest('hex'));
    }
    expect(sums.sort()).toEqual(files.map((f) => f.sum).sort());

    // The merged ticket ends merged into the one it went into; the linked one is linked.
    const [[merged]] = (await fixture.sql.query(
      `select c.number as child, p.number as parent from ost_ticket c join ost_ticket p on p.ticket_id = c.ticket_pid where c.flags & 1`,
    )) as unknown as [{ child: string; parent: string }[]];
    const res = await admin.request('GET', `/api/v1/tickets/${Number(merged?.child)}`);
    expect(res.statusCode).toBe(308);
    expect(res.json()).toMatchObject({ mergedInto: Number(merged?.parent), status: { category: 'closed' } });
    expect(await db().selectFrom('ticket_links').select('kind').execute()).toEqual([{ kind: 'related' }]);

    // Statuses land on the workflow's by name or by what they mean.
    const byStatus = await db()
      .selectFrom('tickets')
      .select(['status_category', (eb) => eb.fn.countAll().as('n')])
      .groupBy('status_category')
      .execute();
    const open = byStatus
      .filter((s) => !['solved', 'closed'].includes(s.status_category))
      .reduce((n, s) => n + Number(s.n), 0);
    expect(open).toBe(counts.tickets.by_state.open);
  });

  it('shows the restricted agent only Billing, and customers never an internal note', async () => {
    await db()
      .updateTable('users')
      .set({ password_hash: await hashPassword('Chiara#Helix2024') })
      .where('email', 'like', 'chiara%')
      .execute();
    const chiara = await db()
      .selectFrom('users')
      .select('email')
      .where('email', 'like', 'chiara%')
      .executeTakeFirstOrThrow();
    const agent = await login(env.app, chiara.email, 'Chiara#Helix2024');
    const seen = await agent.get<{ items: { department: { name: string } }[] }>('/api/v1/tickets?limit=100');
    expect(seen.items.length).toBe(counts.tickets.by_department.Billing);
    expect(new Set(seen.items.map((t) => t.department.name))).toEqual(new Set(['Billing']));

    await db()
      .updateTable('users')
      .set({ password_hash: await hashPassword('Sakura#Portal24') })
      .where('email', '=', 'ken.sato@sakura-logistics.example')
      .execute();
    const customer = await login(env.app, 'ken.sato@sakura-logistics.example', 'Sakura#Portal24');
    const mine = await customer.get<{ items: { number: number }[] }>('/api/v1/tickets?limit=100');
    expect(mine.items.length).toBeGreaterThan(0);
    for (const t of mine.items) {
      const msgs = await customer.get<{ items: { internal: boolean }[] }>(
        `/api/v1/tickets/${t.number}/messages`,
      );
      expect(msgs.items.some((m) => m.internal)).toBe(false);
    }
  });

  it('changes nothing when run again; a delta run brings a new reply', async () => {
    const snapshot = async () => ({
      tickets: await rows('tickets'),
      messages: await rows('messages'),
      events: await rows('ticket_events'),
      attachments: await rows('attachments'),
    });
    const before = await snapshot();
    const again = await run();
    expect(JSON.parse(again.counts).ticket).toMatchObject({ imported: 0, skipped: counts.tickets.total });
    expect(await snapshot()).toEqual(before);

    const [[target]] = (await fixture.sql.query(
      'select ticket_id, number from ost_ticket order by ticket_id limit 1 offset 41',
    )) as unknown as [{ ticket_id: number; number: string }[]];
    await fixture.sql.query(
      `insert into ost_thread_entry (pid, thread_id, staff_id, user_id, type, flags, poster, source, body, format, ip_address, created, updated)
       select 0, th.id, 0, t.user_id, 'M', 0, 'customer', 'Email', 'Any news on this?', 'text', '', utc_timestamp() + interval 1 minute, '0000-00-00 00:00:00'
         from ost_ticket t join ost_thread th on th.object_type = 'T' and th.object_id = t.ticket_id where t.ticket_id = ?`,
      [target?.ticket_id],
    );
    await fixture.sql.query(
      'update ost_ticket set lastupdate = utc_timestamp() + interval 1 minute where ticket_id = ?',
      [target?.ticket_id],
    );
    const delta = await run({ ...OPTIONS, delta: true });
    expect(JSON.parse(delta.counts).ticket).toMatchObject({ updated: 1, imported: 0 });
    expect(await rows('messages')).toBe(before.messages + 1);
    const admin = await login(env.app, ADMIN.email, ADMIN.password);
    const msgs = await admin.get<{ items: { body: string }[] }>(
      `/api/v1/tickets/${Number(target?.number)}/messages`,
    );
    expect(msgs.items.at(-1)?.body).toBe('Any news on this?');
  });
});
