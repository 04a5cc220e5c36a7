import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_HANDLERS } from '../src/jobs/handlers.js';
import { enqueue } from '../src/jobs/outbox.js';
import { runJobsOnce } from '../src/jobs/worker.js';
import { makeWorld, openTicket } from './client.js';
import { startTestApp, type TestEnv } from './helpers.js';
import { startSmtpSink } from './smtp-sink.js';

let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let env: TestEnv;
let w: Awaited<ReturnType<typeof makeWorld>>;

beforeAll(async () => {
  sink = await startSmtpSink();
  env = await startTestApp({
    env: {
      SMTP_URL: sink.url,
      MAIL_FROM: 'Acme Support <support@helpdesk.test>',
      INBOUND_EMAIL_ADDRESS: 'support@helpdesk.test',
      TESSERA_OUTBOX_MAX_ATTEMPTS: '3',
    },
  });
  w = await makeWorld(env.app);
});
afterAll(async () => {
  await env?.close();
  await sink?.close();
});

/** Runs the outbox as a worker would, `aheadMs` in the future (to pass retry back-offs). */
async function drain(aheadMs = 0) {
  const ctx = { ...env.app.ctx, clock: () => new Date(Date.now() + aheadMs) };
  while ((await runJobsOnce(ctx, JOB_HANDLERS, { intervalMs: 0, maxAttempts: 3 })) > 0);
}
const mailsTo = (email: string | undefined) =>
  sink.received.filter((r) => r.envelope.to.includes(email ?? ''));

