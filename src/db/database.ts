import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import { startCheckpointer } from './checkpointer.js';
import type { DB } from './schema.js';
import { registerSearchFunctions } from './search-text.js';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<DB>;
/** What repositories take first: the database or a transaction on it. */
export type Executor = Kysely<DB> | Transaction<DB>;

export type Database = {
  db: Db;
  dialect: Dialect;
  /** Connections of a PostgreSQL pool: open, idle, and requests waiting for one. */
  poolStats?(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
};

/** SQLite writes take the write lock at BEGIN, so two processes never deadlock upgrading a read lock. */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly cfg: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(cfg);
  }
  override createDriver() {
    return new ImmediateSqliteDriver(this.cfg);
  }
}

/** better-sqlite3 statements are reusable; Kysely prepares one per query, so keep the hot ones. */
function withStatementCache(sqlite: SQLite.Database, size = 500) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (stmt) {
        cache.delete(sql);
      } else {
        stmt = sqlite.prepare(sql);
        if (cache.size >= size) cache.delete(cache.keys().next().value as string);
      }
      cache.set(sql, stmt);
      return stmt;
    },
  };
}

// PostgreSQL int8 (counts, sequences) fits a JS number for every value we produce.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export type OpenOptions = {
  poolSize?: number;
  /** Where errors of lost PostgreSQL connections go (a restarted server, a dropped connection). */
  onIdleError?: (err: Error) => void;
  /** SQLite: checkpoint the WAL from a background thread (default on). */
  backgroundCheckpoints?: boolean;
};

export function openDatabase(url: string, opts: OpenOptions = {}): Database {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const sqlite = new SQLite(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 10000');
    sqlite.pragma('foreign_keys = ON');
    // WAL + NORMAL survives a killed process; only an OS crash could lose the last commits.
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('cache_size = -65536');
    sqlite.pragma('temp_store = MEMORY');
    registerSearchFunctions(sqlite);
    const background = file !== ':memory:' && opts.backgroundCheckpoints !== false;
    // Checkpoints happen in a background thread; the connection's own threshold is only a fallback.
    if (background) sqlite.pragma('wal_autocheckpoint = 20000');
    const checkpointer = background ? startCheckpointer(path.resolve(file)) : null;
    const db = new Kysely<DB>({
      dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }),
    });
    return {
      db,
      dialect: 'sqlite',
      async close() {
        await checkpointer?.stop();
        await db.destroy();
      },
    };
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    // While the server is unreachable a request fails after this rather than waiting for ever,
    // and keepalives notice a peer that vanished without closing the connection.
    connectionTimeoutMillis: 5000,
    keepAlive: true,
    // No JIT compilation: it suits long analytical queries, and costs this application's short
    // ones 25-30 ms each time a plan's estimate passes jit_above_cost (a search's did, at 1M tickets).
    options: '-c jit=off',
  });
  const lost =
    opts.onIdleError ?? ((err: Error) => process.emitWarning(`PostgreSQL connection: ${err.message}`));
  // Without a listener an idle client's error would crash the process; the pool replaces the client.
  pool.on('error', lost);
  // So would a client's that is in use when the server goes (a restart, pg_terminate_backend): its
  // query fails on its own, the error event needs somewhere to go, and the pool drops the client
  // when it comes back.
  pool.on('connect', (client) => {
    client.on('error', lost);
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => db.destroy(),
  };
}
