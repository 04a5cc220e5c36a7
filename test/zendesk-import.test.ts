import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRun, type ImportOptions, runToEnd } from '../src/modules/imports/import.run.js';
import { openZendesk } from '../src/modules/imports/sources/zendesk.js';
import { login } from './client.js';
import { ADMIN, startTestApp, type TestEnv } from './helpers.js';
import { MANUAL_PDF, startZendeskStandin, ZD, type ZendeskStandin } from './zendesk-standin.js';

// A whole import from a Zendesk account (a stand-in speaking its documented API over HTTP):
// three pages of the ticket export, an archived ticket, a 429 on the way, and a delta run after.

const OPTIONS: ImportOptions = { topicsAs: 'types', statusMap: {}, delta: false };

describe('importing a Zendesk account', () => {
  let env: TestEnv;
  let zd: ZendeskStandin;
  const sleeps: number[] = [];
  const open = () =>
    openZendesk({
      baseUrl: zd.baseUrl,
      email: ZD.email,
      token: ZD.token,
      pageSize: 3,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
  const run = async (options = OPTIONS) => {
    const r = await createRun(env.app.ctx, { kind: 'zendesk', options });
    const src = await open();
    try {
      return await runToEnd(env.app.ctx, r.id, src);
    } finally {
      await src.close();
    }
  };
  const rows = async (table: 'tickets' | 'messages' | 'outbox' | 'attachments' | 'ticket_events') =>
    Number(
      (
        await env.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    env = await startTestApp();
    zd = await startZendeskStandin({ rateLimitOnce: ['/api/v2/incremental/tickets/cursor.json'] });
  });
  afterAll(async () => {
    await zd.close();
    await env.close();
  });

  it('imports every ticket, archived included, through a rate limit, sending nothing', async () => {
    const outbox = await rows('outbox');
    const done = await run();
    expect(done.state).toBe('done');
    const counts = JSON.parse(done.counts);
    const exportPages = zd.requests.filter(
      (r) => r.path === '/api/v2/incremental/tickets/cursor.json' && r.status === 200,
    );
    expect(exportPages.length).toBeGreaterThanOrEqual(3);
    expect(sleeps).toContain(1000);
    // A person without an address cannot sign in or be written to: refused with the reason, and
    // their ticket with them; both are in the run's log for the admin to see.
    const refused = await env.database.db
      .selectFrom('import_log')
      .select(['kind', 'source_id', 'detail'])
      .where('run_id', '=', done.id)
      .where('outcome', '=', 'refused')
      .orderBy('kind')
      .execute();
    expect(refused).toEqual([
      { kind: 'customer', source_id: '403', detail: 'it has no e-mail address' },
      { kind: 'ticket', source_id: '8', detail: 'its requester (403) was not imported' },
    ]);
    expect(await rows('tickets')).toBe(counts.ticket.imported);
    expect(await rows('outbox')).toBe(outbox);

    const admin = await login(env.app, ADMIN.email, ADMIN.password);
    // The archived ticket keeps its number and its closed state.
    const archived = await admin.get<{ subject: string; status: { category: string } }>('/api/v1/tickets/1');
    expect(archived).toMatchObject({ subject: 'Invoice copy', status: { category: 'closed' } });
    const msgs = await admin.get<{
      items: { body: string; internal: boolean; attachments: { id: string; size: number }[] }[];
    }>('/api/v1/tickets/2/messages');
    const withFile = msgs.items.find((m) => m.attachments.length > 0);
    const file = await admin.request('GET', `/api/v1/attachments/${withFile?.attachments[0]?.id}`);
    expect(file.rawPayload.equals(MANUAL_PDF)).toBe(true);
    expect(msgs.items.some((m) => m.internal)).toBe(true);
    const surveys = await env.database.db
      .selectFrom('surveys')
      .select(['rating', 'comment'])
      .orderBy('rating')
      .execute();
    // The other rating ("bad") is on the refused ticket.
    expect(surveys).toEqual([{ rating: 5, comment: 'Quick fix, thanks' }]);
  });

  it('changes nothing when run again; a delta run brings a new comment', async () => {
    const before = {
      tickets: await rows('tickets'),
      messages: await rows('messages'),
      events: await rows('ticket_events'),
    };
    const again = await run();
    expect(JSON.parse(again.counts).ticket.imported).toBe(0);
    expect({
      tickets: await rows('tickets'),
      messages: await rows('messages'),
      events: await rows('ticket_events'),
    }).toEqual(before);

    zd.addComment(2, {
      id: 20999,
      author_id: 401,
      body: 'Still jams after the update.',
      public: true,
      created_at: new Date().toISOString(),
    });
    const delta = await run({ ...OPTIONS, delta: true });
    expect(JSON.parse(delta.counts).ticket.updated).toBe(1);
    expect(await rows('messages')).toBe(before.messages + 1);
    const admin = await login(env.app, ADMIN.email, ADMIN.password);
    const msgs = await admin.get<{ items: { body: string }[] }>('/api/v1/tickets/2/messages');
    expect(msgs.items.at(-1)?.body).toBe('Still jams after the update.');
  });
});
