import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, loginAdmin } from '../client.js';
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

// Admin › Channels in a real browser: an SMTP server set in the UI is used at once, "send test"
// reaches a real SMTP server, and a saved secret never comes back to the page.

if (skipBrowser) console.warn(skipReason);

let env: TestEnv & { baseUrl: string };
let admin: Client;
let browser: Browser;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
const shot = stepShots('channels', engine);
const pageErrors: string[] = [];
const TOKEN = 'EAAG-secret-access-token-never-shown';

beforeAll(async () => {
  if (skipBrowser) return;
  await ensureWebBuild();
  sink = await startSmtpSink({ auth: { user: 'mailer', pass: 's3cret-pass' } });
  env = await listenTestApp();
  admin = await loginAdmin(env.app);
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await env?.close();
  await sink?.close();
});

async function signInAdmin(): Promise<Page> {
  // CSP bypassed only so axe-core can be injected.
  return signInWith(browser, env.baseUrl, ADMIN, {
    bypassCSP: true,
    onSignInPage: async (page) => {
      page.on('pageerror', (e) => pageErrors.push(e.message));
    },
  });
}

const section = (page: Page, name: string) => page.getByRole('region', { name });

describe.skipIf(skipBrowser)('Admin › Channels', () => {
  it('sets the SMTP server, sends a test email through it, and keeps a saved token hidden', async () => {
    const page = await signInAdmin();
    await page.getByRole('link', { name: 'Channels' }).click();
    await page.waitForURL(/\/admin\/channels$/);
    const email = section(page, 'Email');
    await email.getByText('Not set up').waitFor();
    await page.waitForTimeout(400);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'channels-not-set-up');

    // A bad URL is refused with the reason beside the field, and nothing is saved.
    const smtp = email.getByRole('textbox', { name: 'Outgoing mail server (SMTP URL)' });
    await smtp.fill('mail.example.com:25');
    await email.getByRole('button', { name: 'Save Email settings' }).click();
    await email.getByText('must be smtp://host:port or smtps://user:pass@host').waitFor();
    const before = await admin.get<{ email: { configured: boolean } }>('/api/v1/admin/channels');
    expect(before.email.configured).toBe(false);

    const url = `smtp://mailer:s3cret-pass@127.0.0.1:${sink.port}`;
    await smtp.fill(url);
    await email.getByRole('button', { name: 'Save Email settings' }).click();
    await email.getByText('Set up', { exact: true }).waitFor();
    // The password is shown masked once saved.
    await expect.poll(() => smtp.inputValue()).toBe(`smtp://mailer:********@127.0.0.1:${sink.port}`);
    await email.getByText('Set here; overrides SMTP_URL.').waitFor();

    await email.getByRole('textbox', { name: 'Send a test email to' }).fill('ops@example.test');
    await email.getByRole('button', { name: 'Send test email' }).click();
    const result = page.getByTestId('email-test-result');
    await result.getByText('Test email: it worked').waitFor();
    expect(sink.received.map((m) => m.envelope.to)).toContainEqual(['ops@example.test']);
    await shot(page, 'channels-email-test-sent');

    // Secrets are write-only: saved, then never sent back to the page.
    const whatsapp = section(page, 'WhatsApp');
    await whatsapp.getByLabel('Access token', { exact: true }).fill(TOKEN);
    await whatsapp.getByRole('textbox', { name: 'Phone number id' }).fill('1234567890');
    await whatsapp.getByLabel('App secret', { exact: true }).fill('app-secret-value');
    await whatsapp.getByRole('button', { name: 'Save WhatsApp settings' }).click();
    await whatsapp.getByText('Set up', { exact: true }).waitFor();
    await page.reload();
    await section(page, 'WhatsApp').getByText('Set up', { exact: true }).waitFor();
    expect(await section(page, 'WhatsApp').getByLabel('Access token', { exact: true }).inputValue()).toBe('');
    expect(await page.content()).not.toContain(TOKEN);
    expect(await page.content()).not.toContain('s3cret-pass');
    await shot(page, 'channels-secrets-hidden');

    // An SMTP server that refuses the login: the test says so in words.
    await section(page, 'Email')
      .getByRole('textbox', { name: 'Outgoing mail server (SMTP URL)' })
      .fill(`smtp://mailer:wrong@127.0.0.1:${sink.port}`);
    await section(page, 'Email').getByRole('button', { name: 'Save Email settings' }).click();
    await expect
      .poll(() =>
        section(page, 'Email').getByRole('textbox', { name: 'Outgoing mail server (SMTP URL)' }).inputValue(),
      )
      .toBe(`smtp://mailer:********@127.0.0.1:${sink.port}`);
    await section(page, 'Email').getByRole('button', { name: 'Send test email' }).click();
    await page.getByTestId('email-test-result').getByText('Test email: it did not work').waitFor();
    expect(await page.getByTestId('email-test-result').textContent()).toMatch(/535|Invalid/);
    await shot(page, 'channels-email-test-failed');
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
