import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorld, openTicket } from '../client.js';
import { ADMIN, engine, listenTestApp, type TestEnv } from '../helpers.js';
import { startSmtpSink } from '../smtp-sink.js';
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

// Accounts in a real browser, with the mails read from a real SMTP server: an administrator
// invites an agent, who accepts from the mailed link and lands signed in; a customer who forgot
// their password asks for a link, chooses a new password and signs in with it; Account settings
// lists where one is signed in and changes the password.

if (skipBrowser) console.warn(skipReason);

let env: TestEnv & { baseUrl: string };
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let browser: Browser;
const shot = stepShots('accounts', engine);
const pageErrors: string[] = [];

beforeAll(async () => {
  if (skipBrowser) return;
  await ensureWebBuild();
  sink = await startSmtpSink();
  env = await listenTestApp({ env: { SMTP_URL: sink.url } });
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await env?.close();
  await sink?.close();
});

/** Sends what the outbox holds and returns the path and query of the link mailed to `to`. */
async function mailedLink(to: string, page: string): Promise<string> {
  await env.drain();
  const mail = sink.received.filter((m) => m.envelope.to.includes(to)).at(-1);
  const match = new RegExp(`(${page}\\?token=[^\\s"<>]+)`).exec(mail?.mail.text ?? '');
  if (!match?.[1]) throw new Error(`no ${page} link mailed to ${to}`);
  return match[1];
}

async function freshPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ viewport, baseURL: env.baseUrl, bypassCSP: true });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return page;
}

