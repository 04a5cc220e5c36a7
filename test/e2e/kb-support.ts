import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * At a phone's width (360 px) the page does not scroll sideways (what does not fit scrolls in its
 * own box); then a picture of it, once the navigation has slid away, and back to 1280 px.
 */
export async function atPhoneWidth(
  page: Page,
  shot: (page: Page, step: string) => Promise<string>,
  step: string,
) {
  await page.setViewportSize({ width: 360, height: 800 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page
    .getByRole('navigation', { name: 'Workspace' })
    .waitFor({ state: 'hidden' })
    .catch(() => {});
  await page.waitForTimeout(300);
  await shot(page, `${step}-360`);
  await page.setViewportSize({ width: 1280, height: 900 });
}
