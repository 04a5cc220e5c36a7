import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../common/api.js';
import { type Client, makeWorld } from '../client.js';
import { ADMIN, engine, listenTestApp, type TestEnv } from '../helpers.js';
import {
  chooseOption,
  ensureWebBuild,
  launchBrowser,
  seriousViolations,
  signInWith,
  skipBrowser,
  skipReason,
  stepShots,
} from './support.js';

// One ticket's life in the browser, step by step, with a screenshot of each step under
// test-results/journey-<engine>/ and an axe-core check of every main page on the way.

if (skipBrowser) console.warn(skipReason);

type World = Awaited<ReturnType<typeof makeWorld>>;
let env: TestEnv & { baseUrl: string };
let world: World;
let browser: Browser;
const contexts: BrowserContext[] = [];
const shot = stepShots('journey', engine);

const SUBJECT = 'Deposit not credited after 3 confirmations';
const NOTE = 'Chain explorer shows it confirmed; ledger team is checking. Keep this internal.';
let ticketNumber = 0;

beforeAll(async () => {
  if (skipBrowser) return;
  await ensureWebBuild();
  env = await listenTestApp();
  world = await makeWorld(env.app);
  await world.admin.expect(201, 'POST', '/api/v1/canned-responses', {
    title: 'Deposit under review',
    body: 'Hello {{customer.name}}, the deposit on ticket #{{ticket.number}} is with our ledger team now.',
    departmentId: world.billing.id,
  });
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await env?.close();
});

/** A fresh profile signed in through the sign-in page; CSP bypassed only so axe can be injected. */
async function signIn(client: Client, onSignInPage?: (page: Page) => Promise<void>): Promise<Page> {
  if (!browser.isConnected()) browser = await launchBrowser();
  const password = client === world.admin ? ADMIN.password : world.password;
  const page = await signInWith(
    browser,
    env.baseUrl,
    { email: String(client.user?.email), password },
    { bypassCSP: true, onSignInPage },
  );
  contexts.push(page.context());
  return page;
}

