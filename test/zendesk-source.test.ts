import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportSource, ImportTicket } from '../src/modules/imports/model.js';
import { openZendesk } from '../src/modules/imports/sources/zendesk.js';
import { MANUAL_PDF, startZendeskStandin, ZD, type ZendeskStandin } from './zendesk-standin.js';

// The Zendesk reader against a stand-in account speaking Zendesk's documented API over HTTP.

const EXPORT = '/api/v2/incremental/tickets/cursor.json';

async function readAll(source: ImportSource, since: string | null = null) {
  const tickets: ImportTicket[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await source.tickets(cursor, since);
    tickets.push(...page.tickets);
    cursor = page.next;
    pages++;
  } while (cursor && pages < 50);
  return { tickets, pages, byId: new Map(tickets.map((t) => [t.sourceId, t])) };
}

function opener(zd: () => ZendeskStandin, sleeps: number[]) {
  return (extra: Partial<Parameters<typeof openZendesk>[0]> = {}) =>
    openZendesk({
      baseUrl: zd().baseUrl,
      email: ZD.email,
      token: ZD.token,
      pageSize: 3,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      ...extra,
    });
}

describe('reading a Zendesk account', () => {
  let zd: ZendeskStandin;
  const sleeps: number[] = [];
  const open = opener(() => zd, sleeps);
  beforeAll(async () => {
    zd = await startZendeskStandin({ rateLimitOnce: [EXPORT] });
  });
  afterAll(() => zd.close());

  it('reads organisations, groups, agents, end-users, statuses, ticket types and custom fields', async () => {
    const source = await open();
    expect(source.name).toBe(`zendesk:${new URL(zd.baseUrl).host}`);
    const orgs = await source.organisations();
    expect(orgs.map((o) => o.name)).toEqual(['Northwind Traders', 'Contoso Ltd', 'Fabrikam']);
    expect(orgs[1]?.domains).toEqual(['contoso.example', 'contoso-mail.example']);
    expect((await source.departments()).map((d) => [d.sourceId, d.name])).toEqual([
      ['201', 'Support'],
      ['202', 'Billing'],
    ]);

    const staff = await source.staff();
    expect(staff.map((s) => s.sourceId)).toEqual(['301', '302', '303']);
    expect(staff.find((s) => s.sourceId === '301')).toMatchObject({ admin: true, emails: [ZD.email] });
    // Bob works in Billing and Support; Support is his default group, so it comes first.
    expect(staff.find((s) => s.sourceId === '302')).toMatchObject({
      admin: false,
      departmentSourceIds: ['201', '202'],
    });
    expect(staff.find((s) => s.sourceId === '303')?.active).toBe(false);

    const customers = await source.customers();
    expect(customers.map((c) => c.sourceId)).toEqual(['401', '402', '403', '404']);
    const dora = customers.find((c) => c.sourceId === '401');
    expect(dora).toMatchObject({ organisationSourceId: '101', active: true });
    expect(dora?.emails).toEqual(['dora@northwind.example', 'dora.private@mail.example']);
    expect(customers.find((c) => c.sourceId === '403')).toMatchObject({ emails: [], phone: '+15550199' });
    expect(customers.find((c) => c.sourceId === '404')?.active).toBe(false);

    const statuses = await source.statuses();
    expect(statuses.map((s) => `${s.sourceId}:${s.state}`)).toEqual([
      'new:open',
      'open:open',
      'pending:pending',
      'hold:pending',
      'solved:solved',
      'closed:closed',
      'custom:901:open',
      'custom:902:pending',
    ]);
    expect(statuses.at(-1)?.name).toBe('Waiting for parts');
    expect((await source.topics()).map((t) => t.sourceId)).toEqual([
      'question',
      'incident',
      'problem',
      'task',
    ]);

    const fields = await source.fields();
    expect(fields.map((f) => `${f.sourceId}:${f.key}:${f.kind}`)).toEqual([
      '501:product_line:select',
      '502:serial_number:text',
      '503:under_warranty:checkbox',
      '504:purchase_date:date',
      '505:affected_parts:select',
      '506:steps_to_reproduce:multiline',
      '507:f_2nd_line_units:text',
    ]);
    expect(fields[0]?.options).toEqual([
      { value: 'printers', label: 'Printers' },
      { value: 'scanners', label: 'Scanners' },
    ]);
    expect(await source.countTickets?.(null)).toBe(6);
  });

  it('reads every ticket of the export in its pages, waiting out a rate limit, archived ones included', async () => {
    const source = await open();
    const { tickets, pages, byId } = await readAll(source);
    expect(pages).toBe(3);
    // The export was asked four times: once refused with 429, then its three pages.
    expect(zd.requests.filter((r) => r.path === EXPORT).map((r) => r.status)).toEqual([429, 200, 200, 200]);
    expect(sleeps).toContain(1000);
    expect(tickets.map((t) => t.sourceId)).toEqual(['1', '2', '3', '4', '5', '6', '8']);
    expect(byId.has('7')).toBe(false); // deleted

    expect(byId.get('1')).toMatchObject({
      number: '1',
      statusSourceId: 'closed',
      subject: 'Invoice copy',
      channel: 'email',
    });
    expect(byId.get('1')?.messages).toHaveLength(2);

    const t2 = byId.get('2')!;
    expect(t2).toMatchObject({
      requesterSourceId: '401',
      organisationSourceId: '101',
      departmentSourceId: '201',
      topicSourceId: 'incident',
      statusSourceId: 'custom:901',
      priority: 'high',
      assigneeSourceId: '302',
      channel: 'web',
      tags: ['printer', 'jam'],
    });
    expect(t2.fields).toMatchObject({
      '501': 'printers',
      '502': 'SN-1',
      '503': true,
      '504': '2023-12-01',
      '505': 'tray,roller',
      '506': null,
      '507': 3,
    });
    expect(t2.messages.map((m) => [m.author, m.internal])).toEqual([
      [{ kind: 'customer', sourceId: '401' }, false],
      [{ kind: 'staff', sourceId: '302' }, true],
      [{ kind: 'staff', sourceId: '302' }, false],
    ]);
    expect(t2.messages[1]).toMatchObject({ format: 'html' });
    expect(t2.messages[1]?.body).toContain('ask the vendor');
    const [attachment] = t2.messages[0]!.attachments;
    expect(attachment).toMatchObject({
      sourceId: '7001',
      filename: 'manual.pdf',
      contentType: 'application/pdf',
    });
    expect((await attachment!.read()).equals(MANUAL_PDF)).toBe(true);
    // The download redirects to a storage host, which gets no Zendesk credentials.
    expect(zd.requests.filter((r) => r.path.startsWith('/attachments/')).map((r) => r.authorized)).toEqual([
      true,
    ]);
    expect(
      zd.requests.filter((r) => r.path.startsWith('/storage/')).map((r) => [r.status, r.authorized]),
    ).toEqual([[200, false]]);

    expect(byId.get('3')).toMatchObject({
      statusSourceId: 'custom:902',
      priority: 'urgent',
      channel: 'phone',
      topicSourceId: 'problem',
    });
    expect(byId.get('4')).toMatchObject({
      subject: 'Cannot log in',
      priority: 'normal',
      topicSourceId: null,
      channel: 'api',
      satisfaction: { rating: 5, comment: 'Quick fix, thanks', at: '2024-03-12T09:00:00Z' },
    });
    expect(byId.get('5')).toMatchObject({ statusSourceId: 'closed', mergedIntoSourceId: '6' });
    expect(byId.get('6')).toMatchObject({
      mergedIntoSourceId: null,
      satisfaction: null,
      statusSourceId: 'new',
    });
    expect(byId.get('8')).toMatchObject({
      channel: 'whatsapp',
      satisfaction: { rating: 1, comment: 'Too slow' },
    });
  });

  it('refuses wrong credentials with a message that names the account, not the token', async () => {
    const failure = await open({ token: 'not-the-token' }).catch((e: Error) => e);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(
      /^Zendesk refused the credentials for admin@acme\.test at 127\.0\.0\.1:\d+ \(HTTP 401\)/,
    );
    expect((failure as Error).message).not.toContain('not-the-token');
  });

  it('reads only the tickets changed since a time', async () => {
    const { tickets } = await readAll(await open(), '2024-03-12T00:00:00Z');
    expect(tickets.map((t) => t.sourceId)).toEqual(['4', '5', '6', '8']);
  });
});

