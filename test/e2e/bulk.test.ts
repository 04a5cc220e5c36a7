import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../common/api.js';
import { openTicket } from '../client.js';
import { engine } from '../helpers.js';
import { browserWorld, skipBrowser, skipReason, stepShots } from './support.js';

// Bulk changes in the queue: check tickets (click, shift-click a range), change them all, follow
// the job's progress to its summary.

if (skipBrowser) console.warn(skipReason);

const shot = stepShots('bulk', engine);

const world = browserWorld({ worker: true });

/** The agent, signed in. */
const signIn = (viewport?: { width: number; height: number }) => world.signIn(world.w.agent, viewport);

/** Opens tickets whose subjects share a word, oldest first, so the queue can be narrowed to them. */
async function openTickets(word: string, n: number): Promise<Ticket[]> {
  const out: Ticket[] = [];
  for (let i = 0; i < n; i++)
    out.push(await openTicket(world.w.alice, world.w.billing.id, { subject: `${word} ${i + 1}` }));
  return out;
}

const check = (page: Page, t: Ticket) => page.locator(`table [data-check="${t.number}"]`);

describe.skipIf(skipBrowser)('bulk changes, in the browser', () => {
  it('selects three tickets and closes them', async () => {
    const tickets = await openTickets('Walrus', 4);
    const page = await signIn();
    await page.goto('/agent/?q=walrus');
    await check(page, tickets[0]!).waitFor();
    for (const t of tickets.slice(0, 3)) await check(page, t).click();
    const bar = page.getByTestId('bulk-bar');
    await bar.getByText('3 selected').waitFor();
    await bar.getByRole('button', { name: 'Status' }).click();
    await page.getByRole('menuitem', { name: 'Closed' }).click();
    await page.getByTestId('bulk-summary').getByText('Done: 3 changed, 0 skipped, of 3.').waitFor();
    await shot(page, 'closed-three');
    for (const t of tickets.slice(0, 3)) {
      expect((await world.w.agent.get<Ticket>(`/api/v1/tickets/${t.number}`)).status.key).toBe('closed');
    }
    expect((await world.w.agent.get<Ticket>(`/api/v1/tickets/${tickets[3]!.number}`)).status.key).toBe(
      'open',
    );
  });

  it('shift-click checks a range; a phone shows the same selection on cards', async () => {
    const tickets = await openTickets('Narwhal', 6);
    const page = await signIn();
    await page.goto('/agent/?q=narwhal');
    // Newest first: the queue shows 6, 5, 4, 3, 2, 1.
    const shown = [...tickets].reverse();
    await check(page, shown[0]!).waitFor();
    await check(page, shown[1]!).click();
    await check(page, shown[4]!).click({ modifiers: ['Shift'] });
    await page.getByTestId('bulk-bar').getByText('4 selected').waitFor();
    const checked = await Promise.all(shown.map((t) => check(page, t).isChecked()));
    expect(checked).toEqual([false, true, true, true, true, false]);
    await shot(page, 'range');

    // The header box checks the page; then "all matching" is offered when there are more (not here).
    await page.getByTestId('check-page').click();
    await page.getByTestId('bulk-bar').getByText('6 selected').waitFor();

    const phone = await signIn({ width: 360, height: 740 });
    await phone.goto('/agent/?q=narwhal');
    const card = (t: Ticket) => phone.locator(`li [data-check="${t.number}"]`);
    await card(shown[0]!).click();
    await card(shown[2]!).click({ modifiers: ['Shift'] });
    await phone.getByTestId('bulk-bar').getByText('3 selected').waitFor();
    await shot(phone, 'phone-range');
    const bar = await phone.getByTestId('bulk-bar').boundingBox();
    expect(bar!.width).toBeLessThanOrEqual(360);
  });

  it('"select all matching" goes beyond the page and changes every ticket the filter matches', async () => {
    const tickets = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        openTicket(world.w.alice, world.w.billing.id, { subject: `Octopus ${i + 1}` }),
      ),
    );
    const page = await signIn();
    await page.goto('/agent/?q=octopus');
    await page.getByTestId('check-page').click();
    const bar = page.getByTestId('bulk-bar');
    await shot(page, 'page-checked');
    await bar.getByText('25 selected').waitFor();
    await bar.getByRole('button', { name: 'Select all 30 matching this filter' }).click();
    await bar.getByText('All 30 matching this filter').waitFor();
    await bar.getByRole('button', { name: 'Priority' }).click();
    await page.getByRole('menuitem', { name: 'Low' }).click();
    await shot(page, 'all-matching-started');
    await page.getByTestId('bulk-summary').getByText('Done: 30 changed, 0 skipped, of 30.').waitFor();
    for (const t of tickets)
      expect((await world.w.agent.get<Ticket>(`/api/v1/tickets/${t.number}`)).priority).toBe('low');
  }, 90_000);
});
