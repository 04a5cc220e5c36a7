import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../common/api.js';
import { openTicket } from '../client.js';
import { browserWorld, chooseOption, skipBrowser, skipReason } from './support.js';

// Writing a reply in the browser: the signature under a new reply, a macro whose text goes in the
// box and whose actions wait beside it, then "send and set status" applying both in one go.

if (skipBrowser) console.warn(skipReason);

let page: Page;

const world = browserWorld({ env: { TESSERA_WORKFLOW_PRESET: 'classic' }, worker: true });

describe.skipIf(skipBrowser)('macros and signatures, in the browser', () => {
  it('signs a new reply, applies a macro and sends it with "send and set status"', async () => {
    await world.w.agent.expect(200, 'PUT', '/api/v1/me/signature', { body: 'Cheers,\n{{agent.name}}' });
    await world.w.admin.expect(201, 'POST', '/api/v1/canned-responses', {
      title: 'Refund issued',
      body: 'Hello {{customer.name}}, your refund is on its way.',
      actions: { note: 'Refund issued by {{agent.name}}', changes: { addTags: ['refund'] } },
    });
    const t = await openTicket(world.w.alice, world.w.billing.id, { subject: 'Where is my refund?' });
    page = await world.signIn(world.w.agent);
    await page.goto(`/agent/tickets/${t.number}`);

    const reply = page.getByRole('textbox', { name: /^Reply to / });
    await reply.click();
    const agent = String(world.w.agent.user?.name);
    await expect.poll(() => reply.inputValue()).toBe(`\n\nCheers,\n${agent}`);

    await chooseOption(page, 'Insert a canned response', 'Refund issued (macro)');
    await expect.poll(() => reply.inputValue()).toMatch(/^Hello .+, your refund is on its way\.\n\nCheers,/);
    const chip = page.getByTestId('pending-macro');
    await chip.getByText('on send, also add an internal note and tag refund').waitFor();

    await page.getByRole('button', { name: 'Send and set status' }).click();
    await page.getByRole('menuitem', { name: 'Send and set Closed' }).click();
    await page.getByTestId('message').filter({ hasText: 'your refund is on its way' }).waitFor();
    await page
      .getByTestId('message')
      .filter({ hasText: `Refund issued by ${agent}` })
      .waitFor();
    await chip.waitFor({ state: 'detached' });

    const after = await world.w.agent.get<Ticket>(`/api/v1/tickets/${t.number}`);
    expect(after).toMatchObject({ status: { key: 'closed' }, tags: ['refund'] });
  });

  it('applies a macro to tickets selected in the queue', async () => {
    const tickets = [];
    for (const i of [1, 2])
      tickets.push(await openTicket(world.w.alice, world.w.billing.id, { subject: `Puffin ${i}` }));
    await page.goto('/agent/?q=puffin');
    for (const t of tickets) await page.locator(`table [data-check="${t.number}"]`).click();
    const bar = page.getByTestId('bulk-bar');
    await bar.getByText('2 selected').waitFor();
    await bar.getByRole('button', { name: 'Macro…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Apply a macro' });
    await chooseOption(page, 'Macro', 'Refund issued');
    await dialog
      .getByText('On each ticket: reply to each customer, add an internal note, tag refund.', {
        exact: false,
      })
      .waitFor();
    await dialog.getByRole('button', { name: 'Apply to 2 tickets' }).click();
    await page.getByTestId('bulk-summary').getByText('Done: 2 changed, 0 skipped, of 2.').waitFor();
    for (const t of tickets) {
      const after = await world.w.agent.get<Ticket>(`/api/v1/tickets/${t.number}`);
      expect(after.tags).toEqual(['refund']);
      const msgs = await world.w.alice.get<{ items: { body: string }[] }>(
        `/api/v1/tickets/${t.number}/messages`,
      );
      expect(msgs.items.at(-1)?.body).toMatch(/your refund is on its way/);
    }
  });
});
