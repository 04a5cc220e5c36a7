import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, isWeakSecret, loadConfig } from './config.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'tessera-config-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig({ TESSERA_DATA_DIR: dataDir, ...env });
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
};

describe('TESSERA_SECRET', () => {
  it.each([
    'changeme',
    'secret',
    'password',
    'tessera',
    'short-but-random-7Qz!',
    'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    'abababababababababababababababababababab',
    'changemechangemechangemechangemechangeme',
    'passwordpasswordpasswordpassword1',
    'Password123!Password123!Password123!',
  ])('%s is refused in every mode', (secret) => {
    expect(isWeakSecret(secret)).toBe(true);
    for (const NODE_ENV of ['development', 'test', 'production']) {
      expect(problemsOf({ NODE_ENV, TESSERA_SECRET: secret })).toEqual([
        expect.stringMatching(/^TESSERA_SECRET: too weak/),
      ]);
    }
  });

  it('a random secret is taken, and without one a strong one is generated and kept', () => {
    const given = 'k3J9-xq2LmN8vR4tW7yZ0bC5dF1gH6jP';
    expect(loadConfig({ TESSERA_DATA_DIR: dataDir, TESSERA_SECRET: given }).secret).toBe(given);
    const generated = loadConfig({ TESSERA_DATA_DIR: dataDir, NODE_ENV: 'production' }).secret;
    expect(isWeakSecret(generated)).toBe(false);
    expect(readFileSync(path.join(dataDir, 'secret'), 'utf8').trim()).toBe(generated);
    expect(loadConfig({ TESSERA_DATA_DIR: dataDir }).secret).toBe(generated);
  });
});

describe('TESSERA_OUTBOUND_ALLOW', () => {
  it('is empty by default and names an entry it cannot read', () => {
    const config = loadConfig({ TESSERA_DATA_DIR: dataDir });
    expect(config.outbound.hosts.size + config.outbound.ranges.length).toBe(0);
    expect(problemsOf({ TESSERA_OUTBOUND_ALLOW: '10.0.0.0/8, 300.1.1.1/99' })).toEqual([
      expect.stringMatching(/^TESSERA_OUTBOUND_ALLOW: 300\.1\.1\.1\/99 is not/),
    ]);
  });
});
