import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Participants } from '../../common/participants.js';
import { openTicket } from '../client.js';
import { browserWorld, seriousViolations, skipBrowser, skipReason } from './support.js';

// The people on a ticket in the browser: an agent follows and unfollows it, and edits its CC list;
// the customer sees who is on CC in the portal.

if (skipBrowser) console.warn(skipReason);

let page: Page;

const world = browserWorld();

describe.skipIf(skipBrowser)('followers and CC, in the browser', () => {
  it('follows, edits the CC list, unfollows; the customer sees the CC list', async () => {
    const t = await openTicket(world.w.alice, world.w.billing.id, { subject: 'Copy my accountant' });
    const participants = () => world.w.agent.get<Participants>(`/api/v1/tickets/${t.number}/participants`);
    // CSP bypassed only so axe can be injected
    page = await world.signIn(world.w.agent);
    await page.goto(`/agent/tickets/${t.number}`);

    await page.getByRole('button', { name: 'Follow', exact: true }).click();
    await page.getByRole('button', { name: 'Unfollow' }).waitFor();
    await page.getByTestId('followers').getByText(String(world.w.agent.user?.name)).waitFor();
    expect((await participants()).following).toBe(true);

    const input = page.getByRole('textbox', { name: 'Add to CC' });
    await input.fill('accountant@outside.test');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('button', { name: 'Remove accountant@outside.test from CC' }).waitFor();
    await input.fill('auditor@outside.test');
    await input.press('Enter');
    await page.getByRole('button', { name: 'Remove auditor@outside.test from CC' }).waitFor();
    expect((await participants()).cc.map((c) => c.address)).toEqual([
      'accountant@outside.test',
      'auditor@outside.test',
    ]);

    await page.getByRole('button', { name: 'Remove accountant@outside.test from CC' }).click();
    await page
      .getByRole('button', { name: 'Remove accountant@outside.test from CC' })
      .waitFor({ state: 'detached' });
    expect((await participants()).cc.map((c) => c.address)).toEqual(['auditor@outside.test']);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Unfollow' }).click();
    await page.getByRole('button', { name: 'Follow', exact: true }).waitFor();
    expect((await participants()).following).toBe(false);

    const portal = await world.signIn(world.w.alice);
    await portal.goto(`/tickets/${t.number}`);
    await portal.getByTestId('portal-cc').getByText('auditor@outside.test').waitFor();
    await portal.context().close();
  });
});
