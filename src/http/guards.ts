import type { FastifyReply, FastifyRequest } from 'fastify';
import { invalid } from '../errors.js';
import { defineMessages, type Message } from '../i18n/index.js';

const SAID = defineMessages({
  unknownParameter: { id: 'error.http.unknown_parameter', defaultMessage: 'unknown parameter' },
  noBody: { id: 'error.http.no_body', defaultMessage: 'this request takes no body' },
  nul: { id: 'error.http.nul', defaultMessage: 'may not contain NUL characters' },
  badKey: { id: 'error.http.bad_key', defaultMessage: '"{key}" is not an accepted key' },
});

// Request checks that hold for every route, before any schema or service sees the request.

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Walks a parsed JSON value: no NUL characters (PostgreSQL cannot store them), no prototype keys. */
type Bad = { path: string; message: Message; values?: Record<string, string> };

function findBadValue(value: unknown, path: string, depth = 0): Bad | null {
  if (typeof value === 'string') return value.includes('\u0000') ? { path, message: SAID.nul } : null;
  // Raw bodies (mail, uploads) are bytes, not JSON: walking a Buffer as an object visits every byte.
  if (value === null || typeof value !== 'object' || depth > 64 || ArrayBuffer.isView(value)) return null;
  for (const [key, v] of Object.entries(value)) {
    if (FORBIDDEN_KEYS.has(key) || key.includes('\u0000'))
      return { path, message: SAID.badKey, values: { key: key.split('\u0000').join('') } };
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
    if (FORBIDDEN_KEYS.has(key)) throw invalid(`querystring.${key}`, SAID.unknownParameter);
  }
  const problem =
    findBadValue(req.query, 'querystring') ??
    findBadValue(req.params, 'params') ??
    findBadValue(req.body, 'body');
  if (problem) throw invalid(problem.path, problem.message, problem.values);
  // By the bytes sent, not the parsed value: a JSON body of `null` is still a body.
  const sentBody =
    Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (sentBody && !req.routeOptions.schema?.body && !req.routeOptions.config.rawBody)
    throw invalid('body', SAID.noBody);
}
