import type { OutboundPolicy } from '../../../lib/network.js';
import type {
  ImportAuthor,
  ImportCustomer,
  ImportDepartment,
  ImportField,
  ImportOrganisation,
  ImportSource,
  ImportStaff,
  ImportTicket,
  TicketPage,
} from '../model.js';
import type {
  ZdComment,
  ZdCustomStatus,
  ZdGroup,
  ZdGroupMembership,
  ZdIdentity,
  ZdOrganization,
  ZdTicket,
  ZdTicketField,
  ZdUser,
} from './zendesk/api.js';
import { type ZendeskClient, ZendeskError, zendeskClient } from './zendesk/client.js';
import {
  customStatusOf,
  fieldOf,
  messageOf,
  personOf,
  SYSTEM_STATUSES,
  TICKET_TYPES,
  ticketOf,
} from './zendesk/records.js';

// Reading a Zendesk account through its REST API with an administrator's API token. Reference
// data is read whole; tickets come from the cursor-based incremental export (which also holds
// archived tickets), each with its comments. The import run's cursor is Zendesk's after_cursor.

export { ZendeskError } from './zendesk/client.js';

export type ZendeskOptions = {
  /** The account's address, e.g. https://acme.zendesk.com */
  baseUrl: string;
  /** The administrator whose API token this is. */
  email: string;
  token: string;
  /** Records per request (Zendesk's list pages hold at most 100; the exports up to 1000). */
  pageSize?: number;
  /** Retries of a rate-limited (429) or failing (5xx) request before giving up. */
  maxRetries?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Which hosts may be reached: the installation's outbound policy, for imports an admin starts. */
  outbound?: OutboundPolicy;
};

// Comments are fetched per ticket; a few at once keeps well inside the account's rate limit.
const COMMENT_CONCURRENCY = 4;
const LIST_PAGE_MAX = 100;
const EXPORT = '/api/v2/incremental/tickets/cursor.json';
const USER_EXPORT = '/api/v2/incremental/users/cursor.json';

type Users = {
  all: ZdUser[];
  identities: Map<number, ZdIdentity[]>;
  staffIds: Set<number>;
  known: Set<number>;
};

type Reader = {
  client: ZendeskClient;
  email: string;
  pageSize: number;
  /** Zendesk's list endpoints page at most 100 records. */
  listSize: number;
  users: Promise<Users> | null;
  customStatuses: Promise<ZdCustomStatus[]> | null;
};

export async function openZendesk(options: ZendeskOptions): Promise<ImportSource> {
  const client = zendeskClient({
    baseUrl: options.baseUrl,
    email: options.email,
    token: options.token,
    maxRetries: options.maxRetries ?? 5,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    outbound: options.outbound,
  });
  const pageSize = Math.max(1, options.pageSize ?? 100);
  const r: Reader = {
    client,
    email: options.email,
    pageSize,
    listSize: Math.min(pageSize, LIST_PAGE_MAX),
    users: null,
    customStatuses: null,
  };
  await checkAdmin(r);
  return {
    name: `zendesk:${client.host}`,
    organisations: () => organisations(r),
    departments: () => departments(r),
    staff: () => staff(r),
    customers: () => customers(r),
    statuses: async () => [...SYSTEM_STATUSES, ...(await customStatuses(r)).map(customStatusOf)],
    topics: async () => TICKET_TYPES.map((t) => ({ sourceId: t, name: t[0]!.toUpperCase() + t.slice(1) })),
    fields: () => fields(r),
    tickets: (cursor, since) => tickets(r, cursor, since),
    countTickets: (since) => countTickets(r, since),
    close: async () => {},
  };
}

// Refuse early, and clearly, what would fail later: an anonymous answer means Zendesk did not
// accept the credentials; the exports are for administrators only.
async function checkAdmin(r: Reader): Promise<void> {
  const me = await r.client.get<{ user?: { id?: number | null; role?: string } }>('/api/v2/users/me.json');
  if (me.user?.id == null) {
    throw new ZendeskError(
      401,
      `Zendesk refused the credentials for ${r.email} at ${r.client.host}: ` +
        'check the e-mail address and the API token, and that token access is enabled in the Admin Center',
    );
  }
  if (me.user.role !== 'admin') {
    throw new ZendeskError(
      403,
      `Zendesk refused the credentials for ${r.email} at ${r.client.host}: an import needs an administrator's API token`,
    );
  }
}

function users(r: Reader): Promise<Users> {
  r.users ??= readUsers(r);
  return r.users;
}

async function readUsers(r: Reader): Promise<Users> {
  const all: ZdUser[] = [];
  const identities = new Map<number, ZdIdentity[]>();
  // Identities ride along as a sideload: every e-mail address of a person in the same pages.
  let path = `${USER_EXPORT}?start_time=0&per_page=${r.pageSize}&include=identities`;
  for (;;) {
    const page = await r.client.get<{
      users?: ZdUser[];
      identities?: ZdIdentity[];
      after_cursor?: string | null;
      end_of_stream?: boolean;
    }>(path);
    all.push(...(page.users ?? []));
    for (const i of page.identities ?? [])
      identities.set(i.user_id, [...(identities.get(i.user_id) ?? []), i]);
    if (page.end_of_stream || !page.after_cursor) break;
    path = `${USER_EXPORT}?cursor=${encodeURIComponent(page.after_cursor)}&per_page=${r.pageSize}&include=identities`;
  }
  const staffIds = new Set(all.filter((u) => u.role === 'agent' || u.role === 'admin').map((u) => u.id));
  return { all, identities, staffIds, known: new Set(all.map((u) => u.id)) };
}

