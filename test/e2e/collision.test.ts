import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../common/api.js';
import { type Client, openTicket } from '../client.js';
import { engine } from '../helpers.js';
import { browserWorld, skipBrowser, skipReason, stepShots } from './support.js';

// Writing on a ticket with others around, in the browser: a draft survives a reload and opens on
// another device; two agents on one ticket see each other, and the one who sends second is shown
// the first one's reply and asked before theirs goes out.

if (skipBrowser) console.warn(skipReason);

const shot = stepShots('collision', engine);

const world = browserWorld();

const replyBox = (page: Page) => page.getByRole('textbox', { name: /^Reply to/ });
const name = (c: Client) => String(c.user?.name);
/** Polls wait as long as the page's own waits: a reload on a busy machine takes seconds. */
const SLOW = { timeout: 30_000 };

describe.skipIf(skipBrowser)('drafts and collisions, in the browser', () => {
  it('keeps a draft through a reload and opens it on another device', async () => {
    const t: Ticket = await openTicket(world.w.alice, world.w.billing.id, {
      subject: 'Invoice in the wrong currency',
    });
    const page = await world.signIn(world.w.agent);
    await page.goto(`/agent/tickets/${t.number}`);
    await replyBox(page).fill('Hello Alice, I am reissuing the invoice in euros');
    await page.getByTestId('draft-state').getByText('Draft saved').waitFor();
    await shot(page, 'draft-saved');

    await page.reload();
    await expect
      .poll(() => replyBox(page).inputValue(), SLOW)
      .toBe('Hello Alice, I am reissuing the invoice in euros');
    await page.getByTestId('draft-state').getByText('Draft restored').waitFor();
    await shot(page, 'draft-restored');

    const laptop = await world.signIn(world.w.agent, { width: 360, height: 800 });
    await laptop.goto(`/agent/tickets/${t.number}`);
    await expect
      .poll(() => replyBox(laptop).inputValue(), SLOW)
      .toBe('Hello Alice, I am reissuing the invoice in euros');
    await shot(laptop, 'draft-on-another-device-360');

    // Discarded there, it is gone here after a reload too.
    await laptop.getByRole('button', { name: 'Discard' }).click();
    await expect
      .poll(async () => (await world.w.agent.get(`/api/v1/tickets/${t.number}/draft?kind=reply`)).body, SLOW)
      .toBe('');
    await page.reload();
    await page.getByRole('button', { name: 'Send reply' }).waitFor();
    expect(await replyBox(page).inputValue()).toBe('');
  });

  it('shows two agents each other, and asks the second to send before sending over the first one’s reply', async () => {
    const t: Ticket = await openTicket(world.w.alice, world.w.billing.id, {
      subject: 'Bot stopped trading',
      description: 'No positions since this morning.',
    });
    const maya = await world.signIn(world.w.agent, { width: 360, height: 800 });
    const sam = await world.signIn(world.w.admin);
    await maya.goto(`/agent/tickets/${t.number}`);
    await sam.goto(`/agent/tickets/${t.number}`);
    await maya
      .getByTestId('presence')
      .getByText(`${name(world.w.admin)} is viewing`)
      .waitFor();
    await sam
      .getByTestId('presence')
      .getByText(`${name(world.w.agent)} is viewing`)
      .waitFor();

    await replyBox(maya).fill('I am restarting the bot now.');
    await sam
      .getByTestId('presence')
      .getByText(`${name(world.w.agent)} is drafting a reply`)
      .waitFor();
    await shot(sam, 'colleague-drafting');

    // Sam answers first.
    await replyBox(sam).fill('Restarted the bot; positions open again.');
    await sam.getByRole('button', { name: 'Send reply' }).click();
    await sam.getByText('Reply sent').waitFor();

    // Maya sends second: she is shown Sam's reply and asked first.
    await maya.getByRole('button', { name: 'Send reply' }).click();
    const dialog = maya.getByRole('dialog', { name: 'A new message came in' });
    await dialog.getByText('Restarted the bot; positions open again.').waitFor();
    await shot(maya, 'asked-before-sending-360');
    const before = await world.w.agent.get<{ items: { body: string }[] }>(
      `/api/v1/tickets/${t.number}/messages`,
    );
    expect(before.items.map((m) => m.body)).not.toContain('I am restarting the bot now.');

    await dialog.getByRole('button', { name: 'Send anyway' }).click();
    await maya.getByText('Reply sent').waitFor();
    const after = await world.w.agent.get<{ items: { body: string }[] }>(
      `/api/v1/tickets/${t.number}/messages`,
    );
    expect(after.items.map((m) => m.body).slice(-2)).toEqual([
      'Restarted the bot; positions open again.',
      'I am restarting the bot now.',
    ]);
    await shot(maya, 'sent-after-confirming-360');

    // Maya leaves: Sam no longer sees her.
    await maya.close();
    await expect.poll(() => sam.getByTestId('presence').count(), SLOW).toBe(0);
  });
});
