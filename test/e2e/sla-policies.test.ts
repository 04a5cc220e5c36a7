import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openTicket } from '../client.js';
import { browserWorld, chooseOption, seriousViolations, skipBrowser, skipReason } from './support.js';

// An administrator sets up a service level in the browser: a policy on a business-hours calendar
// with a four-hour first reply target for high-priority tickets, counted in business hours; it is
// listed after the policy that was there, and moving it up puts it first. At 1280 px and at 360 px,
// where nothing may be wider than the screen.

if (skipBrowser) console.warn(skipReason);

const SHOTS = process.env.SLA_SHOTS_DIR ?? 'test-results/sla-policies';
const world = browserWorld();
type Policy = { id: string; name: string; calendarId: string; targets: unknown[]; conditions: unknown };

const policies = async () =>
  (await world.w.admin.get<{ items: Policy[] }>('/api/v1/sla/policies')).items.map((p) => p.name);
const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

describe.skipIf(skipBrowser)('service levels, in the browser', () => {
  it('an admin creates a policy with a 4-hour first reply target in business hours, then moves it first', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const { admin } = world.w;
    const day = [{ start: '09:00', end: '17:00' }];
    const cal = await admin.expect<{ id: string }>(201, 'POST', '/api/v1/calendars', {
      name: 'Office hours',
      timeZone: 'Europe/Berlin',
      hours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] },
    });
    await admin.expect(201, 'POST', '/api/v1/sla/policies', {
      name: 'Standard',
      calendarId: '24x7',
      targets: [{ priority: 'normal', metric: 'resolution', minutes: 3 * 24 * 60, businessHours: false }],
    });

    const page = await world.signIn(admin, { width: 1280, height: 900 });
    page.setDefaultTimeout(10_000);
    await page.goto('/admin');
    await page.getByRole('link', { name: 'Service levels' }).first().click();
    await page.waitForURL(/\/admin\/sla$/);
    const table = page.getByRole('table', { name: 'Service-level policies' });
    await table.getByText('Standard').waitFor();
    await page.getByRole('button', { name: 'New policy' }).click();

    const editor = page.getByRole('region', { name: 'New policy' });
    await editor.getByRole('textbox', { name: 'Name', exact: true }).fill('Gold support');
    await chooseOption(page, 'Calendar', 'Office hours');
    await editor.getByRole('checkbox', { name: 'High', exact: true }).check();
    await editor.getByRole('checkbox', { name: 'Urgent', exact: true }).check();
    await editor.getByRole('textbox', { name: 'High first reply target' }).fill('4');
    expect(await editor.getByRole('combobox', { name: 'High first reply unit' }).inputValue()).toBe('hours');
    expect(
      await editor.getByRole('checkbox', { name: 'High first reply in business hours' }).isChecked(),
    ).toBe(true);
    await editor.getByRole('textbox', { name: 'Urgent first reply target' }).fill('30');
    await editor.getByRole('combobox', { name: 'Urgent first reply unit' }).selectOption('minutes');
    await editor.getByRole('checkbox', { name: 'Urgent first reply in business hours' }).uncheck();
    await editor.getByRole('checkbox', { name: 'Pause resolution while on hold' }).check();
    await editor.getByRole('checkbox', { name: /^Announce warnings/ }).check();
    await shot(page, 'sla-1280-editor');
    expect(await seriousViolations(page)).toEqual([]);

    await editor.getByRole('button', { name: 'Create policy' }).click();
    await page.getByRole('region', { name: 'Edit Gold support' }).waitFor();
    await table.getByText('Gold support').waitFor();
    expect(await policies()).toEqual(['Standard', 'Gold support']);
    const saved = (await admin.get<{ items: Policy[] }>('/api/v1/sla/policies')).items[1];
    expect(saved).toMatchObject({
      calendarId: cal.id,
      conditions: { priorities: ['high', 'urgent'] },
      pauseOn: { firstReply: ['pending'], nextReply: ['pending'], resolution: ['pending', 'on_hold'] },
      notifyOutsideHours: true,
      warning: { percent: 80 },
    });
    expect(saved?.targets).toEqual([
      { priority: 'high', metric: 'firstReply', minutes: 240, businessHours: true },
      { priority: 'urgent', metric: 'firstReply', minutes: 30, businessHours: false },
    ]);
    await table.getByText('First reply: Urgent 30 min (24×7), High 4 h').waitFor();

    // Moving it up puts it first, for the server too.
    await page.getByRole('button', { name: 'Move Gold support up' }).click();
    // First (nothing above it) once the list is back; both are disabled while the order is saved.
    await page
      .getByRole('button', { name: 'Move Gold support down' })
      .and(page.locator(':enabled'))
      .waitFor();
    await page.getByRole('button', { name: 'Move Gold support up' }).and(page.locator(':disabled')).waitFor();
    expect(await policies()).toEqual(['Gold support', 'Standard']);
    await page.getByRole('button', { name: 'Close' }).click();
    await shot(page, 'sla-1280-list');

    // After a reload the editor shows what was saved.
    await page.reload();
    await page.getByRole('button', { name: 'Edit Gold support' }).click();
    const again = page.getByRole('region', { name: 'Edit Gold support' });
    expect(await again.getByRole('textbox', { name: 'High first reply target' }).inputValue()).toBe('4');
    expect(await again.getByRole('textbox', { name: 'Urgent first reply target' }).inputValue()).toBe('30');
    expect(await again.getByRole('combobox', { name: 'Calendar' }).inputValue()).toBe('Office hours');

    // Tried on a high-priority ticket before anything is saved: it matches, first reply runs.
    const ticket = await openTicket(world.w.alice, world.w.billing.id, { priority: 'high' });
    await again.getByRole('textbox', { name: 'Ticket no.' }).fill(String(ticket.number));
    await again.getByRole('button', { name: 'Preview', exact: true }).click();
    const preview = again.getByTestId('policy-preview');
    await preview.getByText('This policy matches the ticket.').waitFor();
    await preview.getByText(/^First reply: (running|paused)/).waitFor();

    // Disabling from the list.
    await page.getByRole('switch', { name: 'Standard enabled' }).click({ force: true });
    await page.getByText('Policy “Standard” disabled').waitFor();

    // A phone-sized screen: the list and the editor fit.
    await page.setViewportSize({ width: 360, height: 800 });
    await page.reload();
    await table.getByText('Gold support').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await shot(page, 'sla-360-list');
    await page.getByRole('button', { name: 'Edit Gold support' }).click();
    await page.getByRole('region', { name: 'Edit Gold support' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await shot(page, 'sla-360-editor');
    await page.getByRole('group', { name: 'Targets' }).screenshot({ path: `${SHOTS}/sla-360-targets.png` });
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Move Gold support down' }).click();
    await page.getByRole('button', { name: 'Move Gold support up' }).and(page.locator(':enabled')).waitFor();
    await page
      .getByRole('button', { name: 'Move Gold support down' })
      .and(page.locator(':disabled'))
      .waitFor();
    expect(await policies()).toEqual(['Standard', 'Gold support']);
  }, 120_000);
});
