import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportUsageError, runImportCommand } from '../src/cli/import.js';
import { login } from './client.js';
import { ADMIN, startTestApp, type TestEnv } from './helpers.js';

// `tessera import csv`: a spreadsheet of tickets, its columns mapped from the header, a dry run that
// writes nothing, then the import with a refused row reported by its line.

const SHEET = `\uFEFFTicket ID;Title;Description;Customer E-mail;Customer;Status;Priority;Created;Tags
1001;Rechnung fehlt;Die Rechnung für März fehlt.;anna@kunde.example;Anna Müller;Open;high;2024-03-01 09:00;billing, vip
1002;配送が遅れています;注文がまだ届きません。;taro@kunde.example;山田太郎;Closed;normal;2024-03-02 10:30;shipping
1003;;No subject here;anna@kunde.example;Anna Müller;Open;low;2024-03-03 11:00;
`;

describe('tessera import csv', () => {
  let env: TestEnv;
  let file: string;
  const lines: string[] = [];
  const cli = (args: string[]) => runImportCommand(env.app.ctx.config, args, (l) => lines.push(l));
  const tickets = async () =>
    Number(
      (
        await env.database.db
          .selectFrom('tickets')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    env = await startTestApp();
    file = path.join(mkdtempSync(path.join(tmpdir(), 'tessera-csv-')), 'tickets.csv');
    writeFileSync(file, SHEET);
  });
  afterAll(() => env.close());

  it('shows the status mapping in a dry run and writes nothing', async () => {
    await cli(['csv', '--tickets', file, '--dry-run', '--status', 'Closed=closed']);
    expect(lines.join('\n')).toMatch(/Dry run: nothing was written/);
    expect(lines.join('\n')).toMatch(/Closed \(closed\) → closed {2}\[chosen\]/);
    expect(await tickets()).toBe(0);
  });

  it('imports the rows it can read and reports the one it cannot, by line', async () => {
    lines.length = 0;
    // The spreadsheet's ticket ids are the numbers people know: kept as the tickets' numbers.
    await cli(['csv', '--tickets', file, '--map', 'tickets:Ticket ID=number']);
    const out = lines.join('\n');
    expect(out).toMatch(/: done/);
    expect(out).toMatch(/refused ticket .*line 4/);
    expect(await tickets()).toBe(2);
    const admin = await login(env.app, ADMIN.email, ADMIN.password);
    const t = await admin.get<{
      subject: string;
      tags: string[];
      createdAt: string;
      status: { category: string };
    }>('/api/v1/tickets/1002');
    expect(t).toMatchObject({
      subject: '配送が遅れています',
      createdAt: '2024-03-02T10:30:00.000Z',
      status: { category: 'closed' },
    });
    const found = await admin.get<{ items: { number: number }[] }>(
      `/api/v1/tickets?q=${encodeURIComponent('Rechnung')}`,
    );
    expect(found.items.map((i) => i.number)).toEqual([1001]);
  });

  it('refuses a wrong option in words', async () => {
    await expect(cli(['csv'])).rejects.toThrow(ImportUsageError);
    await expect(cli(['nosuch'])).rejects.toThrow(/no importer "nosuch"/);
    await expect(cli(['csv', '--tickets', file, '--topics', 'both'])).rejects.toThrow(
      /--topics is types or departments/,
    );
  });
});
