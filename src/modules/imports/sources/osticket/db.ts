// The connection to an osTicket database and its time stamps. osTicket keeps every time as a
// DATETIME wall clock in "the database's time zone": it connects with `TIME_ZONE='SYSTEM'`, so what
// SQL's NOW() writes is the server's zone, and it interprets those values through the config
// setting `db_timezone` (core namespace), which it sets once from the server's zone
// (`@@global.time_zone`, or `@@system_time_zone` when that is SYSTEM; `GMT` read as Europe/London).
// We do the same: `db_timezone` when the installation has it, else the server's zone.
import { TZDate } from '@date-fns/tz';
import mysql from 'mysql2/promise';

export type OstDb = {
  /** "osticket:<host>:<port>/<database>" */
  name: string;
  /** A table name with the installation's prefix, quoted for SQL. */
  t(table: string): string;
  rows<T>(sql: string, values?: unknown[]): Promise<T[]>;
  /** A DATETIME of the database (wall clock in its zone) as ISO 8601 UTC; null for empty/zero dates. */
  iso(wall: string | null | undefined): string | null;
  /** An ISO time as the database's wall clock, to compare with its DATETIME columns. */
  wall(iso: string): string;
  zone: string;
  close(): Promise<void>;
};

export type OpenOptions = { url: string; prefix?: string };

export async function connectOsTicket(options: OpenOptions): Promise<OstDb> {
  const prefix = options.prefix ?? 'ost_';
  if (!/^[A-Za-z0-9_]*$/.test(prefix)) throw new Error(`osTicket table prefix "${prefix}" is not valid`);
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw new Error('osTicket database URL is not valid (expected mysql://user:password@host:3306/database)');
  }
  if (url.protocol !== 'mysql:' && url.protocol !== 'mariadb:') {
    throw new Error(`osTicket database URL must start with mysql:// or mariadb://, not ${url.protocol}//`);
  }
  const host = url.hostname || '127.0.0.1';
  const port = Number(url.port || 3306);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  const password = decodeURIComponent(url.password);
  const where = `${host}:${port}/${database}`;
  if (!database)
    throw new Error('osTicket database URL names no database (mysql://user:password@host/database)');
  // Whatever the driver says, the password never appears in what we pass on.
  const scrub = (message: string) => (password ? message.split(password).join('***') : message);

  const pool = mysql.createPool({
    host,
    port,
    user: decodeURIComponent(url.username) || 'root',
    password,
    database,
    // The tables are utf8mb3; a utf8mb4 connection hands every character over intact.
    charset: 'UTF8MB4_GENERAL_CI',
    // Wall clocks as text: we convert them ourselves with the installation's zone (see above).
    dateStrings: true,
    connectionLimit: 4,
    connectTimeout: 10_000,
  });
  const rows = async <T>(sql: string, values: unknown[] = []): Promise<T[]> => {
    const [result] = await pool.query(sql, values);
    return result as T[];
  };
  const t = (table: string) => `\`${prefix}${table}\``;

  try {
    try {
      await rows('select 1');
    } catch (err) {
      throw new Error(`Cannot connect to the osTicket database at ${where}: ${scrub(errorText(err))}`);
    }
    let signature: { value: string }[];
    try {
      signature = await rows<{ value: string }>(
        `select value from ${t('config')} where namespace = 'core' and \`key\` = 'schema_signature'`,
      );
    } catch (err) {
      if ((err as { code?: string }).code === 'ER_NO_SUCH_TABLE') {
        throw new Error(
          `${where} is not an osTicket database: it has no ${prefix}config table (is the table prefix "${prefix}" right?)`,
        );
      }
      throw new Error(`Cannot read the osTicket configuration at ${where}: ${scrub(errorText(err))}`);
    }
    if (!signature[0]?.value) {
      throw new Error(`${where} is not an osTicket database: ${prefix}config has no schema_signature`);
    }
    const zone = await databaseZone(rows, t);
    return {
      name: `osticket:${host}:${port}/${database}`,
      t,
      rows,
      zone,
      iso: (wall) => wallToIso(wall, zone),
      wall: (iso) => isoToWall(iso, zone),
      close: () => pool.end(),
    };
  } catch (err) {
    await pool.end().catch(() => {});
    throw err;
  }
}

function errorText(err: unknown): string {
  const e = err as { message?: string; code?: string };
  return e.message || e.code || String(err);
}

type Rows = <T>(sql: string, values?: unknown[]) => Promise<T[]>;

async function databaseZone(rows: Rows, t: (table: string) => string): Promise<string> {
  const configured = await rows<{ value: string }>(
    `select value from ${t('config')} where namespace = 'core' and \`key\` = 'db_timezone'`,
  );
  let zone = configured[0]?.value?.trim() ?? '';
  if (!zone) {
    const [server] = await rows<{ global: string; system: string }>(
      'select @@global.time_zone as global, @@system_time_zone as system',
    );
    zone = server?.global === 'SYSTEM' ? (server?.system ?? '') : (server?.global ?? '');
  }
  if (zone === 'GMT') return 'Europe/London';
  if (/^(UTC|Z|\+00:00)$/i.test(zone)) return 'UTC';
  if (isUsableZone(zone)) return zone;
  // An abbreviation such as "CET" that is no IANA name: the server's offset now is the best there
  // is (off by an hour for the other half of the year in a zone with summer time).
  const [now] = await rows<{ minutes: number }>(
    'select timestampdiff(minute, utc_timestamp(), now()) as minutes',
  );
  return offsetZone(Number(now?.minutes ?? 0));
}

function isUsableZone(zone: string): boolean {
  return zone !== '' && !Number.isNaN(new TZDate(2026, 0, 1, 0, 0, 0, zone).getTime());
}

function offsetZone(minutes: number): string {
  const abs = Math.abs(minutes);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/;

export function wallToIso(wall: string | null | undefined, zone: string): string | null {
  const m = wall ? WALL.exec(wall) : null;
  if (!m || m[1] === '0000' || m[2] === '00') return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms =
    zone === 'UTC' ? Date.UTC(y, mo - 1, d, h, mi, s) : new TZDate(y, mo - 1, d, h, mi, s, zone).getTime();
  return new Date(ms).toISOString();
}

export function isoToWall(iso: string, zone: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`"${iso}" is not a time`);
  const d = new TZDate(ms, zone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
