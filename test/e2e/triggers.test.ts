import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openTicket } from '../client.js';
import { browserWorld, chooseOption, seriousViolations, skipBrowser, skipReason } from './support.js';

// An administrator builds a trigger in the browser: when a ticket is created, if it is in Billing,
// set its priority to urgent and add a note. A customer opens a ticket; the worker runs the rule;
// the ticket's timeline names the trigger. At 1280 px, then the list at 360 px.

if (skipBrowser) console.warn(skipReason);

const world = browserWorld({ worker: true });
const SHOTS = process.env.TRIGGER_SHOTS_DIR ?? 'test-results/triggers';

describe.skipIf(skipBrowser)('triggers, in the browser', () => {
  it('an admin builds a trigger that fires on a new ticket and reads its name on the timeline', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const { admin, alice, billing } = world.w;
    const page = await world.signIn(admin, { width: 1280, height: 900 });
    page.setDefaultTimeout(10_000);
    await page.goto('/admin');
    await page.getByRole('link', { name: 'Triggers' }).first().click();
    await page.waitForURL(/\/admin\/triggers$/);
    await page.getByRole('button', { name: 'New trigger' }).click();
    const editor = page.getByRole('region', { name: 'New trigger' });
    await editor.getByRole('textbox', { name: 'Name', exact: true }).fill('Billing is urgent');

    await editor.getByRole('button', { name: 'Add condition' }).click();
    await chooseOption(page, 'Condition 1 value', billing.name);

    await chooseOption(page, 'Action 1 kind', 'Set a field');
    await chooseOption(page, 'Action 1 field', 'Priority');
    await chooseOption(page, 'Action 1 value', 'Urgent');
    await editor.getByRole('button', { name: 'Add action' }).click();
    await editor
      .getByRole('textbox', { name: 'Action 2 note' })
      .fill('Billing ticket #{{ticket.number}} raised');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/triggers-1280-editor.png`, fullPage: true });

    await editor.getByRole('button', { name: 'Dry run' }).click();
    await editor
      .getByRole('status')
      .filter({ hasText: /^Matches \d+ of the latest/ })
      .waitFor();

    await editor.getByRole('button', { name: 'Create trigger' }).click();
    await page.getByRole('region', { name: 'Edit Billing is urgent' }).waitFor();
    await page.getByRole('table', { name: 'Triggers' }).getByText('Billing is urgent').waitFor();
    const saved = (await admin.get<{ items: Record<string, unknown>[] }>('/api/v1/triggers')).items;
    expect(saved).toMatchObject([
      {
        name: 'Billing is urgent',
        on: [{ type: 'ticket.created' }],
        conditions: [{ type: 'field', field: 'departmentId', op: 'is', value: billing.id }],
        actions: [
          { type: 'update', changes: { priority: 'urgent' } },
          { type: 'note', body: 'Billing ticket #{{ticket.number}} raised' },
        ],
      },
    ]);

    const t = await openTicket(alice, billing.id, { priority: 'normal' });
    for (let i = 0; i < 100; i++) {
      const now = await admin.get<{ priority: string }>(`/api/v1/tickets/${t.number}`);
      if (now.priority === 'urgent') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await page.goto(`/agent/tickets/${t.number}`);
    await page.getByText('Trigger “Billing is urgent”').first().waitFor();
    await page.getByText(`Billing ticket #${t.number} raised`).first().waitFor();
    await page.screenshot({ path: `${SHOTS}/triggers-1280-timeline.png`, fullPage: true });
    expect(await page.getByText('Trigger “Billing is urgent”').count()).toBeGreaterThanOrEqual(2);

    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto('/admin/triggers');
    await page.getByRole('table', { name: 'Triggers' }).getByText('Billing is urgent').waitFor();
    await page.getByRole('button', { name: 'Edit Billing is urgent' }).click();
    await page.getByRole('region', { name: 'Edit Billing is urgent' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/triggers-360-editor.png`, fullPage: true });
    const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(wide).toBe(false);
  });
});
