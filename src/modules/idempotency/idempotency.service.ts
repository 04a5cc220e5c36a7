import { createHash } from 'node:crypto';
import type { ActorCtx, Ctx } from '../../context.js';
import { nowIso } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { refusal } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import {
  completeKey,
  deleteKeysBefore,
  findKey,
  type IdempotencyRow,
  insertRunningKey,
  releaseKey,
  retakeKey,
  storeAnswer,
} from './idempotency.repository.js';

const SAID = defineMessages({
  reused: {
    id: 'error.idempotency.reused',
    defaultMessage:
      'This Idempotency-Key was used with a different request; send a new key for a new request',
  },
  running: {
    id: 'error.idempotency.running',
    defaultMessage: 'A request with this Idempotency-Key is still running; retry in a moment',
  },
  badKey: {
    id: 'error.idempotency.bad_key',
    defaultMessage: 'Idempotency-Key: must be one value of 1 to 255 printable ASCII characters',
  },
  badKeyField: {
    id: 'error.idempotency.bad_key_field',
    defaultMessage: 'must be 1 to 255 printable ASCII characters',
  },
});

/** How long a key and its answer are kept. */
export const KEY_TTL_MS = 24 * 3600 * 1000;
/** A request still `running` after this long died (a crash, a kill): a retry may take its key over. */
const STALE_RUNNING_MS = 2 * 60 * 1000;
const KEY_FORMAT = /^[\x20-\x7e]{1,255}$/;

/** Records in the creation's transaction that the key's request created `resource` (`ticket:42`). */
export type Within = (trx: Executor, resource: string) => Promise<void>;

export type Idempotent<T> = { status: number; body: T; replayed: boolean };

type Request = {
  /** The Idempotency-Key header as received; none runs the creation plainly. */
  key: string | string[] | undefined;
  operation: string;
  /** What makes two requests the same: the path parameters and the body. */
  fingerprint: unknown;
  status: number;
};

/**
 * Runs a creation at most once per caller and Idempotency-Key: the first request runs `create`,
 * which calls `within` in its own transaction, so a committed creation always has its key; a
 * retry with the same request gets the first answer again (`replayed`), read back with `reread`
 * should the process have stopped before keeping it. The same key with another request is 422;
 * while the first still runs, 409.
 */
export async function idempotent<T>(
  ctx: ActorCtx,
  req: Request,
  create: (within: Within | undefined) => Promise<T>,
  reread: (resource: string) => Promise<T>,
): Promise<Idempotent<T>> {
  if (req.key === undefined) return { status: req.status, body: await create(undefined), replayed: false };
  const key = validKey(req.key);
  const now = nowIso(ctx);
  const row: IdempotencyRow = {
    user_id: ctx.actor.id,
    key,
    operation: req.operation,
    request_hash: hashOf(req),
    state: 'running',
    resource: null,
    status: null,
    body: null,
    created_at: now,
    updated_at: now,
  };
  if (!(await insertRunningKey(ctx.db, row))) {
    const seen = await findKey(ctx.db, row.user_id, key);
    const earlier = seen && (await earlierAnswer(ctx, seen, row, reread));
    if (earlier) return earlier;
  }
  const claim = { userId: row.user_id, key, claimedAt: now };
  try {
    const body = await create(async (trx, resource) => {
      if (!(await completeKey(trx, claim, resource, req.status))) throw inFlight();
    });
    await storeAnswer(ctx.db, claim, JSON.stringify(body));
    return { status: req.status, body, replayed: false };
  } catch (err) {
    await releaseKey(ctx.db, claim);
    throw err;
  }
}

/**
 * What a request gets when its key is taken: the first answer, or a refusal; undefined when the
 * key was free to take over (past its day, or its request died) and now is this request's.
 */
async function earlierAnswer<T>(
  ctx: ActorCtx,
  seen: IdempotencyRow,
  row: IdempotencyRow,
  reread: (resource: string) => Promise<T>,
): Promise<Idempotent<T> | undefined> {
  const age = ctx.clock().getTime() - Date.parse(seen.created_at);
  const expired = age >= KEY_TTL_MS;
  if (!expired && (seen.request_hash !== row.request_hash || seen.operation !== row.operation))
    throw refusal('unprocessable', SAID.reused);
  if (!expired && seen.state === 'done') {
    const body = seen.body === null ? await reread(seen.resource ?? '') : (JSON.parse(seen.body) as T);
    return { status: seen.status ?? 201, body, replayed: true };
  }
  const stale = ctx.clock().getTime() - Date.parse(seen.updated_at) >= STALE_RUNNING_MS;
  if (!expired && !stale) throw inFlight();
  if (await retakeKey(ctx.db, seen, row)) return undefined;
  throw inFlight();
}

const inFlight = () => refusal('conflict', SAID.running);

function validKey(key: string | string[]): string {
  if (typeof key !== 'string' || !KEY_FORMAT.test(key))
    throw refusal('validation', SAID.badKey, undefined, {
      fields: [{ path: 'headers.idempotency-key', message: SAID.badKeyField }],
    });
  return key;
}

const hashOf = (req: Request) =>
  createHash('sha256')
    .update(JSON.stringify([req.operation, req.fingerprint]))
    .digest('hex');

/** The scheduler's part: keys past their day go. */
export const pruneIdempotencyKeys = (ctx: Ctx) =>
  deleteKeysBefore(ctx.db, new Date(ctx.clock().getTime() - KEY_TTL_MS).toISOString());
