import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../common/api.js';
import { surveyToken } from '../../src/modules/surveys/surveys.service.js';
import { type Client, login, makeWorld, openTicket } from '../client.js';
import { ADMIN, engine, listenTestApp, type TestEnv } from '../helpers.js';
import {
  chooseOption,
  ensureWebBuild,
  launchBrowser,
  signInWith,
  skipBrowser,
  skipReason,
  stepShots,
} from './support.js';

// The web interface in a real browser against a real server: what a customer and an agent do.

if (skipBrowser) console.warn(skipReason);

type World = Awaited<ReturnType<typeof makeWorld>>;
let env: TestEnv & { baseUrl: string };
let world: World;
let browser: Browser;
const contexts: BrowserContext[] = [];
const shot = stepShots('web', engine);

beforeAll(async () => {
  if (skipBrowser) return;
  await ensureWebBuild();
  env = await listenTestApp();
  world = await makeWorld(env.app);
  // Seed 000's portal workflow: no customer replies once a ticket is resolved.
  await world.admin.expect(200, 'PUT', '/api/v1/workflow', { preset: 'portal' });
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await env?.close();
});

const emailOf = (c: Client) => String(c.user?.email);
const text = async (l: Locator) => (await l.textContent()) ?? '';

/** A fresh browser profile (its own cookies), signed in through the sign-in page. */
async function signIn(client: Client, viewport = { width: 1280, height: 900 }): Promise<Page> {
  // A browser that went away (killed on a loaded machine) is replaced rather than failing every test after.
  if (!browser.isConnected()) browser = await launchBrowser();
  const password = client === world.admin ? ADMIN.password : world.password;
  const page = await signInWith(browser, env.baseUrl, { email: emailOf(client), password }, { viewport });
  contexts.push(page.context());
  return page;
}

