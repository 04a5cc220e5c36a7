import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAdmin } from '../client.js';
import { ADMIN, engine, listenTestApp } from '../helpers.js';
import { startSmtpSink } from '../smtp-sink.js';
import * as e2e from './support.js';

// Customer self-sign-up in a real browser, with the mail read from a real SMTP server: an
// administrator opens sign-up to one domain and its organisation in Admin › Sign-in (the support
// domain is refused on its field); a customer on a phone-sized screen creates an account from the
// sign-in page, opens the mailed link and lands signed in on the portal, in that organisation.

const { seriousViolations, skipBrowser } = e2e;
if (skipBrowser) console.warn(e2e.skipReason);

const shot = e2e.stepShots('sign-up', engine);
const pageErrors: string[] = [];
const PHONE = { width: 360, height: 780 };

/** The app (its support address on its own domain), the SMTP server it mails, and the browser. */
async function startWorld() {
  await e2e.ensureWebBuild();
  const sink = await startSmtpSink();
  const mailEnv = { SMTP_URL: sink.url, INBOUND_EMAIL_ADDRESS: 'help@support.example.test' };
  return { sink, env: await listenTestApp({ env: mailEnv }), browser: await e2e.launchBrowser() };
}
let w: Awaited<ReturnType<typeof startWorld>>;
beforeAll(async () => {
  if (!skipBrowser) w = await startWorld();
}, 300_000);
afterAll(async () => {
  for (const close of [() => w?.browser.close(), () => w?.env.close(), () => w?.sink.close()]) await close();
});

async function phonePage(): Promise<Page> {
  const page = await (
    await w.browser.newContext({ viewport: PHONE, baseURL: w.env.baseUrl, bypassCSP: true })
  ).newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.setDefaultTimeout(30_000);
  return page;
}

const fitsWidth = async (page: Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

describe.skipIf(skipBrowser)('sign-up', () => {
  it('an administrator opens sign-up to a domain; a customer signs up, confirms by mail and lands on the portal', async () => {
    const org = await (await loginAdmin(w.env.app)).expect<{ id: string }>(
      201,
      'POST',
      '/api/v1/organisations',
      {
        name: 'Acme Ltd',
      },
    );
    // Off by default: the sign-in page offers no sign-up.
    const before = await phonePage();
    await before.goto('/login');
    await before.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await before.getByRole('link', { name: 'Create an account' }).count()).toBe(0);

    const admin = await e2e.signInWith(w.browser, w.env.baseUrl, ADMIN, { bypassCSP: true });
    await admin.goto('/admin/sign-in');
    await admin.getByRole('heading', { name: 'Customer sign-up' }).waitFor();
    await admin.getByRole('radio', { name: 'Only addresses of the domains listed below' }).check();
    await admin.getByRole('button', { name: 'Add a domain' }).click();
    await admin.getByLabel('Domain 1', { exact: true }).fill('support.example.test');
    await admin.getByRole('button', { name: 'Save sign-up settings' }).click();
    await admin.getByText('it can never be a sign-up domain').waitFor();
    await shot(admin, 'support-domain-refused');
    await admin.getByLabel('Domain 1', { exact: true }).fill('acme.test');
    await e2e.chooseOption(admin, 'Organisation of domain 1', 'Acme Ltd');
    await admin.getByRole('button', { name: 'Save sign-up settings' }).click();
    await admin.getByText('Sign-up settings saved').waitFor();
    await shot(admin, 'sign-up-settings');
    expect(await seriousViolations(admin)).toEqual([]);

    const page = await phonePage();
    await page.goto('/login');
    await page.getByRole('link', { name: 'Create an account' }).waitFor();
    await shot(page, 'sign-in-offers-sign-up');
    await fitsWidth(page);
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.waitForURL(/\/sign-up$/);
    await page.getByRole('heading', { name: 'Create an account' }).waitFor();
    await page.getByLabel('Your name').fill('Ann Acme');
    await page.getByLabel('Email').fill('ann@elsewhere.test');
    await page.getByRole('button', { name: 'Create the account' }).click();
    await page.getByText('only to addresses of the domains').waitFor();
    await page.getByLabel('Email').fill('ann@acme.test');
    await shot(page, 'sign-up-form');
    expect(await seriousViolations(page)).toEqual([]);
    await fitsWidth(page);
    await page.getByRole('button', { name: 'Create the account' }).click();
    await page.getByRole('heading', { name: 'Check your mail' }).waitFor();
    await shot(page, 'check-your-mail');
    await fitsWidth(page);

    await w.env.drain();
    const mails = w.sink.received.filter((m) => m.envelope.to.includes('ann@acme.test'));
    expect(mails).toHaveLength(1);
    const link = /(\/verify-email\?token=[^\s"<>]+)/.exec(mails[0]?.mail.text ?? '')?.[1];
    expect(link).toBeTruthy();
    // Sending it again within the hour mails nothing more, and says the same.
    await page.getByRole('button', { name: 'Send the mail again' }).click();
    await page.getByText('Check your mail: open the link').waitFor();
    await w.env.drain();
    expect(w.sink.received.filter((m) => m.envelope.to.includes('ann@acme.test'))).toHaveLength(1);

    await page.goto(link ?? '');
    await page.getByRole('heading', { name: 'Choose your password' }).waitFor();
    await page.locator('input[name=password]').fill('ann picks a long one');
    await shot(page, 'confirm-address');
    expect(await seriousViolations(page)).toEqual([]);
    await fitsWidth(page);
    await page.getByRole('button', { name: 'Create my account and sign in' }).click();
    await page.waitForURL((u) => u.pathname === '/');
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).json());
    expect(me).toMatchObject({
      email: 'ann@acme.test',
      name: 'Ann Acme',
      role: 'customer',
      organisationId: org.id,
    });
    await shot(page, 'signed-in-on-portal');
    await fitsWidth(page);

    // The link worked once.
    const again = await phonePage();
    await again.goto(link ?? '');
    await again.locator('input[name=password]').fill('someone else tries');
    await again.getByRole('button', { name: 'Create my account and sign in' }).click();
    await again.getByText('This link does not work').waitFor();
    await again.getByText(/invalid, used or expired/).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
