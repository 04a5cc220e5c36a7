import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InAppNotification, Mentionable } from '../common/notifications.js';
import { JOB_HANDLERS } from '../src/jobs/handlers.js';
import { runJobsOnce } from '../src/jobs/worker.js';
import { announceInbox, onInbox } from '../src/modules/live/live.js';
import { type Client, login, makeWorld, openTicket } from './client.js';
import { listenTestApp, type TestEnv } from './helpers.js';
import { startSmtpSink } from './smtp-sink.js';
import { openStream } from './sse.js';

let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let env: TestEnv & { baseUrl: string };
let w: Awaited<ReturnType<typeof makeWorld>>;
/** A second agent of the billing department: the one mentioned. */
let maya: Client;

type Page = { items: InAppNotification[]; nextCursor: string | null };

beforeAll(async () => {
  sink = await startSmtpSink();
  env = await listenTestApp({
    env: {
      SMTP_URL: sink.url,
      MAIL_FROM: 'Acme Support <support@helpdesk.test>',
      INBOUND_EMAIL_ADDRESS: 'support@helpdesk.test',
    },
  });
  w = await makeWorld(env.app);
  const email = `maya-${process.pid}-${Date.now().toString(36)}@example.test`;
  await w.admin.expect(201, 'POST', '/api/v1/users', {
    email,
    name: 'Maya Lind',
    role: 'agent',
    password: w.password,
    departmentIds: [w.billing.id],
  });
  maya = await login(env.app, email, w.password);
});
afterAll(async () => {
  await env?.close();
  await sink?.close();
});

async function drain() {
  while ((await runJobsOnce(env.app.ctx, JOB_HANDLERS, { intervalMs: 0, maxAttempts: 3 })) > 0);
}
const handleOf = (c: Client) => (c.user?.email ?? '').split('@')[0] ?? '';
const note = (c: Client, n: number, body: string, internal = true) =>
  c.expect(201, 'POST', `/api/v1/tickets/${n}/messages`, { body, internal });
const mine = (c: Client, query = '') => c.get<Page>(`/api/v1/notifications${query}`);
const unread = async (c: Client) =>
  (await c.get<{ unread: number }>('/api/v1/notifications/unread-count')).unread;
const about = async (c: Client, n: number) => (await mine(c)).items.filter((i) => i.ticket.number === n);
/** The mention mails `c` got about ticket `n` (besides, as an agent of its department, its new-ticket mail). */
const mailsAbout = (c: Client, n: number) =>
  sink.received.filter(
    (r) =>
      r.envelope.to.includes(c.user?.email ?? '') &&
      r.mail.subject?.startsWith(`[#${n}]`) &&
      r.mail.text?.includes('You were mentioned'),
  );

