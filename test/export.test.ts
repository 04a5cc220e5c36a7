import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, makeWorld, openTicket } from './client.js';
import { startTestApp, type TestEnv } from './helpers.js';

// A list of tickets as CSV: every ticket the filters select (not a page), in the list's order,
// each as the caller sees it: the visibility of the list, tags only for staff, formulas defused.

let env: TestEnv;
let w: Awaited<ReturnType<typeof makeWorld>>;

beforeAll(async () => {
  env = await startTestApp();
  w = await makeWorld(env.app);
});
afterAll(async () => {
  await env?.close();
});

async function exported(c: Client, query = '') {
  const res = await c.request('GET', `/api/v1/tickets/export${query ? `?${query}` : ''}`);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(res.headers['content-disposition']).toMatch(
    /^attachment; filename="tickets-\d{4}-\d{2}-\d{2}\.csv"$/,
  );
  expect(res.body.startsWith('\ufeff')).toBe(true);
  const [header, ...rows] = parse(res.body, { bom: true }) as string[][];
  return {
    header: header ?? [],
    rows,
    column: (name: string) => rows.map((r) => r[(header ?? []).indexOf(name)]),
  };
}

describe('exporting tickets as CSV', () => {
  it('holds every ticket the filters select, beyond one chunk, newest first', async () => {
    const dept = await w.admin.expect<{ id: string }>(201, 'POST', '/api/v1/departments', {
      name: 'Bulk export',
    });
    for (let i = 0; i < 26; i++) {
      await Promise.all(
        Array.from({ length: 20 }, (_, j) =>
          openTicket(w.admin, dept.id, { subject: `Export ${i * 20 + j}`, requesterId: w.alice.user?.id }),
        ),
      );
    }
    const file = await exported(w.admin, `departmentId=${dept.id}&sort=number&order=asc&limit=5`);
    expect(file.rows).toHaveLength(520);
    const numbers = file.column('Number').map(Number);
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    expect(new Set(numbers).size).toBe(520);
    expect(file.header).toEqual([
      'Number',
      'Subject',
      'Status',
      'Priority',
      'Department',
      'Type',
      'Requester',
      'Organisation',
      'Assignee',
      'Channel',
      'Created',
      'Last activity',
      'First response',
      'Resolved',
      'Closed',
      'Urgent',
      'Merged into',
      'Fields',
      'Tags',
    ]);
  }, 120_000);

  it('shows each caller what the list shows them: an agent their departments, a customer no tags', async () => {
    const mine = await openTicket(w.alice, w.billing.id, {
      subject: '=HYPERLINK("http://evil.test","Click")',
    });
    const theirs = await openTicket(w.carol, w.tech.id, { subject: 'Globex, technical' });
    await w.agent.expect(200, 'PATCH', `/api/v1/tickets/${mine.number}`, { tags: ['vip', 'export'] });

    const agent = await exported(w.agent, 'tag=export');
    expect(agent.rows).toHaveLength(1);
    expect(agent.column('Subject')).toEqual([`'=HYPERLINK("http://evil.test","Click")`]);
    expect(agent.column('Tags')).toEqual(['export, vip']);
    expect(agent.column('Organisation')).toEqual([w.orgA.name]);
    const everything = await exported(w.agent);
    expect(everything.column('Number')).not.toContain(String(theirs.number));

    const customer = await exported(w.alice);
    expect(customer.header).not.toContain('Tags');
    expect(customer.column('Number')).toContain(String(mine.number));
    expect(customer.column('Number')).not.toContain(String(theirs.number));
    expect((await w.alice.request('GET', '/api/v1/tickets/export?tag=vip')).statusCode).toBe(403);
  });

  it('answers a bad query with a problem, not a file', async () => {
    const res = await w.agent.request('GET', '/api/v1/tickets/export?priority=extreme');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const anonymous = await env.app.inject({ url: '/api/v1/tickets/export' });
    expect(anonymous.statusCode).toBe(401);
  });
});
