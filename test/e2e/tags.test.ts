import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorld, openTicket } from '../client.js';
import { ADMIN, engine, listenTestApp, type TestEnv } from '../helpers.js';
import {
  chooseOption,
  ensureWebBuild,
  launchBrowser,
  seriousViolations,
  signInWith,
  skipBrowser,
  stepShots,
} from './support.js';

// Tags in a real browser: an agent tags a ticket on its page (typed, and picked from those in
// use), sees the tags in the queue, filters the queue by one and exports that view as CSV; an administrator renames a tag,
// which merges it into another, on Admin › Tags.

let env: TestEnv & { baseUrl: string };
let browser: Browser;
const shot = stepShots('tags', engine);

beforeAll(async () => {
  if (skipBrowser) return;
  await ensureWebBuild();
  env = await listenTestApp();
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await env?.close();
});

describe.skipIf(skipBrowser)('tags', () => {
  it('an agent tags a ticket and filters the queue by tag; an administrator merges two tags', async () => {
    const w = await makeWorld(env.app);
    const tagged = await openTicket(w.alice, w.billing.id, { subject: 'Refund for a double charge' });
    const other = await openTicket(w.alice, w.billing.id, { subject: 'Cannot export trades' });
    await w.agent.expect(200, 'PATCH', `/api/v1/tickets/${other.number}`, { tags: ['exports'] });
    const agentEmail = (await w.agent.get<{ email: string }>('/api/v1/me')).email;

    const page = await signInWith(
      browser,
      env.baseUrl,
      { email: agentEmail, password: w.password },
      { bypassCSP: true },
    );
    await page.goto(`/agent/tickets/${tagged.number}`);
    const box = page.getByRole('combobox', { name: 'Tags' });
    await box.fill('Refund');
    await box.press('Enter');
    await page.getByRole('combobox', { name: 'Tags' }).fill('exp');
    await page.getByRole('option', { name: 'exports' }).click();
    await page.getByText('tagged it exports').waitFor();
    expect((await w.agent.get<{ tags: string[] }>(`/api/v1/tickets/${tagged.number}`)).tags).toEqual([
      'exports',
      'refund',
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'ticket-tags');

    await page.goto('/agent');
    const row = page.getByRole('row', { name: /Refund for a double charge/ });
    await row.getByLabel('Tags').getByText('refund').waitFor();
    await page.getByRole('combobox', { name: 'Tags' }).fill('refund');
    await page.getByRole('combobox', { name: 'Tags' }).press('Enter');
    await page.waitForURL(/tag=refund/);
    await page.getByRole('row', { name: /Cannot export trades/ }).waitFor({ state: 'detached' });
    await row.waitFor();
    await shot(page, 'queue-filtered-by-tag');
    // The view as a file: the same filter, every ticket of it.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^tickets-.*\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.trimEnd().split('\n')).toHaveLength(2);
    expect(csv).toContain('Refund for a double charge');
    expect(csv).toContain('"exports, refund"');
    expect(csv).not.toContain('Cannot export trades');
    const phone = await signInWith(
      browser,
      env.baseUrl,
      { email: agentEmail, password: w.password },
      { viewport: { width: 360, height: 800 } },
    );
    await phone.goto('/agent?tag=refund');
    await phone.locator('a:visible', { hasText: 'Refund for a double charge' }).waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await shot(phone, 'queue-at-360');

    const admin = await signInWith(browser, env.baseUrl, ADMIN, { bypassCSP: true });
    await admin.goto('/admin/tags');
    await admin.getByRole('button', { name: 'Rename refund' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('New name').fill('exports');
    await dialog.getByRole('button', { name: 'Rename' }).click();
    await admin.getByText('Renamed; 2 tickets now carry “exports”').waitFor();
    await admin.getByRole('button', { name: 'Rename refund' }).waitFor({ state: 'detached' });
    expect(await seriousViolations(admin)).toEqual([]);
    await shot(admin, 'admin-tags');
  }, 180_000);

  it('an agent marks a ticket a duplicate of another, and both show it', async () => {
    const w = await makeWorld(env.app);
    const original = await openTicket(w.alice, w.billing.id, { subject: 'Orders rejected since 9:00' });
    const duplicate = await openTicket(w.bob, w.billing.id, { subject: 'My orders are rejected' });
    const agentEmail = (await w.agent.get<{ email: string }>('/api/v1/me')).email;
    const page = await signInWith(
      browser,
      env.baseUrl,
      { email: agentEmail, password: w.password },
      { bypassCSP: true },
    );
    await page.goto(`/agent/tickets/${duplicate.number}`);
    await chooseOption(page, 'This ticket is', 'Duplicate of');
    await page.getByRole('textbox', { name: 'Ticket no.' }).fill(String(original.number));
    await page.getByRole('button', { name: 'Link', exact: true }).click();
    const linked = page.getByRole('link', { name: /Orders rejected since 9:00/ });
    await linked.waitFor();
    await page.getByText(`linked it: duplicate of #${original.number}`).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'linked-duplicate');

    await linked.click();
    await page.waitForURL(new RegExp(`/agent/tickets/${original.number}$`));
    await page.getByText(`linked it: duplicated by #${duplicate.number}`).waitFor();
    await page.getByRole('link', { name: /My orders are rejected/ }).waitFor();
  }, 180_000);
});
