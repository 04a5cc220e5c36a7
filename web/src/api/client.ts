import type { z } from 'zod';
import type { problemSchema } from '../../../common/api';
import type {
  GetResponse,
  GetRoute,
  RouteParams,
  SendBody,
  SendPath,
  SendResponse,
  SendRoute,
} from '../../../common/routes';

export type Problem = z.infer<typeof problemSchema>;
export type { SendBody };

/** A failed API call, carrying the server's problem+json so the UI can show its `detail`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly errors: { path: string; message: string }[];

  constructor(status: number, problem: Partial<Problem>) {
    const detail = problem.detail || problem.title || `The server answered ${status}`;
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.code = problem.code ?? 'unknown';
    this.detail = detail;
    this.errors = problem.errors ?? [];
  }

  /** The message for one form field, from `errors[].path` such as `body.subject`. */
  fieldError(field: string): string | undefined {
    return this.errors.find((e) => e.path === `body.${field}` || e.path === field)?.message;
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Query = Record<string, string | number | boolean | undefined | null | readonly string[]>;

/** `?a=1&b=x,y` from an object; empty values and empty lists are left out. */
export function toQueryString(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else {
      params.set(key, String(value));
    }
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** Why the signed-in session cannot be used as it is: it ended, or a second factor must be set up first. */
export type SessionProblem = 'unauthenticated' | 'second_factor_required';
let onSessionProblem: ((why: SessionProblem) => void) | null = null;
/** Called when a request answers so: the app then shows the sign-in page, or the set-up of a second factor. */
export const setSessionProblemHandler = (fn: (why: SessionProblem) => void) => {
  onSessionProblem = fn;
};

function noticeSessionProblem(status: number, problem: Partial<Problem>) {
  if (status === 401) onSessionProblem?.('unauthenticated');
  else if (status === 403 && problem.code === 'second_factor_required')
    onSessionProblem?.('second_factor_required');
}

async function api<T>(method: Method, path: string, body?: unknown, query?: Query): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}${toQueryString(query)}`, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json, application/problem+json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, {
      detail: 'Cannot reach the server. Check your connection and try again.',
      code: 'network',
    });
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!res.ok) {
    const problem = json && typeof json === 'object' ? (json as Partial<Problem>) : {};
    if (path !== '/auth/login') noticeSessionProblem(res.status, problem);
    throw new ApiError(res.status, problem);
  }
  return json as T;
}

/**
 * A GET whose answer's type comes from the route (common/routes.ts), not from the caller:
 * `get('/tickets/:number', { params: { number: 7 } })` is a Ticket.
 */
export function get<R extends GetRoute>(
  route: R,
  ...[opts]: R extends `${string}:${string}`
    ? [opts: { params: RouteParams<R>; query?: Query }]
    : [opts?: { query?: Query }]
): Promise<GetResponse<R>> {
  const path = toPath(route, opts && 'params' in opts ? opts.params : {});
  return api<GetResponse<R>>('GET', path, undefined, opts?.query);
}

/** `/tickets/7` from `/tickets/:number` and `{ number: 7 }`. */
const toPath = (route: string, params: object) =>
  route.replace(/:(\w+)/g, (_, name: string) =>
    encodeURIComponent(String((params as Record<string, string | number>)[name])),
  );

type SendOpts<R extends SendRoute> = (SendPath<R> extends `${string}:${string}`
  ? { params: RouteParams<SendPath<R>> }
  : { params?: undefined }) &
  (SendBody<R> extends undefined ? { body?: undefined } : { body: SendBody<R> });

/**
 * A POST, PUT, PATCH or DELETE typed by its route (common/routes.ts): the body must have the shape the
 * server takes and the answer has the type it gives, e.g.
 * `send('PATCH /tickets/:number', { params: { number: 7 }, body: { priority: 'high' } })` is a Ticket.
 */
export function send<R extends SendRoute>(
  route: R,
  ...[opts]: SendPath<R> extends `${string}:${string}`
    ? [opts: SendOpts<R>]
    : SendBody<R> extends undefined
      ? [opts?: SendOpts<R>]
      : [opts: SendOpts<R>]
): Promise<SendResponse<R>> {
  const [method, route_] = route.split(' ') as [Method, string];
  return api<SendResponse<R>>(method, toPath(route_, opts?.params ?? {}), opts?.body);
}

export type UploadedFile = { id: string; filename: string; contentType: string; size: number };

/** Uploads one file (multipart field "file"); link the id with attachmentIds on a ticket or message. */
export const uploadFile = (file: File) => postFile<UploadedFile>('/api/v1/attachments', file);

/** POSTs one file as multipart/form-data in a field "file" and answers the JSON the server sends. */
export async function postFile<T>(url: string, file: File): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', credentials: 'same-origin', body: form });
  } catch {
    throw new ApiError(0, { detail: `Cannot reach the server to upload ${file.name}.`, code: 'network' });
  }
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const problem = json && typeof json === 'object' ? (json as Partial<Problem>) : {};
    noticeSessionProblem(res.status, problem);
    throw new ApiError(res.status, problem);
  }
  return json as T;
}

/**
 * What `load` answers, or `fallback` where the server answers `status` instead: a 401 where nobody is
 * signed in, a 404 where this server has no such endpoint yet. Any other failure is still an error.
 */
export async function orOnStatus<T, F>(status: number, fallback: F, load: () => Promise<T>): Promise<T | F> {
  try {
    return await load();
  } catch (e) {
    if (isApiError(e, status)) return fallback;
    throw e;
  }
}

export const isApiError = (e: unknown, status?: number): e is ApiError =>
  e instanceof ApiError && (status === undefined || e.status === status);

export const errorMessage = (e: unknown): string =>
  e instanceof ApiError ? e.detail : e instanceof Error ? e.message : 'Something went wrong';
