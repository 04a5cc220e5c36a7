import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { engine } from '../helpers.js';
import { seedArticle, seedCategory } from '../kb-fixtures.js';
import { browserWorld, seriousViolations, skipBrowser, skipReason, stepShots } from './support.js';

// A customer finds an answer in the help centre: searches, opens the article, says it helped.
// Every page passes axe-core without a serious or critical violation and fits a 360 px screen.

if (skipBrowser) console.warn(skipReason);

const world = browserWorld();
const PHONE = { width: 360, height: 740 };

/** Nothing wider than the screen: no sideways scrolling at 360 px. */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 1)
      .map((el) => el.tagName.toLowerCase() + (el.className ? `.${String(el.className)}` : ''));
    return { scroll: document.documentElement.scrollWidth - width, wide: wide.slice(0, 5) };
  });

async function checkPage(page: Page, shot: (p: Page, step: string) => Promise<string>, step: string) {
  expect(await seriousViolations(page), step).toEqual([]);
  expect(await overflow(page), step).toEqual({ scroll: 0, wide: [] });
  await shot(page, step);
}

describe.skipIf(skipBrowser)('the help centre, in the browser', () => {
  it('a customer searches, opens an article and votes; every page is accessible and fits 360 px', async () => {
    const shot = stepShots('help-centre', engine);
    const db = world.env.app.ctx.db;
    const now = new Date();
    const billing = await seedCategory(db, now, {
      name: 'Billing and invoices',
      slug: 'billing-and-invoices',
      description: 'Payments, invoices and your plan.',
    });
    const invoices = await seedCategory(db, now, {
      name: 'Invoices',
      slug: 'invoices',
      parentId: billing,
    });
    const id = await seedArticle(db, now, {
      slug: 'change-your-invoice-address',
      title: 'Change your invoice address',
      body: 'Open **Account**, then *Billing*, and edit the address printed on your invoices.\n\n```\nAccount > Billing > Address\n```\n\nThe change applies to the next invoice; a very-long-word-that-should-wrap-rather-than-overflow-the-screen-at-all is no problem.',
      visibility: 'public',
      categoryId: invoices,
      tags: ['invoices'],
    });
    await seedArticle(db, now, {
      slug: 'download-an-invoice-as-pdf',
      title: 'Download an invoice as PDF',
      body: 'Every invoice has a PDF download on its page.',
      visibility: 'signed_in',
      categoryId: invoices,
      tags: ['invoices'],
    });
    await seedArticle(db, now, {
      slug: 'staff-refund-procedure',
      title: 'Refund procedure for staff',
      body: 'Internal: how we approve refunds of invoices.',
      visibility: 'staff',
      categoryId: invoices,
    });

    const page = await world.signIn(world.w.alice, PHONE);
    await page.goto('/help');
    await page.getByRole('heading', { level: 1, name: 'How can we help?' }).waitFor();
    await checkPage(page, shot, 'home');

    await page.getByRole('link', { name: 'Billing and invoices' }).click();
    await page.getByRole('heading', { level: 1, name: 'Billing and invoices' }).waitFor();
    await checkPage(page, shot, 'category');
    expect(await page.getByRole('link', { name: 'Refund procedure for staff' }).count()).toBe(0);

    // Prefix search: "invoi" finds both articles a customer may read, the matches marked.
    await page.getByRole('searchbox', { name: 'Search the help centre' }).fill('invoi');
    await page.getByRole('searchbox', { name: 'Search the help centre' }).press('Enter');
    await page.waitForURL(/\/help\/search\?q=invoi/);
    await page.getByText('2 articles found.').waitFor();
    expect(await page.locator('.hits mark').count()).toBeGreaterThan(0);
    expect(await page.getByText('Refund procedure for staff').count()).toBe(0);
    await checkPage(page, shot, 'search');

    await page.getByRole('link', { name: 'Change your invoice address' }).click();
    await page.getByRole('heading', { level: 1, name: 'Change your invoice address' }).waitFor();
    await page.getByText('edit the address printed on your invoices').waitFor();
    await checkPage(page, shot, 'article');
    const related = page.getByRole('region', { name: 'Related articles' });
    await related.getByRole('link', { name: 'Download an invoice as PDF' }).waitFor();

    await page.getByRole('button', { name: 'Yes' }).click();
    await page.getByRole('status').filter({ hasText: 'Thank you for your feedback.' }).waitFor();
    expect(await page.getByRole('button', { name: 'Yes' }).getAttribute('aria-pressed')).toBe('true');
    await checkPage(page, shot, 'voted');
    const counts = await db
      .selectFrom('kb_articles')
      .select(['helpful_yes', 'helpful_no', 'views'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(counts).toEqual({ helpful_yes: 1, helpful_no: 0, views: 1 });

    // Still stuck: the portal's new-ticket form, the web app, takes over from here.
    await page.getByRole('link', { name: 'Open a ticket' }).click();
    await page.waitForURL((u) => u.pathname === '/new');
    await page.getByRole('textbox', { name: /Subject/ }).waitFor();
  });

  it('an anonymous visitor with JavaScript turned off reads and votes', async () => {
    const context = await world.browser.newContext({
      viewport: PHONE,
      baseURL: world.env.baseUrl,
      javaScriptEnabled: false,
    });
    try {
      const page = await context.newPage();
      await page.goto('/help');
      await page.getByRole('link', { name: 'Sign in' }).waitFor();
      // Only the public article is there for a visitor.
      expect(await page.getByRole('link', { name: 'Download an invoice as PDF' }).count()).toBe(0);
      // Once in "Popular articles" (the customer read it), once in its section.
      await page.getByRole('link', { name: 'Change your invoice address' }).first().click();
      await page.getByText('edit the address printed on your invoices').waitFor();
      await page.getByRole('button', { name: 'No' }).click();
      await page.getByText('Thank you for your feedback.').waitFor();
      expect(await page.getByRole('button', { name: 'No' }).getAttribute('aria-pressed')).toBe('true');
      expect(await page.getByText('1 of 2 found this helpful.').count()).toBe(1);
      expect(await overflow(page)).toEqual({ scroll: 0, wide: [] });
    } finally {
      await context.close();
    }
  });
});
