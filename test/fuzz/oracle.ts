import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import type { Client } from '../client.js';
import type { TestEnv } from '../helpers.js';
import type { Method, Who } from './spec.js';
import { clip } from './values.js';

// The oracle: a request gets no 5xx, a certainly invalid one a 4xx problem+json, and none changes
// a row of any table or a file of the attachment store.

export type Case = {
  who: Who;
  method: Method;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** The request is certainly invalid: only a 4xx is right. Otherwise anything but a 5xx is. */
  mustReject: boolean;
  /** An HTML page's route, whose errors may be HTML. */
  page?: boolean;
  what: string;
  [fc.toStringMethod]: () => string;
};

function describeCase(c: Omit<Case, typeof fc.toStringMethod>): string {
  const body = c.body === undefined ? '(none)' : JSON.stringify(clip(c.body));
  return `[${c.who}] ${c.what}: ${c.method} ${clip(c.url)} headers=${JSON.stringify(c.headers)} body=${body}`;
}

export function mkCase(c: Omit<Case, typeof fc.toStringMethod>): Case {
  return { ...c, [fc.toStringMethod]: () => describeCase(c) };
}

export const JSON_TYPE = { 'content-type': 'application/json' };

/** A hand-written case, for the regressions pinned as examples. */
export function example(
  what: string,
  method: Method,
  url: string,
  body?: string,
  opts: { who?: Who; mustReject?: boolean } = {},
): Case {
  const headers = body === undefined ? {} : JSON_TYPE;
  return mkCase({
    who: opts.who ?? 'admin',
    method,
    url,
    headers,
    body,
    mustReject: opts.mustReject ?? true,
    what,
  });
}

export function createOracle(env: TestEnv) {
  let tables: { schema?: string; name: string }[] = [];
  /**
   * The state after the last checked request. Within a property nothing else writes between two
   * requests, so it is the state before the next one; forget() drops it.
   */
  let lastSnapshot: Map<string, string> | null = null;

  /** Every row of every table; on PostgreSQL in one round trip. */
  async function readTables(): Promise<Map<string, Record<string, unknown>[]>> {
    const db = env.database.db;
    if (tables.length === 0)
      tables = (await db.introspection.getTables()).map((t) => ({ schema: t.schema, name: t.name }));
    const ref = (t: (typeof tables)[number]) => sql.table(t.schema ? `${t.schema}.${t.name}` : t.name);
    if (env.database.dialect === 'postgres') {
      const columns = tables.map(
        (t, i) => sql`(select coalesce(json_agg(r), '[]'::json) from ${ref(t)} r) as ${sql.ref(`t${i}`)}`,
      );
      const { rows } = await sql<
        Record<string, Record<string, unknown>[]>
      >`select ${sql.join(columns)}`.execute(db);
      return new Map(tables.map((t, i) => [t.name, rows[0]?.[`t${i}`] ?? []]));
    }
    const entries = await Promise.all(
      tables.map(async (t) => {
        const { rows } = await sql<Record<string, unknown>>`select * from ${ref(t)}`.execute(db);
        return [t.name, rows] as const;
      }),
    );
    return new Map(entries);
  }

  /** The files of the attachment store, with their sizes. */
  function storedFiles(): string[] {
    const root = path.join(env.app.ctx.config.dataDir, 'attachments');
    if (!existsSync(root)) return [];
    return readdirSync(root, { recursive: true })
      .map(String)
      .filter((f) => statSync(path.join(root, f)).isFile())
      .map((f) => `${f}:${statSync(path.join(root, f)).size}`)
      .sort();
  }

  /** Row count and a hash of the rows of every table, and the files of the attachment store. */
  async function snapshot(): Promise<Map<string, string>> {
    const files = storedFiles();
    const result = new Map<string, string>([
      ['(attachment files)', `${files.length} files, ${files.join(' ')}`],
    ]);
    for (const [table, rows] of await readTables()) {
      // When a session or token was last used is bookkeeping of every signed-in request, not a change.
      const lines = rows.map((r) =>
        JSON.stringify(r, (k, v) =>
          k === 'last_seen_at' || k === 'last_used_at' ? undefined : typeof v === 'bigint' ? String(v) : v,
        ),
      );
      const hash = createHash('sha256').update(lines.sort().join('\n')).digest('hex').slice(0, 16);
      result.set(table, `${rows.length} rows, ${hash}`);
    }
    return result;
  }

  async function check(c: Case, client: Client): Promise<void> {
    const before = lastSnapshot ?? (await snapshot());
    lastSnapshot = null;
    const res: LightMyRequestResponse = await client.request(c.method, c.url, c.body, c.headers);
    const after = await snapshot();
    lastSnapshot = after;

    const wrong: string[] = [];
    const status = res.statusCode;
    if (status >= 500) wrong.push(`answered ${status}`);
    else if (c.mustReject && status < 400) wrong.push(`accepted invalid input with ${status}`);
    const type = String(res.headers['content-type'] ?? '');
    if (status >= 400 && !(c.page && type.startsWith('text/html'))) {
      if (!type.startsWith('application/problem+json')) wrong.push(`Content-Type ${type || '(none)'}`);
      let problem: Record<string, unknown> | null = null;
      try {
        problem = res.json();
      } catch {
        wrong.push('the body is not JSON');
      }
      if (problem) {
        for (const key of ['type', 'title', 'detail', 'code'] as const) {
          if (typeof problem[key] !== 'string')
            wrong.push(`problem.${key} is ${JSON.stringify(problem[key])}`);
        }
        if (problem.status !== status)
          wrong.push(`problem.status ${JSON.stringify(problem.status)} ≠ ${status}`);
      }
    }
    const changed = [...after].filter(([table, v]) => before.get(table) !== v).map(([table]) => table);
    if (changed.length > 0) {
      wrong.push(`changed ${changed.map((t) => `${t} (${before.get(t)} → ${after.get(t)})`).join(', ')}`);
    }
    if (wrong.length > 0) {
      throw new Error(
        `${wrong.join('; ')}\n  request:  ${describeCase(c)}\n  response: ${status} ${type} ${clip(res.body, 600)}`,
      );
    }
  }

  return {
    readTables,
    check,
    forget() {
      lastSnapshot = null;
    },
  };
}