function customStatuses(r: Reader): Promise<ZdCustomStatus[]> {
  // Accounts without custom ticket statuses answer 403 or 404: the system statuses are all.
  r.customStatuses ??= r.client
    .getOptional<{ custom_statuses?: ZdCustomStatus[] }>('/api/v2/custom_statuses.json')
    .then((res) => res?.custom_statuses ?? []);
  return r.customStatuses;
}

async function organisations(r: Reader): Promise<ImportOrganisation[]> {
  const orgs = await r.client.listAll<ZdOrganization>(
    '/api/v2/organizations.json',
    'organizations',
    r.listSize,
  );
  return orgs.map((o) => ({
    sourceId: String(o.id),
    name: o.name,
    domains: o.domain_names ?? [],
    createdAt: o.created_at,
    updatedAt: o.updated_at,
  }));
}

async function departments(r: Reader): Promise<ImportDepartment[]> {
  const groups = await r.client.listAll<ZdGroup>('/api/v2/groups.json', 'groups', r.listSize);
  return groups
    .filter((g) => !g.deleted)
    .map((g) => ({
      sourceId: String(g.id),
      name: g.name,
      description: g.description || null,
      createdAt: g.created_at,
    }));
}

async function staff(r: Reader): Promise<ImportStaff[]> {
  const [u, memberships] = await Promise.all([
    users(r),
    r.client.listAll<ZdGroupMembership>('/api/v2/group_memberships.json', 'group_memberships', r.listSize),
  ]);
  const groupsOf = new Map<number, ZdGroupMembership[]>();
  for (const m of memberships) groupsOf.set(m.user_id, [...(groupsOf.get(m.user_id) ?? []), m]);
  return u.all
    .filter((user) => u.staffIds.has(user.id))
    .map((user) => ({
      ...personOf(user, u.identities.get(user.id)),
      admin: user.role === 'admin',
      // The default group first: it is the agent's primary department.
      departmentSourceIds: (groupsOf.get(user.id) ?? [])
        .sort((a, b) => Number(b.default ?? false) - Number(a.default ?? false))
        .map((m) => String(m.group_id)),
    }));
}

async function customers(r: Reader): Promise<ImportCustomer[]> {
  const u = await users(r);
  return u.all
    .filter((user) => !u.staffIds.has(user.id))
    .map((user) => personOf(user, u.identities.get(user.id)));
}

async function fields(r: Reader): Promise<ImportField[]> {
  const all = await r.client.listAll<ZdTicketField>(
    '/api/v2/ticket_fields.json',
    'ticket_fields',
    r.listSize,
  );
  return all.map(fieldOf).filter((f): f is ImportField => f !== null);
}

async function tickets(r: Reader, cursor: string | null, since: string | null): Promise<TicketPage> {
  const path = cursor
    ? `${EXPORT}?cursor=${encodeURIComponent(cursor)}&per_page=${r.pageSize}`
    : `${EXPORT}?start_time=${startTime(since)}&per_page=${r.pageSize}`;
  const page = await r.client.get<{
    tickets?: ZdTicket[];
    after_cursor?: string | null;
    end_of_stream?: boolean;
  }>(path);
  // A deleted ticket stays in the export with status "deleted"; there is nothing to import.
  const live = (page.tickets ?? []).filter((t) => t.status !== 'deleted');
  const [u, custom] = await Promise.all([users(r), customStatuses(r)]);
  const customStatusIds = new Set(custom.map((s) => s.id));
  const authorOf = (id: number): ImportAuthor => {
    if (u.staffIds.has(id)) return { kind: 'staff', sourceId: String(id) };
    if (u.known.has(id)) return { kind: 'customer', sourceId: String(id) };
    return { kind: 'system' };
  };
  const read = (a: { content_url: string }) => () => r.client.bytes(a.content_url);
  const out = await mapLimit(live, COMMENT_CONCURRENCY, async (t): Promise<ImportTicket> => {
    const comments = await r.client.listAll<ZdComment>(
      `/api/v2/tickets/${t.id}/comments.json`,
      'comments',
      r.listSize,
    );
    const messages = comments.map((c) => messageOf(c, authorOf, read));
    return ticketOf(t, { messages, comments, customStatusIds });
  });
  return { tickets: out, next: page.end_of_stream ? null : (page.after_cursor ?? null) };
}

async function countTickets(r: Reader, since: string | null): Promise<number | null> {
  if (since) return null;
  const res = await r.client.getOptional<{ count?: { value?: number } }>('/api/v2/tickets/count.json');
  return res?.count?.value ?? null;
}

// Zendesk compares start_time with each ticket's last change and refuses a time less than a minute
// old: a delta asked for "now" starts a minute back, which only re-reads what it already has.
function startTime(since: string | null): number {
  if (!since) return 0;
  const at = Math.floor(Date.parse(since) / 1000);
  if (!Number.isFinite(at)) throw new Error(`not a time: ${since}`);
  return Math.max(0, Math.min(at, Math.floor(Date.now() / 1000) - 60));
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
