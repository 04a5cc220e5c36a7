import { createRequire } from 'node:module';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollImapOnce } from '../src/channels/email/imap-poller.js';
import { JOB_HANDLERS } from '../src/jobs/handlers.js';
import { runJobsOnce } from '../src/jobs/worker.js';
import { makeWorld } from './client.js';
import { startTestApp, type TestEnv } from './helpers.js';

// IMAP polling against a real IMAP server speaking the protocol (hoodiecrow, an in-memory IMAP4rev1 server).

const require = createRequire(import.meta.url);
type Hoodiecrow = {
  listen(port: number, cb: () => void): void;
  close(cb: () => void): void;
  server: { address(): { port: number } };
};
const hoodiecrow = require('hoodiecrow-imap') as (opts: unknown) => Hoodiecrow;

let imap: Hoodiecrow;
let env: TestEnv;
let w: Awaited<ReturnType<typeof makeWorld>>;
const raw = (from: string, id: string, subject: string) =>
  [
    `From: ${from}`,
    'To: support@helpdesk.test',
    `Subject: ${subject}`,
    `Message-ID: <${id}>`,
    '',
    `Body of ${subject}`,
    '',
  ].join('\r\n');

beforeAll(async () => {
  imap = hoodiecrow({ plugins: ['IDLE', 'UIDPLUS', 'ENABLE'], storage: { INBOX: { messages: [] } } });
  await new Promise<void>((resolve) => imap.listen(0, resolve));
  const url = `imap://testuser:testpass@127.0.0.1:${imap.server.address().port}/INBOX`;
  env = await startTestApp({ env: { INBOUND_EMAIL_ADDRESS: 'support@helpdesk.test', IMAP_URL: url } });
  w = await makeWorld(env.app);
  // The customers' mail arrives in the mailbox, as it would from their mail servers.
  const client = new ImapFlow({
    host: '127.0.0.1',
    port: imap.server.address().port,
    secure: false,
    auth: { user: 'testuser', pass: 'testpass' },
    logger: false,
  });
  await client.connect();
  await client.append('INBOX', raw(w.alice.user?.email ?? '', 'imap-1@x.test', 'First by IMAP'), []);
  await client.append('INBOX', raw(w.bob.user?.email ?? '', 'imap-2@x.test', 'Second by IMAP'), []);
  await client.append('INBOX', raw(w.bob.user?.email ?? '', 'imap-0@x.test', 'Already read'), ['\\Seen']);
  await client.logout();
});
afterAll(async () => {
  await env?.close();
  await new Promise<void>((resolve) => (imap ? imap.close(() => resolve()) : resolve()));
});

describe('IMAP polling', () => {
  it('stores unseen messages, marks them seen, and a second poll brings nothing twice', async () => {
    expect(await pollImapOnce(env.app.ctx)).toBe(2);
    expect(await pollImapOnce(env.app.ctx)).toBe(0);
    while ((await runJobsOnce(env.app.ctx, JOB_HANDLERS, { intervalMs: 0 })) > 0);
    const subjects = (
      await w.admin.get<{ items: { subject: string; channel: string }[] }>('/api/v1/tickets')
    ).items.map((t) => t.subject);
    expect(subjects.sort()).toEqual(['First by IMAP', 'Second by IMAP']);
  });
});
