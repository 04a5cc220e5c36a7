// A real osTicket 1.18 database for the osTicket import's tests: the dump kept beside the project
// (../shared/fixtures/osticket) loaded into a fresh scratch database on the local MariaDB.

import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const OSTICKET_FIXTURES = path.resolve(ROOT, '../shared/fixtures/osticket');
export const OSTICKET_DUMP = path.join(OSTICKET_FIXTURES, 'osticket-1.18.sql');

/** The MariaDB server the tests use: TEST_MARIADB_URL, else root without a password on 127.0.0.1:3306. */
export const MARIADB_URL = process.env.TEST_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306';

export type OsTicketDb = {
  /** mysql://… URL of the scratch database, for openOsTicket. */
  url: string;
  database: string;
  /** A connection to the scratch database, to change it as osTicket would. */
  sql: mysql.Connection;
  drop(): Promise<void>;
};

function server() {
  const u = new URL(MARIADB_URL);
  return {
    host: u.hostname || '127.0.0.1',
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username) || 'root',
    password: decodeURIComponent(u.password),
  };
}

/**
 * Whether MariaDB answers. Where it does not, the tests are skipped on a developer machine and fail
 * in CI (CI=true), which must run them.
 */
export async function mariadbAvailable(): Promise<boolean> {
  try {
    const c = await mysql.createConnection({ ...server(), connectTimeout: 3000 });
    await c.end();
    return true;
  } catch (err) {
    if (process.env.CI === 'true') {
      throw new Error(
        `MariaDB is not answering at ${server().host}:${server().port} (${(err as Error).message}); ` +
          'CI needs it for the osTicket import tests (.ci/run starts it)',
      );
    }
    return false;
  }
}

function clientBinary(): string {
  for (const name of ['mariadb', 'mysql']) {
    if (spawnSync(name, ['--version'], { stdio: 'ignore' }).status === 0) return name;
  }
  throw new Error('neither the mariadb nor the mysql client is installed (apt-get install mariadb-client)');
}

/** Loads the osTicket dump into a new database osticket_<random> with one client process. */
export async function loadOsTicketFixture(): Promise<OsTicketDb> {
  if (!existsSync(OSTICKET_DUMP)) throw new Error(`osTicket fixture not found at ${OSTICKET_DUMP}`);
  const s = server();
  const database = `osticket_${randomBytes(5).toString('hex')}`;
  const admin = await mysql.createConnection(s);
  await admin.query(`create database \`${database}\` character set utf8mb4`);
  await admin.end();
  const binary = clientBinary();
  // The dump's first line is MariaDB's sandbox marker, which MySQL's client refuses: drop it there.
  const mariadbClient =
    binary === 'mariadb' || /MariaDB/i.test(spawnSync(binary, ['--version']).stdout.toString());
  const input = mariadbClient ? openSync(OSTICKET_DUMP, 'r') : 'pipe';
  const child = spawn(
    binary,
    ['--protocol=TCP', '-h', s.host, '-P', String(s.port), '-u', s.user, database],
    {
      stdio: [input, 'ignore', 'pipe'],
      env: { ...process.env, MYSQL_PWD: s.password },
    },
  );
  if (!mariadbClient) {
    const text = readFileSync(OSTICKET_DUMP, 'utf8');
    child.stdin?.end(text.startsWith('/*M!') ? text.slice(text.indexOf('\n') + 1) : text);
  }
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (typeof input === 'number') closeSync(input);
  const drop = async () => {
    const c = await mysql.createConnection(s);
    await c.query(`drop database if exists \`${database}\``);
    await c.end();
  };
  if (code !== 0) {
    await drop();
    throw new Error(`loading ${OSTICKET_DUMP} failed (${binary} exited ${code}): ${stderr.trim()}`);
  }
  const sql = await mysql.createConnection({
    ...s,
    database,
    charset: 'UTF8MB4_GENERAL_CI',
    dateStrings: true,
  });
  const url = new URL(MARIADB_URL);
  url.pathname = `/${database}`;
  return {
    url: url.toString(),
    database,
    sql,
    async drop() {
      await sql.end().catch(() => {});
      await drop();
    },
  };
}
