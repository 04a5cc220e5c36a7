import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTicket } from '../client.js';
import { engine } from '../helpers.js';
import { loadOsTicketFixture, mariadbAvailable, type OsTicketDb } from '../osticket-db.js';
import {
  browserWorld,
  chooseOption,
  seriousViolations,
  skipBrowser,
  skipReason,
  stepShots,
} from './support.js';

// An administrator moves a real osTicket 1.18 installation (../shared/fixtures/osticket, loaded into
// a scratch MariaDB database) in through the Import page: enters the database's URL, checks it
// (210 tickets, the status mapping), maps "Awaiting Customer" onto "In Progress", starts the
// import, follows it to the end as the worker runs it, reads the counts and the log (one ticket's
// number was taken here, so it was renumbered), then opens that ticket from the log's link and
// reads its messages, internal note and timeline. Screenshots under
// test-results/imports-<engine>/, at 1280 px and 360 px; axe-core on the page at each step.
// Then a spreadsheet: picked in the browser, its proposed column mapping read and corrected,
// checked and imported (test-results/imports-csv-<engine>/).

if (skipBrowser) console.warn(skipReason);
const available = skipBrowser ? false : await mariadbAvailable();

/** A ticket of the fixture with customer messages, agent replies, an internal note and events. */
const TICKET = { number: 236250, subject: 'Switch to annual billing' };

