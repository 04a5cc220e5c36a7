import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

// Request checks that hold for every route, before any schema or service sees the request.

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Walks a parsed JSON value: no NUL characters (PostgreSQL cannot store them), no prototype keys. */
function findBadValue(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string')
    return value.includes('\u0000') ? `${path}: may not contain NUL characters` : null;
  // Raw bodies (mail, uploads) are bytes, not JSON: walking a Buffer as an object visits every byte.
  if (value === null || typeof value !== 'object' || depth > 64 || ArrayBuffer.isView(value)) return null;
  for (const [key, v] of Object.entries(value)) {
    if (FORBIDDEN_KEYS.has(key) || key.includes('\u0000'))
      return `${path}: "${key.split('\u0000').join('')}" is not an accepted key`;
    const found = findBadValue(v, `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return null;
}

const rawKeys = (url: string) => [
  ...new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?') + 1) : '').keys(),
];

/**
 * - query strings, path parameters and JSON bodies never carry NUL or prototype keys;
 * - a route that declares no body refuses one, so a stray payload is never silently ignored.
 */
export async function requestGuards(req: FastifyRequest, _reply: FastifyReply) {
  for (const key of rawKeys(req.url)) {
    if (FORBIDDEN_KEYS.has(key)) throw new AppError('validation', `querystring.${key}: unknown parameter`);
  }
  const problem =
    findBadValue(req.query, 'querystring') ??
    findBadValue(req.params, 'params') ??
    findBadValue(req.body, 'body');
  if (problem)
    throw new AppError('validation', problem, [{ path: problem.split(':')[0] ?? 'body', message: problem }]);
  // By the bytes sent, not the parsed value: a JSON body of `null` is still a body.
  const sentBody =
    Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (sentBody && !req.routeOptions.schema?.body && !req.routeOptions.config.rawBody)
    throw new AppError('validation', 'body: this request takes no body', [
      { path: 'body', message: 'this request takes no body' },
    ]);
}
