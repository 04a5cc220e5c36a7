import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAdmin } from '../client.js';
import { ADMIN, listenTestApp, type TestEnv } from '../helpers.js';
import {
  ensureWebBuild,
  launchBrowser,
  seriousViolations,
  signInWith,
  skipBrowser,
  skipReason,
} from './support.js';

// An administrator builds a business-hours calendar with a lunch break in the browser, on a
// phone-sized screen: Monday's two intervals, copied to the other weekdays, saved, and still there
// after a reload; the preview answers when a target would be due.

if (skipBrowser) console.warn(skipReason);

let env: TestEnv & { baseUrl: string };
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (skipBrowser) return;
  await ensureWebBuild();
  env = await listenTestApp();
  browser = await launchBrowser();
}, 300_000);
afterAll(async () => {
  await page?.context().close();
  await browser?.close();
  await env?.close();
});

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
const interval = (day: string, n: number, part: 'start' | 'end') =>
  page.getByRole('textbox', { name: `${day} interval ${n} ${part}`, exact: true });

describe.skipIf(skipBrowser)('calendars, in the browser', () => {
  it('the admin builds Mon–Fri 09:00–12:00 and 13:30–17:00 at 360 px, saves, reloads and sees it', async () => {
    page = await signInWith(browser, env.baseUrl, ADMIN, {
      viewport: { width: 360, height: 800 },
      bypassCSP: true,
    });
    page.setDefaultTimeout(10_000);
    await page.goto('/admin/calendars');
    await page.getByRole('table', { name: 'Calendars' }).getByText('24×7').waitFor();
    await page.getByRole('button', { name: 'New calendar' }).click();

    const editor = page.getByRole('region', { name: 'New calendar' });
    await editor.getByRole('textbox', { name: 'Name', exact: true }).fill('Berlin office');
    const zone = editor.getByRole('combobox', { name: 'Time zone' });
    await zone.click();
    await zone.fill('Europe/Berl');
    await page.getByRole('option', { name: 'Europe/Berlin', exact: true }).click();

    await editor.getByRole('button', { name: 'Add an interval on Monday' }).click();
    await interval('Monday', 1, 'start').fill('09:00');
    await interval('Monday', 1, 'end').fill('12:00');
    await editor.getByRole('button', { name: 'Add an interval on Monday' }).click();
    await interval('Monday', 2, 'start').fill('13:30');
    await interval('Monday', 2, 'end').fill('17:00');
    await editor.getByRole('button', { name: 'Copy Monday to Tuesday–Friday' }).click();
    await editor.getByRole('textbox', { name: 'Date' }).fill('2026-12-24');
    await editor.getByRole('textbox', { name: 'Holiday name' }).fill('Christmas Eve');
    await editor.getByRole('checkbox', { name: 'Every year' }).check();
    await editor.getByRole('button', { name: 'Add holiday' }).click();

    // Nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await seriousViolations(page)).toEqual([]);

    await editor.getByRole('button', { name: 'Create calendar' }).click();
    await page.getByRole('region', { name: 'Edit Berlin office' }).waitFor();
    await page.getByTestId('calendar-preview').getByText(/^Due /).waitFor();

    await page.reload();
    await page.getByRole('button', { name: 'Edit Berlin office' }).click();
    await page.getByRole('region', { name: 'Edit Berlin office' }).waitFor();
    for (const day of WEEKDAYS) {
      expect([
        await interval(day, 1, 'start').inputValue(),
        await interval(day, 1, 'end').inputValue(),
        await interval(day, 2, 'start').inputValue(),
        await interval(day, 2, 'end').inputValue(),
      ]).toEqual(['09:00', '12:00', '13:30', '17:00']);
    }
    expect(await interval('Saturday', 1, 'start').count()).toBe(0);
    expect(await page.getByRole('combobox', { name: 'Time zone' }).inputValue()).toBe('Europe/Berlin');
    await page.getByRole('table', { name: 'Holidays' }).getByText('Christmas Eve').waitFor();

    const admin = await loginAdmin(env.app);
    const saved = (
      await admin.get<{ items: { name: string; timeZone: string; hours: Record<string, unknown> }[] }>(
        '/api/v1/calendars',
      )
    ).items.find((c) => c.name === 'Berlin office');
    expect(saved?.timeZone).toBe('Europe/Berlin');
    expect(saved?.hours.fri).toEqual([
      { start: '09:00', end: '12:00' },
      { start: '13:30', end: '17:00' },
    ]);
    expect(saved?.hours.sat).toEqual([]);

    // An overlapping interval is refused in words, and nothing changes.
    await interval('Monday', 2, 'start').fill('11:00');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page
      .getByText(/overlaps/)
      .first()
      .waitFor();
    const again = (
      await admin.get<{ items: { name: string; hours: Record<string, unknown> }[] }>('/api/v1/calendars')
    ).items.find((c) => c.name === 'Berlin office');
    expect(again?.hours.mon).toEqual(saved?.hours.mon);
  }, 90_000);
});
