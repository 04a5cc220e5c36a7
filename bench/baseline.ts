// The limit of this machine for a JSON API: bare Fastify (no database, no session, no plugins)
// answering a schema-checked POST with 201, loaded exactly as Tessera's scenarios are. Every
// scenario's rate is printed as a share of it, so runs on different days and machines compare.

import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import type { Child } from './common.js';
import type { LoadJob, LoadResult } from './load.js';

const body = {
  type: 'object',
  required: ['subject', 'description', 'departmentId'],
  additionalProperties: false,
  properties: {
    subject: { type: 'string', minLength: 1, maxLength: 200 },
    description: { type: 'string', minLength: 1, maxLength: 20_000 },
    departmentId: { type: 'string', minLength: 1 },
    priority: { type: 'string', enum: ['low', 'normal', 'high', 'urgent'] },
  },
} as const;

const reply = {
  type: 'object',
  properties: { id: { type: 'string' }, subject: { type: 'string' } },
} as const;

/** Bare Fastify's rate for a ticket-shaped POST, with the loader and settings a scenario gets. */
export async function measureBare(
  loader: Child,
  opts: { connections: number; duration: number; warmup: number },
): Promise<LoadResult> {
  const app = Fastify({ logger: false });
  let n = 0;
  app.post('/bare', { schema: { body, response: { 201: reply } } }, async (req, res) => {
    res.code(201);
    return { id: String(++n), subject: (req.body as { subject: string }).subject };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const job = (id: number, duration: number): LoadJob => ({
      id,
      url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
      method: 'POST',
      path: '/bare',
      token: 'none',
      createIn: ['a-department'],
      connections: opts.connections,
      duration,
    });
    if (opts.warmup > 0) await loader.ask<LoadResult>(job(-2, opts.warmup));
    return await loader.ask<LoadResult>(job(-1, opts.duration));
  } finally {
    await app.close();
  }
}
