import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportRun } from '../common/imports.js';
import { type Client, login } from './client.js';
import { ADMIN, startTestApp, type TestEnv } from './helpers.js';
import { loadOsTicketFixture, mariadbAvailable, type OsTicketDb } from './osticket-db.js';

// Imports through the API, as the admin page runs them: a dry run, the start, the worker's steps,
// the run's counts and log; refused for anyone but administrators and for a bad source or mapping.

const available = await mariadbAvailable();

describe.skipIf(!available)('imports through the API', () => {
  let env: TestEnv;
  let fixture: OsTicketDb;
  let admin: Client;
  const source = () => ({ kind: 'osticket', url: fixture.url });

  beforeAll(async () => {
    fixture = await loadOsTicketFixture();
    env = await startTestApp();
    admin = await login(env.app, ADMIN.email, ADMIN.password);
  });
  afterAll(async () => {
    await env?.close();
    await fixture?.drop();
  });

  it('previews the status mapping without writing', async () => {
    const p = await admin.expect<{
      statuses: { name: string; to: string; by: string }[];
      tickets: number;
      objects: { staff: { total: number } };
    }>(200, 'POST', '/api/v1/imports/preview', {
      source: source(),
      options: { statusMap: { 'Awaiting Customer': 'in_progress' } },
    });
    expect(p.tickets).toBe(210);
    expect(p.objects.staff.total).toBe(5);
    expect(p.statuses.find((s) => s.name === 'Awaiting Customer')).toMatchObject({
      to: 'in_progress',
      by: 'chosen',
    });
    expect(p.statuses.find((s) => s.name === 'Open')).toMatchObject({ by: 'name' });
    const runs = await env.database.db.selectFrom('import_runs').select('id').execute();
    expect(runs).toEqual([]);
  });

  it('refuses a mapping to a status the workflow lacks, a source it cannot read, and anyone but an admin', async () => {
    const bad = await admin.request('POST', '/api/v1/imports', {
      source: source(),
      options: { statusMap: { Open: 'nosuch' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toMatch(/nosuch/);
    const wrong = await admin.request('POST', '/api/v1/imports', {
      source: { kind: 'osticket', url: `${fixture.url}_missing` },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().detail).toMatch(/could not be read/);
    expect(wrong.body).not.toContain('password');
    expect(await env.database.db.selectFrom('import_runs').select('id').execute()).toEqual([]);

    await admin.expect(201, 'POST', '/api/v1/users', {
      email: 'agent@example.test',
      name: 'An Agent',
      role: 'agent',
      password: 'correct horse battery',
    });
    const agent = await login(env.app, 'agent@example.test', 'correct horse battery');
    expect((await agent.request('POST', '/api/v1/imports', { source: source() })).statusCode).toBe(403);
    expect((await agent.request('GET', '/api/v1/imports')).statusCode).toBe(403);
  });

  it('runs as a job the page can follow, sealing the credentials until it ends', async () => {
    const started = await admin.expect<ImportRun>(202, 'POST', '/api/v1/imports', {
      source: source(),
      options: { statusMap: { 'Awaiting Customer': 'in_progress' } },
    });
    expect(started).toMatchObject({
      state: 'queued',
      kind: 'osticket',
      createdBy: { name: expect.any(String) },
    });
    const sealed = await env.database.db
      .selectFrom('import_runs')
      .select('secret')
      .where('id', '=', started.id)
      .executeTakeFirstOrThrow();
    expect(sealed.secret).toBeTruthy();
    expect(sealed.secret).not.toContain(new URL(fixture.url).hostname);

    await env.drain();
    const done = await admin.get<ImportRun>(`/api/v1/imports/${started.id}`);
    expect(done).toMatchObject({ state: 'done', phase: 'done', done: 210, total: 210 });
    expect(done.counts.ticket).toMatchObject({ imported: 210, refused: 0 });
    const after = await env.database.db
      .selectFrom('import_runs')
      .select('secret')
      .where('id', '=', started.id)
      .executeTakeFirstOrThrow();
    expect(after.secret).toBeNull();
    const waiting = await env.database.db
      .selectFrom('tickets')
      .select('id')
      .where('status', '=', 'in_progress')
      .execute();
    expect(waiting.length).toBe(11);
    // The only jobs the import made are its own steps: nothing was sent.
    const jobs = await env.database.db.selectFrom('outbox').select('topic').distinct().execute();
    expect(jobs.map((j) => j.topic)).toEqual(['import.step']);

    const list = await admin.get<{ items: ImportRun[] }>('/api/v1/imports');
    expect(list.items.map((r) => r.id)).toEqual([started.id]);
    expect(list.items[0]?.createdBy).toEqual(started.createdBy);
    const log = await admin.get<{ items: { outcome: string }[] }>(`/api/v1/imports/${started.id}/log`);
    expect(Array.isArray(log.items)).toBe(true);
    expect((await admin.request('GET', '/api/v1/imports/nosuch')).statusCode).toBe(404);
  });
});

describe('a spreadsheet import through the API', () => {
  let env: TestEnv;
  let admin: Client;
  const sheet =
    'Number,Subject,Description,Email,Name,Status,Created\n501,Printer broken,It jams,ana@example.test,Ana,Open,2024-05-01 09:00\n502,VPN down,No access,ben@example.test,Ben,Closed,2024-05-02 10:00\n';

  beforeAll(async () => {
    env = await startTestApp();
    admin = await login(env.app, ADMIN.email, ADMIN.password);
  });
  afterAll(() => env.close());

  it('proposes a mapping, imports, and recognises the same file sent again', async () => {
    const inspected = await admin.expect<{ suggested: Record<string, string | null>; rows: number }>(
      200,
      'POST',
      '/api/v1/imports/csv/inspect',
      {
        kind: 'tickets',
        text: sheet,
      },
    );
    expect(inspected.rows).toBe(2);
    expect(inspected.suggested).toMatchObject({ Subject: 'subject', Email: 'requester_email' });
    const source = {
      kind: 'csv',
      tickets: { name: 'tickets.csv', text: sheet, mapping: inspected.suggested },
    };
    const first = await admin.expect<ImportRun>(202, 'POST', '/api/v1/imports', { source });
    await env.drain();
    const done = await admin.get<ImportRun>(`/api/v1/imports/${first.id}`);
    expect(done).toMatchObject({ state: 'done', source: 'csv:tickets.csv' });
    expect(done.counts.ticket?.imported).toBe(2);

    const preview = await admin.expect<{ objects: { customers: { total: number; imported: number } } }>(
      200,
      'POST',
      '/api/v1/imports/preview',
      { source },
    );
    expect(preview.objects.customers).toEqual({ total: 2, imported: 2 });
    const second = await admin.expect<ImportRun>(202, 'POST', '/api/v1/imports', { source });
    await env.drain();
    const again = await admin.get<ImportRun>(`/api/v1/imports/${second.id}`);
    expect(again.counts.ticket).toMatchObject({ imported: 0, skipped: 2 });
  });
});
