import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../common/api.js';
import { type Client, makeWorld, openTicket } from '../client.js';
import { ADMIN, listenTestApp, type TestEnv } from '../helpers.js';
import { ensureWebBuild, launchBrowser, signInWith, skipBrowser, skipReason } from './support.js';

// Merging in the browser: the dialog asks before merging into a closed ticket, and a customer
// who opens the merged ticket's page lands on the ticket it was merged into.

if (skipBrowser) console.warn(skipReason);

let env: TestEnv & { baseUrl: string };
let w: Awaited<ReturnType<typeof makeWorld>>;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  if (skipBrowser) return;
  await ensureWebBuild();
  env = await listenTestApp();
  w = await makeWorld(env.app);
  browser = await launchBrowser();
}, 300_000);
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await env?.close();
});

async function signIn(client: Client): Promise<Page> {
  const password = client === w.admin ? ADMIN.password : w.password;
  const page = await signInWith(browser, env.baseUrl, { email: String(client.user?.email), password });
  contexts.push(page.context());
  return page;
}

describe.skipIf(skipBrowser)('merging, in the browser', () => {
  let source: Ticket;
  let target: Ticket;

  it('into a closed ticket only with "Reopen" ticked; the agent lands on the reopened target', async () => {
    source = await openTicket(w.alice, w.billing.id, {
      subject: 'Card declined again',
      description: 'Declined at checkout a second time',
    });
    target = await openTicket(w.alice, w.billing.id, {
      subject: 'Card declined',
      description: 'Declined once',
    });
    await w.agent.expect(200, 'PATCH', `/api/v1/tickets/${target.number}`, { status: 'closed' });

    const page = await signIn(w.agent);
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
    const ticket = await w.agent.get<Ticket>(`/api/v1/tickets/${target.number}`);
    expect(ticket.status.category).not.toBe('closed');
  });

  it('a customer opening the merged ticket lands on the target, its thread and its status', async () => {
    const page = await signIn(w.alice);
    await page.goto(`/tickets/${source.number}`);
    await page.waitForURL(new RegExp(`/tickets/${target.number}$`));
    await page.getByRole('heading', { name: /Card declined$/ }).waitFor();
    await page.getByText('Declined at checkout a second time').waitFor();
    await page.getByText('Declined once').waitFor();
    const ticket = await w.alice.get<Ticket>(`/api/v1/tickets/${target.number}`);
    await page.getByText(ticket.status.label, { exact: true }).first().waitFor();
  });
});
