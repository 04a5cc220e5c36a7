import { type OutboundPolicy, safeFetch } from '../../../../lib/network.js';

// Talking to one Zendesk account: API-token authentication, waiting out rate limits, retrying
// transient failures, and walking cursor-paginated lists.

export type ZendeskClientOptions = {
  baseUrl: string;
  email: string;
  token: string;
  maxRetries: number;
  sleep: (ms: number) => Promise<void>;
  /** Which hosts may be reached (the installation's outbound policy); any public one without it. */
  outbound?: OutboundPolicy;
};

/** Zendesk refused or failed a request; the message never carries the token. */
export class ZendeskError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ZendeskError';
  }
}

export type ZendeskClient = {
  /** The account's host, e.g. acme.zendesk.com. */
  host: string;
  /** GET a path (or a URL on the account's host) as JSON. */
  get<T>(pathOrUrl: string): Promise<T>;
  /** The same for an endpoint some accounts lack: 403/404 give null. */
  getOptional<T>(pathOrUrl: string): Promise<T | null>;
  /** The bytes behind a URL, following redirects (attachments live on a storage host). */
  bytes(url: string): Promise<Buffer>;
  /** Every item of a cursor-paginated list (`page[size]`, `meta.has_more`, `meta.after_cursor`). */
  listAll<T>(path: string, key: string, pageSize: number): Promise<T[]>;
};

// When a 5xx or a dropped connection carries no Retry-After: 1 s, 2 s, 4 s … capped at 30 s.
const backoffMs = (attempt: number) => Math.min(30_000, 1000 * 2 ** attempt);
// Zendesk documents Retry-After on every 429; a minute is its rate-limit window if one is missing.
const DEFAULT_RATE_WAIT_MS = 60_000;
const TIMEOUT_MS = 60_000;

type Ctx = ZendeskClientOptions & { base: URL; authorization: string };

export function zendeskClient(options: ZendeskClientOptions): ZendeskClient {
  const ctx: Ctx = {
    ...options,
    base: new URL(options.baseUrl),
    authorization: `Basic ${Buffer.from(`${options.email}/token:${options.token}`).toString('base64')}`,
  };
  return {
    host: ctx.base.host,
    get: (path) => get(ctx, path),
    getOptional: (path) => getOptional(ctx, path),
    bytes: (url) => bytes(ctx, url),
    listAll: (path, key, pageSize) => listAll(ctx, path, key, pageSize),
  };
}

const urlOf = (ctx: Ctx, pathOrUrl: string) => new URL(pathOrUrl, ctx.base.origin);
// What a message may show of a URL: its path, without the query (cursors are long and opaque).
const shown = (url: URL) => url.pathname;

/** How long to wait before trying again, or null when the answer is final. */
function waitBefore(res: Response, attempt: number): number | null {
  if (res.status !== 429 && res.status < 500) return null;
  const header = res.headers.get('retry-after');
  const seconds = header === null ? Number.NaN : Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  return res.status === 429 ? DEFAULT_RATE_WAIT_MS : backoffMs(attempt);
}

async function request(ctx: Ctx, url: URL, accept: string): Promise<Response> {
  // Credentials go only to the account's own host: an attachment's redirect to a storage host,
  // or any other origin, gets none (fetch also drops Authorization on cross-origin redirects).
  const headers: Record<string, string> = { accept };
  if (url.origin === ctx.base.origin) headers.authorization = ctx.authorization;
  for (let attempt = 0; ; attempt++) {
    let res: Response;
    try {
      const init = { headers, signal: AbortSignal.timeout(TIMEOUT_MS) };
      res = ctx.outbound
        ? await safeFetch(ctx.outbound, url.toString(), init)
        : await fetch(url, { ...init, redirect: 'follow' });
    } catch (err) {
      if (attempt >= ctx.maxRetries) {
        throw new ZendeskError(
          0,
          `Zendesk at ${ctx.base.host} could not be reached (GET ${shown(url)}): ${reason(err)}`,
        );
      }
      await ctx.sleep(backoffMs(attempt));
      continue;
    }
    const wait = waitBefore(res, attempt);
    if (wait === null) return res;
    await res.body?.cancel();
    if (attempt >= ctx.maxRetries) {
      const what =
        res.status === 429
          ? 'kept limiting the request rate (HTTP 429)'
          : `kept failing (HTTP ${res.status})`;
      throw new ZendeskError(
        res.status,
        `Zendesk at ${ctx.base.host} ${what} for GET ${shown(url)} after ${ctx.maxRetries} retries`,
      );
    }
    await ctx.sleep(wait);
  }
}

async function failure(ctx: Ctx, res: Response, url: URL): Promise<ZendeskError> {
  const text = await res.text().catch(() => '');
  if (res.status === 401 || res.status === 403) {
    const why =
      res.status === 401
        ? 'check the e-mail address and the API token, and that token access is enabled in the Admin Center'
        : `the account may not read ${shown(url)}; an import needs an administrator's API token`;
    return new ZendeskError(
      res.status,
      `Zendesk refused the credentials for ${ctx.email} at ${ctx.base.host} (HTTP ${res.status}): ${why}`,
    );
  }
  return new ZendeskError(
    res.status,
    `Zendesk answered HTTP ${res.status} to GET ${shown(url)}: ${detail(text)}`,
  );
}

async function get<T>(ctx: Ctx, pathOrUrl: string): Promise<T> {
  const url = urlOf(ctx, pathOrUrl);
  const res = await request(ctx, url, 'application/json');
  if (!res.ok) throw await failure(ctx, res, url);
  return (await res.json()) as T;
}

async function getOptional<T>(ctx: Ctx, pathOrUrl: string): Promise<T | null> {
  const url = urlOf(ctx, pathOrUrl);
  const res = await request(ctx, url, 'application/json');
  // A feature the account lacks answers 403 or 404; a wrong token is a 401, which still fails.
  if (res.status === 404 || res.status === 403) {
    await res.body?.cancel();
    return null;
  }
  if (!res.ok) throw await failure(ctx, res, url);
  return (await res.json()) as T;
}

async function bytes(ctx: Ctx, url: string): Promise<Buffer> {
  const target = urlOf(ctx, url);
  const res = await request(ctx, target, '*/*');
  if (!res.ok) throw await failure(ctx, res, target);
  return Buffer.from(await res.arrayBuffer());
}

async function listAll<T>(ctx: Ctx, path: string, key: string, pageSize: number): Promise<T[]> {
  const items: T[] = [];
  const sep = path.includes('?') ? '&' : '?';
  let after: string | null = null;
  for (;;) {
    const page = `${path}${sep}page[size]=${pageSize}${after ? `&page[after]=${encodeURIComponent(after)}` : ''}`;
    const body = await get<Record<string, unknown>>(ctx, page);
    const list = body[key];
    if (Array.isArray(list)) items.push(...(list as T[]));
    const meta = body.meta as { has_more?: boolean; after_cursor?: string | null } | undefined;
    if (!meta?.has_more || !meta.after_cursor) return items;
    after = meta.after_cursor;
  }
}

const reason = (err: unknown) =>
  err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err);

// Zendesk's error bodies are JSON ({ "error": …, "description": … }) or short text.
function detail(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: unknown; description?: unknown; details?: unknown };
    const parts = [body.error, body.description].filter((p) => typeof p === 'string');
    if (parts.length) return parts.join(': ');
  } catch {
    // not JSON
  }
  return text.slice(0, 200) || 'no detail';
}
