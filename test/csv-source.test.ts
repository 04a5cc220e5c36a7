import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportSource, ImportTicket } from '../src/modules/imports/model.js';
import { inspectCsv, openCsv } from '../src/modules/imports/sources/csv.js';

// Importing from spreadsheets: the mapping step proposes what each column becomes, the source
// reads organisations, customers and tickets in Tessera's terms, refuses the rows it cannot read
// with their line, and streams a large tickets file in pages.

const dir = mkdtempSync(join(tmpdir(), 'tessera-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function allTickets(source: ImportSource): Promise<{ tickets: ImportTicket[]; pages: number }> {
  const tickets: ImportTicket[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await source.tickets(cursor, null);
    tickets.push(...page.tickets);
    cursor = page.next;
    pages++;
  } while (cursor !== null);
  return { tickets, pages };
}

// A German spreadsheet export: BOM, semicolons, CRLF, a description over two lines.
const SPREADSHEET = [
  '\uFEFFTicket ID;Title;Description;Customer E-mail;Created;Status;Company;Group;Product',
  '1001;Drucker druckt nicht;"Der Drucker im Büro zeigt ""Papierstau"",\r\nobwohl kein Papier drin ist.";jürgen@example.de;03.04.2024 09:15;Open;Müller GmbH;Support;Laser',
  '1002;ログインできません;パスワードを忘れました。;yuki@example.jp;2024-04-05 10:00;Resolved;;Support;Web',
  '1003;Rechnung falsch;Bitte korrigieren.;anna@example.de;13/04/2024;Waiting on customer;Müller GmbH;Billing;',
].join('\r\n');

describe('the mapping step', () => {
  it('reads the headers through a BOM and semicolons and proposes what each column becomes', async () => {
    const seen = await inspectCsv({ text: SPREADSHEET }, 'tickets');
    expect(seen.delimiter).toBe(';');
    expect(seen.headers[0]).toBe('Ticket ID');
    expect(seen.rows).toBe(3);
    expect(seen.sample).toHaveLength(3);
    expect(seen.sample[0]?.[2]).toBe(
      'Der Drucker im Büro zeigt "Papierstau",\r\nobwohl kein Papier drin ist.',
    );
    expect(seen.sample[1]?.[1]).toBe('ログインできません');
    expect(seen.suggested).toEqual({
      'Ticket ID': 'id',
      Title: 'subject',
      Description: 'body',
      'Customer E-mail': 'requester_email',
      Created: 'created_at',
      Status: 'status',
      Company: 'organisation',
      Group: 'department',
      Product: null,
    });
    // 13/04/2024 can only be day first.
    expect(seen.dateOrder).toBe('dmy');
  });

  it('tells a "Customer" column of addresses from one of names, and reads a file on disk', async () => {
    const path = file(
      'people.csv',
      'Requester\tCustomer\tSummary\tAssigned to\tPriority\n' +
        'Ana Silva\tana@example.com\tHello\tbob@help.example\t1\n',
    );
    const seen = await inspectCsv({ file: path }, 'tickets');
    expect(seen.delimiter).toBe('\t');
    expect(seen.suggested).toEqual({
      Requester: 'requester_name',
      Customer: 'requester_email',
      Summary: 'subject',
      'Assigned to': 'assignee_email',
      Priority: 'priority',
    });
    const customers = await inspectCsv(
      { text: 'Customer,Email Address,Other e-mails,Tel.,Organization\nAna,ana@example.com,,,\n' },
      'customers',
    );
    expect(customers.delimiter).toBe(',');
    expect(customers.suggested).toEqual({
      Customer: 'name',
      'Email Address': 'email',
      'Other e-mails': 'emails',
      'Tel.': 'phone',
      Organization: 'organisation',
    });
  });
});

const ORGANISATIONS =
  'Org ID,Name,Domains\nacme,Acme Corp,acme.example; acme.test\nm1,Müller GmbH,mueller.example\n';
const CUSTOMERS = [
  'Name,E-mail,Other addresses,Phone,Company',
  'Jürgen Weiß,jurgen@mueller.example,"jw@mueller.example; juergen@home.example",+49 30 1234,Müller GmbH',
  'Wile E. Coyote,wile@acme.example,,,acme',
  'Nobody,,,,',
].join('\n');
const TICKETS = [
  'Number,Subject,Body,Requester,Requester name,Status,Priority,Assignee,Tags,Created,Updated,Closed,Type,Product,Internal note,Channel',
  '#17,Printer jam,"It jams.\nEvery time.",JW@mueller.example,,Open,Urgent,sam@help.example,"printer, hardware",2024-03-01T08:00:00+01:00,,,Hardware,Laser,Checked the tray,email',
  '18,Invoice,Wrong total,wile@acme.example,,open ,3,,billing;invoice,02.03.2024 10:30,2024-03-04 12:00:00,,Billing,,,phone',
  '19,No subject here,,,,Closed,low,,,2024-03-05,,,,,,',
  '20,,Missing subject,new.person@example.org,,Open,,,,2024-03-06,,,,,,',
  '21,Bad date,Body,new.person@example.org,New Person,Open,,,,31.02.2024,,,,,,',
  '22,Question,How do I…,new.person@example.org,New Person,Resolved,,,,03/04/2024,,03/05/2024 4:30 PM,Billing,Laser,,',
  '23,Stuck,Waiting for parts,wile@acme.example,,Waiting on customer,normal,sam@help.example,,2024-03-07,,,,Toner,,web',
].join('\n');

const TICKET_MAPPING = {
  Number: 'number',
  Subject: 'subject',
  Body: 'body',
  Requester: 'requester_email',
  'Requester name': 'requester_name',
  Status: 'status',
  Priority: 'priority',
  Assignee: 'assignee_email',
  Tags: 'tags',
  Created: 'created_at',
  Updated: 'updated_at',
  Closed: 'closed_at',
  Type: 'type',
  Product: 'field:product',
  'Internal note': 'internal_note',
  Channel: 'channel',
};

function openShop(pageSize?: number, dateOrder?: 'dmy' | 'mdy') {
  return openCsv({
    name: 'csv:shop',
    pageSize,
    dateOrder,
    organisations: { text: ORGANISATIONS, mapping: { 'Org ID': 'id', Name: 'name', Domains: 'domains' } },
    customers: {
      file: file('customers.csv', CUSTOMERS),
      mapping: {
        Name: 'name',
        'E-mail': 'email',
        'Other addresses': 'emails',
        Phone: 'phone',
        Company: 'organisation',
      },
    },
    tickets: { file: file('tickets.csv', TICKETS), mapping: TICKET_MAPPING },
  });
}

describe('reading spreadsheets', () => {
  it('reads organisations, customers with their further addresses, and requesters met only on tickets', async () => {
    const source = await openShop();
    expect(await source.organisations()).toEqual([
      { sourceId: 'acme', name: 'Acme Corp', domains: ['acme.example', 'acme.test'] },
      { sourceId: 'm1', name: 'Müller GmbH', domains: ['mueller.example'] },
    ]);
    const customers = await source.customers();
    expect(customers).toEqual([
      {
        sourceId: 'jurgen@mueller.example',
        name: 'Jürgen Weiß',
        emails: ['jurgen@mueller.example', 'jw@mueller.example', 'juergen@home.example'],
        phone: '+49 30 1234',
        organisationSourceId: 'm1',
      },
      {
        sourceId: 'wile@acme.example',
        name: 'Wile E. Coyote',
        emails: ['wile@acme.example'],
        phone: null,
        organisationSourceId: 'acme',
      },
      {
        sourceId: 'new.person@example.org',
        name: 'New Person',
        emails: ['new.person@example.org'],
        organisationSourceId: null,
      },
    ]);
    expect(await source.staff()).toEqual([
      expect.objectContaining({ sourceId: 'sam@help.example', emails: ['sam@help.example'], admin: false }),
    ]);
    await source.close();
  });

  it('reads tickets with their first message, statuses by distinct value and custom field values', async () => {
    const source = await openShop();
    expect(await source.statuses()).toEqual([
      { sourceId: 'open', name: 'Open', state: 'open' },
      { sourceId: 'resolved', name: 'Resolved', state: 'solved' },
      { sourceId: 'waiting on customer', name: 'Waiting on customer', state: 'pending' },
    ]);
    expect(await source.topics()).toEqual([
      { sourceId: 'hardware', name: 'Hardware' },
      { sourceId: 'billing', name: 'Billing' },
    ]);
    expect(await source.fields()).toEqual([
      { sourceId: 'product', key: 'product', label: 'Product', kind: 'text' },
    ]);
    const { tickets } = await allTickets(source);
    expect(tickets.map((t) => t.sourceId)).toEqual(['17', '18', '22', '23']);
    const [jam, invoice, question, stuck] = tickets as [
      ImportTicket,
      ImportTicket,
      ImportTicket,
      ImportTicket,
    ];
    expect(jam).toMatchObject({
      number: '17',
      subject: 'Printer jam',
      // Found by the customer's further address, in other case.
      requesterSourceId: 'jurgen@mueller.example',
      organisationSourceId: 'm1',
      statusSourceId: 'open',
      priority: 'urgent',
      assigneeSourceId: 'sam@help.example',
      tags: ['printer', 'hardware'],
      topicSourceId: 'hardware',
      channel: 'email',
      fields: { product: 'Laser' },
      createdAt: '2024-03-01T07:00:00.000Z',
      updatedAt: '2024-03-01T07:00:00.000Z',
      closedAt: null,
    });
    expect(jam.messages).toEqual([
      {
        sourceId: '17:body',
        author: { kind: 'customer', sourceId: 'jurgen@mueller.example' },
        body: 'It jams.\nEvery time.',
        format: 'text',
        internal: false,
        channel: 'email',
        createdAt: '2024-03-01T07:00:00.000Z',
        attachments: [],
      },
      {
        sourceId: '17:note',
        author: { kind: 'staff', sourceId: 'sam@help.example' },
        body: 'Checked the tray',
        format: 'text',
        internal: true,
        createdAt: '2024-03-01T07:00:00.000Z',
        attachments: [],
      },
    ]);
    expect(invoice).toMatchObject({
      statusSourceId: 'open',
      priority: 'high',
      channel: 'phone',
      tags: ['billing', 'invoice'],
      fields: {},
      createdAt: '2024-03-02T10:30:00.000Z',
      updatedAt: '2024-03-04T12:00:00.000Z',
    });
    expect(invoice.messages).toHaveLength(1);
    // 03/04/2024 is day first unless told otherwise; a closing date moves the last update along.
    expect(question).toMatchObject({
      requesterSourceId: 'new.person@example.org',
      organisationSourceId: null,
      statusSourceId: 'resolved',
      createdAt: '2024-04-03T00:00:00.000Z',
      closedAt: '2024-05-03T16:30:00.000Z',
      updatedAt: '2024-05-03T16:30:00.000Z',
      channel: 'web',
    });
    expect(stuck).toMatchObject({ statusSourceId: 'waiting on customer', fields: { product: 'Toner' } });
    await source.close();

    const american = await openShop(100, 'mdy');
    const again = (await allTickets(american)).tickets.find((t) => t.sourceId === '22');
    expect(again).toMatchObject({
      createdAt: '2024-03-04T00:00:00.000Z',
      closedAt: '2024-03-05T16:30:00.000Z',
    });
    await american.close();
  });

  it('refuses a bad row with its line and reason, and imports the rest', async () => {
    const source = await openShop();
    const { tickets } = await allTickets(source);
    expect(tickets).toHaveLength(4);
    // Ticket 17's body spans two lines, so ticket 19 is on line 5 of the file.
    expect(source.refusals?.()).toEqual([
      { kind: 'customer', sourceId: 'line-4', reason: 'line 4: no e-mail address' },
      { kind: 'ticket', sourceId: '19', reason: 'line 5: no requester e-mail address' },
      { kind: 'ticket', sourceId: '20', reason: 'line 6: no subject' },
      { kind: 'ticket', sourceId: '21', reason: 'line 7: created_at "31.02.2024" is not a date' },
    ]);
    expect(await source.countTickets?.(null)).toBe(4);
    expect(await source.countTickets?.('2024-03-04T00:00:00Z')).toBe(3);
    await source.close();
  });

  it('gives every ticket once in small pages, and resumes from a cursor after a restart', async () => {
    const source = await openShop(1);
    const { tickets, pages } = await allTickets(source);
    expect(tickets.map((t) => t.sourceId)).toEqual(['17', '18', '22', '23']);
    expect(pages).toBe(4);
    await source.close();

    const first = await openShop(2);
    const page1 = await first.tickets(null, null);
    expect(page1.tickets.map((t) => t.sourceId)).toEqual(['17', '18']);
    await first.close();
    // A new run, reading on from where the interrupted one stopped.
    const resumed = await openShop(2);
    const page2 = await resumed.tickets(page1.next, null);
    expect(page2).toMatchObject({ next: null });
    expect(page2.tickets.map((t) => t.sourceId)).toEqual(['22', '23']);
    // Only what changed since a time, on a delta run.
    const delta = await resumed.tickets(null, '2024-03-04T00:00:00Z');
    expect(delta.tickets.map((t) => t.sourceId)).toEqual(['18', '22']);
    await resumed.close();
  });

  it('derives ids from the rows, the same on every reading', async () => {
    const text = 'Subject,E-mail\nFirst,a@example.com\nSecond,b@example.com\n';
    const read = async () => {
      const source = await openCsv({
        name: 'csv:plain',
        tickets: { text, mapping: { Subject: 'subject', 'E-mail': 'requester_email' } },
      });
      const { tickets } = await allTickets(source);
      await source.close();
      return tickets;
    };
    const ids = (tickets: ImportTicket[]) =>
      tickets.map((t) => [t.sourceId, t.requesterSourceId, t.statusSourceId, t.messages[0]?.body]);
    const once = ids(await read());
    expect(once).toEqual([
      ['row-1', 'a@example.com', 'open', 'First'],
      ['row-2', 'b@example.com', 'open', 'Second'],
    ]);
    expect(ids(await read())).toEqual(once);
  });

  it('stops before reading when the mapping does not fit the file', async () => {
    await expect(
      openCsv({
        name: 'csv:wrong',
        tickets: { text: 'Title,Mail\nx,a@example.com\n', mapping: { Title: 'subject', Missing: 'body' } },
      }),
    ).rejects.toMatchObject({
      code: 'validation',
      message: 'tickets file has no column "Missing"; tickets file: no column is mapped to requester_email',
    });
    await expect(
      openCsv({
        name: 'csv:wrong',
        customers: { text: 'Mail\na@example.com\n', mapping: { Mail: 'subject' } },
      }),
    ).rejects.toMatchObject({ code: 'validation' });
  });
});

describe('a large tickets file', () => {
  it('reads 20,000 rows in pages without holding the file', async () => {
    const rows = 20_000;
    const body = 'The quick brown fox jumps over the lazy dog. '.repeat(40);
    // Written in chunks, so that the test itself never holds the file either.
    const path = join(dir, 'large.csv');
    const fd = openSync(path, 'w');
    writeSync(fd, 'id,subject,body,email,created,status,priority\n');
    for (let from = 1; from <= rows; from += 1000) {
      const chunk: string[] = [];
      for (let i = from; i < from + 1000; i++) {
        chunk.push(
          `${i},Ticket ${i},"${body}${i}",customer${i % 500}@example.com,2024-01-01 10:00,Open,${(i % 4) + 1}\n`,
        );
      }
      writeSync(fd, chunk.join(''));
    }
    closeSync(fd);
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    const base = process.memoryUsage().heapUsed;
    // Between pages, after collecting garbage: what the reader keeps. Meanwhile, without: the
    // highest the heap went, garbage included.
    let kept = 0;
    let peak = 0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().heapUsed - base);
    }, 1);
    const started = performance.now();
    const source = await openCsv({
      name: 'csv:large',
      pageSize: 500,
      tickets: {
        file: path,
        mapping: {
          id: 'id',
          subject: 'subject',
          body: 'body',
          email: 'requester_email',
          created: 'created_at',
        },
      },
    });
    expect((await source.customers()).length).toBe(500);
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const page = await source.tickets(cursor, null);
      for (const ticket of page.tickets) seen.add(ticket.sourceId);
      cursor = page.next;
      gc();
      kept = Math.max(kept, process.memoryUsage().heapUsed - base);
    } while (cursor !== null);
    await source.close();
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    expect(seen.size).toBe(rows);
    expect(source.refusals?.()).toEqual([]);
    // The file is 37 MB (44 MB as tickets): what stays between pages is the reference data and
    // one page, and the heap never held the whole file at once.
    expect(kept).toBeLessThan(12 * 1024 * 1024);
    expect(peak).toBeLessThan(40 * 1024 * 1024);
    expect(seconds).toBeLessThan(20);
  });
});
