import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openTicket } from '../client.js';
import { engine } from '../helpers.js';
import { browserWorld, seriousViolations, skipBrowser, skipReason, stepShots } from './support.js';

// Profiles in the browser: an agent opens a customer's profile from a ticket and sees their
// history and contact details, adds a note; a customer edits their own name and phone.

if (skipBrowser) console.warn(skipReason);

const shot = stepShots('profiles', engine);

const world = browserWorld();

/** Once the layout has settled at the new size (the side bar slides away), nothing is wider than the screen. */
const fitsWidth = (page: Page) =>
  page.waitForFunction(() => document.documentElement.scrollWidth <= window.innerWidth, null, {
    timeout: 5000,
  });

describe.skipIf(skipBrowser)('profiles, in the browser', () => {
  it('an agent opens the requester’s profile from a ticket and sees their history, not other departments’', async () => {
    const first = await openTicket(world.w.alice, world.w.billing.id, {
      subject: 'Invoice for March missing',
    });
    await openTicket(world.w.alice, world.w.billing.id, { subject: 'Refund for the double charge' });
    await openTicket(world.w.alice, world.w.tech.id, { subject: 'Technical matter elsewhere' });

    const page = await world.signIn(world.w.agent);
    await page.goto(`/agent/tickets/${first.number}`);
    await page.getByRole('heading', { name: /Invoice for March missing/ }).waitFor();
    await page
      .getByRole('link', { name: String(world.w.alice.user?.name) })
      .first()
      .click();
    await page.waitForURL(new RegExp(`/agent/customers/${world.w.alice.user?.id}$`));
    await page.getByRole('heading', { name: String(world.w.alice.user?.name) }).waitFor();
    await page.getByRole('link', { name: 'Refund for the double charge' }).waitFor();
    await page.getByRole('link', { name: 'Invoice for March missing' }).waitFor();
    expect(await page.getByText('Technical matter elsewhere').count()).toBe(0);
    await page.getByText(String(world.w.alice.user?.email)).waitFor();

    await page.getByRole('textbox', { name: 'New note' }).fill('Prefers to be called after 3 pm');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.locator('p', { hasText: 'Prefers to be called after 3 pm' }).waitFor();
    await expect.poll(() => page.getByRole('textbox', { name: 'New note' }).inputValue()).toBe('');
    expect(
      (
        await world.w.agent.get<{ notes: { body: string }[] }>(
          `/api/v1/customers/${world.w.alice.user?.id}/profile`,
        )
      ).notes[0]?.body,
    ).toBe('Prefers to be called after 3 pm');
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'customer-profile');

    await page.setViewportSize({ width: 360, height: 740 });
    await page.getByRole('link', { name: 'Refund for the double charge' }).waitFor();
    await fitsWidth(page);
    await shot(page, 'customer-profile-360');

    await page.getByRole('link', { name: /Acme/ }).first().click();
    await page.waitForURL(new RegExp(`/agent/organisations/${world.w.orgA.id}$`));
    await page.getByRole('link', { name: String(world.w.bob.user?.name) }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'organisation-profile-360');
  });

  it('an administrator merges a duplicate record and renames the organisation', async () => {
    const mk = async (name: string) => {
      const email = `${name.toLowerCase().replace(/\W/g, '-')}-${Date.now().toString(36)}@example.test`;
      const u = await world.w.admin.expect<{ id: string; email: string }>(201, 'POST', '/api/v1/users', {
        email,
        name,
        role: 'customer',
        organisationId: world.w.orgB.id,
      });
      return u;
    };
    const keep = await mk('Morgan Keep');
    const dup = await mk('Morgan Duplicate');
    await openTicket(world.w.admin, world.w.billing.id, {
      subject: 'Asked from the first address',
      requesterId: keep.id,
    });
    await openTicket(world.w.admin, world.w.billing.id, {
      subject: 'Asked from the second address',
      requesterId: dup.id,
    });

    const page = await world.signIn(world.w.admin);
    await page.goto(`/agent/customers/${keep.id}`);
    await page.getByRole('link', { name: 'Asked from the first address' }).waitFor();
    await page.getByRole('link', { name: 'Export data (JSON)' }).waitFor();
    await page.getByRole('button', { name: 'Merge a duplicate…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('The other record').fill('Morgan Dup');
    await page.getByRole('option', { name: /Morgan Duplicate/ }).click();
    await dialog.getByRole('button', { name: 'Merge', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'Asked from the second address' }).waitFor();
    await page.locator('dd', { hasText: dup.email }).waitFor();
    await shot(page, 'merged');
    await page.setViewportSize({ width: 360, height: 740 });
    await fitsWidth(page);
    await shot(page, 'merged-360');

    await page.getByRole('link', { name: /Globex/ }).click();
    await page.getByRole('button', { name: 'Rename…' }).click();
    await page.getByRole('dialog').getByLabel('Name').fill('Globex Renamed');
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Globex Renamed' }).waitFor();
    expect((await world.w.admin.get<{ name: string }>(`/api/v1/organisations/${world.w.orgB.id}`)).name).toBe(
      'Globex Renamed',
    );
  });

  it('a customer changes their own name and phone in the portal', async () => {
    const page = await world.signIn(world.w.bob, { width: 360, height: 740 });
    await page.goto('/account');
    await page.getByRole('button', { name: 'Edit profile' }).click();
    await page.getByLabel('Phone').fill('not a number');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText(/must be a phone number/).waitFor();
    await page.getByLabel('Phone').fill('+44 20 7946 0000');
    await page.getByLabel('Name').fill('Bob Renamed');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.locator('dd', { hasText: 'Bob Renamed' }).waitFor();
    await page.locator('dd', { hasText: '+44 20 7946 0000' }).waitFor();
    await shot(page, 'portal-profile-360');
    expect(await world.w.bob.get('/api/v1/me')).toMatchObject({
      name: 'Bob Renamed',
      phone: '+44 20 7946 0000',
    });
  });
});
