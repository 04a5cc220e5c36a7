import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PAUSE_ON } from '../../common/sla.js';
import { openTicket } from '../client.js';
import { engine, manualClock } from '../helpers.js';
import { browserWorld, chooseOption, seriousViolations, skipBrowser, skipReason } from './support.js';

// Service levels in the agent's queue and on the ticket page: a Due column with the time left or
// past, coloured by urgency and sortable soonest first; the breached and due-within filters, kept
// in the address; each clock of a ticket in its side panel; the due time on the phone's cards.

if (skipBrowser) console.warn(skipReason);

const SHOTS = '/tmp/sla-shots';
mkdirSync(SHOTS, { recursive: true });
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `${SHOTS}/${engine}-${name}.png`, fullPage: true });

// The server's clock starts half an hour ago, so the first ticket's 15-minute target has passed
// once it is moved to the browser's own time (the queue counts time left by the browser's clock).
const time = manualClock(new Date(Date.now() - 30 * 60_000).toISOString());
const world = browserWorld({ clock: time.clock });

const rowSubjects = (page: Page) =>
  page.getByTestId('queue-table').locator('tbody tr').locator('td:nth-child(3) a').allTextContents();

describe.skipIf(skipBrowser)('service levels in the queue, in the browser', () => {
  it('shows, sorts and filters by the due time; the ticket shows its clocks; the cards too at 360 px', async () => {
    const now = time.clock().toISOString();
    await world.env.database.db
      .insertInto('sla_policies')
      .values({
        id: 'sla-standard',
        name: 'Standard support',
        position: 0,
        enabled: 1,
        conditions: '{}',
        calendar_id: '24x7',
        targets: JSON.stringify([
          { priority: 'normal', metric: 'firstReply', minutes: 60, businessHours: false },
          { priority: 'urgent', metric: 'firstReply', minutes: 15, businessHours: false },
        ]),
        pause_on: JSON.stringify(DEFAULT_PAUSE_ON),
        warning: '{"percent":80}',
        notify_outside_hours: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const { alice, billing } = world.w;
    const late = await openTicket(alice, billing.id, { priority: 'urgent', subject: 'Payments fail' });
    time.advance(30 * 60_000);
    const soon = await openTicket(alice, billing.id, { priority: 'normal', subject: 'Invoice address' });
    const none = await openTicket(alice, billing.id, { priority: 'low', subject: 'Logo request' });

    const page = await world.signIn(world.w.agent);
    await page.goto('/agent');
    const table = page.getByTestId('queue-table');
    await table.getByText('Logo request').waitFor();
    expect(await table.getByRole('columnheader', { name: /^Due/ }).count()).toBe(1);
    // Newest activity first, as the queue opens.
    expect(await rowSubjects(page)).toEqual(['Logo request', 'Invoice address', 'Payments fail']);
    const due = (subject: string) =>
      table.locator('tbody tr', { hasText: subject }).locator('[data-sla-due]');
    expect(await due('Payments fail').textContent()).toMatch(/^1[5-9] min overdue$/);
    expect(await due('Payments fail').getAttribute('data-sla-due')).toBe('overdue');
    expect(await due('Invoice address').textContent()).toMatch(/^in (1 h|5\d min)$/);
    expect(await due('Invoice address').getAttribute('data-sla-due')).toBe('hour');
    expect(await due('Logo request').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, '1-queue');

    // The Due header sorts soonest first; no running clock comes last.
    await table.locator('[data-sort="slaDue"]').click();
    await page.waitForURL(/sort=slaDue/);
    expect(page.url()).toMatch(/order=asc/);
    await expect.poll(() => rowSubjects(page)).toEqual(['Payments fail', 'Invoice address', 'Logo request']);
    await shot(page, '2-sorted');

    // Only the overdue ticket once breached is chosen, kept in the address.
    await chooseOption(page, 'Service level', 'SLA breached');
    await page.waitForURL(/breached=true/);
    await expect.poll(() => rowSubjects(page)).toEqual(['Payments fail']);
    await shot(page, '3-breached');
    // Saved as a view, the filter is kept and counted.
    await page.getByRole('button', { name: 'Save view' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('Overdue');
    await dialog.getByRole('button', { name: 'Save view' }).click();
    const views = page.getByRole('navigation', { name: 'Queue views' });
    await expect.poll(() => views.locator('[data-view="Overdue"] [data-count]').textContent()).toBe('1');
    const saved = await world.w.agent.get<{ items: { name: string; filter: unknown; columns: string[] }[] }>(
      '/api/v1/views',
    );
    const overdue = saved.items.find((v) => v.name === 'Overdue');
    expect(overdue?.filter).toEqual({ slaBreached: 'true' });
    expect(overdue?.columns).toContain('slaDue');
    // Due within four hours: the one still running, not the overdue one nor the one without a clock.
    await chooseOption(page, 'Service level', 'Due within 4 hours');
    await page.waitForURL(/dueWithin=4/);
    expect(page.url()).not.toMatch(/breached/);
    await expect.poll(() => rowSubjects(page)).toEqual(['Invoice address']);
    // The address alone brings the filter back.
    await page.reload();
    await table.getByText('Invoice address').waitFor();
    expect(await page.getByRole('combobox', { name: 'Service level' }).inputValue()).toBe(
      'Due within 4 hours',
    );
    expect(await rowSubjects(page)).toEqual(['Invoice address']);

    // The ticket's side panel: its policy and its first-reply clock, running, with the time left.
    await table.getByRole('link', { name: 'Invoice address' }).click();
    await page.waitForURL(`**/agent/tickets/${soon.number}`);
    const panel = page.getByRole('region', { name: 'Service level' });
    await panel.waitFor();
    await panel.getByText('Policy: Standard support').waitFor();
    const firstReply = panel.getByRole('listitem', { name: 'First reply: running' });
    await firstReply.waitFor();
    expect(await firstReply.textContent()).toMatch(/(1 h|\d+ min) left/);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, '4-ticket');
    await page.goto(`/agent/tickets/${late.number}`);
    await panel
      .getByRole('listitem', { name: 'First reply: breached' })
      .getByText(/overdue/)
      .waitFor();
    await page.goto(`/agent/tickets/${none.number}`);
    await page.getByRole('heading', { name: /Logo request/ }).waitFor();
    expect(await panel.count()).toBe(0);

    // At 360 px the cards show the due time where there is one.
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto('/agent?sort=slaDue&order=asc');
    const cards = page.getByTestId('card-sla-due');
    await expect.poll(() => cards.count()).toBe(2);
    expect(await cards.allTextContents()).toEqual([
      expect.stringMatching(/^Due1[5-9] min overdue$/),
      expect.stringMatching(/^Duein (1 h|5\d min)$/),
    ]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, '5-cards-360');
  }, 120_000);
});
