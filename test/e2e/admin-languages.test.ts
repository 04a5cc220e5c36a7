import { describe, expect, it } from 'vitest';
import { browserWorld, seriousViolations, skipBrowser, skipReason } from './support.js';

// Admin › Languages in a real browser: an administrator translates a status label for German
// customers beside its original, and rewords one of the product's own strings, which the app then
// shows in place of the catalogue's.

const world = browserWorld();
if (skipBrowser) console.warn(skipReason);

describe.skipIf(skipBrowser)('languages', () => {
  it('an administrator translates a status label and rewords a product string', async () => {
    const { w } = world;
    const wf = await w.admin.get<{ statuses: { key: string; customerLabel: string }[] }>('/api/v1/workflow');
    const status = wf.statuses[0];
    if (!status) throw new Error('the workflow has no status');

    const page = await world.signIn(w.admin);
    await page.goto('/admin/languages');
    await page.getByRole('heading', { name: 'Languages' }).waitFor();
    await page.getByRole('combobox', { name: 'Language', exact: true }).click();
    await page.getByRole('option', { name: 'Deutsch (de)', exact: true }).click();
    const input = page.getByLabel(`Translation of ${status.key} · Label for customers`);
    await input.fill('Eingegangen');
    await page.getByRole('row').filter({ has: input }).getByRole('button', { name: 'Save' }).click();
    await page.getByText('1 of', { exact: false }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await w.alice.expect(200, 'PATCH', '/api/v1/me', { locale: 'de' });
    const seen = await w.alice.get<{ statuses: { key: string; label: string }[] }>('/api/v1/workflow');
    expect(seen.statuses.find((s) => s.key === status.key)?.label).toBe('Eingegangen');

    // Knowledge-base categories are translated here too; this installation has none yet.
    await page.getByRole('combobox', { name: 'Texts', exact: true }).click();
    await page.getByRole('option', { name: 'Knowledge-base categories', exact: true }).click();
    await page.getByText('Nothing of this kind is configured yet.').waitFor();

    await page.getByRole('tab', { name: 'Product strings' }).click();
    await page.getByLabel('Find a product string').fill('languages.title');
    const override = page.getByLabel('Translation of languages.title');
    await override.fill('Languages and wording');
    await page.getByRole('row').filter({ has: override }).getByRole('button', { name: 'Save' }).click();
    await page.getByRole('row').filter({ has: override }).getByRole('button', { name: 'Remove' }).waitFor();
    // Overrides may be kept by browsers for a minute: someone who opens the app afresh reads the new wording.
    const later = await world.signIn(w.admin);
    await later.goto('/admin/languages');
    await later.getByRole('heading', { name: 'Languages and wording' }).waitFor();
  });

  it('a German agent’s queue names the built-in views in German', async () => {
    const { w } = world;
    await w.agent.expect(200, 'PATCH', '/api/v1/me', { locale: 'de' });
    try {
      const page = await world.signIn(w.agent);
      await page.goto('/agent');
      await page.getByRole('heading', { name: 'Alle Tickets' }).waitFor();
      for (const name of ['Nicht gelöst', 'Mir zugewiesen', 'Nicht zugewiesen'])
        await page.locator(`[data-view="${name}"]`).waitFor();
    } finally {
      await w.agent.expect(200, 'PATCH', '/api/v1/me', { locale: null });
    }
  });
});
