import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type CommentSeed,
  commentSeeds,
  customStatuses,
  groupMemberships,
  groups,
  identities,
  organizations,
  type TicketSeed,
  ticketFields,
  ticketSeeds,
  users,
  ZD,
} from './zendesk-standin-data.js';

// An HTTP server standing in for a Zendesk account's REST API (https://{subdomain}.zendesk.com),
// answering the requests an import makes with the response shapes of Zendesk's API reference:
// cursor pagination (page[size], page[after], meta, links), the cursor-based incremental exports
// (after_cursor, after_url, end_of_stream), API-token basic authentication, 429 with Retry-After.

export { MANUAL_PDF, ZD } from './zendesk-standin-data.js';

export type ZendeskRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  status: number;
  /** Whether the request carried an Authorization header. */
  authorized: boolean;
};

export type ZendeskStandin = {
  baseUrl: string;
  requests: ZendeskRequest[];
  /** A new comment on a ticket (a delta to read): the ticket's updated_at moves to its time. */
  addComment(ticketId: number, comment: Omit<CommentSeed, 'ticket_id'>): void;
  /** Changes a ticket's columns; its updated_at moves to `updated_at` (now by default). */
  updateTicket(ticketId: number, patch: Partial<TicketSeed>): void;
  close(): Promise<void>;
};

export type StandinOptions = {
  /** Paths whose first request is answered 429 with Retry-After: 1. */
  rateLimitOnce?: string[];
  /** Paths whose first request is answered 503 (no Retry-After). */
  failOnce?: string[];
};

const EXPORT = '/api/v2/incremental/tickets/cursor.json';
const USER_EXPORT = '/api/v2/incremental/users/cursor.json';

const unix = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const encode = (s: string) => Buffer.from(s).toString('base64url');
const decode = (s: string) => Buffer.from(s, 'base64url').toString();