describe('email notifications', () => {
  it('a staff reply mails the customer: number in the subject, the reply, a signed Reply-To, threading headers', async () => {
    const t = await openTicket(w.alice, w.billing.id, { subject: 'Invoice wrong' });
    await drain();
    const before = mailsTo(w.alice.user?.email).length;
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, {
      body: 'We corrected the invoice.',
    });
    await drain();
    const mails = mailsTo(w.alice.user?.email);
    expect(mails).toHaveLength(before + 1);
    const { mail, raw } = mails.at(-1)!;
    expect(mail.subject).toBe(`[#${t.number}] Invoice wrong`);
    expect(mail.text).toContain('We corrected the invoice.');
    expect(mail.text).toContain(`/tickets/${t.number}`);
    expect(mail.replyTo?.value[0]?.address).toMatch(
      new RegExp(`^support\\+${t.number}\\.[a-z2-7]+\\.[a-z2-7]+@helpdesk\\.test$`),
    );
    expect(mail.inReplyTo).toBe(`<ticket-${t.number}@helpdesk.test>`);
    expect(mail.messageId).toMatch(/@helpdesk\.test>$/);
    expect(raw).toMatch(/^Auto-Submitted: auto-generated/m);
  });

  it('a new ticket mails the department’s agents, not other departments, not the customer who opened it', async () => {
    const t = await openTicket(w.alice, w.billing.id, { subject: 'New one' });
    await drain();
    const toAgent = mailsTo(w.agent.user?.email).filter((m) => m.mail.subject === `[#${t.number}] New one`);
    expect(toAgent).toHaveLength(1);
    expect(toAgent[0]?.mail.text).toContain('opened by');
    expect(mailsTo(w.techAgent.user?.email).some((m) => m.mail.subject?.startsWith(`[#${t.number}]`))).toBe(
      false,
    );
    expect(mailsTo(w.alice.user?.email).some((m) => m.mail.subject?.startsWith(`[#${t.number}]`))).toBe(
      false,
    );
  });

  it('the new-ticket mail names who opened it and quotes the description, cut to a sensible length', async () => {
    const description = 'The export to CSV stops at row 1000.\nSteps: open Reports, choose Export.';
    const t = await openTicket(w.alice, w.billing.id, { subject: 'Export stops', description });
    // Staff opening a ticket on a customer's behalf: the customer is named, not the admin.
    const long = `${'word '.repeat(1000)}END-OF-DESCRIPTION`;
    const onBehalf = await openTicket(w.admin, w.billing.id, {
      subject: 'Phoned in',
      description: long,
      requesterId: w.bob.user?.id,
    });
    await drain();
    const to = (n: number, who = w.agent) =>
      mailsTo(who.user?.email).find((m) => m.mail.subject?.startsWith(`[#${n}]`))?.mail;

    const mail = to(t.number);
    expect(mail?.text).toContain(`A new ticket #${t.number} was opened by ${w.alice.user?.name}.`);
    expect(mail?.text).not.toContain('Someone');
    expect(mail?.text).toContain(
      '> The export to CSV stops at row 1000.\n> Steps: open Reports, choose Export.',
    );
    expect(mail?.html).toContain('Steps: open Reports, choose Export.');

    const quoted = to(onBehalf.number)?.text ?? '';
    expect(quoted).toContain(`was opened by ${w.bob.user?.name}.`);
    expect(quoted).toContain('> word word');
    expect(quoted).not.toContain('END-OF-DESCRIPTION');
    expect(quoted).toContain('[…]');
    expect(quoted.length).toBeLessThan(2500);
  });

  it('an internal note is never sent to anyone', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    await drain();
    const count = sink.received.length;
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, {
      body: 'secret note',
      internal: true,
    });
    await drain();
    expect(sink.received.length).toBe(count);
    expect(sink.received.some((r) => r.raw.includes('secret note'))).toBe(false);
  });

  it('preferences: a customer who turns off staff replies gets none; defaults are on', async () => {
    const prefs = await w.bob.get<Record<string, Record<string, boolean>>>(
      '/api/v1/me/notification-preferences',
    );
    expect(prefs['ticket.staff_reply']).toEqual({ email: true });
    expect(prefs['ticket.created']).toBeUndefined();
    await w.bob.expect(200, 'PUT', '/api/v1/me/notification-preferences', {
      'ticket.staff_reply': { email: false },
    });
    const bad = await w.bob.request('PUT', '/api/v1/me/notification-preferences', {
      'ticket.staff_reply': { sms: true },
    });
    expect(bad.statusCode).toBe(400);
    const notMine = await w.bob.request('PUT', '/api/v1/me/notification-preferences', {
      'ticket.created': { email: false },
    });
    expect(notMine.statusCode).toBe(400);
    const t = await openTicket(w.bob, w.billing.id);
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, { body: 'Answer for Bob' });
    await drain();
    expect(mailsTo(w.bob.user?.email).some((m) => m.mail.text?.includes('Answer for Bob'))).toBe(false);
  });

  it('retries while the mail server refuses, then delivers once; after the last attempt it fails visibly and can be retried', async () => {
    const t = await openTicket(w.carol, w.billing.id);
    await drain();
    sink.refuse(true);
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, { body: 'Retry me' });
    await drain();
    const jobs = await w.admin.get<{
      items: { id: string; attempts: number; state: string; lastError: string }[];
    }>('/api/v1/admin/outbox?state=pending&topic=deliver.email');
    expect(jobs.items[0]).toMatchObject({ attempts: 1, state: 'pending' });
    expect(jobs.items[0]?.lastError).toMatch(/451|unavailable/i);
    sink.refuse(false);
    await drain(60 * 60_000);
    expect(mailsTo(w.carol.user?.email).filter((m) => m.mail.text?.includes('Retry me'))).toHaveLength(1);

    sink.refuse(true);
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, { body: 'Doomed' });
    for (let i = 0; i < 4; i++) await drain(i * 2 * 60 * 60_000);
    const failed = await w.admin.get<{ items: { id: string; payload: { event: string } }[] }>(
      '/api/v1/admin/outbox?state=failed',
    );
    expect(failed.items).toHaveLength(1);
    expect((await w.agent.request('GET', '/api/v1/admin/outbox?state=failed')).statusCode).toBe(403);
    sink.refuse(false);
    await w.admin.expect(204, 'POST', `/api/v1/admin/outbox/${failed.items[0]?.id}/retry`);
    await drain();
    expect(mailsTo(w.carol.user?.email).filter((m) => m.mail.text?.includes('Doomed'))).toHaveLength(1);
  });

  it('nothing is queued by a rolled-back transaction; what was committed is delivered by a worker started later', async () => {
    await expect(
      env.database.db.transaction().execute(async (trx) => {
        await enqueue(
          trx,
          {
            topic: 'notification',
            payload: { event: 'ticket.created', ticketId: 'rolled-back' },
            dedupeKey: 'rolled-back',
            runAt: new Date().toISOString(),
          },
          new Date().toISOString(),
        );
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const rows = await env.database.db
      .selectFrom('outbox')
      .select('id')
      .where('dedupe_key', '=', 'rolled-back')
      .execute();
    expect(rows).toEqual([]);
  });

  it('a job claimed by a worker that died is delivered once its lease runs out', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    await drain();
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, { body: 'Lease test' });
    await drain(); // fan-out enqueues the delivery and delivers it
    const delivered = mailsTo(w.alice.user?.email).filter((m) => m.mail.text?.includes('Lease test'));
    expect(delivered).toHaveLength(1);
    // a second notice, claimed and then abandoned
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, { body: 'Abandoned claim' });
    const { claimJobs } = await import('../src/jobs/outbox.repository.js');
    const claimed = await claimJobs(env.database.db, new Date(), 50, 120_000);
    expect(claimed.length).toBeGreaterThan(0);
    await drain();
    expect(mailsTo(w.alice.user?.email).filter((m) => m.mail.text?.includes('Abandoned claim'))).toHaveLength(
      0,
    );
    await drain(5 * 60_000);
    expect(mailsTo(w.alice.user?.email).filter((m) => m.mail.text?.includes('Abandoned claim'))).toHaveLength(
      1,
    );
  });

  it('a display name cannot inject headers', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    await env.database.db
      .updateTable('users')
      .set({ name: 'Eve\r\nBcc: victim@evil.test' })
      .where('id', '=', w.alice.user!.id)
      .execute();
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, { body: 'Header test' });
    await drain();
    const mail = mailsTo(w.alice.user?.email).find((m) => m.mail.text?.includes('Header test'));
    expect(mail).toBeDefined();
    const headers = mail?.raw.split('\r\n\r\n')[0] ?? '';
    expect(headers).toMatch(/^To: "Eve Bcc: victim@evil.test" </m);
    expect(headers).not.toMatch(/^Bcc:/im);
    expect(sink.received.some((r) => r.envelope.to.includes('victim@evil.test'))).toBe(false);
  });
});
