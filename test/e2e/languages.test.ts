import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openTicket } from '../client.js';
import { engine } from '../helpers.js';
import {
  browserWorld,
  chooseOption,
  seriousViolations,
  skipBrowser,
  skipReason,
  stepShots,
} from './support.js';

// Languages in the browser: a customer picks German and a time zone in Account Settings and the
// whole portal, their ticket and its dates switch at once; picked Arabic, the page turns right to
// left (the header starts on the right). axe-core passes in both.

if (skipBrowser) console.warn(skipReason);

const shot = stepShots('languages', engine);
const world = browserWorld();

const ZONE = 'Asia/Tokyo';

/** Picks a language and time zone on the account page and saves; the button is in the page's language. */
async function chooseLanguage(
  page: Page,
  labels: { language: string; zone: string; save: string },
  language: string,
) {
  await chooseOption(page, labels.language, language);
  const zone = page.getByRole('combobox', { name: labels.zone });
  await zone.click();
  await zone.fill(ZONE.slice(0, 6));
  await page.getByRole('option', { name: ZONE, exact: true }).click();
  await page.getByRole('button', { name: labels.save }).click();
}

describe.skipIf(skipBrowser)('languages, in the browser', () => {
  it('a customer switches to German, then Arabic: texts, dates and the direction follow', async () => {
    const ticket = await openTicket(world.w.alice, world.w.billing.id, { subject: 'Rechnung fehlt' });
    const page = await world.signIn(world.w.alice);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto('/account');
    await page.getByRole('heading', { name: 'Language and time zone' }).waitFor();
    await chooseLanguage(
      page,
      { language: 'Language', zone: 'Time zone', save: 'Save language and time zone' },
      'Deutsch',
    );
    // The whole page switches at once, without a reload.
    await page.getByRole('heading', { name: 'Kontoeinstellungen' }).waitFor();
    await page.getByRole('heading', { name: 'Sprache und Zeitzone' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
    const me = await world.w.alice.get<{ locale: string; timeZone: string }>('/api/v1/me');
    expect([me.locale, me.timeZone]).toEqual(['de', ZONE]);

    // The portal: German words, the German date of the ticket's last update in the chosen zone.
    await page.getByRole('link', { name: 'Meine Tickets' }).first().click();
    await page.getByRole('heading', { name: 'Support-Tickets' }).waitFor();
    await page.getByRole('columnheader', { name: 'Letzte Aktualisierung' }).waitFor();
    const created = new Date(ticket.createdAt);
    const germanDate = new Intl.DateTimeFormat('de', { dateStyle: 'medium', timeZone: ZONE }).format(created);
    const englishDate = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: ZONE }).format(
      created,
    );
    expect(germanDate).not.toBe(englishDate);
    const row = page.getByRole('row').filter({ hasText: 'Rechnung fehlt' });
    await expect.poll(() => row.locator('time').textContent()).toBe(germanDate);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'portal-de');

    // The ticket page: German labels and the time of day in the chosen zone.
    await page.getByRole('link', { name: 'Rechnung fehlt' }).first().click();
    await page.getByRole('heading', { name: 'Verlauf' }).waitFor();
    await page.getByText('Eröffnet von').waitFor();
    const hourMinute = new Intl.DateTimeFormat('de', { timeStyle: 'short', timeZone: ZONE }).format(created);
    const createdText = await page.locator('dd time').first().textContent();
    expect(createdText).toContain(germanDate);
    expect(createdText).toContain(hourMinute);
    await page.getByRole('button', { name: 'Antwort senden' }).waitFor();
    await shot(page, 'ticket-de');

    // Arabic: right to left, the header's first item (the brand) on the right.
    await page.goto('/account');
    await page.getByRole('heading', { name: 'Sprache und Zeitzone' }).waitFor();
    await chooseLanguage(
      page,
      { language: 'Sprache', zone: 'Zeitzone', save: 'Sprache und Zeitzone speichern' },
      'العربية',
    );
    await page.getByRole('heading', { name: 'إعدادات الحساب' }).waitFor();
    await page.getByRole('link', { name: 'تذاكري' }).first().click();
    await page.getByRole('heading', { name: 'تذاكر الدعم' }).waitFor();
    expect(await page.evaluate(() => [document.documentElement.dir, document.documentElement.lang])).toEqual([
      'rtl',
      'ar',
    ]);
    const header = page.locator('header');
    const brand = await header.getByRole('link').first().boundingBox();
    const menu = await header.getByRole('button').last().boundingBox();
    expect(brand && menu).toBeTruthy();
    if (brand && menu) expect(brand.x).toBeGreaterThan(menu.x + menu.width);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'portal-ar');

    await page.getByRole('link', { name: 'Rechnung fehlt' }).first().click();
    await page.getByRole('heading', { name: 'المحادثة' }).waitFor();
    await shot(page, 'ticket-ar');

    await page.setViewportSize({ width: 360, height: 740 });
    await page.waitForFunction(() => document.documentElement.scrollWidth <= window.innerWidth, null, {
      timeout: 5000,
    });
    await shot(page, 'ticket-ar-360');
    expect(errors).toEqual([]);
  });

  it('a visitor picks Arabic on the sign-in page of a phone: it mirrors and says so in Arabic', async () => {
    const context = await world.browser.newContext({
      viewport: { width: 360, height: 740 },
      baseURL: world.env.baseUrl,
      bypassCSP: true,
      locale: 'en-US',
    });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto('/login');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByRole('button', { name: 'Language: English' }).click();
    await page.getByRole('menuitem', { name: 'العربية' }).click();
    await page.getByRole('heading', { name: 'تسجيل الدخول' }).waitFor();
    expect(await page.evaluate(() => [document.documentElement.dir, document.documentElement.lang])).toEqual([
      'rtl',
      'ar',
    ]);
    // The fields' labels start on the right, where the card starts.
    const label = await page.locator('label', { hasText: 'البريد الإلكتروني' }).boundingBox();
    const field = await page.getByRole('textbox', { name: 'البريد الإلكتروني' }).boundingBox();
    expect(label && field).toBeTruthy();
    if (label && field) expect(label.x + label.width).toBeGreaterThan(field.x + field.width - 24);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'sign-in-ar-360');
    // Remembered in this browser.
    await page.reload();
    await page.getByRole('heading', { name: 'تسجيل الدخول' }).waitFor();
    await context.close();
  });
});
