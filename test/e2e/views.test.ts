import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openTicket } from '../client.js';
import { engine } from '../helpers.js';
import { browserWorld, seriousViolations, skipBrowser, skipReason, stepShots } from './support.js';

// Saved views in the browser: an administrator saves the queue's filter as a view shared with a
// department; an agent of that department sees it in the sidebar with the count of tickets it
// holds for them, kept live, opens it and sees those tickets; views once kept in a browser move to
// the server on the next visit.

if (skipBrowser) console.warn(skipReason);

const shot = stepShots('views', engine);

const world = browserWorld();

const sidebar = (page: Page) => page.getByRole('navigation', { name: 'Queue views' });
const viewCount = (page: Page, name: string) =>
  sidebar(page).locator(`[data-view="${name}"] [data-count]`).textContent();

describe.skipIf(skipBrowser)('saved views, in the browser', () => {
  it('an administrator shares a view with a department; its agent sees it with its count and opens it', async () => {
    await openTicket(world.w.alice, world.w.billing.id, {
      priority: 'urgent',
      subject: 'Refund never arrived',
    });
    await openTicket(world.w.bob, world.w.billing.id, { priority: 'urgent', subject: 'Charged twice' });
    await openTicket(world.w.alice, world.w.billing.id, { priority: 'low', subject: 'Invoice copy please' });
    await openTicket(world.w.carol, world.w.tech.id, { priority: 'urgent', subject: 'Server on fire' });

    const admin = await world.signIn(world.w.admin);
    await admin.goto('/agent?priority=urgent');
    await admin.getByText('Server on fire').first().waitFor();
    await admin.getByRole('button', { name: 'Save view' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('Name').fill('Urgent billing');
    const choose = async (label: string, option: string) => {
      await dialog.getByRole('combobox', { name: label }).click();
      await admin.getByRole('option', { name: option, exact: true }).click();
    };
    await choose('Shared with', 'Everyone in a department');
    await choose('Department', world.w.billing.name);
    await dialog.getByRole('checkbox', { name: 'Department' }).uncheck();
    await dialog.getByRole('button', { name: 'Save view' }).click();
    await sidebar(admin)
      .getByRole('group', { name: 'Department views' })
      .getByText('Urgent billing')
      .waitFor();
    // The administrator sees every department's urgent tickets in it.
    await expect.poll(() => viewCount(admin, 'Urgent billing')).toBe('3');
    await shot(admin, 'admin-saved');

    const agent = await world.signIn(world.w.agent);
    await agent.goto('/agent');
    const link = sidebar(agent).getByRole('link', { name: /Urgent billing/ });
    await link.waitFor();
    // Only what the agent may see: their department's two urgent tickets.
    await expect.poll(() => viewCount(agent, 'Urgent billing')).toBe('2');
    await link.click();
    await agent.getByRole('heading', { name: 'Urgent billing' }).waitFor();
    const table = agent.getByTestId('queue-table');
    await table.getByText('Refund never arrived').waitFor();
    await table.getByText('Charged twice').waitFor();
    expect(await table.getByText('Invoice copy please').count()).toBe(0);
    // The view's columns: no department column.
    expect(await table.getByRole('columnheader', { name: /Department/ }).count()).toBe(0);
    expect(await table.getByRole('columnheader', { name: /Priority/ }).count()).toBe(1);
    expect(await seriousViolations(agent)).toEqual([]);
    await shot(agent, 'agent-opens-view');

    // A new urgent ticket in billing: the count follows without reloading.
    await openTicket(world.w.bob, world.w.billing.id, { priority: 'urgent', subject: 'Card blocked' });
    await expect.poll(() => viewCount(agent, 'Urgent billing'), { timeout: 15_000 }).toBe('3');
    await table.getByText('Card blocked').waitFor({ timeout: 30_000 });

    // At 360 px the sidebar opens from the burger and shows the view with its count.
    await agent.setViewportSize({ width: 360, height: 740 });
    await agent
      .getByRole('button', { name: /navigation/i })
      .first()
      .click();
    await link.waitFor();
    expect(await viewCount(agent, 'Urgent billing')).toBe('3');
    const overflow = await agent.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(agent, 'agent-360');
  });

  it('moves the views a browser kept to the server, once', async () => {
    const page = await world.signIn(world.w.techAgent);
    await page.evaluate(() =>
      localStorage.setItem(
        'tessera.queueViews.v1',
        JSON.stringify([{ id: 'v1', name: 'Old high ones', search: { priority: 'high', sort: 'number' } }]),
      ),
    );
    await page.goto('/agent');
    await sidebar(page).getByRole('group', { name: 'My views' }).getByText('Old high ones').waitFor();
    expect(await page.evaluate(() => localStorage.getItem('tessera.queueViews.v1'))).toBeNull();
    const views = await world.w.techAgent.get<{ items: { name: string; filter: unknown; sort: string }[] }>(
      '/api/v1/views',
    );
    expect(views.items.filter((v) => v.name === 'Old high ones')).toEqual([
      expect.objectContaining({ filter: { priority: 'high' }, sort: 'number' }),
    ]);
  });
});
