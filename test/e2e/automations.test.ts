import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { browserWorld, chooseOption, seriousViolations, skipBrowser, skipReason } from './support.js';

// An administrator builds a time-based automation in the browser: 48 hours since the last staff
// reply and no "followed-up" tag, then add that tag and an internal note. An automation whose
// actions undo none of its conditions is refused with the reason shown. At 1280 px, then 360 px.

if (skipBrowser) console.warn(skipReason);

const world = browserWorld();
const SHOTS = process.env.AUTOMATION_SHOTS_DIR ?? 'test-results/automations';

describe.skipIf(skipBrowser)('automations, in the browser', () => {
  it('an admin builds an automation, and one that would not undo its conditions is refused', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const { admin } = world.w;
    const page = await world.signIn(admin, { width: 1280, height: 900 });
    page.setDefaultTimeout(10_000);
    await page.goto('/admin');
    await page.getByRole('link', { name: 'Automations' }).first().click();
    await page.waitForURL(/\/admin\/automations$/);
    await page.getByRole('button', { name: 'New automation' }).click();
    const editor = page.getByRole('region', { name: 'New automation' });
    await editor.getByRole('textbox', { name: 'Name', exact: true }).fill('Chase quiet tickets');
    await chooseOption(page, 'Condition 1 since', 'last staff reply');
    await editor.getByRole('textbox', { name: 'Condition 1 hours' }).fill('48');
    await editor.getByRole('button', { name: 'Add action' }).click();
    await editor
      .getByRole('textbox', { name: 'Action 2 note' })
      .fill('No reply for two days on #{{ticket.number}}');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/automations-1280-editor.png`, fullPage: true });

    await editor.getByRole('button', { name: 'Dry run' }).click();
    await editor
      .getByRole('status')
      .filter({ hasText: /^Matches \d+ of the latest/ })
      .waitFor();

    // Without the tag it adds, nothing undoes its conditions: refused, with the reason.
    await editor.getByRole('button', { name: 'Remove action 1' }).click();
    await editor.getByRole('button', { name: 'Create automation' }).click();
    await page
      .getByText(/no action changes what a condition tests/)
      .first()
      .waitFor();
    expect((await admin.get<{ items: unknown[] }>('/api/v1/automations')).items).toHaveLength(0);

    await editor.getByRole('button', { name: 'Add action' }).click();
    await chooseOption(page, 'Action 2 kind', 'Set a field');
    await chooseOption(page, 'Action 2 field', 'Add tag');
    await editor.getByRole('textbox', { name: 'Action 2 value' }).fill('followed-up');
    await editor.getByRole('button', { name: 'Create automation' }).click();
    await page.getByRole('region', { name: 'Edit Chase quiet tickets' }).waitFor();
    const saved = (await admin.get<{ items: Record<string, unknown>[] }>('/api/v1/automations')).items;
    expect(saved).toMatchObject([
      {
        name: 'Chase quiet tickets',
        conditions: [
          { type: 'hoursSince', since: 'lastStaffMessage', op: 'gte', hours: 48 },
          { type: 'tag', op: 'lacks', tag: 'followed-up' },
        ],
        actions: [{ type: 'note' }, { type: 'update', changes: { addTags: ['followed-up'] } }],
      },
    ]);

    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto('/admin/automations');
    await page.getByRole('table', { name: 'Automations' }).getByText('Chase quiet tickets').waitFor();
    await page.getByRole('button', { name: 'Edit Chase quiet tickets' }).click();
    await page.getByRole('region', { name: 'Edit Chase quiet tickets' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/automations-360-editor.png`, fullPage: true });
    const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(wide).toBe(false);
  });
});
