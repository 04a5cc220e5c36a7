import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../common/api.js';
import { openTicket } from '../client.js';
import { browserWorld, skipBrowser, skipReason } from './support.js';

// Merging in the browser: the dialog asks before merging into a closed ticket, and a customer
// who opens the merged ticket's page lands on the ticket it was merged into.

if (skipBrowser) console.warn(skipReason);

const world = browserWorld();

describe.skipIf(skipBrowser)('merging, in the browser', () => {
  let source: Ticket;
  let target: Ticket;

  it('into a closed ticket only with "Reopen" ticked; the agent lands on the reopened target', async () => {
    source = await openTicket(world.w.alice, world.w.billing.id, {
      subject: 'Card declined again',
      description: 'Declined at checkout a second time',
    });
    target = await openTicket(world.w.alice, world.w.billing.id, {
      subject: 'Card declined',
      description: 'Declined once',
    });
    await world.w.agent.expect(200, 'PATCH', `/api/v1/tickets/${target.number}`, { status: 'closed' });

    const page = await world.signIn(world.w.agent);
    await page.goto(`/agent/tickets/${source.number}`);
    await page.getByRole('button', { name: 'Merge…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: new RegExp(`#${target.number} Card declined$`) }).click();
    const reopen = dialog.getByRole('checkbox', { name: new RegExp(`Reopen #${target.number}`) });
    await reopen.waitFor();
    const mergeButton = dialog.getByRole('button', { name: 'Merge', exact: true });
    expect(await mergeButton.isDisabled()).toBe(true);
    await reopen.check();
    await mergeButton.click();
    await page.waitForURL(new RegExp(`/agent/tickets/${target.number}$`));
    await page.getByText('Declined at checkout a second time').waitFor();
    const ticket = await world.w.agent.get<Ticket>(`/api/v1/tickets/${target.number}`);
    expect(ticket.status.category).not.toBe('closed');
  });

  it('a customer opening the merged ticket lands on the target, its thread and its status', async () => {
    const page = await world.signIn(world.w.alice);
    await page.goto(`/tickets/${source.number}`);
    await page.waitForURL(new RegExp(`/tickets/${target.number}$`));
    await page.getByRole('heading', { name: /Card declined$/ }).waitFor();
    await page.getByText('Declined at checkout a second time').waitFor();
    await page.getByText('Declined once').waitFor();
    const ticket = await world.w.alice.get<Ticket>(`/api/v1/tickets/${target.number}`);
    await page.getByText(ticket.status.label, { exact: true }).first().waitFor();
  });
});
