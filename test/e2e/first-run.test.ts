import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import type { App } from '../../src/http/types.js';
import { ensureFirstAdmin } from '../../src/modules/setup/setup.service.js';
import { login, openTicket } from '../client.js';
import { engine, freshDatabaseUrl } from '../helpers.js';
import { ensureWebBuild, launchBrowser, skipBrowser, skipReason, stepShots } from './support.js';

// A fresh install in a real browser: the sign-in page says how to finish set-up, the set-up link
// from the log creates the administrator and signs them in, an admin with no department is led
// to create one, and the queue then searches as you type.

if (skipBrowser) console.warn(skipReason);

let app: App;
let baseUrl: string;
let close: () => Promise<void>;
let browser: Browser;
let page: Page;
const shot = stepShots('first-run', engine);
const pageErrors: string[] = [];
const ADMIN = { name: 'Ada Admin', email: 'ada@example.test', password: 'first-admin-pass' };

beforeAll(async () => {
  if (skipBrowser) return;
  await ensureWebBuild();
  const fresh = await freshDatabaseUrl();
  const config = loadConfig({
    DATABASE_URL: fresh.url,
    TESSERA_DATA_DIR: fresh.dataDir,
    TESSERA_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'silent',
    TESSERA_RATE_LIMIT: '0',
  });
  const database = openDatabase(config.databaseUrl);
  await migrateToLatest(database.db);
  app = await buildApp({ config, database, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  baseUrl = `http://127.0.0.1:${address.port}`;
  close = async () => {
    await app.close();
    await database.close();
    await fresh.drop();
  };
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, baseURL: baseUrl });
  page = await context.newPage();
  page.setDefaultTimeout(30_000);
  page.on('pageerror', (e) => pageErrors.push(e.message));
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await close?.();
});

describe.skipIf(skipBrowser)('first run', () => {
  let token = '';

  it('shows on the sign-in page how to finish set-up, without the token', async () => {
    const { setupUrl } = await ensureFirstAdmin(app.ctx);
    token = new URL(String(setupUrl)).searchParams.get('token') ?? '';
    await page.goto('/');
    await page.waitForURL(/\/login/);
    const hint = page.getByRole('alert').or(page.getByText('Finish setting up Tessera'));
    await hint.first().waitFor();
    const text = await page.locator('main').innerText();
    expect(text).toContain('Finish setting up Tessera');
    expect(text).toContain('server log');
    expect(text).toContain('tessera admin create');
    expect(text).toContain('TESSERA_ADMIN_EMAIL');
    expect(await page.content()).not.toContain(token);
    await shot(page, 'sign-in-hint');
  });

  it('creates the administrator on the app’s set-up page and ends signed in, led to departments', async () => {
    await page.goto(`/setup?token=${token}`);
    await page.getByRole('heading', { name: 'Set up Tessera' }).waitFor();
    // The app's styling, not a bare form: Mantine's stylesheet and components are on the page.
    expect(await page.locator('.mantine-Paper-root').count()).toBeGreaterThan(0);
    await page.getByLabel('Your name').fill(ADMIN.name);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.locator('input[name=password]').fill(ADMIN.password);
    await shot(page, 'setup-form');
    // The form fits a phone: the page does not scroll sideways and the button's label is whole.
    await page.setViewportSize({ width: 360, height: 780 });
    const submit = page.getByRole('button', { name: 'Create and sign in' });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await submit.evaluate((b) => b.querySelector('span span')?.scrollWidth ?? 0)).toBeLessThanOrEqual(
      await submit.evaluate((b) => b.querySelector('span span')?.clientWidth ?? 0),
    );
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('button', { name: 'Create and sign in' }).click();
    await page.waitForURL(/\/admin\/departments$/);
    await page.getByText('No departments yet').waitFor();
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).json());
    expect(me).toMatchObject({ email: ADMIN.email, role: 'admin' });
    await shot(page, 'signed-in-no-departments');

    await page.getByRole('button', { name: 'Create the first department' }).click();
    await page.getByRole('dialog').getByLabel('Name').fill('Billing');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /create|save/i })
      .click();
    await page.getByRole('cell', { name: 'Billing', exact: true }).first().waitFor();
  });

  it('searches the queue as you type', async () => {
    const admin = await login(app, ADMIN.email, ADMIN.password);
    const departments = (await admin.get<{ items: { id: string; name: string }[] }>('/api/v1/departments'))
      .items;
    const billing = departments.find((d) => d.name === 'Billing');
    if (!billing) throw new Error('Billing was not created');
    const invoice = await openTicket(admin, billing.id, { subject: 'Invoice INV-2024-001 is missing' });
    await openTicket(admin, billing.id, { subject: 'Password reset' });
    await page.goto('/agent');
    const table = page.getByTestId('queue-table');
    await table.getByText('Password reset').waitFor();
    // No Enter, no leaving the box: the debounced search runs on its own.
    await page.locator('#queue-search').pressSequentially('invoic', { delay: 40 });
    await page.waitForURL(/[?&]q=invoic/);
    await table.getByText('Password reset').waitFor({ state: 'detached' });
    await table.getByText(invoice.subject).waitFor();
    expect(await page.locator('#queue-search').inputValue()).toBe('invoic');
    await shot(page, 'queue-search-as-you-type');
    expect(pageErrors).toEqual([]);
  });

  it('checks a new user against the API’s rules before sending it, and saves once corrected', async () => {
    await page.goto('/admin/users');
    await page.getByRole('button', { name: 'New user' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('Cleo Customer');
    await dialog.getByLabel('Email').fill('cleo@example.test');
    await dialog.getByLabel('Phone').fill('call me');
    await dialog.getByRole('button', { name: 'Add user' }).click();
    await dialog.getByText('must be a phone number such as +44 20 7946 0000').waitFor();
    await shot(page, 'new-user-phone-refused');
    const admin = await login(app, ADMIN.email, ADMIN.password);
    const before = await admin.get<{ items: { email: string }[] }>('/api/v1/users');
    expect(before.items.map((u) => u.email)).not.toContain('cleo@example.test');

    await dialog.getByLabel('Phone').fill('+44 20 7946 0000');
    await dialog.getByRole('button', { name: 'Add user' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: 'Cleo Customer', exact: true }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
