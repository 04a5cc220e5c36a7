// A mixed workload that models a team, to answer "how many agents does one box serve?": N agents
// each load the queue every 10 s, open a ticket (ticket, messages, events) and answer half the time;
// each keeps a live-update stream open. Customers open tickets and reply, and mail comes in, at a
// steady rate per agent. The driver raises N until some request type's p99 passes 100 ms.
//
// This file is the load, run in the loader child process (load.ts hands `mixed` jobs here) so its
// CPU is not counted as the server's; mixed.ts prepares the identities and drives the steps.

import { randInt, rng, text, vocabulary, ZipfSampler } from './words.js';

export const MIXED_P99_LIMIT_MS = 100;
const TYPES = ['queue', 'ticket', 'messages', 'events', 'reply', 'create', 'customer-reply', 'mail'] as const;
type RequestType = (typeof TYPES)[number];

export type MixedJob = {
  kind: 'mixed';
  id: number;
  url: string;
  agents: number;
  duration: number;
  /** Staff identities the simulated agents take in turn, with tickets each may open. */
  staff: { token: string; tickets: number[] }[];
  /** Customers with tickets of their own to reply on. */
  customers: { token: string; tickets: number[] }[];
  departments: string[];
  mail: { token: string; to: string; from: string[] };
};

export type MixedResult = {
  id: number;
  agents: number;
  /** Per request type: count, failures, p99 in ms. */
  types: Record<string, { n: number; failed: number; p99: number | null }>;
  streams: { opened: number; failed: number };
};

// ---- the load (child side) ----

const words = vocabulary();
const zipf = new ZipfSampler(words.length);
const r = rng(11);
const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runMixed(job: MixedJob): Promise<MixedResult> {
  const times = new Map<RequestType, number[]>(TYPES.map((t) => [t, []]));
  const failed = new Map<RequestType, number>(TYPES.map((t) => [t, 0]));
  const end = Date.now() + job.duration * 1000;
  const call = async (type: RequestType, token: string, path: string, body?: unknown, raw?: string) => {
    const started = performance.now();
    try {
      const res = await fetch(job.url + path, {
        method: body === undefined && raw === undefined ? 'GET' : 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': raw === undefined ? 'application/json' : 'message/rfc822',
        },
        body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
      });
      await res.arrayBuffer();
      if (res.status >= 400) failed.set(type, failed.get(type)! + 1);
      else times.get(type)!.push(performance.now() - started);
    } catch {
      failed.set(type, failed.get(type)! + 1);
    }
  };
  const words8 = () => text(r, words, zipf, randInt(r, 8, 30));

  const streams = { opened: 0, failed: 0 };
  const closers: AbortController[] = [];
  const agent = async (i: number) => {
    const me = job.staff[i % job.staff.length]!;
    const stop = new AbortController();
    closers.push(stop);
    fetch(`${job.url}/api/v1/stream`, {
      headers: { authorization: `Bearer ${me.token}`, accept: 'text/event-stream' },
      signal: stop.signal,
    }).then(
      async (res) => {
        if (res.status !== 200) return void streams.failed++;
        streams.opened++;
        const reader = res.body?.getReader();
        // Read and drop what the server pushes until the stream is closed (or aborted at the end).
        try {
          while (reader && !(await reader.read()).done) {}
        } catch {
          if (!stop.signal.aborted) streams.failed++;
        }
      },
      () => {
        if (!stop.signal.aborted) streams.failed++;
      },
    );
    // Spread over the first cycle, as a team does not click in step.
    await sleep(r() * 10_000);
    while (Date.now() < end) {
      const cycle = Date.now();
      await call('queue', me.token, '/api/v1/tickets?limit=50');
      const n = pick(me.tickets);
      await Promise.all([
        call('ticket', me.token, `/api/v1/tickets/${n}`),
        call('messages', me.token, `/api/v1/tickets/${n}/messages`),
        call('events', me.token, `/api/v1/tickets/${n}/events`),
      ]);
      if (r() < 0.5) await call('reply', me.token, `/api/v1/tickets/${n}/messages`, { body: words8() });
      await sleep(Math.max(0, 10_000 - (Date.now() - cycle)));
    }
  };
  // Per agent and minute: a new ticket and a reply from customers, and one mail.
  const steady = async (every: number, act: () => Promise<void>) => {
    await sleep(r() * every);
    while (Date.now() < end) {
      const t = Date.now();
      await act();
      await sleep(Math.max(0, every - (Date.now() - t)));
    }
  };
  const perMinute = 60_000 / job.agents;
  const customer = () => pick(job.customers);
  let mailSeq = 0;
  await Promise.all([
    ...Array.from({ length: job.agents }, (_, i) => agent(i)),
    steady(perMinute, () =>
      call('create', customer().token, '/api/v1/tickets', {
        subject: text(r, words, zipf, randInt(r, 3, 8)),
        description: words8(),
        departmentId: pick(job.departments),
      }),
    ),
    steady(perMinute, async () => {
      const c = customer();
      await call('customer-reply', c.token, `/api/v1/tickets/${pick(c.tickets)}/messages`, {
        body: words8(),
      });
    }),
    steady(perMinute, () =>
      call(
        'mail',
        job.mail.token,
        '/api/v1/inbound/email',
        undefined,
        [
          `From: ${pick(job.mail.from)}`,
          `To: ${job.mail.to}`,
          `Subject: ${text(r, words, zipf, 5)}`,
          `Message-ID: <mixed-${job.id}-${++mailSeq}-${Date.now()}@bench.test>`,
          `Date: ${new Date().toUTCString()}`,
          'Content-Type: text/plain; charset=utf-8',
          '',
          words8(),
          '',
        ].join('\r\n'),
      ),
    ),
  ]);
  for (const c of closers) c.abort();
  const types: MixedResult['types'] = {};
  for (const type of TYPES) {
    const sorted = Float64Array.from(times.get(type)!).sort();
    types[type] = {
      n: sorted.length,
      failed: failed.get(type)!,
      p99: sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(0.99 * sorted.length) - 1)]! : null,
    };
  }
  return { id: job.id, agents: job.agents, types, streams };
}