describe.skipIf(skipBrowser)('customer portal', () => {
  let ticketNumber: number;

  it('signs in, opens a ticket and sees it in My Tickets with the customer label of its status', async () => {
    const page = await signIn(world.alice);
    await expect.poll(() => page.url()).toBe(`${env.baseUrl}/`);
    await page.getByRole('heading', { name: 'Support tickets' }).waitFor();

    await page.getByRole('link', { name: 'New ticket' }).first().click();
    await page.waitForURL(/\/new$/);
    await page.getByLabel('Subject').fill('Withdrawal stuck since Monday');
    await chooseOption(page, 'Category', world.billing.name);
    // Each priority level explains itself, in the installation's neutral default words.
    await page.getByText('An important part of your work is held up or badly affected.').waitFor();
    await page.getByRole('radio', { name: /^High/ }).click();
    await page.getByLabel('Description').fill('The withdrawal of 2,000 USDT is pending.\nReference W-77.');
    await page.getByRole('button', { name: 'Submit ticket' }).click();

    await page.waitForURL(/\/tickets\/\d+$/);
    ticketNumber = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByRole('heading', { name: /Withdrawal stuck since Monday/ }).waitFor();
    const first = page.getByTestId('message').first();
    await expect.poll(async () => text(first)).toContain('Reference W-77.');
    expect(await text(first)).toContain('You');

    // Staff move it to "waiting on customer": staff call it "Awaiting customer", the customer "Waiting on You".
    await world.agent.expect(200, 'PATCH', `/api/v1/tickets/${ticketNumber}`, { status: 'waiting_on_you' });
    await page.getByRole('link', { name: 'My tickets' }).first().click();
    const row = page.getByTestId('ticket-table').getByRole('row', { name: new RegExp(`#${ticketNumber}`) });
    await row.waitFor();
    const rowText = await text(row);
    expect(rowText).toContain('Withdrawal stuck since Monday');
    expect(rowText).toContain('Waiting on You');
    expect(rowText).not.toContain('Awaiting customer');
    expect(rowText).toContain('High');

    // A colleague in the same organisation sees it too (organisation-wide list).
    const bobs = await world.bob.get<{ items: Ticket[] }>('/api/v1/tickets');
    expect(bobs.items.map((t) => t.number)).toContain(ticketNumber);
  }, 120_000);

  it('replies while replies are open, and finds the form disabled with the reason once resolved', async () => {
    const page = await signIn(world.bob);
    await page.goto(`/tickets/${ticketNumber}`);
    const box = page.getByRole('textbox', { name: 'Your reply' });
    await box.fill('Here is the transaction hash: 0xabc.');
    // A log file goes with it: uploaded at once, linked to the message when it is sent.
    await page.locator('input[type=file]').setInputFiles({
      name: 'wallet.log',
      mimeType: 'text/plain',
      buffer: Buffer.from('2026-11-20 10:00 withdrawal W-77 pending\n'),
    });
    await page.getByText('wallet.log').waitFor();
    await page.getByRole('button', { name: 'Send reply' }).click();
    const sent = page.getByTestId('message').filter({ hasText: '0xabc' });
    await sent.waitFor();
    const link = sent.getByRole('link', { name: 'wallet.log' });
    await link.waitFor();
    const download = await page.request.get(String(await link.getAttribute('href')));
    expect(download.status()).toBe(200);
    expect(await download.text()).toContain('withdrawal W-77 pending');
    // The workflow moved it back to Open (customer reply in waiting_on_you).
    const after = await world.alice.get<Ticket>(`/api/v1/tickets/${ticketNumber}`);
    expect(after.status.key).toBe('open');

    await world.agent.expect(200, 'PATCH', `/api/v1/tickets/${ticketNumber}`, { status: 'resolved' });
    const resolved = await world.alice.get<Ticket>(`/api/v1/tickets/${ticketNumber}`);
    expect(resolved.canReply).toBe(false);
    expect(resolved.replyBlockedReason).toBeTruthy();

    await page.reload();
    await page.getByText(String(resolved.replyBlockedReason)).waitFor();
    expect(await page.getByRole('textbox', { name: 'Your reply' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Send reply' }).isDisabled()).toBe(true);
    await page.getByRole('link', { name: 'Open a new ticket about this' }).waitFor();
  }, 120_000);

  it('shows a staff reply on the open ticket page by itself, without a reload', async () => {
    const t = await openTicket(world.alice, world.billing.id, { subject: 'Live update check' });
    const page = await signIn(world.alice);
    await page.goto(`/tickets/${t.number}`);
    await page.getByText('Live update check').first().waitFor();
    await world.agent.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, {
      body: 'Pushed to your screen.',
    });
    // Well inside the pages' 20-second fallback polling: this arrives through the event stream.
    await page
      .getByTestId('message')
      .filter({ hasText: 'Pushed to your screen.' })
      .waitFor({ timeout: 8000 });
  }, 120_000);

  it('fits a 360 px wide phone: My Tickets scrolls only vertically', async () => {
    await openTicket(world.alice, world.billing.id, {
      subject: 'A rather long subject line that would push a table wider than a small phone screen',
    });
    const page = await signIn(world.alice, { width: 360, height: 740 });
    await page.getByText('A rather long subject line').filter({ visible: true }).first().waitFor();
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      body: document.body.scrollWidth,
      viewport: window.innerWidth,
    }));
    expect(widths.viewport).toBe(360);
    expect(widths.scroll).toBeLessThanOrEqual(360);
    expect(widths.body).toBeLessThanOrEqual(360);
    await shot(page, 'portal-360');
  }, 120_000);
});

