import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../common/api.js';
import { openTicket } from '../client.js';
import { browserWorld, skipBrowser, skipReason } from './support.js';

// A customer closes their ticket from the portal with a last word, then reopens it.

if (skipBrowser) console.warn(skipReason);

let page: Page;

const world = browserWorld({ env: { TESSERA_WORKFLOW_PRESET: 'classic' } });

describe.skipIf(skipBrowser)('a customer closes their own ticket, in the browser', () => {
  it('closes with a comment, then reopens', async () => {
    const t = await openTicket(world.w.alice, world.w.billing.id, { subject: 'Invoice address wrong' });
    page = await world.signIn(world.w.alice);
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`/tickets/${t.number}`);
    await page.getByRole('button', { name: 'Close ticket' }).click();
    const dialog = page.getByRole('dialog', { name: 'Close this ticket?' });
    await dialog.getByLabel('Comment (optional)').fill('Fixed on my side, thank you.');
    await dialog.getByRole('button', { name: 'Close ticket' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Fixed on my side, thank you.').waitFor();
    await page.getByRole('button', { name: 'Reopen ticket' }).waitFor();
    expect(await page.getByRole('button', { name: 'Close ticket' }).count()).toBe(0);
    expect((await world.w.alice.get<Ticket>(`/api/v1/tickets/${t.number}`)).status.key).toBe('closed');

    await page.getByRole('button', { name: 'Reopen ticket' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Reopen ticket' }).click();
    await page.getByRole('button', { name: 'Close ticket' }).waitFor();
    expect((await world.w.alice.get<Ticket>(`/api/v1/tickets/${t.number}`)).status.key).toBe(
      'customer_reply',
    );
  });
});