describe('mentions', () => {
  it('a note mentioning a colleague notifies them in the app and by mail, without quoting the note', async () => {
    const t = await openTicket(w.alice, w.billing.id, { subject: 'Refund twice' });
    await drain();
    const before = await unread(maya);
    await note(w.agent, t.number, `@${handleOf(maya)}, can you check the refund? secret-detail-42`);
    await drain();

    const [item, ...rest] = await about(maya, t.number);
    expect(rest).toHaveLength(0);
    expect(item).toMatchObject({
      event: 'ticket.mentioned',
      ticket: { number: t.number, subject: 'Refund twice' },
      actor: { id: w.agent.user?.id, name: w.agent.user?.name },
      readAt: null,
    });
    expect(item?.messageId).toBeTruthy();
    expect(await unread(maya)).toBe(before + 1);

    const mails = mailsAbout(maya, t.number);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.mail.text).toContain(`You were mentioned in an internal note on ticket #${t.number}.`);
    expect(sink.received.some((r) => r.raw.includes('secret-detail-42'))).toBe(false);
    // The writer is not notified of their own note.
    expect((await about(w.agent, t.number)).some((i) => i.event === 'ticket.mentioned')).toBe(false);
  });

  it('only staff who may see the ticket are offered, and only they are notified even if typed', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    const offered = await w.agent.get<{ items: Mentionable[] }>(`/api/v1/tickets/${t.number}/mentionable`);
    const ids = offered.items.map((m) => m.id);
    expect(ids).toContain(maya.user?.id);
    expect(ids).toContain(w.admin.user?.id);
    expect(ids).not.toContain(w.techAgent.user?.id);
    expect(ids).not.toContain(w.agent.user?.id);
    expect(offered.items.find((m) => m.id === maya.user?.id)?.handle).toBe(handleOf(maya));

    const byName = await w.agent.get<{ items: Mentionable[] }>(
      `/api/v1/tickets/${t.number}/mentionable?q=maya%20l`,
    );
    expect(byName.items.map((m) => m.id)).toEqual([maya.user?.id]);
    const byTech = await w.agent.get<{ items: Mentionable[] }>(
      `/api/v1/tickets/${t.number}/mentionable?q=${handleOf(w.techAgent)}`,
    );
    expect(byTech.items).toEqual([]);

    // Not on the ticket: 404, as for any ticket one may not see; customers may not ask at all.
    await w.techAgent.expect(404, 'GET', `/api/v1/tickets/${t.number}/mentionable`);
    await w.alice.expect(403, 'GET', `/api/v1/tickets/${t.number}/mentionable`);
    await w.agent.expect(400, 'GET', `/api/v1/tickets/${t.number}/mentionable?other=1`);

    await drain();
    await note(w.agent, t.number, `@${handleOf(w.techAgent)} do you know? and @nobody-here`);
    await drain();
    expect(await about(w.techAgent, t.number)).toEqual([]);
    expect(mailsAbout(w.techAgent, t.number)).toEqual([]);
  });

  it('a mention in a public reply notifies nobody; an address in a note is not a mention', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    await drain();
    await note(w.agent, t.number, `Thanks, @${handleOf(maya)} will look at it.`, false);
    await note(w.agent, t.number, `wrote to x${maya.user?.email}`);
    await drain();
    expect(await about(maya, t.number)).toEqual([]);
  });

  it('the mentioned person’s preferences decide: in-app off, mail off', async () => {
    await maya.expect(200, 'PUT', '/api/v1/me/notification-preferences', {
      'ticket.mentioned': { in_app: false },
    });
    const prefs = await maya.get<Record<string, Record<string, boolean>>>(
      '/api/v1/me/notification-preferences',
    );
    expect(prefs['ticket.mentioned']).toEqual({ email: true, in_app: false });
    expect(prefs['ticket.assigned']).toEqual({ email: true, in_app: true });
    const t = await openTicket(w.alice, w.billing.id);
    await drain();
    await note(w.agent, t.number, `@${handleOf(maya)} please`);
    await drain();
    expect(await about(maya, t.number)).toEqual([]);
    expect(mailsAbout(maya, t.number)).toHaveLength(1);

    await maya.expect(200, 'PUT', '/api/v1/me/notification-preferences', {
      'ticket.mentioned': { in_app: true, email: false },
    });
    const t2 = await openTicket(w.alice, w.billing.id);
    await drain();
    await note(w.agent, t2.number, `@${handleOf(maya)} please`);
    await drain();
    expect(await about(maya, t2.number)).toHaveLength(1);
    expect(mailsAbout(maya, t2.number)).toHaveLength(0);
    await maya.expect(200, 'PUT', '/api/v1/me/notification-preferences', {
      'ticket.mentioned': { email: true },
    });
    // Customers have no bell.
    await w.alice.expect(400, 'PUT', '/api/v1/me/notification-preferences', {
      'ticket.mentioned': { in_app: true },
    });
    await w.alice.expect(403, 'GET', '/api/v1/notifications');
  });

  it('assignments reach the bell too', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    await w.agent.expect(200, 'PATCH', `/api/v1/tickets/${t.number}`, { assigneeId: maya.user?.id });
    await drain();
    expect((await about(maya, t.number)).map((i) => i.event)).toEqual(['ticket.assigned']);
  });

  it('a bulk assignment, whose mail is one digest, puts each ticket in the bell', async () => {
    const [a, b] = await Promise.all([1, 2].map(() => openTicket(w.alice, w.billing.id)));
    await drain();
    const numbers = [a!.number, b!.number];
    await w.agent.expect(202, 'POST', '/api/v1/tickets/bulk', {
      numbers,
      action: { kind: 'update', changes: { assigneeId: maya.user?.id } },
    });
    await drain();
    for (const n of numbers) expect((await about(maya, n)).map((i) => i.event)).toEqual(['ticket.assigned']);
  });

  it('read and read-all; another person’s notification is 404; a ticket out of sight hides its notices', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    const t2 = await openTicket(w.alice, w.billing.id);
    await drain();
    await note(w.agent, t.number, `@${handleOf(maya)} one`);
    await note(w.agent, t2.number, `@${handleOf(maya)} two`);
    await drain();
    const [first] = await about(maya, t.number);
    if (!first) throw new Error('no notification');

    await w.agent.expect(404, 'POST', `/api/v1/notifications/${first.id}/read`);
    await w.admin.expect(404, 'POST', `/api/v1/notifications/${first.id}/read`);
    expect((await mine(w.agent)).items.some((i) => i.id === first.id)).toBe(false);

    const count = await unread(maya);
    await maya.expect(204, 'POST', `/api/v1/notifications/${first.id}/read`);
    expect(await unread(maya)).toBe(count - 1);
    expect((await about(maya, t.number))[0]?.readAt).toBeTruthy();
    const onlyUnread = await mine(maya, '?unread=true');
    expect(onlyUnread.items.some((i) => i.id === first.id)).toBe(false);
    expect(onlyUnread.items.some((i) => i.ticket.number === t2.number)).toBe(true);

    // Paging: one at a time, newest first, every one once.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await mine(maya, `?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual((await mine(maya, '?limit=100')).items.map((i) => i.id));

    // The ticket moves to a department Maya is not in: its notice is gone for her.
    await w.admin.expect(200, 'PATCH', `/api/v1/tickets/${t2.number}`, { departmentId: w.tech.id });
    expect(await about(maya, t2.number)).toEqual([]);
    const hidden = await unread(maya);
    await maya.expect(204, 'POST', '/api/v1/notifications/read-all');
    expect(await unread(maya)).toBe(0);
    expect(hidden).toBeGreaterThanOrEqual(0);
    await w.admin.expect(200, 'PATCH', `/api/v1/tickets/${t2.number}`, { departmentId: w.billing.id });
    expect((await about(maya, t2.number))[0]?.readAt).toBeTruthy();
  });

  it('the live stream tells the mentioned person, and nobody else, that their bell has news', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    await drain();
    const heard = { maya: 0, admin: 0 };
    const streams = await Promise.all(
      (['maya', 'admin'] as const).map((who) =>
        openStream(env.baseUrl, (who === 'maya' ? maya : w.admin).auth.cookie, (event) => {
          if (event === 'inbox') heard[who]++;
        }),
      ),
    );
    try {
      await note(w.agent, t.number, `@${handleOf(maya)} live`);
      await drain();
      await expect.poll(() => heard.maya, { timeout: 10_000 }).toBe(1);
      expect(heard.admin).toBe(0);
    } finally {
      for (const s of streams) s.close();
    }
  });

  it('news for many people at once reaches every one of them (on PostgreSQL, past NOTIFY’s 8,000 bytes)', async () => {
    const ids = Array.from({ length: 450 }, (_, i) => `${'u'.repeat(30)}-${i}`);
    const heard = new Set<string>();
    const off = onInbox(({ userIds }) => {
      for (const id of userIds) heard.add(id);
    });
    try {
      await announceInbox(env.app.ctx, ids);
      await expect.poll(() => heard.size, { timeout: 10_000 }).toBe(ids.length);
    } finally {
      off();
    }
  });

  it('a notice run again (a retried job) writes no second row', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    await drain();
    await note(w.agent, t.number, `@${handleOf(maya)} retry me`);
    await drain();
    expect(await about(maya, t.number)).toHaveLength(1);
    const db = env.app.ctx.db;
    const { id: ticketId } = await db
      .selectFrom('tickets')
      .select('id')
      .where('number', '=', t.number)
      .executeTakeFirstOrThrow();
    const job = await db
      .selectFrom('outbox')
      .select('id')
      .where('topic', '=', 'notification')
      .where('dedupe_key', 'like', `ticket.mentioned:${ticketId}:%`)
      .executeTakeFirstOrThrow();
    await db
      .updateTable('outbox')
      .set({ state: 'pending', done_at: null })
      .where('id', '=', job.id)
      .execute();
    await drain();
    const rows = await db
      .selectFrom('in_app_notifications')
      .select('id')
      .where('user_id', '=', maya.user?.id ?? '')
      .where('ticket_id', '=', ticketId)
      .execute();
    expect(rows).toHaveLength(1);
    expect(mailsAbout(maya, t.number)).toHaveLength(1);
  });
});