describe.skipIf(skipBrowser)('agent workspace', () => {
  it('sorts the queue, opens a ticket and adds an internal note the customer never sees', async () => {
    const subjects = ['Mango invoice missing', 'Apple pay refund', 'Kiwi card declined'];
    const created: Ticket[] = [];
    for (const subject of subjects)
      created.push(await openTicket(world.carol, world.billing.id, { subject }));

    const page = await signIn(world.agent);
    await page.waitForURL(/\/agent/);
    const table = page.getByTestId('queue-table');
    await table.getByText('Kiwi card declined').waitFor();

    await table.getByRole('button', { name: 'Subject', exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('subject');
    expect(new URL(page.url()).searchParams.get('order')).toBe('asc');
    await expect
      .poll(() => table.getByRole('columnheader', { name: 'Subject', exact: true }).getAttribute('aria-sort'))
      .toBe('ascending');
    const visible = async () =>
      (await table.locator('tbody tr').allInnerTexts())
        .map((t) => subjects.find((s) => t.includes(s)))
        .filter(Boolean);
    await expect.poll(visible).toEqual([...subjects].sort());

    // Again: descending.
    await table.getByRole('button', { name: 'Subject', exact: true }).click();
    await expect.poll(visible).toEqual([...subjects].sort().reverse());

    // j/k move the selection; Enter opens it.
    await page.keyboard.press('j');
    await expect
      .poll(() => table.locator('tbody tr[aria-selected="true"]').getAttribute('data-row'))
      .toBe('1');
    await page.keyboard.press('k');
    await expect
      .poll(() => table.locator('tbody tr[aria-selected="true"]').getAttribute('data-row'))
      .toBe('0');

    const target = created.find((t) => t.subject === 'Kiwi card declined')!;
    await table.getByRole('link', { name: 'Kiwi card declined' }).click();
    await page.waitForURL(new RegExp(`/agent/tickets/${target.number}$`));
    await page.getByRole('heading', { name: /Kiwi card declined/ }).waitFor();

    // n: write an internal note.
    await page.keyboard.press('n');
    const note = page.getByRole('textbox', { name: 'Internal note' });
    await expect.poll(() => note.evaluate((el) => el === document.activeElement)).toBe(true);
    await note.fill('Card issuer flagged it; do not tell the customer yet.');
    await page.getByRole('button', { name: 'Add internal note' }).click();

    const shown = page.getByTestId('message').filter({ hasText: 'do not tell the customer yet' });
    await shown.waitFor();
    expect(await shown.getAttribute('data-kind')).toBe('internal');
    expect(await shown.getByText('Internal note', { exact: true }).isVisible()).toBe(true);
    const background = await shown.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(background).toBe('rgb(255, 249, 219)'); // Mantine yellow.0
    await shot(page, 'agent-ticket');

    // The customer never sees it: not in the API, not on the page.
    const messages = await world.carol.get<{ items: { body: string }[] }>(
      `/api/v1/tickets/${target.number}/messages`,
    );
    expect(messages.items.some((m) => m.body.includes('do not tell'))).toBe(false);
    const customer = await signIn(world.carol);
    await customer.goto(`/tickets/${target.number}`);
    await customer.getByTestId('message').first().waitFor();
    expect(await customer.content()).not.toContain('do not tell the customer yet');
    expect(await customer.getByText('Internal note').count()).toBe(0);
  }, 120_000);

  it('opens a ticket on behalf of a customer found by name, which the customer then sees', async () => {
    const page = await signIn(world.agent);
    await page.waitForURL(/\/agent/);
    await page.getByRole('link', { name: 'New ticket' }).click();
    await page.waitForURL(/\/agent\/new$/);
    const carol = world.carol.user!;
    // Submitting without a customer says what is missing.
    await page.getByRole('button', { name: 'Submit ticket' }).click();
    await page.getByText('Choose the customer this ticket is for').waitFor();

    await page.getByRole('combobox', { name: 'Customer' }).fill(String(carol.name).slice(-8));
    await page.getByRole('option', { name: new RegExp(carol.email.replace(/[.+]/g, '\\$&')) }).click();
    await page.getByLabel('Subject').fill('Called in: API key rotation');
    await chooseOption(page, 'Category', world.billing.name);
    await page.getByLabel('Description').fill('Customer phoned; wants the API key rotated today.');
    await page.getByRole('button', { name: 'Submit ticket' }).click();
    await page.waitForURL(/\/agent\/tickets\/\d+$/);
    const number = Number(new URL(page.url()).pathname.split('/').pop());
    await shot(page, 'agent-opened-on-behalf');

    const ticket = await world.carol.get<Ticket>(`/api/v1/tickets/${number}`);
    expect(ticket.requester.id).toBe(carol.id);
    expect(ticket.subject).toBe('Called in: API key rotation');
  }, 120_000);

  it('changes the status from the ticket page, offering only statuses set by hand', async () => {
    const ticket = await openTicket(world.alice, world.billing.id, { subject: 'Status from the sidebar' });
    const page = await signIn(world.agent);
    await page.goto(`/agent/tickets/${ticket.number}`);
    await page.getByRole('heading', { name: /Status from the sidebar/ }).waitFor();
    await chooseOption(page, 'Status (s)', 'In Progress');
    await expect
      .poll(async () => (await world.agent.get<Ticket>(`/api/v1/tickets/${ticket.number}`)).status.key)
      .toBe('in_progress');
    await page.getByText(/changed status: Open → In Progress/).waitFor();
  }, 120_000);
});

describe.skipIf(skipBrowser)('reports and administration', () => {
  it('shows CSAT as a chart with the figures in a table beside it', async () => {
    const workflow = await world.admin.get<Record<string, unknown>>('/api/v1/workflow');
    await world.admin.expect(200, 'PUT', '/api/v1/workflow', { ...workflow, surveyOnClose: true });
    for (const rating of [5, 4, 2]) {
      const t = await openTicket(world.alice, world.billing.id, { subject: `Survey ${rating}` });
      await world.agent.expect(200, 'PATCH', `/api/v1/tickets/${t.number}`, { status: 'closed' });
    }
    const surveys = await env.database.db.selectFrom('surveys').select('id').execute();
    expect(surveys).toHaveLength(3);
    const ratings = [5, 4, 2];
    for (const [i, s] of surveys.entries()) {
      const res = await env.app.inject({
        method: 'POST',
        url: `/survey/${surveyToken(env.app.ctx, s.id)}`,
        payload: { rating: ratings[i], comment: 'ok' },
      });
      expect(res.statusCode, res.body).toBe(201);
    }

    const page = await signIn(world.agent);
    await page.getByRole('link', { name: 'Reports' }).click();
    const table = page.getByTestId('csat-table');
    await table.waitFor();
    const row = (label: string) => text(table.getByRole('row', { name: new RegExp(`^${label}`) }));
    expect(await row('Surveys sent')).toContain('3');
    expect(await row('Answers')).toContain('3');
    expect(await row('Average rating')).toContain('3.67 / 5');
    expect(await row('Satisfied')).toContain('66.7 %');
    await page.locator('.recharts-surface').first().waitFor();
    expect(await page.locator('.recharts-bar-rectangle').count()).toBeGreaterThanOrEqual(3);
    await shot(page, 'reports');
  }, 120_000);

  it('shows ticket volume as a chart, with the numbers in a table one click away', async () => {
    // A department of its own, so other tests' tickets do not change the counts.
    const dept = await world.admin.expect<{ id: string }>(201, 'POST', '/api/v1/departments', {
      name: `Reports ${Date.now()}`,
    });
    const email = `reports-${Date.now()}@example.test`;
    await world.admin.expect(201, 'POST', '/api/v1/users', {
      email,
      name: 'Rita Reports',
      role: 'agent',
      password: world.password,
      departmentIds: [dept.id],
    });
    const rita = await login(env.app, email, world.password);
    const numbers: number[] = [];
    for (const subject of ['Volume one', 'Volume two', 'Volume three'])
      numbers.push((await openTicket(world.alice, dept.id, { subject })).number);
    await rita.expect(200, 'PATCH', `/api/v1/tickets/${numbers[0]}`, { status: 'closed' });

    const page = await signIn(rita);
    await page.getByRole('link', { name: 'Reports' }).click();
    const card = page.getByTestId('volume-card');
    const summary = card.getByTestId('volume-summary');
    await summary.waitFor();
    expect(await text(summary)).toMatch(/3\s*created\s*·\s*1\s*resolved/);
    // One day so far: each series (created, resolved) is a dot for that day.
    await card.locator('.recharts-surface').first().waitFor();
    expect(await card.locator('.recharts-line').count()).toBe(2);
    await card.locator('.recharts-line-dot').first().waitFor();
    expect(await card.locator('.recharts-line-dot').count()).toBeGreaterThanOrEqual(2);

    await card.getByRole('button', { name: 'Show table' }).click();
    const table = card.getByTestId('volume-table');
    await table.waitFor();
    const total = table.getByRole('row', { name: /^Total/ });
    const cells = await total.locator('th').allTextContents();
    expect(cells.map((c) => c.trim())).toEqual(['Total', '3', '1']);
    await card.getByRole('button', { name: 'Show chart' }).click();
    await card.locator('.recharts-surface').first().waitFor();

    // The same numbers as a file.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      card.getByRole('link', { name: 'Download Ticket volume as CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^volume-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(csv.at(-1)).toMatch(/^\d{4}-\d{2}-\d{2},3,1$/);

    // The backlog counts the two tickets still open in the department.
    const backlog = page.getByTestId('backlog-card');
    await backlog.getByRole('heading', { name: 'Backlog · 2 open' }).waitFor();
    await shot(page, 'reports-volume');
  }, 120_000);

  it('shows service levels: met % per target as bars, the figures in a table, at 1280 and 360 px', async () => {
    const dept = await world.admin.expect<{ id: string }>(201, 'POST', '/api/v1/departments', {
      name: `Service levels ${Date.now()}`,
    });
    const email = `sla-${Date.now()}@example.test`;
    await world.admin.expect(201, 'POST', '/api/v1/users', {
      email,
      name: 'Sam Levels',
      role: 'agent',
      password: world.password,
      departmentIds: [dept.id],
    });
    const sam = await login(env.app, email, world.password);
    const db = env.database.db;
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    // Clocks as the service would store them: first replies met in 12 and missed in 50 minutes.
    const clocks = [
      { metric: 'firstReply', elapsed: 12, breached: 0 },
      { metric: 'firstReply', elapsed: 50, breached: 1 },
      { metric: 'resolution', elapsed: 300, breached: 0 },
    ] as const;
    for (const [i, c] of clocks.entries()) {
      const t = await openTicket(world.alice, dept.id, { subject: `Levels ${i}` });
      const row = await db
        .selectFrom('tickets')
        .select('id')
        .where('number', '=', t.number)
        .executeTakeFirstOrThrow();
      await db
        .insertInto('ticket_sla_clocks')
        .values({
          id: `sla-e2e-${i}-${Date.now()}`,
          ticket_id: row.id,
          metric: c.metric,
          cycle: 0,
          policy_id: null,
          calendar_id: 'any',
          business: 0,
          target_minutes: 30,
          started_at: hourAgo,
          stopped_at: hourAgo,
          due_at: hourAgo,
          elapsed_minutes: c.elapsed,
          breached: c.breached,
          paused_since: null,
          pauses: '[]',
          warn_at: null,
          check_at: null,
          warned_at: null,
          breach_noticed_at: null,
          updated_at: hourAgo,
        })
        .execute();
    }

    const page = await signIn(sam);
    await page.getByRole('link', { name: 'Reports' }).click();
    const card = page.getByTestId('sla-card');
    const table = card.getByTestId('sla-table');
    await table.waitFor();
    const cells = async (name: RegExp) =>
      (await table.getByRole('row', { name }).locator('th, td').allTextContents()).map((c) =>
        c.replace(/\u00a0/g, ' ').trim(),
      );
    expect(await cells(/^First reply/)).toEqual(['First reply', '2', '1', '50 %', '31 min', '46 min', '1']);
    expect(await cells(/^Resolution/)).toEqual(['Resolution', '1', '1', '100 %', '5 h', '5 h', '0']);
    await card.locator('.recharts-bar-rectangle').first().waitFor();
    expect(await card.locator('.recharts-bar-rectangle').count()).toBeGreaterThanOrEqual(2);
    expect(await card.getByText('50\u00a0%').count()).toBeGreaterThanOrEqual(1);
    const csv = card.getByRole('link', { name: 'Download Service levels as CSV' });
    expect(await csv.getAttribute('href')).toMatch(/^\/api\/v1\/reports\/sla\.csv\?groupBy=metric/);
    await card.getByLabel('Group service levels by').selectOption('priority');
    await table.getByRole('row', { name: /^High · First reply/ }).waitFor();
    await card.scrollIntoViewIfNeeded();
    await shot(page, 'reports-sla');

    const phone = await signIn(sam, { width: 360, height: 740 });
    await phone.goto(`${env.baseUrl}/agent/reports`);
    await phone.getByTestId('sla-table').waitFor();
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await phone.getByTestId('sla-card').scrollIntoViewIfNeeded();
    await shot(phone, 'reports-sla-360');
  }, 120_000);

  it('shows the server’s refusal of an inconsistent workflow, and the keyboard help on ?', async () => {
    const page = await signIn(world.admin);
    await page.getByRole('heading', { name: 'All tickets' }).waitFor();
    await page.keyboard.press('Shift+?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await page.keyboard.press('Escape');

    await page.getByRole('link', { name: 'Workflow' }).click();
    await page.getByRole('tab', { name: 'JSON' }).click();
    const editor = page.getByRole('textbox', { name: 'Workflow document' });
    const doc = JSON.parse(await editor.inputValue()) as { initialStatus: string };
    doc.initialStatus = 'no_such_status';
    await editor.fill(JSON.stringify(doc, null, 2));
    await page.getByRole('button', { name: 'Save workflow' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'The workflow was refused' });
    await refusal.waitFor();
    expect(await text(refusal)).toContain('initialStatus');
    // Nothing changed on the server.
    const after = await world.admin.get<{ initialStatus: string }>('/api/v1/workflow');
    expect(after.initialStatus).toBe('open');

    // A document that is not even the right shape never reaches the server.
    await editor.fill('{ "preset": "portal" , "statuses": [] }');
    await page.getByRole('button', { name: 'Check' }).click();
    await page.getByText('The document is not valid').waitFor();
  }, 120_000);

  it('creates an API token, shows it once, and revokes it', async () => {
    const page = await signIn(world.admin);
    await page.goto('/admin/tokens');
    await page.getByRole('button', { name: 'New token' }).click();
    await page.getByRole('textbox', { name: 'Name' }).fill('CRM sync');
    await page.getByRole('button', { name: 'Create token' }).click();
    const token = (await text(page.getByTestId('new-token'))).trim();
    expect(token).toMatch(/^tsr_/);
    const me = await env.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.statusCode).toBe(200);

    await page.getByRole('button', { name: 'Revoke CRM sync' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Revoke CRM sync' }).count()).toBe(0);
    const revoked = await env.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(revoked.statusCode).toBe(401);
  }, 120_000);
});

describe.skipIf(skipBrowser)('admin: ticket types', () => {
  it('installs the guided intake from the admin screen and lists the Operation Blocker type', async () => {
    const page = await signIn(world.admin);
    await page.goto('/admin');
    await page.getByRole('link', { name: 'Ticket types & fields' }).click();
    await page.waitForURL(/\/admin\/ticket-types$/);
    await page.getByRole('heading', { name: 'Ticket types and fields' }).waitFor();
    await page.getByRole('button', { name: 'Install the guided intake' }).click();
    const types = page.getByRole('table', { name: 'Ticket types' });
    await types.getByText('Operation Blocker', { exact: true }).waitFor();
    // It is the urgent one, and the server has it too.
    const row = types.getByRole('row').filter({ hasText: 'Operation Blocker' });
    expect(await text(row)).toContain('Urgent');
    const listed = await world.admin.get<{ items: { name: string }[] }>('/api/v1/ticket-types');
    expect(listed.items.map((t) => t.name)).toContain('Operation Blocker');
  }, 120_000);

  it('refuses a field key the API would refuse, on the field, then creates the field', async () => {
    const page = await signIn(world.admin);
    await page.goto('/admin/ticket-types');
    await page.getByRole('button', { name: 'New field' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Key').fill('Site Name');
    await dialog.getByLabel('Label').fill('Site name');
    await dialog.getByRole('button', { name: 'Create field' }).click();
    await dialog
      .getByText('lower-case letters, digits and _, starting with a letter', { exact: true })
      .waitFor();
    await dialog.getByLabel('Key').fill('site_name');
    await dialog.getByRole('button', { name: 'Create field' }).click();
    await dialog.waitFor({ state: 'detached' });
    const listed = await world.admin.get<{ items: { key: string; label: string }[] }>('/api/v1/fields');
    expect(listed.items).toContainEqual(expect.objectContaining({ key: 'site_name', label: 'Site name' }));
  }, 120_000);
});

describe.skipIf(skipBrowser)('admin: plans', () => {
  it('creates a service and an unlimited plan from their forms', async () => {
    const page = await signIn(world.admin);
    await page.goto('/admin/plans');
    await page.getByRole('button', { name: 'New service' }).click();
    await page.getByRole('dialog').getByLabel('Name').fill('Hosting');
    await page.getByRole('dialog').getByRole('button', { name: 'Create service' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'New plan' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('Gold');
    await dialog.getByLabel('No ticket limit').check();
    await dialog.getByRole('button', { name: 'Create plan' }).click();
    await dialog.waitFor({ state: 'detached' });
    const services = await world.admin.get<{ items: { name: string }[] }>('/api/v1/services');
    expect(services.items.map((s) => s.name)).toContain('Hosting');
    const plans = await world.admin.get<{ items: { name: string; ticketLimit: number | null }[] }>(
      '/api/v1/plans',
    );
    expect(plans.items).toContainEqual(expect.objectContaining({ name: 'Gold', ticketLimit: null }));
  }, 120_000);
});