describe('a Zendesk account changing and limiting', () => {
  let zd: ZendeskStandin;
  const sleeps: number[] = [];
  const open = opener(() => zd, sleeps);
  beforeAll(async () => {
    zd = await startZendeskStandin();
  });
  afterAll(() => zd.close());

  it('a later read since the last one brings the ticket with a new comment, and only it', async () => {
    const first = await readAll(await open());
    expect(first.byId.get('2')?.messages).toHaveLength(3);
    zd.addComment(2, {
      id: 20004,
      author_id: 401,
      body: 'Still jams.',
      public: true,
      created_at: '2024-04-01T10:00:00Z',
    });
    const delta = await readAll(await open(), '2024-03-20T00:00:00Z');
    expect(delta.tickets.map((t) => t.sourceId)).toEqual(['2']);
    expect(delta.tickets[0]?.updatedAt).toBe('2024-04-01T10:00:00Z');
    expect(delta.tickets[0]?.messages.at(-1)).toMatchObject({ sourceId: '20004', internal: false });
  });

  it('retries a request Zendesk failed with a 5xx after a back-off', async () => {
    const flaky = await startZendeskStandin({ failOnce: ['/api/v2/organizations.json'] });
    const waits: number[] = [];
    try {
      const source = await openZendesk({
        baseUrl: flaky.baseUrl,
        email: ZD.email,
        token: ZD.token,
        sleep: async (ms) => {
          waits.push(ms);
        },
      });
      expect(await source.organisations()).toHaveLength(3);
      expect(waits).toEqual([1000]);
      expect(
        flaky.requests.filter((r) => r.path === '/api/v2/organizations.json').map((r) => r.status),
      ).toEqual([503, 200]);
    } finally {
      await flaky.close();
    }
  });

  it('gives up with a clear error when the rate limit does not lift', async () => {
    const limited = await startZendeskStandin({ rateLimitOnce: [EXPORT] });
    try {
      const source = await openZendesk({
        baseUrl: limited.baseUrl,
        email: ZD.email,
        token: ZD.token,
        maxRetries: 0,
        sleep: async () => {},
      });
      await expect(source.tickets(null, null)).rejects.toThrow(
        /Zendesk at 127\.0\.0\.1:\d+ kept limiting the request rate \(HTTP 429\) for GET \/api\/v2\/incremental\/tickets\/cursor\.json after 0 retries/,
      );
    } finally {
      await limited.close();
    }
  });
});
