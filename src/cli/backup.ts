import { chmodSync, copyFileSync, existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { Config } from '../config.js';
import { MIGRATION_NAMES } from '../db/migrate.js';
import { sha256 } from '../lib/crypto.js';
import { diskStore } from '../modules/attachments/storage.js';

// A backup is one SQLite file: a consistent copy of the database (VACUUM INTO reads it in one
// transaction, so it finishes under any write load and never holds writers back) with two tables
// of its own: the attachment bytes and what restoring needs to know. One file to keep, to move
// and to check; SQLite itself verifies its structure.

export const BACKUP_USAGE = `  backup <file>                                   copy the SQLite database and every attachment into one
                                                  file, while Tessera serves
  restore <file> [--force]                        check a backup and restore it into the data directory
                                                  (stop Tessera first; --force replaces an existing database)`;

const FORMAT = 'tessera-backup/1';
const BLOBS = 'tessera_backup_blobs';
const META = 'tessera_backup_meta';

export class BackupError extends Error {}

type Meta = {
  format: string;
  createdAt: string;
  migrations: string[];
  attachments: number;
  /** Storage keys whose file was gone when copied: rows deleted while the backup ran. */
  missing: string[];
  /** The installation's secret: its encrypted settings cannot be read without it. */
  secret: string | null;
};

function sqliteFile(config: Config): string {
  if (!config.databaseUrl.startsWith('sqlite:')) {
    throw new BackupError(
      'This installation runs on PostgreSQL: back it up with pg_dump and copy the attachments folder (see README, "Backups").',
    );
  }
  const file = config.databaseUrl.slice('sqlite:'.length);
  if (file === ':memory:') throw new BackupError('An in-memory database cannot be backed up.');
  return path.resolve(file);
}

const attachmentsRoot = (config: Config) => path.join(config.dataDir, 'attachments');

/** Writes a backup of the running installation to `target`; refuses to overwrite a file. */
export async function backup(config: Config, target: string, now = new Date()): Promise<string> {
  const source = sqliteFile(config);
  if (!existsSync(source)) throw new BackupError(`There is no database at ${source}.`);
  const file = path.resolve(target);
  if (existsSync(file)) throw new BackupError(`${file} exists already; choose a new name.`);
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  const db = new SQLite(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    db.prepare('VACUUM INTO ?').run(partial);
  } finally {
    db.close();
  }
  const copy = new SQLite(partial);
  try {
    const store = diskStore(attachmentsRoot(config));
    copy.exec(`CREATE TABLE ${BLOBS} (storage_key TEXT PRIMARY KEY, data BLOB NOT NULL)`);
    copy.exec(`CREATE TABLE ${META} (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
    const keys = copy
      .prepare('SELECT storage_key FROM attachments ORDER BY storage_key')
      .pluck()
      .all() as string[];
    const insert = copy.prepare(`INSERT INTO ${BLOBS} (storage_key, data) VALUES (?, ?)`);
    const missing: string[] = [];
    for (const key of keys) {
      // Files are written before their row, so every row the copy holds had its file; one that is
      // gone now was deleted with its row after the copy was taken.
      const data = await store.get(key).catch(() => null);
      if (data) insert.run(key, data);
      else missing.push(key);
    }
    const meta: Meta = {
      format: FORMAT,
      createdAt: now.toISOString(),
      migrations: copy.prepare('SELECT name FROM kysely_migration ORDER BY name').pluck().all() as string[],
      attachments: keys.length - missing.length,
      missing,
      secret: config.secret,
    };
    copy.prepare(`INSERT INTO ${META} (key, value) VALUES ('meta', ?)`).run(JSON.stringify(meta));
  } finally {
    copy.close();
  }
  // It holds password hashes and the secret: readable by the owner alone, like the data directory.
  chmodSync(partial, 0o600);
  renameSync(partial, file);
  return file;
}

type Checked = { meta: Meta; tickets: number };

/** Opens a backup and checks it whole: SQLite's integrity check, its format and every attachment's hash. */
function check(file: string): Checked {
  if (!existsSync(file)) throw new BackupError(`There is no file at ${file}.`);
  let db: SQLite.Database;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new BackupError(`${file} is not a Tessera backup (${(err as Error).message}).`);
  }
  try {
    let integrity: unknown;
    try {
      integrity = db.pragma('integrity_check', { simple: true });
    } catch (err) {
      throw new BackupError(`${file} is not a Tessera backup (${(err as Error).message}).`);
    }
    if (integrity !== 'ok') throw new BackupError(`${file} is damaged: ${String(integrity)}`);
    const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(META);
    if (!hasMeta) throw new BackupError(`${file} is an SQLite file but not a Tessera backup.`);
    const meta = JSON.parse(
      (db.prepare(`SELECT value FROM ${META} WHERE key = 'meta'`).pluck().get() as string | undefined) ??
        '{}',
    ) as Meta;
    if (meta.format !== FORMAT)
      throw new BackupError(`${file} has an unknown backup format (${meta.format}).`);
    const unknown = meta.migrations.filter((m) => !MIGRATION_NAMES.includes(m));
    if (unknown.length > 0) {
      throw new BackupError(
        `${file} comes from a newer Tessera (its schema has ${unknown.join(', ')}); restore it with that version or later.`,
      );
    }
    const rows = db
      .prepare(`SELECT a.storage_key AS key, a.sha256 AS hash, b.data AS data
                FROM attachments a LEFT JOIN ${BLOBS} b ON b.storage_key = a.storage_key`)
      .iterate() as Iterable<{ key: string; hash: string; data: Buffer | null }>;
    // One attachment in memory at a time: a store can be far larger than memory.
    for (const row of rows) {
      if (!row.data) {
        if (meta.missing.includes(row.key)) continue;
        throw new BackupError(`${file} lacks the bytes of attachment ${row.key}.`);
      }
      if (sha256(row.data.toString('latin1')) !== row.hash) {
        throw new BackupError(`Attachment ${row.key} in ${file} does not match its checksum.`);
      }
    }
    const tickets = db.prepare('SELECT count(*) FROM tickets').pluck().get() as number;
    return { meta, tickets };
  } finally {
    db.close();
  }
}

/**
 * The restored database's encrypted settings need the secret it was written with. A secret kept in
 * the data directory is replaced by the backup's (the old one is kept beside it); one given by
 * TESSERA_SECRET wins, and a difference is reported.
 */
async function restoreSecret(config: Config, secret: string | null): Promise<string> {
  if (!secret || secret === config.secret) return '';
  const file = path.join(config.dataDir, 'secret');
  const fromFile = existsSync(file) && readFileSync(file, 'utf8').trim() === config.secret;
  if (!fromFile) {
    return '\nTESSERA_SECRET differs from the secret the backup was taken with: encrypted settings (mail passwords, sign-in providers) must be entered again, or set TESSERA_SECRET to the old value.';
  }
  copyFileSync(file, `${file}.before-restore-${Date.now()}`);
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return '';
}

/**
 * Restores a checked backup: the attachments into the store, the database into place (the one it
 * replaces, with --force, is kept beside it), and the secret when the data directory has none.
 */
export async function restore(config: Config, source: string, force: boolean): Promise<string> {
  const target = sqliteFile(config);
  const file = path.resolve(source);
  const { meta, tickets } = check(file);
  if (existsSync(target) && !force) {
    throw new BackupError(
      `A database exists at ${target}. Stop Tessera and pass --force to replace it (the old one is kept beside it).`,
    );
  }
  await mkdir(path.dirname(target), { recursive: true });
  const staged = `${target}.restoring`;
  rmSync(staged, { force: true });
  const backupDb = new SQLite(file, { readonly: true });
  try {
    backupDb.prepare('VACUUM INTO ?').run(staged);
  } finally {
    backupDb.close();
  }
  const db = new SQLite(staged);
  try {
    const root = attachmentsRoot(config);
    const store = diskStore(root);
    for (const row of db.prepare(`SELECT storage_key, data FROM ${BLOBS}`).iterate() as Iterable<{
      storage_key: string;
      data: Buffer;
    }>) {
      const present = await store.get(row.storage_key).catch(() => null);
      if (!present) await store.put(row.storage_key, row.data);
    }
    db.exec(`DROP TABLE ${BLOBS}; DROP TABLE ${META};`);
    db.exec('VACUUM');
  } finally {
    db.close();
  }
  if (existsSync(target)) {
    const aside = `${target}.before-restore-${Date.now()}`;
    renameSync(target, aside);
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(target + suffix)) renameSync(target + suffix, aside + suffix);
    }
  }
  renameSync(staged, target);
  const secretNote = await restoreSecret(config, meta.secret);
  const missingNote = meta.missing.length > 0 ? `, ${meta.missing.length} deleted while the backup ran` : '';
  return `Restored ${tickets} tickets and ${meta.attachments} attachments${missingNote} from a backup of ${meta.createdAt} into ${target}.${secretNote}`;
}
