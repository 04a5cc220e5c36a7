import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRun, runToEnd } from '../src/modules/imports/import.run.js';
import type { ImportSource, ImportTicket } from '../src/modules/imports/model.js';
import { nextTicketNumber } from '../src/modules/ticket-data/tickets.repository.js';
import { login } from './client.js';
import { ADMIN, startTestApp, type TestEnv } from './helpers.js';

// The import run against a source held in memory: what it writes, that it writes it once, that a
// later run brings what changed, and that nothing is sent or scheduled.

/** A real 1×1 PNG: attachments are checked by their bytes. */
function png(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = (crcTable[(c ^ x) & 0xff] as number) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from([0, 0]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const PNG = png();

function memorySource(tickets: ImportTicket[]): ImportSource {
  return {
    name: 'memory:test',
    organisations: async () => [{ sourceId: 'o1', name: 'Nordlicht GmbH' }],
    departments: async () => [
      { sourceId: 'd1', name: 'Support' },
      { sourceId: 'd2', name: 'Billing' },
    ],
    staff: async () => [
      {
        sourceId: 's1',
        name: 'Ada Admin',
        emails: ['ada@helpdesk.example'],
        admin: true,
        departmentSourceIds: ['d1', 'd2'],
      },
      {
        sourceId: 's2',
        name: 'Chiara Rossi',
        emails: ['chiara@helpdesk.example'],
        admin: false,
        departmentSourceIds: ['d2'],
      },
    ],
    customers: async () => [
      {
        sourceId: 'u1',
        name: 'Jürgen Weiß',
        emails: ['juergen@nordlicht.example', 'j.weiss@privat.example'],
        organisationSourceId: 'o1',
      },
      { sourceId: 'u2', name: 'No Address', emails: [] },
    ],
    statuses: async () => [
      { sourceId: '1', name: 'Open', state: 'open' },
      { sourceId: '3', name: 'Closed', state: 'closed' },
      { sourceId: '9', name: 'Awaiting Customer', state: 'pending' },
    ],
    topics: async () => [{ sourceId: 't1', name: 'Billing Question' }],
    fields: async () => [
      {
        sourceId: 'f1',
        key: 'system_affected',
        label: 'System affected',
        kind: 'select',
        options: [{ value: 'vpn', label: 'VPN' }],
      },
    ],
    async tickets(cursor) {
      const start = cursor ? Number(cursor) : 0;
      const page = tickets.slice(start, start + 2);
      return { tickets: page, next: start + 2 < tickets.length ? String(start + 2) : null };
    },
    countTickets: async () => tickets.length,
    close: async () => {},
  };
}

const t = (n: number, extra: Partial<ImportTicket> = {}): ImportTicket => ({
  sourceId: `T${n}`,
  number: String(100_000 + n),
  subject: `Ticket ${n} über Rechnungen`,
  requesterSourceId: 'u1',
  organisationSourceId: 'o1',
  departmentSourceId: 'd2',
  topicSourceId: 't1',
  statusSourceId: '1',
  priority: 'high',
  assigneeSourceId: 's2',
  channel: 'email',
  tags: ['Imported', 'vip'],
  fields: { f1: 'vpn' },
  createdAt: '2025-01-0' + n + 'T10:00:00.000Z',
  updatedAt: '2025-01-0' + n + 'T12:00:00.000Z',
  messages: [
    {
      sourceId: `M${n}a`,
      author: { kind: 'customer', sourceId: 'u1' },
      body: '<p>Hallo, die <b>Rechnung</b> fehlt.</p>',
      format: 'html',
      internal: false,
      createdAt: '2025-01-0' + n + 'T10:00:00.000Z',
      attachments: [{ sourceId: `A${n}`, filename: 'scan.png', read: async () => PNG }],
    },
    {
      sourceId: `M${n}b`,
      author: { kind: 'staff', sourceId: 's2' },
      body: 'Internal: check with accounting',
      format: 'text',
      internal: true,
      createdAt: '2025-01-0' + n + 'T11:00:00.000Z',
      attachments: [],
    },
  ],
  events: [
    {
      sourceId: `E${n}`,
      actor: { kind: 'staff', sourceId: 's1' },
      at: '2025-01-0' + n + 'T10:30:00.000Z',
      kind: 'assignee',
      from: null,
      to: 's2',
    },
  ],
  ...extra,
});

describe('an import run', () => {
  let env: TestEnv;
  const tickets = [
    t(1),
    t(2, { statusSourceId: '3', closedAt: '2025-01-02T12:00:00.000Z', mergedIntoSourceId: 'T3' }),
    t(3, { linkedSourceIds: ['T1'] }),
    t(4, { requesterSourceId: 'u2' }),
  ];
  beforeAll(async () => {
    env = await startTestApp();
  });
  afterAll(() => env.close());

  const count = async (table: 'tickets' | 'messages' | 'outbox' | 'attachments' | 'import_records') =>
    Number(
      (
        await env.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('imports everything once, silently, keeping numbers, times and visibility', async () => {
    const outboxBefore = await count('outbox');
    const run = await createRun(env.app.ctx, {
      kind: 'memory',
      options: { topicsAs: 'types', statusMap: {}, delta: false },
    });
    const done = await runToEnd(env.app.ctx, run.id, memorySource(tickets));
    expect(done.state).toBe('done');
    const counts = JSON.parse(done.counts);
    expect(counts.ticket).toEqual({ imported: 3, updated: 0, skipped: 0, refused: 1 });
    expect(counts.message).toMatchObject({ imported: 6 });
    expect(counts.customer).toMatchObject({ imported: 1, refused: 1 });
    expect(await count('outbox')).toBe(outboxBefore);

    const admin = await login(env.app, ADMIN.email, ADMIN.password);
    const one = await admin.get<{
      number: number;
      subject: string;
      status: string;
      type: string;
      tags: string[];
      createdAt: string;
      fields: Record<string, unknown>;
    }>('/api/v1/tickets/100001');
    expect(one).toMatchObject({
      number: 100001,
      type: 'billing_question',
      createdAt: '2025-01-01T10:00:00.000Z',
      fields: { system_affected: 'vpn' },
    });
    expect([...one.tags].sort()).toEqual(['imported', 'vip']);
    const msgs = await admin.get<{
      items: { body: string; internal: boolean; attachments: { size: number }[] }[];
    }>('/api/v1/tickets/100001/messages');
    expect(msgs.items.map((m) => [m.body, m.internal])).toEqual([
      ['Hallo, die Rechnung fehlt.', false],
      ['Internal: check with accounting', true],
    ]);
    expect(msgs.items[0]?.attachments[0]?.size).toBe(PNG.length);
    // Messages are found by search, on both engines.
    const found = await admin.get<{ items: { number: number }[] }>('/api/v1/tickets?q=fehlt');
    expect(found.items.map((i) => i.number).sort()).toEqual([100001, 100002, 100003]);
    // The merged ticket points at the one it went into, as after a merge made in Tessera.
    const merged = await admin.request('GET', '/api/v1/tickets/100002');
    expect(merged.statusCode).toBe(308);
    expect(merged.json()).toMatchObject({ mergedInto: 100003, status: { category: 'closed' } });
    const links = await admin.get<{ items: { ticket: { number: number } }[] }>(
      '/api/v1/tickets/100003/links',
    );
    expect(JSON.stringify(links)).toContain('100001');
    expect(await env.database.db.selectFrom('user_contacts').select('value').execute()).toEqual([
      { value: 'j.weiss@privat.example' },
    ]);
    // A ticket created now gets a number after the imported ones.
    expect(await nextTicketNumber(env.database.db, env.app.ctx.dialect)).toBe(100004);
    const log = await env.database.db
      .selectFrom('import_log')
      .selectAll()
      .where('run_id', '=', run.id)
      .execute();
    expect(log.filter((l) => l.outcome === 'refused').map((l) => l.detail)).toEqual(
      expect.arrayContaining(['it has no e-mail address', 'its requester (u2) was not imported']),
    );
  });

  it('changes nothing when run again, and a delta run brings a new reply', async () => {
    const before = {
      tickets: await count('tickets'),
      messages: await count('messages'),
      records: await count('import_records'),
    };
    const again = await createRun(env.app.ctx, {
      kind: 'memory',
      options: { topicsAs: 'types', statusMap: {}, delta: false },
    });
    const second = await runToEnd(env.app.ctx, again.id, memorySource(tickets));
    expect(JSON.parse(second.counts).ticket).toMatchObject({ imported: 0, skipped: 3 });
    expect({
      tickets: await count('tickets'),
      messages: await count('messages'),
      records: await count('import_records'),
    }).toEqual(before);

    const changed = t(1, {
      updatedAt: '2025-02-01T09:00:00.000Z',
      statusSourceId: '9',
      messages: [
        ...t(1).messages,
        {
          sourceId: 'M1c',
          author: { kind: 'customer', sourceId: 'u1' },
          body: 'Any news?',
          format: 'text',
          internal: false,
          createdAt: '2025-02-01T09:00:00.000Z',
          attachments: [],
        },
      ],
    });
    const delta = await createRun(env.app.ctx, {
      kind: 'memory',
      options: { topicsAs: 'types', statusMap: { 'Awaiting Customer': 'open' }, delta: true },
    });
    const third = await runToEnd(env.app.ctx, delta.id, memorySource([changed]));
    expect(JSON.parse(third.counts).ticket).toMatchObject({ updated: 1 });
    expect(await count('messages')).toBe(before.messages + 1);
  });
});
