import { describe, expect, it } from 'vitest';
import { seedArticle } from '../kb-seed.js';
import { browserWorld, seriousViolations, skipBrowser, skipReason, stepShots } from './support.js';

// A customer writing a new ticket sees a help-centre article suggested under the subject, finds
// it answers the question, and leaves without a ticket; the suggestion and the deflection count.

if (skipBrowser) console.warn(skipReason);

const world = browserWorld();

describe.skipIf(skipBrowser)('suggested articles on the New Ticket form, in the browser', () => {
  it('a customer typing a subject sees a suggestion and ends without a ticket', async () => {
    const db = world.env.app.ctx.db;
    const article = await seedArticle(db, 'widget', 'public', { title: 'Unlock a frozen zqwidgetword' });
    const hidden = await seedArticle(db, 'staffwidget', 'staff', {
      title: 'Internal: zqwidgetword override',
    });
    const page = await world.signIn(world.w.alice, { width: 360, height: 740 });
    const shot = stepShots('kb-deflect', world.env.database.dialect);
    await page.goto('/new');
    await page.getByLabel('Subject').pressSequentially('My zqwidgetword is frozen', { delay: 20 });
    const region = page.locator('[aria-live="polite"]');
    const link = region.getByRole('link', { name: /Unlock a frozen zqwidgetword/ });
    await link.waitFor();
    await shot(page, 'suggested');
    expect(await link.getAttribute('href')).toBe(`/help/articles/${article.slug}`);
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await region.getByText('Internal: zqwidgetword override').count()).toBe(0);
    expect(await region.locator('mark').first().textContent()).toBe('zqwidgetword');
    // Fits a phone's width: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await seriousViolations(page)).toEqual([]);

    await region.getByRole('button', { name: /This solved my problem/ }).click();
    await page.getByRole('heading', { name: 'Glad that helped!' }).waitFor();
    await shot(page, 'solved');
    expect(await page.getByRole('button', { name: 'Submit ticket' }).count()).toBe(0);

    const count = async (articleId: string, metric: 'suggested' | 'deflected') =>
      Number(
        (
          await db
            .selectFrom('kb_article_stats')
            .select((eb) => eb.fn.sum<number>('n').as('n'))
            .where('article_id', '=', articleId)
            .where('metric', '=', metric)
            .executeTakeFirst()
        )?.n ?? 0,
      );
    await expect.poll(() => count(article.id, 'deflected')).toBe(1);
    expect(await count(article.id, 'suggested')).toBe(1);
    expect(await count(hidden.id, 'suggested')).toBe(0);
    const mine = await world.w.alice.get<{ items: unknown[] }>('/api/v1/tickets');
    expect(mine.items).toEqual([]);
  });

  it('staff see the suggestion and the deflection in the reports', async () => {
    const page = await world.signIn(world.w.agent);
    await page.goto('/agent/reports');
    const card = page.getByTestId('kb-card');
    await card.getByTestId('kb-total-deflected').waitFor();
    expect(await card.getByTestId('kb-total-suggested').textContent()).toBe('1');
    expect(await card.getByTestId('kb-total-deflected').textContent()).toBe('1');
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: await stepShots('kb-report', world.env.database.dialect)(page, 'report') });
    const row = card.getByRole('row', { name: /Unlock a frozen zqwidgetword/ });
    expect(await row.getByRole('cell').allTextContents()).toEqual(['1', '0', '1', '0', '0', '0']);
  });

  it('an administrator turns on suggested articles in the first answer to email tickets', async () => {
    const page = await world.signIn(world.w.admin);
    await page.goto('/admin/triggers');
    const toggle = page.getByRole('switch', { name: /Suggest help-centre articles/ });
    expect(await toggle.isChecked()).toBe(false);
    await toggle.click();
    await page.getByText('Suggested articles turned on').waitFor();
    expect(await world.w.admin.get('/api/v1/settings/kb-mail-suggestions')).toEqual({ enabled: true });
  });
});
