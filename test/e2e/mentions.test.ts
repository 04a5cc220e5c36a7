import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../common/api.js';
import { type Client, login, openTicket } from '../client.js';
import { engine } from '../helpers.js';
import { browserWorld, seriousViolations, skipBrowser, skipReason, stepShots } from './support.js';

// A mention in the browser: one agent types @ in an internal note and picks a colleague from the
// suggestions; the colleague, in another browser, sees the bell's count arrive, opens it, lands on the
// ticket, and the count goes back to nothing.

if (skipBrowser) console.warn(skipReason);

let maya: Client;
const shot = stepShots('mentions', engine);
const SLOW = { timeout: 30_000 };

const world = browserWorld({ worker: true });

beforeAll(async () => {
  if (skipBrowser) return;
  const email = `maya-${process.pid}-${Date.now().toString(36)}@example.test`;
  await world.w.admin.expect(201, 'POST', '/api/v1/users', {
    email,
    name: 'Maya Lind',
    role: 'agent',
    password: world.w.password,
    departmentIds: [world.w.billing.id],
  });
  maya = await login(world.env.app, email, world.w.password);
}, 300_000);

const bellCount = async (page: Page) =>
  Number(await page.getByTestId('bell-count').getAttribute('data-count'));

describe.skipIf(skipBrowser)('mentions, in the browser', () => {
  it('an agent mentions a colleague in a note; the colleague’s bell leads to the ticket', async () => {
    const t: Ticket = await openTicket(world.w.alice, world.w.billing.id, { subject: 'Refund sent twice' });
    const handle = String(maya.user?.email).split('@')[0] ?? '';

    const reader = await world.signIn(maya);
    // A page whose controls the open list does not cover (which axe would count against them).
    await reader.goto('/agent/account');
    await reader.getByRole('heading', { name: 'Account settings' }).waitFor();
    expect(await bellCount(reader)).toBe(0);

    const writer = await world.signIn(world.w.agent);
    await writer.goto(`/agent/tickets/${t.number}`);
    await writer.getByRole('heading', { name: /Refund sent twice/ }).waitFor();
    await writer.keyboard.press('n');
    const note = writer.getByRole('textbox', { name: 'Internal note' });
    await expect.poll(() => note.evaluate((el) => el === document.activeElement), SLOW).toBe(true);
    await note.pressSequentially('Could you check this, @may');
    const suggestions = writer.getByRole('listbox', { name: 'Mention a colleague' });
    const option = suggestions.getByRole('option', { name: /Maya Lind/ });
    await option.waitFor(SLOW);
    // Only colleagues who may see the ticket are offered: not the agent of another department.
    await note.pressSequentially('a');
    await expect
      .poll(() => suggestions.getByRole('option').allTextContents(), SLOW)
      .toEqual([`Maya Lind @${handle}`]);
    await shot(writer, 'suggestions');
    await option.click();
    await expect.poll(() => note.inputValue()).toBe(`Could you check this, @${handle} `);
    await note.pressSequentially('before Friday?');
    await writer.getByRole('button', { name: 'Add internal note' }).click();
    await writer.getByTestId('message').filter({ hasText: 'before Friday?' }).waitFor();

    // The worker writes the notification and the live stream rings the open page's bell, well
    // before its 30 s poll would.
    await expect.poll(() => bellCount(reader), { timeout: 15_000 }).toBe(1);
    await reader.getByRole('button', { name: 'Notifications, 1 unread' }).click();
    const entry = reader
      .getByRole('list', { name: 'Notifications' })
      .getByRole('button', { name: new RegExp(`mentioned you in a note.*#${t.number} Refund sent twice`) });
    await entry.waitFor();
    expect(await seriousViolations(reader)).toEqual([]);
    await shot(reader, 'bell-open');
    await entry.click();
    await reader.waitForURL(new RegExp(`/agent/tickets/${t.number}$`));
    await reader.getByRole('heading', { name: /Refund sent twice/ }).waitFor();
    await expect.poll(() => bellCount(reader), SLOW).toBe(0);
    await shot(reader, 'landed-on-ticket');
  }, 180_000);
});
