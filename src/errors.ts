import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';

export const ERROR_STATUS = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  subscription_required: 403,
  quota_exceeded: 403,
  reply_not_allowed: 403,
  not_found: 404,
  conflict: 409,
  invalid_transition: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

const TITLES = {
  validation: 'Invalid request',
  unauthenticated: 'Not signed in',
  forbidden: 'Not allowed',
  subscription_required: 'Subscription required',
  quota_exceeded: 'Ticket limit reached',
  reply_not_allowed: 'Replies are not allowed',
  not_found: 'Not found',
  conflict: 'Conflict',
  invalid_transition: 'Transition not allowed',
  gone: 'Gone',
  payload_too_large: 'Payload too large',
  unsupported_media_type: 'Unsupported media type',
  rate_limited: 'Too many requests',
  internal: 'Internal error',
} satisfies Record<ErrorCode, string>;

export type FieldError = { path: string; message: string };

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    detail?: string,
    readonly errors?: FieldError[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(detail ?? TITLES[code]);
    this.status = ERROR_STATUS[code];
  }
}

export const notFound = (what = 'Not found') => new AppError('not_found', what);
export const forbidden = (detail = 'You are not allowed to do this') => new AppError('forbidden', detail);
export const validation = (path: string, message: string) =>
  new AppError('validation', `${path}: ${message}`, [{ path, message }]);

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors?: FieldError[];
  [key: string]: unknown;
};

export function problem(
  code: ErrorCode,
  detail: string,
  errors?: FieldError[],
  extra?: Record<string, unknown>,
): Problem {
  return {
    type: `https://tessera.dev/problems/${code.replace(/_/g, '-')}`,
    title: TITLES[code],
    status: ERROR_STATUS[code],
    detail,
    code,
    ...(errors ? { errors } : {}),
    ...extra,
  };
}

export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  return reply.code(p.status).type('application/problem+json').send(p);
}

const FASTIFY_CODES: Record<number, ErrorCode> = {
  400: 'validation',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

/** The one error handler: every failure leaves as problem+json; internals never reach the client. */
export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) {
    if (err.status === 429) reply.header('retry-after', String(err.extra?.retryAfter ?? 60));
    return sendProblem(reply, problem(err.code, err.message, err.errors, err.extra));
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = err.validationContext ?? 'body';
    const errors = err.validation.map((v) => ({
      path: [where, ...String(v.instancePath).split('/').filter(Boolean)].join('.'),
      message: v.message ?? 'invalid',
    }));
    return sendProblem(
      reply,
      problem('validation', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors),
    );
  }
  if (isResponseSerializationError(err)) {
    req.log.error({ err, issues: err.cause.issues }, 'response did not match its schema');
    return sendProblem(reply, problem('internal', 'Something went wrong on our side'));
  }
  const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
  const code = FASTIFY_CODES[status];
  if (status >= 400 && status < 500 && code) {
    if (status === 429 && !reply.getHeader('retry-after')) reply.header('retry-after', '60');
    return sendProblem(reply, problem(code, err.message || TITLES[code]));
  }
  req.log.error({ err }, 'unhandled error');
  return sendProblem(reply, problem('internal', 'Something went wrong on our side'));
}
