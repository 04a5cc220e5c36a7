import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTicket } from '../client.js';
import { browserWorld, seriousViolations, skipBrowser, skipReason } from './support.js';

// An administrator adds a webhook in the browser (its secret shown once), a ticket is opened, and
// the admin reads the delivery log (status, latency, the receiver's answer), redelivers and sees
// the second attempt; the page fits a phone's screen.

if (skipBrowser) console.warn(skipReason);

const t = browserWorld({ worker: true });
const heard: { delivery: string; body: string }[] = [];
let receiver: http.Server;
let url = '';

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString('utf8');
    });
    req.on('end', () => {
      heard.push({ delivery: String(req.headers['tessera-delivery']), body });
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`thanks for ${heard.length}`);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

describe.skipIf(skipBrowser)('webhooks, in the browser', () => {
  it('the admin adds a webhook, reads its delivery log and redelivers', async () => {
    const page = await t.signIn(t.w.admin);
    await page.goto('/admin/webhooks');
    await page.getByRole('button', { name: 'New webhook' }).click();
    const dialog = page.getByRole('dialog', { name: 'New webhook' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Ops receiver');
    await dialog.getByRole('textbox', { name: 'URL' }).fill(url);
    await dialog.getByRole('checkbox', { name: 'message.created' }).check();
    await dialog.getByRole('button', { name: 'Create webhook' }).click();
    const secret = await page.getByTestId('webhook-secret').textContent();
    expect(secret).toMatch(/^whsec_/);

    const ticket = await openTicket(t.w.alice, t.w.billing.id, { subject: 'Hooked ticket' });
    await expect.poll(() => heard.length, { timeout: 15_000 }).toBe(1);
    expect(JSON.parse(heard[0]?.body ?? '{}').data.ticket.number).toBe(ticket.number);

    await page.getByRole('button', { name: 'Delivery log of Ops receiver' }).click();
    const log = page.getByRole('dialog', { name: 'Delivery log — Ops receiver' });
    const table = log.getByRole('table', { name: 'Delivery log' });
    await table.getByText('ticket.created').waitFor();
    await table.getByText('succeeded').waitFor();
    await table.getByText('thanks for 1').waitFor();
    await expect.poll(async () => table.getByText(/^\d+ ms$/).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);

    await log.getByRole('button', { name: /^Redeliver ticket\.created/ }).click();
    await expect.poll(() => heard.length, { timeout: 15_000 }).toBe(2);
    expect(heard[1]?.delivery).toBe(heard[0]?.delivery);
    await log.getByRole('button', { name: 'Refresh' }).click();
    await table.getByText('thanks for 2').waitFor();
    await log.getByRole('button', { name: 'Close the delivery log' }).click();

    // A phone's screen: the list scrolls inside its card, the page does not.
    await page.setViewportSize({ width: 360, height: 800 });
    await page.getByRole('button', { name: 'Delivery log of Ops receiver' }).waitFor();
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth))
      .toBeLessThanOrEqual(360);
  });
});
