// What the benchmarks share: a fresh database to seed, and child processes to run seeding and load in.

import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

// ---- a fresh database ----

export type FreshDb = { url: string; describe: string; drop(): Promise<void> };

export async function freshDatabase(args: {
  engine: 'sqlite' | 'postgres';
  tickets: number;
  pgUrl: string;
}): Promise<FreshDb> {
  if (args.engine === 'sqlite') {
    const dir = path.resolve('.bench');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `tessera-${args.tickets}.db`);
    const remove = () => {
      for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
    };
    remove();
    return { url: `sqlite:${file}`, describe: file, drop: async () => remove() };
  }
  const name = `tessera_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: args.pgUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(args.pgUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    describe: `${url.host}/${name}`,
    async drop() {
      const c = new pg.Client({ connectionString: args.pgUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

// ---- child processes ----

/** A child process running one of the bench modules, answering each message it is sent. */
export class Child {
  private readonly proc: ChildProcess;
  private waiting: ((msg: { ok: boolean; result?: unknown; error?: string }) => void) | null = null;
  private exited = false;

  constructor(file: string) {
    // A larger young generation: the seeder allocates millions of short-lived strings.
    this.proc = fork(path.join(import.meta.dirname, file), [], {
      stdio: 'inherit',
      execArgv: [...process.execArgv, '--max-semi-space-size=64'],
    });
    this.proc.on('message', (msg: { ok: boolean; result?: unknown; error?: string }) => {
      const w = this.waiting;
      this.waiting = null;
      w?.(msg);
    });
    this.proc.on('exit', (code) => {
      this.exited = true;
      const w = this.waiting;
      this.waiting = null;
      w?.({ ok: false, error: `${file} exited with code ${code}` });
    });
  }

  ask<T>(message: unknown): Promise<T> {
    if (this.exited) return Promise.reject(new Error('child process has exited'));
    return new Promise((resolve, reject) => {
      this.waiting = (msg) => (msg.ok ? resolve(msg.result as T) : reject(new Error(msg.error)));
      this.proc.send(message as object);
    });
  }

  stop() {
    if (!this.exited) this.proc.kill();
  }
}
