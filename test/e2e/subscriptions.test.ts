import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, loginAdmin } from '../client.js';
import { ADMIN, listenTestApp, type TestEnv } from '../helpers.js';
import {
  chooseOption,
  ensureWebBuild,
  launchBrowser,
  signInWith,
  skipBrowser,
  skipReason,
} from './support.js';

// Admin › Plans and subscriptions in a real browser: a subscription is created from its form, an edit
// that changes nothing closes without a request, and an edit that changes the plan is saved.

if (skipBrowser) console.warn(skipReason);

type Sub = { id: string; organisationId: string | null; plan: { name: string }; endsAt: string | null };

let env: TestEnv & { baseUrl: string };
let admin: Client;
let browser: Browser;

beforeAll(async () => {
  if (skipBrowser) return;
  await ensureWebBuild();
  env = await listenTestApp();
  admin = await loginAdmin(env.app);
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await env?.close();
});

const subscriptions = async () => (await admin.get<{ items: Sub[] }>('/api/v1/subscriptions')).items;

describe.skipIf(skipBrowser)('Admin › Plans and subscriptions', () => {
  it('creates a subscription, closes an unchanged edit without sending it, saves a changed one', async () => {
    const org = await admin.expect<{ id: string }>(201, 'POST', '/api/v1/organisations', { name: 'Initech' });
    const page: Page = await signInWith(browser, env.baseUrl, ADMIN);
    const writes: string[] = [];
    page.on('request', (r: Request) => {
      if (r.method() !== 'GET' && r.url().includes('/api/v1/subscriptions')) writes.push(r.method());
    });
    await page.goto('/admin/plans');

    const limit = page.getByRole('switch', { name: 'Limit tickets by subscription' });
    await expect.poll(() => limit.isEnabled()).toBe(true); // once the setting has loaded
    await limit.click(); // it turns on once the server has saved it
    await page.getByText('Subscriptions turned on', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'New service' }).click();
    await page.getByRole('dialog').getByLabel('Name').fill('Hosting');
    await page.getByRole('dialog').getByRole('button', { name: 'Create service' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    for (const [name, tickets] of [
      ['Bronze', '5'],
      ['Silver', '20'],
    ] as const) {
      await page.getByRole('button', { name: 'New plan' }).click();
      await page.getByRole('dialog').getByLabel('Name').fill(name);
      await page.getByRole('dialog').getByLabel('Tickets per cycle').fill(tickets);
      await page.getByRole('dialog').getByRole('button', { name: 'Create plan' }).click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });
    }

    await page.getByRole('button', { name: 'New subscription' }).click();
    await chooseOption(page, 'Organisation', 'Initech');
    await chooseOption(page, 'Service', 'Hosting');
    await chooseOption(page, 'Plan', 'Bronze');
    await page.getByRole('dialog').getByRole('button', { name: 'Create subscription' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    const [created] = await subscriptions();
    expect(created).toMatchObject({ organisationId: org.id, plan: { name: 'Bronze' }, endsAt: null });
    expect(writes).toEqual(['POST']);

    const edit = page.getByRole('button', { name: 'Edit subscription of Initech to Hosting' });
    await edit.click();
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(writes).toEqual(['POST']);

    await edit.click();
    await chooseOption(page, 'Plan', 'Silver');
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByText('Subscription saved', { exact: true }).waitFor();
    expect(writes).toEqual(['POST', 'PATCH']);
    expect(await subscriptions()).toEqual([
      expect.objectContaining({ id: created?.id, plan: expect.objectContaining({ name: 'Silver' }) }),
    ]);
    await page.getByRole('cell', { name: 'Hosting · Silver' }).waitFor();
    await page.context().close();
  }, 120_000);
});