/** No serious or critical axe-core violation on the page as it is now. */
async function accessible(page: Page, name: string) {
  // Let Mantine's transitions finish so colours are measured as the user sees them.
  await page.waitForTimeout(400);
  const violations = await seriousViolations(page);
  expect(violations, `${name}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

describe.skipIf(skipBrowser)('a ticket from first message to resolution, in the browser', () => {
  it('a customer signs in and opens a ticket with an attachment; the organisation sees it', async () => {
    const page = await signIn(world.alice, async (login) => {
      await accessible(login, 'sign-in page');
      await shot(login, 'sign-in');
    });
    await page.getByRole('heading', { name: 'Support tickets' }).waitFor();
    await shot(page, 'customer-my-tickets-empty');
    await accessible(page, 'My Tickets');

    await page.getByRole('link', { name: 'New ticket' }).first().click();
    await page.waitForURL(/\/new$/);
    await page.getByLabel('Subject').fill(SUBJECT);
    await chooseOption(page, 'Category', world.billing.name);
    await page.getByRole('radio', { name: /^Normal/ }).click();
    await page.getByLabel('Description').fill('Sent 0.5 BTC at 09:14, tx 9f2c…; still not on my balance.');
    // Dragged in from the desktop and dropped on the form's drop area.
    const dataTransfer = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(
        new File(['tx 9f2c confirmed 3/3 at 09:41\n'], 'deposit-receipt.txt', { type: 'text/plain' }),
      );
      return dt;
    });
    for (const type of ['dragenter', 'dragover', 'drop'])
      await page.getByTestId('attachment-dropzone').dispatchEvent(type, { dataTransfer });
    await page.getByText('deposit-receipt.txt').waitFor();
    await accessible(page, 'New Ticket');
    await shot(page, 'customer-new-ticket-with-attachment');
    await page.getByRole('button', { name: 'Submit ticket' }).click();

    await page.waitForURL(/\/tickets\/\d+$/);
    ticketNumber = Number(new URL(page.url()).pathname.split('/').pop());
    const first = page.getByTestId('message').first();
    await first.getByRole('link', { name: 'deposit-receipt.txt' }).waitFor();
    await shot(page, 'customer-ticket-created');

    await page.getByRole('link', { name: 'My tickets' }).first().click();
    await page
      .getByTestId('ticket-table')
      .getByRole('row', { name: new RegExp(`#${ticketNumber}`) })
      .waitFor();
    await shot(page, 'customer-my-tickets');

    // A colleague in the same organisation finds it in the same list.
    const colleague = await signIn(world.bob);
    const row = colleague
      .getByTestId('ticket-table')
      .getByRole('row', { name: new RegExp(`#${ticketNumber}`) });
    await row.waitFor();
    expect(await row.textContent()).toContain(SUBJECT);
    await shot(colleague, 'colleague-sees-organisation-ticket');
  }, 180_000);

  it('an agent finds it in the queue and answers with a canned response, then adds an internal note', async () => {
    const page = await signIn(world.agent);
    await page.waitForURL(/\/agent/);
    await page.getByRole('searchbox', { name: 'Search' }).fill('credited');
    await page.getByRole('searchbox', { name: 'Search' }).press('Enter');
    const table = page.getByTestId('queue-table');
    await table.getByRole('link', { name: SUBJECT }).waitFor();
    await accessible(page, 'queue');
    await shot(page, 'agent-queue-search');

    await table.getByRole('link', { name: SUBJECT }).click();
    await page.waitForURL(new RegExp(`/agent/tickets/${ticketNumber}$`));
    await page.getByRole('heading', { name: new RegExp(SUBJECT) }).waitFor();
    await chooseOption(page, 'Insert a canned response', 'Deposit under review');
    const reply = page.getByRole('textbox', { name: /^Reply to / });
    await expect.poll(() => reply.inputValue()).toContain(`the deposit on ticket #${ticketNumber} is with`);
    expect(await reply.inputValue()).toContain(`Hello ${world.alice.user?.name}`);
    await shot(page, 'agent-canned-response-inserted');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByTestId('message').filter({ hasText: 'is with our ledger team now' }).waitFor();

    await page.keyboard.press('n');
    const note = page.getByRole('textbox', { name: 'Internal note' });
    await expect.poll(() => note.evaluate((el) => el === document.activeElement)).toBe(true);
    await note.fill(NOTE);
    await page.getByRole('button', { name: 'Add internal note' }).click();
    const shown = page.getByTestId('message').filter({ hasText: 'Keep this internal.' });
    await shown.waitFor();
    expect(await shown.getAttribute('data-kind')).toBe('internal');
    await accessible(page, 'agent ticket page');
    await shot(page, 'agent-reply-and-internal-note');
  }, 180_000);

  it('the customer sees the reply labelled Support, and never the note', async () => {
    const page = await signIn(world.alice);
    await page.goto(`/tickets/${ticketNumber}`);
    const answer = page.getByTestId('message').filter({ hasText: 'is with our ledger team now' });
    await answer.waitFor();
    expect(await answer.getByText('Support', { exact: true }).isVisible()).toBe(true);
    const color = await answer
      .getByText('Support', { exact: true })
      .evaluate((el) => getComputedStyle(el.closest('.mantine-Badge-root') ?? el).backgroundColor);
    expect(color).toBe('rgb(25, 113, 194)'); // Mantine blue.8
    expect(await page.content()).not.toContain('Keep this internal.');
    expect(await page.getByText('Internal note').count()).toBe(0);
    await accessible(page, 'portal ticket page');
    await shot(page, 'customer-sees-support-reply');
  }, 180_000);

  it('an admin switches the workflow to the portal preset', async () => {
    const page = await signIn(world.admin);
    await page.goto('/admin/workflow');
    await page.getByRole('heading', { name: 'Preset' }).waitFor();
    await accessible(page, 'admin workflow');
    // Each preset's option carries its description too.
    await chooseOption(page, 'Load a preset', /^portal/);
    await page.getByRole('button', { name: 'Load preset' }).click();
    const dialog = page.getByRole('dialog', { name: 'Load the portal preset?' });
    await dialog.waitFor();
    await shot(page, 'admin-confirms-portal-preset');
    await dialog.getByRole('button', { name: 'Load preset' }).click();
    // The answered ticket's status does not exist in the portal preset: the server asks where it goes.
    const mapping = page.getByRole('dialog', { name: 'Where should these tickets go?' });
    await mapping.waitFor();
    await chooseOption(page, 'Tickets in “answered”', 'waiting_on_you');
    await shot(page, 'admin-maps-stranded-status');
    await mapping.getByRole('button', { name: 'Move them and save' }).click();
    await page.getByText('Workflow saved (portal)').waitFor();
    await shot(page, 'admin-portal-preset-saved');
    const wf = await world.agent.get<{ preset: string }>('/api/v1/workflow');
    expect(wf.preset).toBe('portal');

    for (const [path, name] of [
      ['/admin/users', 'admin users'],
      ['/admin/departments', 'admin departments'],
      ['/agent/reports', 'reports'],
    ] as const) {
      await page.goto(path);
      await page.getByRole('main').getByRole('heading').first().waitFor();
      await page.waitForLoadState('networkidle');
      await accessible(page, name);
    }
    await shot(page, 'admin-reports');
  }, 180_000);

  it('with the portal preset, the resolved ticket’s reply form is disabled with the reason', async () => {
    const agent = await signIn(world.agent);
    await agent.goto(`/agent/tickets/${ticketNumber}`);
    await chooseOption(agent, 'Status (s)', 'Resolved');
    await expect
      .poll(async () => (await world.alice.get<Ticket>(`/api/v1/tickets/${ticketNumber}`)).status.key)
      .toBe('resolved');
    await shot(agent, 'agent-resolves-ticket');

    const resolved = await world.alice.get<Ticket>(`/api/v1/tickets/${ticketNumber}`);
    expect(resolved.canReply).toBe(false);
    const page = await signIn(world.alice);
    await page.goto(`/tickets/${ticketNumber}`);
    await page.getByText(String(resolved.replyBlockedReason)).waitFor();
    expect(await page.getByRole('textbox', { name: 'Your reply' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Send reply' }).isDisabled()).toBe(true);
    await accessible(page, 'portal ticket page, replies closed');
    await shot(page, 'customer-reply-form-disabled');
  }, 180_000);

  it('notification toggles persist across a reload', async () => {
    const page = await signIn(world.alice);
    await page.getByRole('button', { name: /^Account menu for / }).click();
    await page.getByRole('menuitem', { name: 'Account settings' }).click();
    const toggle = page.getByRole('switch', { name: 'Staff reply by Email' });
    await toggle.waitFor();
    expect(await toggle.isChecked()).toBe(true);
    await accessible(page, 'account settings');
    await toggle.click({ force: true });
    await page.getByText('Notification preferences saved').waitFor();
    await page.reload();
    await page.getByRole('switch', { name: 'Staff reply by Email' }).waitFor();
    expect(await page.getByRole('switch', { name: 'Staff reply by Email' }).isChecked()).toBe(false);
    const prefs = await world.alice.get<Record<string, Record<string, boolean>>>(
      '/api/v1/me/notification-preferences',
    );
    expect(prefs['ticket.staff_reply']?.email).toBe(false);
    await shot(page, 'customer-notification-preferences');
  }, 180_000);
});
