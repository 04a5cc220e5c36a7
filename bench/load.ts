// The load generator, run in a child process so that its CPU and memory are not counted as the
// server's: autocannon over real HTTP, one job at a time. Latency percentiles are computed here
// from every 2xx response time (sub-millisecond precision; autocannon's own histogram rounds to ms).

import autocannon from 'autocannon';
import { type MixedJob, runMixed } from './mixed-load.js';
import { pick, randInt, rng, text, vocabulary, ZipfSampler } from './words.js';

export type LoadJob = {
  id: number;
  url: string;
  method: 'GET' | 'POST';
  path: string;
  /** Empty for an anonymous visitor. */
  token: string;
  /** For POST /api/v1/tickets: a fresh random ticket for each request. */
  createIn?: string[];
  /** GETs each connection makes in turn, as one page of the web app does (instead of `path`). */
  paths?: string[];
  connections: number;
  /** Seconds of load; a warm-up job's figures are thrown away. */
  duration: number;
};

export type LoadResult = {
  id: number;
  requests: number;
  reqPerSec: number;
  /** Milliseconds; null when no request completed (NaN does not survive IPC). */
  p50: number | null;
  p99: number | null;
  max: number | null;
  non2xx: number;
  errors: number;
  statusCodes: Record<string, number>;
};

const words = vocabulary();
const zipf = new ZipfSampler(words.length);
const r = rng(7);
const PRIORITIES = ['low', 'normal', 'high', 'urgent'];

function newTicket(departments: string[]) {
  return JSON.stringify({
    subject: text(r, words, zipf, randInt(r, 3, 8)),
    description: text(r, words, zipf, randInt(r, 8, 40)),
    departmentId: pick(r, departments),
    priority: pick(r, PRIORITIES),
  });
}

function percentile(sorted: Float64Array, p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function runLoad(job: LoadJob): Promise<LoadResult> {
  const seconds = job.duration;
  const latencies: number[] = [];
  const departments = job.createIn;
  const opts: autocannon.Options = {
    url: job.url,
    connections: job.connections,
    duration: seconds,
    // A slow scenario queues requests for many seconds under load: count them, do not time them out.
    timeout: 120,
    method: job.method,
    // No token: an anonymous visitor (the help centre).
    headers: {
      ...(job.token ? { authorization: `Bearer ${job.token}` } : {}),
      'content-type': 'application/json',
    },
    requests: job.paths
      ? job.paths.map((path) => ({ method: 'GET' as const, path }))
      : [
          departments
            ? {
                method: 'POST',
                path: job.path,
                setupRequest: (req) => ({ ...req, body: newTicket(departments) }),
              }
            : { method: job.method, path: job.path },
        ],
  };
  return new Promise((resolve, reject) => {
    const instance = autocannon(opts, (err, result) => {
      if (err) return reject(err instanceof Error ? err : new Error(String(err)));
      const sorted = Float64Array.from(latencies).sort();
      const codes: Record<string, number> = {};
      for (const [code, s] of Object.entries(result.statusCodeStats ?? {})) codes[code] = s.count ?? 0;
      const ok = result['2xx'];
      resolve({
        id: job.id,
        requests: ok,
        reqPerSec: ok / seconds,
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        max: sorted.length > 0 ? sorted[sorted.length - 1]! : null,
        non2xx: result.non2xx,
        errors: result.errors,
        statusCodes: codes,
      });
    });
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) latencies.push(ms);
    });
  });
}

if (process.send) {
  process.on('message', (job: LoadJob | MixedJob | 'exit') => {
    if (job === 'exit') process.exit(0);
    const run = 'kind' in job ? runMixed(job) : runLoad(job);
    run.then(
      (result) => process.send!({ ok: true, result }),
      (err: unknown) => process.send!({ ok: false, id: job.id, error: String(err) }),
    );
  });
}