describe.skipIf(skipBrowser)('accounts', () => {
  it('an administrator invites an agent, who accepts from the mail and lands signed in', async () => {
    const admin = await signInWith(browser, env.baseUrl, ADMIN);
    await admin.goto('/admin/users');
    await admin.getByRole('button', { name: 'Invite people' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('Email addresses').fill('Maya Lind <maya@example.test>\nnot an address');
    await dialog.getByText('Line 2: not an address').waitFor();
    await dialog.getByRole('combobox', { name: 'Role' }).click();
    await admin.getByRole('option', { name: 'Agent', exact: true }).click();
    await shot(admin, 'invite-dialog');
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await dialog.getByText('1 invited').waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await admin
      .getByRole('row', { name: /maya@example\.test/ })
      .getByText(/Invited/)
      .waitFor();
    await shot(admin, 'users-invited');

    const page = await freshPage();
    await page.goto(await mailedLink('maya@example.test', '/invite'));
    await page.getByRole('heading', { name: 'Welcome to Tessera' }).waitFor();
    expect(await page.getByLabel('Your name').inputValue()).toBe('Maya Lind');
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator('input[name=password]').fill('password1');
    await page.getByRole('button', { name: 'Accept and sign in' }).click();
    await page.getByText('is one of the most common passwords').waitFor();
    await page.locator('input[name=password]').fill('maya picks a long one');
    await shot(page, 'accept-invitation');
    await page.getByRole('button', { name: 'Accept and sign in' }).click();
    await page.waitForURL(/\/agent\/?$/);
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).json());
    expect(me).toMatchObject({ email: 'maya@example.test', name: 'Maya Lind', role: 'agent' });
    await shot(page, 'signed-in-after-invitation');

    // The link worked once.
    const again = await freshPage();
    await again.goto(await mailedLink('maya@example.test', '/invite'));
    await again.getByText('This link does not work').waitFor();

    // The administrator sees both on the audit trail.
    const trail = await freshPage();
    await trail.goto('/login');
    await trail.getByLabel('Email').fill(ADMIN.email);
    await trail.locator('input[name=password]').fill(ADMIN.password);
    await trail.getByRole('button', { name: 'Sign in' }).click();
    await trail.waitForURL((u) => !u.pathname.startsWith('/login'));
    await trail.goto('/admin/audit');
    const table = trail.getByRole('table', { name: 'Audit trail' });
    await table
      .getByRole('row', { name: /Accepted an invitation/ })
      .getByText('maya@example.test')
      .first()
      .waitFor();
    await table
      .getByRole('row', { name: /Invited/ })
      .getByText(ADMIN.email)
      .first()
      .waitFor();
    expect(await seriousViolations(trail)).toEqual([]);
    await shot(trail, 'audit-trail');
  }, 180_000);

  it('forgot password: a link by mail, a new password, then signing in with it', async () => {
    const admin = await signInWith(browser, env.baseUrl, ADMIN);
    await admin.evaluate(async () => {
      await fetch('/api/v1/users', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          email: 'rui@example.test',
          name: 'Rui Reis',
          role: 'customer',
          password: 'rui old password',
        }),
      });
    });
    const page = await freshPage({ width: 360, height: 780 });
    await page.goto('/login');
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    // The form is another page, loaded on demand: the sign-in page's Email field is there until it is.
    await page.getByRole('heading', { name: 'Forgot password?' }).waitFor();
    await page.getByLabel('Email').fill('rui@example.test');
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByText('Check your mail').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await shot(page, 'forgot-password-sent');

    await page.goto(await mailedLink('rui@example.test', '/reset-password'));
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await page.locator('input[name=password]').fill('rui new password');
    await shot(page, 'reset-password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.waitForURL(/\/login/);
    await page.getByLabel('Email').fill('rui@example.test');
    await page.locator('input[name=password]').fill('rui new password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).json());
    expect(me).toMatchObject({ email: 'rui@example.test' });
  }, 180_000);

  it('Account settings lists where one is signed in, signs out elsewhere and changes the password', async () => {
    const other = await signInWith(browser, env.baseUrl, {
      email: 'rui@example.test',
      password: 'rui new password',
    });
    const page = await signInWith(
      browser,
      env.baseUrl,
      { email: 'rui@example.test', password: 'rui new password' },
      {
        viewport: { width: 360, height: 780 },
        bypassCSP: true,
      },
    );
    await page.goto('/account');
    const sessions = page.getByRole('list', { name: 'Your sessions' });
    await sessions.getByText('This browser').waitFor();
    // The device is read from the browser's user agent, and the row's action fits a phone.
    expect(await sessions.getByText('Chrome on Linux').count()).toBeGreaterThanOrEqual(2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await sessions.getByRole('button', { name: 'Sign out' }).count()).toBeGreaterThanOrEqual(2);
    const signOut = sessions.getByRole('button', { name: 'Sign out' }).first();
    const label = await signOut.evaluate((b) => {
      const span = b.querySelector('.mantine-Button-label');
      return { needs: span?.scrollWidth ?? 0, has: span?.clientWidth ?? 0 };
    });
    expect(label.needs).toBeLessThanOrEqual(label.has);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'account-sessions');
    await page.getByRole('button', { name: 'Sign out everywhere else' }).click();
    await sessions.getByRole('button', { name: 'Sign out' }).first().waitFor({ state: 'detached' });
    expect(await other.evaluate(async () => (await fetch('/api/v1/me')).status)).toBe(401);

    await page.getByLabel('Current password').fill('rui new password');
    await page.getByLabel('New password').fill('rui third password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Password changed').waitFor();
    await shot(page, 'account-password-changed');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('turns on two-factor sign-in with an authenticator app, then signs in with a code', async () => {
    const account = { email: 'rui@example.test', password: 'rui third password' };
    const page = await signInWith(browser, env.baseUrl, account, { bypassCSP: true });
    await page.goto('/account');
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    const secret = (await page.getByTestId('second-factor-secret').innerText()).trim();
    await page.getByRole('img', { name: 'QR code of the authenticator key' }).waitFor();
    await shot(page, 'second-factor-setup');
    // The app's code for now: what the person types from their phone.
    await page.getByLabel('Code from the app').fill(await generate({ secret }));
    await page.getByRole('button', { name: 'Turn on' }).click();
    const codes = page.getByRole('list', { name: 'Recovery codes' });
    await codes.getByRole('listitem').first().waitFor();
    expect(await codes.getByRole('listitem').count()).toBe(10);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'second-factor-recovery-codes');
    await page.getByRole('button', { name: 'I have kept them' }).click();
    await page.getByText('Signing in asks for a code from your app').waitFor();

    const next = await freshPage();
    await next.goto('/login');
    await next.getByLabel('Email').fill(account.email);
    await next.locator('input[name=password]').fill(account.password);
    await next.getByRole('button', { name: 'Sign in' }).click();
    await next.getByRole('heading', { name: 'Two-factor sign-in' }).waitFor();
    await next.getByLabel('Code').fill('000000');
    await next.getByRole('button', { name: 'Verify and sign in' }).click();
    await next.getByText('That code is not right').waitFor();
    // The next step's code (the app's clock may run a little ahead); the one used to turn it on works no more.
    await next.getByLabel('Code').fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
    await shot(next, 'second-factor-sign-in');
    await next.getByRole('button', { name: 'Verify and sign in' }).click();
    await next.waitForURL((u) => !u.pathname.startsWith('/login'));
    const me = await next.evaluate(async () => (await fetch('/api/v1/me')).json());
    expect(me).toMatchObject({ email: account.email });
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('staff required to use a second factor set it up before the workspace; agents invite customers', async () => {
    const w = await makeWorld(env.app);
    await openTicket(w.alice, w.billing.id);
    const agent = { email: (await w.agent.get<{ email: string }>('/api/v1/me')).email, password: w.password };
    const admin = await signInWith(browser, env.baseUrl, ADMIN, { bypassCSP: true });
    // Requiring it of all staff needs the administrator to have one first.
    const { secret } = await w.admin.expect<{ secret: string }>(200, 'POST', '/api/v1/me/second-factor');
    await w.admin.expect(200, 'POST', '/api/v1/me/second-factor/confirm', {
      code: await generate({ secret }),
    });

    await admin.goto('/admin/sign-in');
    await admin.getByRole('radio', { name: /All staff/ }).click();
    await admin.getByText('Account settings saved').first().waitFor();
    await admin.getByRole('switch', { name: 'Agents invite customers' }).click();
    await admin.getByText('Account settings saved').nth(1).waitFor();
    expect(await admin.getByRole('switch', { name: 'Agents invite customers' }).isChecked()).toBe(true);
    expect(await seriousViolations(admin)).toEqual([]);
    await shot(admin, 'sign-in-settings');

    const page = await signInWith(browser, env.baseUrl, agent, { viewport: { width: 360, height: 800 } });
    await page.getByRole('heading', { name: 'Set up two-factor sign-in' }).waitFor();
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    const key = (await page.getByTestId('second-factor-secret').innerText()).trim();
    await shot(page, 'second-factor-required');
    await page.getByLabel('Code from the app').fill(await generate({ secret: key }));
    await page.getByRole('button', { name: 'Turn on' }).click();
    await page.getByRole('button', { name: 'I have kept them' }).click();
    await page.getByRole('heading', { name: 'Set up two-factor sign-in' }).waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('button', { name: 'Invite customers' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invite customers' });
    await dialog.getByLabel('Email addresses').fill('lena@example.test');
    await chooseOption(page, 'Organisation', w.orgA.name as string);
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await dialog.getByText('1 invited').waitFor();
    await shot(page, 'agent-invites-customer');
    expect(await mailedLink('lena@example.test', '/invite')).toMatch(/^\/invite\?token=/);
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
