import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Browser, chromium } from 'playwright-core';
import { hasWebBuild, WEB_BUILD_DIR } from '../../src/http/web.js';

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

/** A scratch folder for screenshots a failing test leaves behind. */
export const artefactDir = () => mkdtempSync(path.join(tmpdir(), 'tessera-e2e-'));
