import type { FastifyError, FastifyReply, FastifyRequest, FastifySchemaCompiler } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { ar, de, en, es, fr, ja, ptBR } from 'zod/locales';
import { type $ZodErrorMap, type $ZodType, safeParse } from 'zod/v4/core';
import { acceptedLanguages, pickLocale, SOURCE_LOCALE } from '../common/i18n.js';
import { validationMessage } from '../common/validation-messages.js';
import { availableLocales, defineMessages, type Message, servedLocale, translate } from './i18n/index.js';

export const ERROR_STATUS = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  subscription_required: 403,
  quota_exceeded: 403,
  reply_not_allowed: 403,
  second_factor_required: 403,
  not_found: 404,
  conflict: 409,
  invalid_transition: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** Each code's short title, read in the asker's language like every detail given as a message. */
const TITLES = defineMessages({
  validation: { id: 'error.title.validation', defaultMessage: 'Invalid request' },
  unauthenticated: { id: 'error.title.unauthenticated', defaultMessage: 'Not signed in' },
  forbidden: { id: 'error.title.forbidden', defaultMessage: 'Not allowed' },
  subscription_required: { id: 'error.title.subscription_required', defaultMessage: 'Subscription required' },
  quota_exceeded: { id: 'error.title.quota_exceeded', defaultMessage: 'Ticket limit reached' },
  reply_not_allowed: { id: 'error.title.reply_not_allowed', defaultMessage: 'Replies are not allowed' },
  second_factor_required: {
    id: 'error.title.second_factor_required',
    defaultMessage: 'Two-factor sign-in required',
  },
  not_found: { id: 'error.title.not_found', defaultMessage: 'Not found' },
  conflict: { id: 'error.title.conflict', defaultMessage: 'Conflict' },
  invalid_transition: { id: 'error.title.invalid_transition', defaultMessage: 'Transition not allowed' },
  gone: { id: 'error.title.gone', defaultMessage: 'Gone' },
  payload_too_large: { id: 'error.title.payload_too_large', defaultMessage: 'Payload too large' },
  unsupported_media_type: {
    id: 'error.title.unsupported_media_type',
    defaultMessage: 'Unsupported media type',
  },
  unprocessable: { id: 'error.title.unprocessable', defaultMessage: 'Unprocessable request' },
  rate_limited: { id: 'error.title.rate_limited', defaultMessage: 'Too many requests' },
  internal: { id: 'error.title.internal', defaultMessage: 'Internal error' },
  unavailable: { id: 'error.title.unavailable', defaultMessage: 'Service unavailable' },
}) satisfies Record<ErrorCode, Message>;

export type FieldError = { path: string; message: string };

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    detail?: string,
    readonly errors?: FieldError[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(detail ?? TITLES[code].defaultMessage);
    this.status = ERROR_STATUS[code];
  }

  /**
   * What the error says as messages of the catalogue (`refusal`, `invalid`, `invalidFields`): the
   * detail, or refused fields whose reasons make the detail when there is no message of its own.
   */
  saying?: { message?: Message; values?: Record<string, string>; fields?: SaidFieldError[] };

  /** The detail in `locale` when it is given as messages of the catalogue; else as written. */
  said(locale: string | null | undefined): string {
    const s = this.saying;
    if (!s) return this.message;
    return s.message ? translate(locale, s.message, s.values) : joinFields(this.saidErrors(locale) ?? []);
  }

  /** The field errors in `locale`: those given as messages translated, others as written. */
  saidErrors(locale: string | null | undefined): FieldError[] | undefined {
    const fields = this.saying?.fields;
    if (!fields) return this.errors;
    return fields.map((f) => ({ path: f.path, message: translate(locale, f.message, f.values) }));
  }
}

/** A refused field whose reason is a message of the catalogue. */
export type SaidFieldError = { path: string; message: Message; values?: Record<string, string> };

const joinFields = (errors: FieldError[]) => errors.map((e) => `${e.path}: ${e.message}`).join('; ');
const inEnglish = (fields: SaidFieldError[]): FieldError[] =>
  fields.map((f) => ({ path: f.path, message: translate(SOURCE_LOCALE, f.message, f.values) }));

/** An AppError whose detail a person reads: English in `message`, any language through `said`. */
export function refusal(
  code: ErrorCode,
  message: Message,
  values?: Record<string, string>,
  more: { fields?: SaidFieldError[]; extra?: Record<string, unknown> } = {},
): AppError {
  const { fields, extra } = more;
  const err = new AppError(
    code,
    translate(SOURCE_LOCALE, message, values),
    fields && inEnglish(fields),
    extra,
  );
  err.saying = { message, values, fields };
  return err;
}

/** Refused fields (400), each reason a message of the catalogue: `validation` in any language. */
export function invalidFields(fields: SaidFieldError[]): AppError {
  const english = inEnglish(fields);
  const err = new AppError('validation', joinFields(english), english);
  err.saying = { fields };
  return err;
}

/** A refused field (400), its reason a message of the catalogue. */
export const invalid = (path: string, message: Message, values?: Record<string, string>): AppError =>
  invalidFields([{ path, message, values }]);