/** The page fits a phone's width: nothing but its tables' own scrolling goes sideways. */
async function fitsPhone(page: Page) {
  await page.setViewportSize({ width: 360, height: 800 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
}

/** Picks where to import from: a segment's label is what a person clicks (its radio is hidden). */
async function chooseSource(page: Page, name: string) {
  await page
    .locator('label')
    .filter({ hasText: new RegExp(`^${name}$`) })
    .click();
  await expect.poll(() => page.getByRole('radio', { name }).isChecked()).toBe(true);
}

describe.skipIf(skipBrowser || !available)('importing from osTicket, in the browser', () => {
  const t = browserWorld({ worker: true });
  const shot = stepShots('imports', engine);
  let fixture: OsTicketDb;

  beforeAll(async () => {
    fixture = await loadOsTicketFixture();
  });
  afterAll(async () => {
    await fixture?.drop();
  });

  it('an admin checks an osTicket database, maps a status, imports it and opens a ticket', async () => {
    // A ticket here already has the number one osTicket ticket carries: that one is renumbered.
    const here = await openTicket(t.w.alice, t.w.billing.id, { subject: 'Already in Tessera' });
    await fixture.sql.query('update ost_ticket set number = ? where number = ?', [
      String(here.number),
      String(TICKET.number),
    ]);
    const page = await t.signIn(t.w.admin);
    await page.goto('/admin');
    await page.getByRole('link', { name: 'Import', exact: true }).click();
    await page.waitForURL(/\/admin\/imports$/);
    await page.getByRole('heading', { name: 'Import', level: 1 }).waitFor();
    await page.getByText('No import has been started yet.').waitFor();

    // 1. The source: osTicket's database. A wrong one is refused in words.
    await chooseSource(page, 'osTicket');
    const url = page.getByRole('textbox', { name: 'Database URL' });
    await url.fill(`${fixture.url}_missing`);
    await page.getByRole('button', { name: 'Check' }).first().click();
    const refusal = page.getByRole('alert').filter({ hasText: 'The source could not be checked' });
    await refusal.getByText(/The source could not be read/).waitFor();
    await url.fill(fixture.url);
    await expect.poll(() => refusal.count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'source');

    // 2. The check: what there is, and where each status goes.
    await page.getByRole('button', { name: 'Check' }).first().click();
    await page.getByTestId('import-ticket-count').getByText('210 tickets to import.').waitFor();
    const records = page.getByRole('table', { name: 'Records in the source' });
    expect(await records.getByRole('row', { name: /^Staff 5 / }).count()).toBe(1);
    const statuses = page.getByRole('table', { name: 'Status mapping' });
    const row = (name: string) =>
      statuses.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
    await row('Open').getByText('Same name').waitFor();
    expect(await row('Awaiting Customer').getByText('Chosen').count()).toBe(0);
    await chooseOption(page, '“Awaiting Customer” becomes', 'In Progress');
    await row('Awaiting Customer').getByText('Chosen').waitFor();
    expect(await page.getByRole('combobox', { name: '“Awaiting Customer” becomes' }).inputValue()).toBe(
      'In Progress',
    );
    await page.getByRole('switch', { name: /Only changes since the last import/ }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'checked');
    await fitsPhone(page);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'checked-360');
    await page.setViewportSize({ width: 1280, height: 900 });

    // 3. The run, followed until the worker is done with it.
    await page.getByRole('button', { name: 'Start import' }).click();
    await page.waitForURL(/\/admin\/imports\?run=/);
    const run = page.getByRole('region', { name: 'Import from osTicket' });
    await run.getByRole('progressbar', { name: 'Progress of the import' }).waitFor();
    await shot(page, 'started');
    await expect
      .poll(() => run.getByTestId('import-state').textContent(), { timeout: 90_000, interval: 1000 })
      .toBe('Done');
    expect(await run.getByTestId('import-progress').textContent()).toBe('210 of 210 tickets');
    expect(await run.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    const tickets = run.getByTestId('count-ticket');
    expect(await tickets.getByRole('cell').allTextContents()).toEqual(['210', '0', '0', '0']);
    expect(await run.getByTestId('count-customer').getByRole('cell').first().textContent()).toBe('23');
    // The log names the renumbered ticket and links to it.
    await chooseOption(page, 'Show', 'Renumbered');
    const log = run.getByRole('table', { name: 'Import log' });
    const entry = log.getByRole('row').filter({ hasText: `#${here.number} is taken` });
    const detail = await entry.getByText(/ is taken: it is #\d+ now$/).textContent();
    const renumbered = Number(/it is #(\d+) now/.exec(detail ?? '')?.[1]);
    expect(renumbered).toBeGreaterThan(0);
    expect(await log.getByRole('row').count()).toBe(2);
    const earlier = page.getByRole('table', { name: 'Earlier imports' });
    const listed = earlier.getByRole('row').filter({ hasText: 'Done' });
    await listed.getByText('210 of 210').waitFor();
    expect(await listed.textContent()).toContain(String(t.w.admin.user?.name));
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'done');
    await fitsPhone(page);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'done-360');
    await page.setViewportSize({ width: 1280, height: 900 });

    // The chosen mapping held: the 11 tickets awaiting the customer are In Progress.
    const moved = await t.env.database.db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('status', '=', 'in_progress')
      .executeTakeFirstOrThrow();
    expect(Number(moved.n)).toBe(11);

    // An imported ticket, with its history: the customer's messages, the replies, the internal note, the timeline.
    await entry.getByRole('link', { name: `#${renumbered}` }).click();
    await page.waitForURL(new RegExp(`/agent/tickets/${renumbered}$`));
    await page.getByRole('heading', { name: new RegExp(TICKET.subject) }).waitFor();
    const messages = page.getByTestId('message');
    await messages.filter({ hasText: 'move from monthly to annual billing' }).waitFor();
    await messages.filter({ hasText: 'We have corrected the configuration for your account' }).waitFor();
    const note = messages.filter({ hasText: 'You handled the last one.' });
    expect(await note.getAttribute('data-kind')).toBe('internal');
    expect(await messages.count()).toBe(5);
    const timeline = page.getByRole('heading', { name: 'Timeline' }).locator('xpath=..');
    await timeline.getByText(/opened the ticket/).waitFor();
    await shot(page, 'imported-ticket');
  });
});

describe.skipIf(skipBrowser)('importing a spreadsheet, in the browser', () => {
  const t = browserWorld({ worker: true });
  const shot = stepShots('imports-csv', engine);
  const TICKETS = [
    'Ticket ID;Subject;Customer;Description;Status;Priority',
    'T-1;Printer offline;ana@example.test;The printer in room 2 is offline.;Open;high',
    'T-2;Invoice copy;ben@example.test;Please send a copy of the March invoice.;Waiting;normal',
    'T-3;Übersetzung fehlt;chris@example.test;Die deutsche Übersetzung fehlt.;Closed;low',
  ].join('\n');

  it('an admin picks a CSV file, corrects the proposed mapping, checks and imports it', async () => {
    const page = await t.signIn(t.w.admin);
    await page.goto('/admin/imports');
    await chooseSource(page, 'Spreadsheet');
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Tickets', exact: true }).click();
    await (await chooser).setFiles({
      name: 'tickets.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(TICKETS, 'utf8'),
    });
    const columns = page.getByRole('table', { name: 'Columns of tickets.csv' });
    await columns.waitFor();
    const becomes = (header: string) => page.getByRole('combobox', { name: `Column “${header}” becomes` });
    expect(await becomes('Subject').inputValue()).toBe('Subject *');
    expect(await becomes('Customer').inputValue()).toBe('Requester e-mail *');
    expect(await becomes('Description').inputValue()).toBe('First message');
    await page
      .getByRole('table', { name: 'First rows of tickets.csv' })
      .getByRole('cell', { name: 'Übersetzung fehlt', exact: true })
      .waitFor();
    await chooseOption(page, 'Column “Priority” becomes', 'Ignored');
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'mapping');
    await fitsPhone(page);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'mapping-360');
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByRole('button', { name: 'Check' }).last().click();
    await page.getByTestId('import-ticket-count').getByText('3 tickets to import.').waitFor();
    await shot(page, 'checked');
    await page.getByRole('button', { name: 'Start import' }).click();
    const run = page.getByRole('region', { name: 'Import from Spreadsheet' });
    await expect
      .poll(() => run.getByTestId('import-state').textContent(), { timeout: 90_000, interval: 1000 })
      .toBe('Done');
    expect(await run.getByTestId('count-ticket').getByRole('cell').allTextContents()).toEqual([
      '3',
      '0',
      '0',
      '0',
    ]);
    // The ignored column was not read: "high" on T-1 did not become the ticket's priority.
    const printer = await t.w.admin.get<{ items: { subject: string; priority: string }[] }>(
      '/api/v1/tickets?q=Printer',
    );
    expect(printer.items).toMatchObject([{ subject: 'Printer offline', priority: 'normal' }]);
    await shot(page, 'done');
  });
});
