import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKFLOW_PRESETS } from '../../common/workflow.js';
import { WEB_BUILD_DIR } from '../../src/http/web.js';
import { PRESET_NAMES } from '../../src/workflow/presets/index.js';
import { startTestApp, type TestEnv } from '../helpers.js';
import { ensureWebBuild } from './support.js';

// How the server hands out the web app: no browser needed.

let env: TestEnv;
let script: string;

beforeAll(async () => {
  await ensureWebBuild();
  env = await startTestApp();
  const assets = readdirSync(path.join(WEB_BUILD_DIR, 'assets'));
  const entry = assets.find((f) => /^index-.*\.js$/.test(f));
  if (!entry) throw new Error('no index-*.js in dist/web/assets');
  script = `/assets/${entry}`;
}, 300_000);
afterAll(() => env?.close());

const get = (url: string, headers: Record<string, string> = {}) =>
  env.app.inject({ method: 'GET', url, headers });

describe('the web app as the server serves it', () => {
  it('serves the app at / instead of the placeholder, never cached without revalidation', async () => {
    const res = await get('/', { accept: 'text/html' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('<div id="root"></div>');
    expect(res.body).not.toContain('The server is running');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('answers client-side routes a browser navigates to with the app', async () => {
    for (const url of [
      '/tickets/1042',
      '/agent?sort=number&order=asc',
      '/admin/workflow',
      '/login',
      '/setup?token=x',
    ]) {
      const res = await get(url, { accept: 'text/html,application/xhtml+xml' });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain('<div id="root"></div>');
    }
  });

  it('leaves the API and surveys to the server: a 404 stays problem+json', async () => {
    for (const url of ['/api/v1/nothing-here', '/api/nothing', '/survey']) {
      const res = await get(url, { accept: 'text/html' });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toMatch(/^application\/problem\+json/);
    }
    const json = await get('/agent', { accept: 'application/json' });
    expect(json.statusCode).toBe(404);
    expect(json.json()).toMatchObject({ code: 'not_found' });
  });

  it('serves hashed assets for a year, pre-compressed where the browser accepts it', async () => {
    const br = await get(script, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toMatch(/accept-encoding/i);

    const gz = await get(script, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const plain = await get(script);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(br.rawPayload.length);
  });

  it('answers a missing asset or a path escape with 404, never index.html', async () => {
    const missing = await get('/assets/nope-123.js', { accept: 'text/html' });
    expect(missing.statusCode).toBe(404);
    const traversal = await get('/assets/..%2f..%2fpackage.json', { accept: '*/*' });
    expect([403, 404]).toContain(traversal.statusCode);
    expect(traversal.body).not.toContain('"name": "tessera"');
  });

  it('knows the same workflow presets as the server', () => {
    expect([...WORKFLOW_PRESETS].sort()).toEqual([...PRESET_NAMES].sort());
  });
});
