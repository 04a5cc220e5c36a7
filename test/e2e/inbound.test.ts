import nodemailer from 'nodemailer';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpListener } from '../../src/channels/email/smtp-listener.js';
import { JOB_HANDLERS } from '../../src/jobs/handlers.js';
import { runJobsOnce } from '../../src/jobs/worker.js';
import { makeWorld, openTicket } from '../client.js';
import { ADMIN, engine, listenTestApp, type TestEnv } from '../helpers.js';
import { startSmtpSink } from '../smtp-sink.js';
import {
  ensureWebBuild,
  launchBrowser,
  seriousViolations,
  signInWith,
  skipBrowser,
  skipReason,
  stepShots,
} from './support.js';

// Admin › Inbound mail in a real browser: a forged mail (an agent's From, a guessed thread id) sent
// over SMTP is held for review, listed with its reason and a download of the message, and an
// admin releases it onto a ticket as an internal note.

if (skipBrowser) console.warn(skipReason);

let env: TestEnv & { baseUrl: string };
let w: Awaited<ReturnType<typeof makeWorld>>;
let browser: Browser;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let listener: Awaited<ReturnType<typeof startSmtpListener>>;
const shot = stepShots('inbound', engine);
const pageErrors: string[] = [];

beforeAll(async () => {
  if (skipBrowser) return;
  await ensureWebBuild();
  sink = await startSmtpSink();
  env = await listenTestApp({
    env: {
      SMTP_URL: sink.url,
      INBOUND_EMAIL_ADDRESS: 'support@helpdesk.test',
      INBOUND_SMTP_PORT: '0',
      INBOUND_SMTP_HOST: '127.0.0.1',
    },
  });
  w = await makeWorld(env.app);
  listener = await startSmtpListener(env.app.ctx);
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await listener?.close();
  await env?.close();
  await sink?.close();
});

async function drain() {
  while ((await runJobsOnce(env.app.ctx, JOB_HANDLERS, { intervalMs: 0 })) > 0);
}

describe.skipIf(skipBrowser)('Admin › Inbound mail', () => {
  it('lists a forged mail as quarantined and releases it onto a ticket from the page', async () => {
    const t = await openTicket(w.alice, w.billing.id, { subject: 'Refund question' });
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: listener.port,
      secure: false,
      ignoreTLS: true,
    });
    await transport.sendMail({
      from: `Agent <${w.agent.user?.email}>`,
      to: 'support@helpdesk.test',
      subject: 'Change of bank details',
      messageId: '<e2e-forged@evil.test>',
      inReplyTo: `<ticket-${t.number}@helpdesk.test>`,
      text: 'Please send the refund to IBAN XX00 EVIL.',
    });
    await drain();
    expect(
      (await w.alice.get<{ items: unknown[] }>(`/api/v1/tickets/${t.number}/messages`)).items,
    ).toHaveLength(1);

    const page = await signInWith(browser, env.baseUrl, ADMIN, {
      bypassCSP: true,
      onSignInPage: async (p) => {
        p.on('pageerror', (e) => pageErrors.push(e.message));
      },
    });
    await page.getByRole('link', { name: 'Inbound mail' }).click();
    await page.waitForURL(/\/admin\/inbound$/);
    const table = page.getByRole('table', { name: 'Inbound mail' });
    const row = table.getByRole('row').filter({ hasText: 'Change of bank details' });
    await row.waitFor();
    await row.getByText(/staff address .* without a reply token/).waitFor();
    await row.getByText(String(w.agent.user?.email), { exact: true }).waitFor();
    await page.waitForTimeout(300);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'inbound-quarantined');

    // On a phone the page never scrolls sideways; the table and the state choice scroll in place.
    await page.setViewportSize({ width: 360, height: 780 });
    // The layout settles a frame or two after the resize.
    await page
      .waitForFunction(() => document.documentElement.scrollWidth <= 360, null, { timeout: 5000 })
      .catch(() => {});
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await shot(page, 'inbound-360px');
    await page.setViewportSize({ width: 1280, height: 900 });

    // The download is the message as received.
    const href = await row.getByRole('link', { name: /^Download/ }).getAttribute('href');
    const raw = await page.request.get(String(href));
    expect(raw.headers()['content-type']).toMatch(/^message\/rfc822/);
    expect(await raw.text()).toContain('Message-ID: <e2e-forged@evil.test>');

    // A ticket that does not exist is refused beside the field, and nothing changes.
    await row.getByRole('button', { name: /^Attach/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Attach to a ticket' });
    await dialog.getByRole('textbox', { name: 'Ticket number' }).fill('999999');
    await dialog.getByRole('button', { name: 'Attach' }).click();
    await dialog.getByText('There is no ticket #999999').waitFor();
    await shot(page, 'inbound-attach-refused');

    await dialog.getByRole('textbox', { name: 'Ticket number' }).fill(String(t.number));
    await dialog.getByRole('button', { name: 'Attach' }).click();
    await page.getByText(`Attached to ticket #${t.number}`).waitFor();
    await row.waitFor({ state: 'detached' });
    await shot(page, 'inbound-released');

    const staffView = await w.admin.get<{ items: { body: string; internal: boolean }[] }>(
      `/api/v1/tickets/${t.number}/messages`,
    );
    expect(staffView.items.at(-1)).toMatchObject({ internal: true });
    expect(staffView.items.at(-1)?.body).toContain('Please send the refund to IBAN XX00 EVIL.');
    const customerView = await w.alice.get<{ items: { body: string }[] }>(
      `/api/v1/tickets/${t.number}/messages`,
    );
    expect(customerView.items.map((m) => m.body).join()).not.toContain('EVIL');

    // Listed under "Discarded"? No: it was released, so it is gone from every review list.
    await page.getByText('Discarded', { exact: true }).click();
    await page.getByText('Nothing was discarded.').waitFor();
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
