import net from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSignInCommand } from '../../src/cli/sign-in.js';
import { type Client, loginAdmin } from '../client.js';
import { ADMIN, engine, startTestApp, type TestEnv } from '../helpers.js';
import { startOidcProvider, TEST_CLIENT, type TestProvider } from '../oidc-provider.js';
import {
  ensureWebBuild,
  launchBrowser,
  seriousViolations,
  signInWith,
  skipBrowser,
  skipReason,
  stepShots,
} from './support.js';

// Single sign-on in a real browser against a real OpenID provider (oidc-provider) started here:
// the sign-in page offers the provider's button, the person signs in on the provider's own page
// and lands in Tessera signed in; someone the group mapping does not let in is sent back to the
// sign-in page with the reason in words.

if (skipBrowser) console.warn(skipReason);

let env: TestEnv;
let baseUrl: string;
let idp: TestProvider;
let browser: Browser;
let admin: Client;
const shot = stepShots('sso', engine);

/** A free loopback port: the app's public URL (and so its redirect URI) must be known before it starts. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  if (skipBrowser) return;
  await ensureWebBuild();
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  idp = await startOidcProvider([
    `${baseUrl}/auth/sso/staff/callback`,
    `${baseUrl}/auth/sso/customers/callback`,
  ]);
  env = await startTestApp({ env: { PUBLIC_URL: baseUrl } });
  await env.app.listen({ port, host: '127.0.0.1' });
  admin = await loginAdmin(env.app);
  const support = await admin.expect<{ id: string }>(201, 'POST', '/api/v1/departments', { name: 'Support' });
  await admin.expect(200, 'PUT', '/api/v1/admin/sso/staff', {
    enabled: true,
    label: 'Test IdP',
    issuerUrl: idp.issuer,
    clientId: TEST_CLIENT.id,
    clientSecret: TEST_CLIENT.secret,
    scopes: 'openid email profile groups',
    claim: 'groups',
    mappings: [{ value: 'support', role: 'agent', departmentIds: [support.id] }],
    passwordSignIn: true,
  });
  idp.accounts.set('maya', {
    email: 'maya@example.test',
    emailVerified: true,
    name: 'Maya Lind',
    groups: ['support'],
  });
  idp.accounts.set('guest', {
    email: 'guest@example.test',
    emailVerified: true,
    name: 'A Guest',
    groups: [],
  });
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await env?.close();
  await idp?.close();
});

async function freshPage(): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    baseURL: baseUrl,
    bypassCSP: true,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  page.setDefaultNavigationTimeout(45_000);
  return page;
}

/** From Tessera's sign-in page through the provider's own page, as `login`. */
async function signInThroughProvider(page: Page, login: string, step: string) {
  await page.goto('/');
  await page.waitForURL(/\/login/);
  await page.getByRole('link', { name: 'Sign in with Test IdP' }).click();
  await page.waitForURL((u) => u.href.startsWith(idp.issuer));
  await page.locator('input[name=login]').fill(login);
  await page.locator('input[name=password]').fill('anything');
  await shot(page, `${step}-provider-page`);
  await page.getByRole('button', { name: 'Sign-in' }).click();
}

describe.skipIf(skipBrowser)('single sign-on', () => {
  it('signs a mapped person in through the provider’s own page; they land in the agent workspace', async () => {
    const page = await freshPage();
    await page.goto('/login');
    await page.getByRole('link', { name: 'Sign in with Test IdP' }).waitFor();
    // The password form stays: staff may still use a password.
    await page.getByLabel('Email').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'sign-in-page');

    await signInThroughProvider(page, 'maya', 'maya');
    await page.waitForURL(/\/agent\/?$/);
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).json());
    expect(me).toMatchObject({ email: 'maya@example.test', name: 'Maya Lind', role: 'agent' });
    await shot(page, 'signed-in');
  });

  it('sends someone no group lets in back to the sign-in page with the reason', async () => {
    const page = await freshPage();
    await signInThroughProvider(page, 'guest', 'guest');
    await page.waitForURL(/\/login\?sso_error=no_access/);
    await page.getByText('does not give you access to Tessera').waitFor();
    await shot(page, 'refused');
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).status);
    expect(me).toBe(401);
  });

  it('an administrator sets up the customers’ provider in Admin › Sign-in, and customers sign in with it', async () => {
    const admin = await signInWith(browser, baseUrl, ADMIN, { bypassCSP: true });
    await admin.goto('/admin/sign-in');
    const staff = admin.getByRole('region', { name: 'Single sign-on for staff' });
    await staff.getByText(`${baseUrl}/auth/sso/staff/callback`).waitFor();
    expect(await staff.getByLabel('Claim value').inputValue()).toBe('support');
    expect(await staff.getByLabel('Client secret').inputValue()).toBe('');
    const card = admin.getByRole('region', { name: 'Single sign-on for customers' });
    await card.getByLabel('Provider name').fill('Customer ID');
    await card.getByLabel('Issuer URL').fill(idp.issuer);
    await card.getByLabel('Client ID').fill(TEST_CLIENT.id);
    await card.getByLabel('Client secret').fill(TEST_CLIENT.secret);
    await card.getByLabel('Scopes').fill('openid email profile');
    await card.getByRole('switch', { name: 'Sign in with this provider' }).check();
    expect(await seriousViolations(admin)).toEqual([]);
    await shot(admin, 'admin-sign-in-settings');
    await card.getByRole('button', { name: 'Save' }).click();
    await admin.getByText('Single sign-on for customers: saved').waitFor();
    // The secret box is empty again: the server never sends it back.
    await card.getByPlaceholder('Saved (hidden); type to replace').waitFor();

    idp.accounts.set('noor', {
      email: 'noor@example.test',
      emailVerified: true,
      name: 'Noor Haddad',
      groups: [],
    });
    const page = await freshPage();
    await page.goto('/login');
    await page.getByRole('link', { name: 'Sign in with Customer ID' }).click();
    await page.waitForURL((u) => u.href.startsWith(idp.issuer));
    await page.locator('input[name=login]').fill('noor');
    await page.locator('input[name=password]').fill('anything');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.waitForURL((u) => u.origin === baseUrl && !u.pathname.startsWith('/login'));
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).json());
    expect(me).toMatchObject({ email: 'noor@example.test', role: 'customer' });
    await shot(page, 'customer-signed-in');
  }, 120_000);

  it('shows no password form once neither staff nor customers may use one', async () => {
    for (const audience of ['staff', 'customers']) {
      const {
        audience: _,
        clientSecretSet,
        redirectUri,
        ...saved
      } = await admin.get(`/api/v1/admin/sso/${audience}`);
      await admin.expect(200, 'PUT', `/api/v1/admin/sso/${audience}`, { ...saved, passwordSignIn: false });
    }
    const page = await freshPage();
    await page.goto('/login');
    await page.getByRole('link', { name: 'Sign in with Customer ID' }).waitFor();
    await page.getByRole('link', { name: 'Sign in with Test IdP' }).waitFor();
    expect(await page.getByLabel('Email').count()).toBe(0);
    await shot(page, 'sign-in-without-passwords');

    // The break-glass from the server's command line brings the form back.
    await runSignInCommand(env.app.ctx.config, ['allow-passwords', '--audience', 'staff']);
    await page.reload();
    await page.getByLabel('Email').waitFor();
  });
});