export async function startZendeskStandin(opts: StandinOptions = {}): Promise<ZendeskStandin> {
  const tickets = ticketSeeds.map((t) => ({ ...t }));
  const comments = commentSeeds.map((c) => ({ ...c }));
  const requests: ZendeskRequest[] = [];
  const limited = new Set(opts.rateLimitOnce ?? []);
  const failing = new Set(opts.failOnce ?? []);
  const expected = `Basic ${Buffer.from(`${ZD.email}/token:${ZD.token}`).toString('base64')}`;
  let base = '';
  let storage = '';

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', base);
    const rec: ZendeskRequest = {
      method: req.method ?? '',
      path: url.pathname,
      query: url.searchParams,
      status: 200,
      authorized: req.headers.authorization !== undefined,
    };
    requests.push(rec);
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      rec.status = status;
      send(res, status, body, headers);
    };
    // The storage host an attachment redirects to takes no Zendesk credentials (signed URL).
    const stored = /^\/storage\/(\d+)$/.exec(url.pathname);
    if (stored) {
      const a = comments.find((c) => c.attachment?.id === Number(stored[1]))?.attachment;
      if (!a || url.searchParams.get('signature') !== `sig-${a.id}`)
        return reply(403, { error: 'Forbidden' });
      res.writeHead(200, { 'content-type': a.content_type, 'content-length': String(a.data.length) });
      return res.end(a.data);
    }
    if (req.headers.authorization !== expected) {
      return reply(401, { error: "Couldn't authenticate you" });
    }
    if (limited.delete(url.pathname)) {
      return reply(
        429,
        { error: 'TooManyRequests', description: 'Rate limit exceeded' },
        { 'retry-after': '1' },
      );
    }
    if (failing.delete(url.pathname)) return reply(503, { error: 'ServiceUnavailable' });
    const token = /^\/attachments\/token\/tok(\d+)\/$/.exec(url.pathname);
    if (token) {
      rec.status = 302;
      // Zendesk sends the bytes from another host: here the same server under another name.
      res.writeHead(302, { location: `${storage}/storage/${token[1]}?signature=sig-${token[1]}` });
      return res.end();
    }
    const route = routes(url);
    if (!route) return reply(404, { error: 'InvalidEndpoint', description: 'Not found' });
    return reply(200, route);
  };

  const ticketJson = (t: TicketSeed) => ({
    url: `${base}/api/v2/tickets/${t.id}.json`,
    id: t.id,
    external_id: null,
    via: { channel: t.channel, source: { from: {}, to: {}, rel: null } },
    created_at: t.created_at,
    updated_at: t.updated_at,
    generated_timestamp: unix(t.updated_at),
    type: t.type,
    subject: t.subject,
    raw_subject: t.subject,
    description: t.description,
    priority: t.priority,
    status: t.status,
    custom_status_id: t.custom_status_id ?? null,
    recipient: null,
    requester_id: t.requester_id,
    submitter_id: t.requester_id,
    assignee_id: t.assignee_id ?? null,
    organization_id: t.organization_id ?? null,
    group_id: t.group_id ?? null,
    collaborator_ids: [],
    follower_ids: [],
    email_cc_ids: [],
    problem_id: null,
    has_incidents: false,
    is_public: true,
    due_at: null,
    tags: t.tags ?? [],
    custom_fields: t.custom_fields ?? [],
    satisfaction_rating: t.satisfaction_rating ?? null,
    sharing_agreement_ids: [],
    followup_ids: [],
    ticket_form_id: 1,
    brand_id: 1,
    allow_channelback: false,
    allow_attachments: true,
    from_messaging_channel: false,
  });

  const commentJson = (c: CommentSeed) => ({
    id: c.id,
    type: 'Comment',
    author_id: c.author_id,
    body: c.body,
    html_body: `<div class="zd-comment" dir="auto"><p dir="auto">${c.body.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')}</p></div>`,
    plain_body: c.body,
    public: c.public,
    attachments: c.attachment
      ? [
          {
            id: c.attachment.id,
            url: `${base}/api/v2/attachments/${c.attachment.id}.json`,
            file_name: c.attachment.file_name,
            content_url: `${base}/attachments/token/tok${c.attachment.id}/?name=${encodeURIComponent(c.attachment.file_name)}`,
            mapped_content_url: `${base}/attachments/token/tok${c.attachment.id}/?name=${encodeURIComponent(c.attachment.file_name)}`,
            content_type: c.attachment.content_type,
            size: c.attachment.data.length,
            width: null,
            height: null,
            inline: false,
            deleted: false,
            malware_access_override: false,
            malware_scan_result: 'malware_not_found',
            thumbnails: [],
          },
        ]
      : [],
    audit_id: c.id + 1_000_000,
    via: { channel: c.channel ?? 'web', source: { from: {}, to: {}, rel: c.rel ?? null } },
    metadata: { system: {}, custom: {} },
    created_at: c.created_at,
  });

  // Cursor pagination of a list endpoint: page[size] (at most 100), page[after] an opaque cursor.
  const paginate = (url: URL, key: string, all: unknown[]) => {
    const size = Math.min(100, Number(url.searchParams.get('page[size]') ?? 100));
    const after = url.searchParams.get('page[after]');
    const start = after ? Number(decode(after)) : 0;
    const items = all.slice(start, start + size);
    const hasMore = start + size < all.length;
    const afterCursor = items.length ? encode(String(start + items.length)) : null;
    const next = new URL(url.href);
    next.searchParams.set('page[after]', afterCursor ?? '');
    return {
      [key]: items,
      meta: {
        has_more: hasMore,
        after_cursor: afterCursor,
        before_cursor: start ? encode(String(start)) : null,
      },
      links: { prev: null, next: hasMore ? next.href : null },
    };
  };

  // The incremental exports: records ordered by last change, from start_time or after a cursor
  // naming the last record handed out (time and id).
  const exportPage = <T extends { id: number }>(
    url: URL,
    path: string,
    key: string,
    all: T[],
    at: (t: T) => number,
  ) => {
    const perPage = Number(url.searchParams.get('per_page') ?? 1000);
    const sorted = [...all].sort((a, b) => at(a) - at(b) || a.id - b.id);
    const cursor = url.searchParams.get('cursor');
    const [cTime, cId] = cursor
      ? decode(cursor).split('|').map(Number)
      : [Number(url.searchParams.get('start_time') ?? 0), -1];
    const rest = sorted.filter((t) =>
      cursor ? at(t) > cTime! || (at(t) === cTime && t.id > cId!) : at(t) >= cTime!,
    );
    const page = rest.slice(0, perPage);
    const last = page.at(-1);
    const afterCursor = last ? encode(`${at(last)}|${last.id}`) : cursor;
    return {
      page,
      body: {
        [key]: page,
        after_url: afterCursor ? `${base}${path}?cursor=${afterCursor}` : null,
        after_cursor: afterCursor,
        before_url: null,
        before_cursor: null,
        end_of_stream: rest.length <= perPage,
      },
    };
  };

  const routes = (url: URL): unknown => {
    const p = url.pathname;
    if (p === '/api/v2/users/me.json') return { user: users.find((u) => u.email === ZD.email) };
    if (p === '/api/v2/organizations.json') return paginate(url, 'organizations', organizations);
    if (p === '/api/v2/groups.json') return paginate(url, 'groups', groups);
    if (p === '/api/v2/group_memberships.json') return paginate(url, 'group_memberships', groupMemberships);
    if (p === '/api/v2/ticket_fields.json') return paginate(url, 'ticket_fields', ticketFields);
    if (p === '/api/v2/custom_statuses.json') return { custom_statuses: customStatuses };
    if (p === '/api/v2/tickets/count.json') {
      const value = tickets.filter((t) => !t.archived && t.status !== 'deleted').length;
      return { count: { value, refreshed_at: new Date().toISOString() } };
    }
    if (p === USER_EXPORT) {
      const { page, body } = exportPage(url, p, 'users', users, (u) => unix(u.updated_at));
      if (!url.searchParams.get('include')?.split(',').includes('identities')) return body;
      const ids = new Set(page.map((u) => u.id));
      return { ...body, identities: identities.filter((i) => ids.has(i.user_id)) };
    }
    if (p === EXPORT)
      return exportPage(url, p, 'tickets', tickets.map(ticketJson), (t) => t.generated_timestamp).body;
    const listed = /^\/api\/v2\/tickets\/(\d+)\/comments\.json$/.exec(p);
    if (listed) {
      const t = tickets.find((x) => x.id === Number(listed[1]));
      if (!t || t.status === 'deleted') return null;
      const list = comments
        .filter((c) => c.ticket_id === t.id)
        .sort((a, b) => a.created_at.localeCompare(b.created_at));
      return paginate(url, 'comments', list.map(commentJson));
    }
    // Archived and deleted tickets are gone from the ticket endpoints.
    const one = /^\/api\/v2\/tickets\/(\d+)\.json$/.exec(p);
    const t = one && tickets.find((x) => x.id === Number(one[1]));
    if (t && !t.archived && t.status !== 'deleted') return { ticket: ticketJson(t) };
    return null;
  };

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  storage = `http://localhost:${port}`;

  const touch = (ticketId: number, at: string) => {
    const t = tickets.find((x) => x.id === ticketId);
    if (!t) throw new Error(`no ticket ${ticketId}`);
    t.updated_at = at;
    return t;
  };
  return {
    baseUrl: base,
    requests,
    addComment(ticketId, comment) {
      touch(ticketId, comment.created_at);
      comments.push({ ...comment, ticket_id: ticketId });
    },
    updateTicket(ticketId, patch) {
      const t = touch(ticketId, patch.updated_at ?? new Date().toISOString());
      Object.assign(t, patch);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
