import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openTicket } from '../client.js';
import { browserWorld, chooseOption, skipBrowser, skipReason } from './support.js';

// Formatting a reply in the browser: bold with Ctrl+B, a link with the toolbar, a pasted image that
// becomes an attachment; the workspace and the customer's portal then show the same rendering.

if (skipBrowser) console.warn(skipReason);

const world = browserWorld();

// A valid 1×1 PNG, as a screenshot tool would put it on the clipboard.
const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** The thread's rendering of the reply: its bold words, its link, and whether its image loaded. */
async function rendered(page: Page, text: string) {
  const body = page.getByTestId('message').filter({ hasText: text }).getByTestId('message-body');
  await body.waitFor();
  await body.locator('img').waitFor();
  return body.evaluate(async (el) => {
    const img = el.querySelector('img');
    if (img && !img.complete) await new Promise((r) => img.addEventListener('load', r, { once: true }));
    const a = el.querySelector('a');
    return {
      strong: el.querySelector('strong')?.textContent,
      link: a && {
        href: a.getAttribute('href'),
        rel: a.getAttribute('rel'),
        target: a.getAttribute('target'),
        text: a.textContent,
      },
      image: img && { src: img.getAttribute('src'), alt: img.getAttribute('alt'), width: img.naturalWidth },
    };
  });
}

describe.skipIf(skipBrowser)('formatted replies, in the browser', () => {
  it('bold, a link and a pasted image, sent and shown alike to the agent and the customer', async () => {
    const t = await openTicket(world.w.alice, world.w.billing.id, { subject: 'The bot hangs' });
    const agent = await world.signIn(world.w.agent);
    await agent.goto(`/agent/tickets/${t.number}`);
    const reply = agent.getByRole('textbox', { name: /^Reply to / });
    await reply.click();

    await reply.pressSequentially('Please ');
    await reply.press('Control+b');
    await expect.poll(() => reply.inputValue()).toBe('Please **bold text**');
    await reply.pressSequentially('restart');
    await reply.press('End');
    await reply.pressSequentially(' it, as the guide says.');
    await reply.press('ArrowLeft'); // before the full stop
    for (let i = 0; i < 'the guide says'.length; i++) await reply.press('Shift+ArrowLeft');
    await agent
      .getByRole('toolbar', { name: 'Formatting' })
      .getByRole('button', { name: 'Insert link' })
      .click();
    await agent.keyboard.type('https://docs.example.test/restart');
    await reply.press('End');
    await reply.press('Enter');
    await reply.evaluate((el, base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], 'screenshot.png', { type: 'image/png' }));
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, PNG_BASE64);
    await expect
      .poll(() => reply.inputValue())
      .toMatch(
        /^Please \*\*restart\*\* it, as \[the guide says\]\(https:\/\/docs\.example\.test\/restart\)\.\n!\[screenshot\.png\]\(\/api\/v1\/attachments\/[\w-]+\)$/,
      );
    await agent.getByText('screenshot.png · ').waitFor();

    // The preview is the server's rendering of what is written.
    await agent.getByText('Preview', { exact: true }).click();
    await agent.getByTestId('format-preview').locator('strong', { hasText: 'restart' }).waitFor();
    await agent.getByText('Write', { exact: true }).click();

    await agent.getByRole('button', { name: 'Send reply' }).click();
    const seen = await rendered(agent, 'it, as');
    expect(seen.strong).toBe('restart');
    expect(seen.link).toEqual({
      href: 'https://docs.example.test/restart',
      rel: 'noopener noreferrer nofollow',
      target: '_blank',
      text: 'the guide says',
    });
    expect(seen.image).toMatchObject({ alt: 'screenshot.png', width: 1 });
    expect(seen.image?.src).toMatch(/^\/api\/v1\/attachments\/[\w-]+$/);

    const customer = await world.signIn(world.w.alice);
    await customer.goto(`/tickets/${t.number}`);
    expect(await rendered(customer, 'it, as')).toEqual(seen);
  });

  it('a customer opens a ticket with italics and an image dropped on the description', async () => {
    const customer = await world.signIn(world.w.alice);
    await customer.goto('/');
    await customer.getByRole('link', { name: 'New ticket' }).first().click();
    await customer.waitForURL(/\/new$/);
    await customer.getByLabel('Subject').fill('Fails on Mondays');
    await chooseOption(customer, 'Category', world.w.billing.name);
    await customer.getByRole('radio', { name: /^Normal/ }).click();
    const description = customer.getByLabel('Description');
    await description.click();
    await description.pressSequentially('It fails on ');
    await description.press('Control+i');
    await description.pressSequentially('Mondays');
    await description.press('End');
    await description.press('Enter');
    const dataTransfer = await customer.evaluateHandle((base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], 'monday.png', { type: 'image/png' }));
      return data;
    }, PNG_BASE64);
    await description.dispatchEvent('drop', { dataTransfer });
    await expect
      .poll(() => description.inputValue())
      .toMatch(/^It fails on _Mondays_\n!\[monday\.png\]\(\/api\/v1\/attachments\/[\w-]+\)$/);
    await customer.getByRole('button', { name: 'Submit ticket' }).click();
    await customer.waitForURL(/\/tickets\/\d+$/);
    const body = customer.getByTestId('message').first().getByTestId('message-body');
    await body.locator('em', { hasText: 'Mondays' }).waitFor();
    await expect
      .poll(() => body.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBe(1);
  });
});