const SAID = defineMessages({
  notFound: { id: 'error.not_found', defaultMessage: 'Not found' },
  forbidden: { id: 'error.forbidden', defaultMessage: 'You are not allowed to do this' },
  internal: { id: 'error.internal', defaultMessage: 'Something went wrong on our side' },
  unavailable: {
    id: 'error.unavailable',
    defaultMessage: 'The database cannot be reached; try again shortly',
  },
});

/** 404. Give a message to say what was not found; a plain string stays as written (English). */
export const notFound = (what?: string | Message) =>
  typeof what === 'string' ? new AppError('not_found', what) : refusal('not_found', what ?? SAID.notFound);
/** 403, its reason a message of the catalogue. */
export const forbidden = (detail: Message = SAID.forbidden) => refusal('forbidden', detail);
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
  locale?: string,
): Problem {
  return {
    type: `https://tessera.dev/problems/${code.replace(/_/g, '-')}`,
    title: translate(locale, TITLES[code]),
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

/** The parts of a zod issue the field errors are made of (nested unions carry their branches' issues). */
type Issue = {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  errors?: Issue[][];
  keys?: string[];
  expected?: string;
  input?: unknown;
};

const ZOD_VALIDATION_ERROR = Symbol.for('ZodFastifySchemaValidationError');

/**
 * fastify-type-provider-zod's validator, with one change: a refused value's issues keep their input
 * (`reportInput`), which zod's words need to say the issue again in another language ("expected
 * string, received number"). A valid request is parsed just as before; the input stays on the
 * server (the error handler sends only paths and messages).
 */
export const validatorCompiler: FastifySchemaCompiler<$ZodType> =
  ({ schema }) =>
  (data) => {
    const result = safeParse(schema, data, { reportInput: true });
    if (result.success) return { value: result.data };
    return {
      error: result.error.issues.map(({ path, code, message, ...params }) => ({
        [ZOD_VALIDATION_ERROR]: true,
        keyword: code,
        instancePath: `/${path.join('/')}`,
        schemaPath: `#/${path.join('/')}/${code}`,
        message,
        params,
      })),
    };
  };

const VALIDATION_SAID = defineMessages({
  unrecognizedKey: {
    id: 'validation.zod.unrecognized_key',
    defaultMessage: 'Unrecognized key: not accepted here',
  },
  expectedTypes: {
    id: 'validation.zod.expected_types',
    defaultMessage: 'Invalid input: expected {expected}, received {received}',
  },
  expectedTypesOnly: {
    id: 'validation.zod.expected_types_only',
    defaultMessage: 'Invalid input: expected {expected}',
  },
  either: { id: 'validation.zod.either', defaultMessage: '{first}; or {second}' },
});

/** zod's own words in the languages the server speaks; English is zod's default. */
const ZOD_WORDS: Record<string, () => { localeError: $ZodErrorMap }> = { ar, de, es, fr, ja, 'pt-BR': ptBR };
const zodEnglish = en().localeError;
const zodMaps = new Map<string, $ZodErrorMap | undefined>();

function zodWords(locale: string | undefined): $ZodErrorMap | undefined {
  const served = servedLocale(locale);
  if (!zodMaps.has(served)) zodMaps.set(served, ZOD_WORDS[served]?.().localeError);
  return zodMaps.get(served);
}

const textOf = (said: ReturnType<$ZodErrorMap>) => (typeof said === 'string' ? said : said?.message);

/**
 * An issue's message in `locale`: a message of the shared schemas (common/validation-messages.ts)
 * from the catalogue; zod's own words (the issue's message is what zod says in English) from
 * zod's locale; any other text as written.
 */
function issueMessage(issue: Issue, locale: string | undefined): string {
  const shared = validationMessage(issue.message);
  if (shared) return translate(locale, shared.message, shared.values);
  const words = zodWords(locale);
  if (!words) return issue.message;
  const raw = issue as unknown as Parameters<$ZodErrorMap>[0];
  if (textOf(zodEnglish(raw)) !== issue.message) return issue.message;
  return textOf(words(raw)) ?? issue.message;
}

/**
 * One field error per zod issue, each with the field's path. A union that matched no branch says
 * only "Invalid input" at the union's own path; its branches know what is wrong, so the branch
 * that came closest speaks for it (the fewest problems, then the one that got deepest). When
 * every branch fails on the value itself (string or number or…), their rules are named together.
 */
export function issueErrors(
  issues: readonly Issue[],
  base: readonly string[],
  locale?: string,
): FieldError[] {
  return issues.flatMap((issue) => {
    const path = [...base, ...issue.path.map(String)];
    // One error per unknown key, on that key: a form can show it where it belongs.
    if (issue.code === 'unrecognized_keys' && issue.keys?.length)
      return issue.keys.map((k) => ({
        path: [...path, k].join('.'),
        message: translate(locale, VALIDATION_SAID.unrecognizedKey),
      }));
    if (issue.code !== 'invalid_union' || !issue.errors?.length)
      return [{ path: path.join('.'), message: issueMessage(issue, locale) }];
    const ranked = issue.errors
      .map((branch) => ({ branch, cost: issueCost(branch), depth: deepest(branch) }))
      .sort((a, b) => a.cost - b.cost || b.depth - a.depth);
    const best = ranked[0]!;
    const tied = ranked.filter((r) => r.cost === best.cost && r.depth === best.depth);
    const atUnion = tied.flatMap((r) => r.branch).every((i) => i.path.length === 0 && !i.errors?.length);
    if (tied.length > 1 && atUnion)
      return [
        {
          path: path.join('.'),
          message: eitherOf(
            tied.map((r) => r.branch),
            locale,
          ),
        },
      ];
    return issueErrors(best.branch, path, locale);
  });
}

const issueCost = (issues: readonly Issue[]): number =>
  issues.reduce(
    (n, i) =>
      n +
      (i.code === 'unrecognized_keys'
        ? (i.keys?.length ?? 1)
        : i.code === 'invalid_union' && i.errors?.length
          ? Math.min(...i.errors.map(issueCost))
          : 1),
    0,
  );

const deepest = (issues: readonly Issue[]) => Math.max(0, ...issues.map((i) => i.path.length));

/** The branches' rules named together: the expected types as one list, else each rule, "; or" between. */
function eitherOf(branches: Issue[][], locale: string | undefined): string {
  const issues = branches.flat();
  const expected = issues.map((i) => i.expected);
  if (issues.every((i) => i.code === 'invalid_type') && expected.every(Boolean)) {
    // zod's English message names what was received as a type name ("received number").
    const received = /received (\S+)/.exec(issues[0]!.message)?.[1];
    const served = servedLocale(locale);
    const names = new Intl.ListFormat(served === SOURCE_LOCALE ? 'en-GB' : served, {
      type: 'disjunction',
    }).format([...new Set(expected as string[])]);
    return received
      ? translate(locale, VALIDATION_SAID.expectedTypes, { expected: names, received })
      : translate(locale, VALIDATION_SAID.expectedTypesOnly, { expected: names });
  }
  return [...new Set(issues.map((i) => issueMessage(i, locale)))].reduce((first, second) =>
    translate(locale, VALIDATION_SAID.either, { first, second }),
  );
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
  // Titles and the details given as messages of the catalogue read in the asker's language: their
  // own choice, else their browser's. Other details stay as written (English).
  const locale =
    req.actor?.locale ?? pickLocale(acceptedLanguages(req.headers['accept-language']), availableLocales());
  const send = (code: ErrorCode, detail: string, errors?: FieldError[], extra?: Record<string, unknown>) =>
    sendProblem(reply, problem(code, detail, errors, extra, locale));
  if (err instanceof AppError) {
    if (err.status === 429) reply.header('retry-after', String(err.extra?.retryAfter ?? 60));
    return send(err.code, err.said(locale), err.saidErrors(locale), err.extra);
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = err.validationContext ?? 'body';
    const errors = err.validation.flatMap((v) =>
      issueErrors(
        [{ ...(v.params as object), code: v.keyword, message: v.message ?? 'invalid', path: [] }],
        [where, ...String(v.instancePath).split('/').filter(Boolean)],
        locale,
      ),
    );
    return send('validation', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
  }
  if (isResponseSerializationError(err)) {
    req.log.error({ err, issues: err.cause.issues }, 'response did not match its schema');
    return send('internal', translate(locale, SAID.internal));
  }
  const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
  const code = FASTIFY_CODES[status];
  if (status >= 400 && status < 500 && code) {
    if (status === 429 && !reply.getHeader('retry-after')) reply.header('retry-after', '60');
    return send(code, err.message || translate(locale, TITLES[code]));
  }
  if (databaseUnreachable(err)) {
    req.log.warn({ err: err.message }, 'database unreachable');
    reply.header('retry-after', '5');
    return send('unavailable', translate(locale, SAID.unavailable));
  }
  req.log.error({ err }, 'unhandled error');
  return send('internal', translate(locale, SAID.internal));
}

/** PostgreSQL's "connection exception" and "operator intervention" classes (a restart, a terminated backend). */
const UNREACHABLE_SQLSTATE = /^(08|57P0)/;
const UNREACHABLE_ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);

/** A failure of the way to the database rather than of the request: worth trying again shortly. */
function databaseUnreachable(err: { code?: unknown; message?: string }): boolean {
  const code = typeof err.code === 'string' ? err.code : '';
  return (
    UNREACHABLE_ERRNO.has(code) ||
    UNREACHABLE_SQLSTATE.test(code) ||
    /Connection terminated|timeout exceeded when trying to connect|connection error/i.test(err.message ?? '')
  );
}

// Errors a job handler throws to tell the worker what to do with the job (src/jobs/worker.ts). They
// live here, not with the worker, so that code below the jobs (lib/network) can throw them too.

/** An error that retrying cannot fix (a bad address, a deleted ticket): the job fails at once. */
export class PermanentJobError extends Error {}

/** A refusal that says when to come back (a 429 with Retry-After): the next attempt waits that long. */
export class RetryLaterError extends Error {
  constructor(
    message: string,
    readonly afterMs: number,
  ) {
    super(message);
  }
}
