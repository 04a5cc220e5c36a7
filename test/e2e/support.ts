import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { hasWebBuild, WEB_BUILD_DIR } from '../../src/http/web.js';
import { type Client, makeWorld } from '../client.js';
import { ADMIN, listenTestApp, type TestEnv } from '../helpers.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM_PATH);

/**
 * Browser tests skip only on a developer machine without Debian's Chromium; under CI=true they
 * run, and fail loudly if the browser is missing (.ci/run installs it).
 */
export const skipBrowser = !hasChromium && process.env.CI !== 'true';
export const skipReason = `end-to-end browser tests skipped: ${CHROMIUM_PATH} is missing (apt-get install -y chromium); CI=true runs them`;

const ROOT = path.resolve(WEB_BUILD_DIR, '../..');

/**
 * The web app must be built before the server starts (it serves dist/web). `npm install` builds
 * it; when a developer has not, the first test file builds it, and others wait for that build.
 */
export async function ensureWebBuild(): Promise<void> {
  if (hasWebBuild()) return;
  const lock = path.join(ROOT, 'dist', '.web-build.lock');
  mkdirSync(path.dirname(lock), { recursive: true });
  let mine = false;
  try {
    mkdirSync(lock);
    mine = true;
  } catch {
    // Another test file is building it.
  }
  if (mine) {
    try {
      execFileSync(
        process.execPath,
        [
          path.join(ROOT, 'node_modules/vite/bin/vite.js'),
          'build',
          '--config',
          'web/vite.config.ts',
          '--logLevel',
          'error',
        ],
        {
          cwd: ROOT,
          stdio: 'inherit',
        },
      );
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
    return;
  }
  for (let i = 0; i < 600 && !hasWebBuild(); i++) await sleep(500);
  if (!hasWebBuild()) throw new Error('the web app was not built (npm run build:web)');
}

/** Debian's Chromium, headless, with no network chatter; Playwright gives it a fresh profile. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}

const RESULTS = path.join(ROOT, 'test-results');

/**
 * Saves a full-page screenshot of a step under test-results/<suite>-<engine>/, numbered in the
 * order the steps ran, so a reader can follow what the browser saw.
 */
export function stepShots(suite: string, engine: string) {
  const dir = path.join(RESULTS, `${suite}-${engine}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let n = 0;
  return async (page: Page, step: string) => {
    n++;
    const file = path.join(dir, `${String(n).padStart(2, '0')}-${step}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return file;
  };
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export type AxeViolation = { id: string; impact: string | null; help: string; targets: string[] };

/**
 * Runs axe-core (WCAG 2.0–2.2 A and AA rules plus best practices) on the page as it is and
 * returns the serious and critical violations. The page's context must bypass the app's CSP,
 * which rightly forbids the injected script.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const results = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected above, untyped in the page.
    const axe = (window as any).axe;
    const r = await axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
      resultTypes: ['violations'],
    });
    return r.violations.map(
      (v: {
        id: string;
        impact: string | null;
        help: string;
        nodes: { target: string[]; failureSummary?: string }[];
      }) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
      }),
    );
  });
  return (results as AxeViolation[]).filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * A fresh browser profile (its own cookies), signed in through the sign-in page. `bypassCSP`
 * only so axe-core can be injected; `onSignInPage` gets the sign-in page before the form is filled.
 */
export async function signInWith(
  browser: Browser,
  baseURL: string,
  account: { email: string; password: string },
  opts: {
    viewport?: { width: number; height: number };
    bypassCSP?: boolean;
    onSignInPage?: (page: Page) => Promise<void>;
  } = {},
): Promise<Page> {
  const context = await browser.newContext({
    viewport: opts.viewport ?? { width: 1280, height: 900 },
    baseURL,
    bypassCSP: opts.bypassCSP ?? false,
  });
  const page = await context.newPage();
  // Generous: CI runs these beside the rest of the suite on two cores.
  page.setDefaultTimeout(30_000);
  page.setDefaultNavigationTimeout(45_000);
  await page.goto('/');
  await page.waitForURL(/\/login/);
  await page.getByLabel('Email').waitFor();
  await opts.onSignInPage?.(page);
  await page.getByLabel('Email').fill(account.email);
  await page.locator('input[name=password]').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return page;
}

/** Picks `option` in the Mantine select labelled `label`. */
export async function chooseOption(page: Page, label: string, option: string | RegExp) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

type Viewport = { width: number; height: number };

/**
 * The frame most browser tests share. Before all: the web build, a listening app (`app` as for
 * listenTestApp) with the world of test people, and a browser. `signIn(client)` gives a page
 * signed in as that person in a profile of its own. After all, every profile, the browser and the
 * app close. Its fields are set once the tests run.
 */
export function browserWorld(app: Parameters<typeof listenTestApp>[0] = {}) {
  const contexts: BrowserContext[] = [];
  const world = {
    env: undefined as unknown as TestEnv & { baseUrl: string },
    w: undefined as unknown as Awaited<ReturnType<typeof makeWorld>>,
    browser: undefined as unknown as Browser,
    async signIn(client: Client, viewport?: Viewport): Promise<Page> {
      const password = client === world.w.admin ? ADMIN.password : world.w.password;
      const account = { email: String(client.user?.email), password };
      const page = await signInWith(world.browser, world.env.baseUrl, account, {
        viewport,
        bypassCSP: true,
      });
      contexts.push(page.context());
      return page;
    },
  };
  beforeAll(async () => {
    if (skipBrowser) return;
    await ensureWebBuild();
    world.env = await listenTestApp(app);
    world.w = await makeWorld(world.env.app);
    world.browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await world.browser?.close();
    await world.env?.close();
  });
  return world;
}
