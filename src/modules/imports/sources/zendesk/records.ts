import type {
  ImportAttachment,
  ImportAuthor,
  ImportField,
  ImportFieldKind,
  ImportMessage,
  ImportPerson,
  ImportStatus,
  ImportTicket,
} from '../../model.js';
import type {
  ZdAttachment,
  ZdComment,
  ZdCustomStatus,
  ZdIdentity,
  ZdTicket,
  ZdTicketField,
  ZdUser,
  ZdVia,
} from './api.js';

// How each Zendesk record becomes an import record. Pure: no I/O.

export const idOf = (n: number | null | undefined) => (n == null ? null : String(n));

/** A person record from a user, with every e-mail identity (primary first) when they were sideloaded. */
export function personOf(user: ZdUser, identities: ZdIdentity[] = []): ImportPerson {
  const emails: string[] = [];
  const add = (e: string | null | undefined) => {
    const v = e?.trim().toLowerCase();
    if (v && !emails.includes(v)) emails.push(v);
  };
  add(user.email);
  const mail = identities.filter((i) => i.type === 'email');
  for (const i of mail.filter((i) => i.primary)) add(i.value);
  for (const i of mail) add(i.value);
  return {
    sourceId: String(user.id),
    name: user.name?.trim() || user.email || `Zendesk user ${user.id}`,
    emails,
    phone: user.phone || null,
    organisationSourceId: idOf(user.organization_id),
    active: user.active !== false && !user.suspended,
    createdAt: user.created_at,
    updatedAt: user.updated_at,
  };
}

// Zendesk's system statuses. "hold" waits on a third party, which is waiting all the same.
export const SYSTEM_STATUSES: ImportStatus[] = [
  { sourceId: 'new', name: 'New', state: 'open' },
  { sourceId: 'open', name: 'Open', state: 'open' },
  { sourceId: 'pending', name: 'Pending', state: 'pending' },
  { sourceId: 'hold', name: 'On-hold', state: 'pending' },
  { sourceId: 'solved', name: 'Solved', state: 'solved' },
  { sourceId: 'closed', name: 'Closed', state: 'closed' },
];
const stateOfCategory = Object.fromEntries(SYSTEM_STATUSES.map((s) => [s.sourceId, s.state])) as Record<
  string,
  ImportStatus['state']
>;

export const customStatusId = (id: number) => `custom:${id}`;

export function customStatusOf(s: ZdCustomStatus): ImportStatus {
  return {
    sourceId: customStatusId(s.id),
    name: s.agent_label,
    state: stateOfCategory[s.status_category] ?? 'open',
  };
}

export const TICKET_TYPES = ['question', 'incident', 'problem', 'task'] as const;

// System fields are the ticket's own columns, read from the ticket itself.
const SYSTEM_FIELD_TYPES = new Set([
  'subject',
  'description',
  'status',
  'tickettype',
  'priority',
  'group',
  'assignee',
  'custom_status',
]);
const KIND_OF_TYPE: Record<string, ImportFieldKind> = {
  tagger: 'select',
  multiselect: 'select',
  text: 'text',
  integer: 'text',
  decimal: 'text',
  regexp: 'text',
  partialcreditcard: 'text',
  textarea: 'multiline',
  checkbox: 'checkbox',
  date: 'date',
};

/** A custom ticket field, or null for system fields and kinds Tessera has no place for (lookup). */
export function fieldOf(f: ZdTicketField): ImportField | null {
  if (SYSTEM_FIELD_TYPES.has(f.type)) return null;
  const kind = KIND_OF_TYPE[f.type];
  if (!kind) return null;
  const field: ImportField = { sourceId: String(f.id), key: keyOf(f.title, f.id), label: f.title, kind };
  if (kind === 'select') {
    field.options = (f.custom_field_options ?? []).map((o) => ({ value: o.value, label: o.name }));
  }
  return field;
}

/** A key proposal from a title: lower-case letters, digits and _, starting with a letter. */
export function keyOf(title: string, id: number): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 64);
  if (!slug) return `field_${id}`;
  return /^[a-z]/.test(slug) ? slug : `f_${slug}`.slice(0, 64);
}

/** A custom field's value: multi-select values (an array) joined by commas. */
export function fieldValue(value: unknown): string | number | boolean | null {
  if (value == null) return null;
  if (Array.isArray(value)) return value.length ? value.map(String).join(',') : null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

const PRIORITIES = new Set(['low', 'normal', 'high', 'urgent']);

export function channelOf(via: ZdVia | null | undefined): ImportTicket['channel'] {
  switch (via?.channel) {
    case 'web':
    case 'web_form':
    case 'web_widget':
    case 'mobile':
    case 'mobile_sdk':
    case 'help_center':
    case 'chat':
    case 'native_messaging':
      return 'web';
    case 'email':
      return 'email';
    case 'voice':
    case 'phone':
    case 'sms':
      return 'phone';
    case 'whatsapp':
      return 'whatsapp';
    case 'telegram':
      return 'telegram';
    default:
      return 'api';
  }
}

const SCORE: Record<string, number> = { good: 5, bad: 1 };

/** Zendesk's status, or the custom status the account gave it (closed stays closed: its category is solved). */
export function statusOf(t: ZdTicket, customIds: Set<number>): string {
  if (t.status !== 'closed' && t.custom_status_id != null && customIds.has(t.custom_status_id)) {
    return customStatusId(t.custom_status_id);
  }
  return t.status;
}

/** Where a merged ticket went: the merge comment's via names the target, or its text does. */
export function mergedInto(t: ZdTicket, comments: ZdComment[]): string | null {
  const merge = comments.filter((c) => c.via?.source?.rel === 'merge');
  for (const c of merge) {
    const to = c.via?.source?.to as { ticket_id?: unknown } | undefined;
    if (to?.ticket_id != null && String(to.ticket_id) !== String(t.id)) return String(to.ticket_id);
  }
  // Without a target in via, the merge note says it in words; a ticket Zendesk tagged
  // closed_by_merge is searched in all its comments.
  for (const c of t.tags?.includes('closed_by_merge') ? comments : merge) {
    const m = /merged into (?:request|ticket) #(\d+)/i.exec(c.plain_body ?? c.body ?? '');
    if (m?.[1]) return m[1];
  }
  return null;
}

export function ticketOf(
  t: ZdTicket,
  ctx: { messages: ImportMessage[]; comments: ZdComment[]; customStatusIds: Set<number> },
): ImportTicket {
  const firstLine = t.description
    ?.split('\n')
    .find((l) => l.trim())
    ?.trim();
  const fields: Record<string, string | number | boolean | null> = {};
  for (const f of t.custom_fields ?? []) fields[String(f.id)] = fieldValue(f.value);
  const linked = new Set<string>();
  if (t.problem_id != null) linked.add(String(t.problem_id));
  // A follow-up of a closed ticket names it.
  const from = t.via?.source?.from as { ticket_id?: unknown } | undefined;
  if (t.via?.source?.rel === 'follow_up' && from?.ticket_id != null) linked.add(String(from.ticket_id));
  const rating = t.satisfaction_rating;
  const score = rating?.score ? SCORE[rating.score] : undefined;
  return {
    sourceId: String(t.id),
    number: String(t.id),
    subject: t.subject?.trim() || firstLine?.slice(0, 200) || '(no subject)',
    requesterSourceId: String(t.requester_id),
    organisationSourceId: idOf(t.organization_id),
    departmentSourceId: idOf(t.group_id),
    topicSourceId: t.type && (TICKET_TYPES as readonly string[]).includes(t.type) ? t.type : null,
    statusSourceId: statusOf(t, ctx.customStatusIds),
    priority: t.priority && PRIORITIES.has(t.priority) ? (t.priority as ImportTicket['priority']) : 'normal',
    assigneeSourceId: idOf(t.assignee_id),
    channel: channelOf(t.via),
    tags: t.tags ?? [],
    fields,
    createdAt: t.created_at,
    updatedAt: t.updated_at,
    closedAt: null,
    mergedIntoSourceId: t.status === 'closed' ? mergedInto(t, ctx.comments) : null,
    linkedSourceIds: [...linked],
    // The ticket carries no time for its rating; its last update is the closest it tells.
    satisfaction: score ? { rating: score, comment: rating?.comment || null, at: t.updated_at } : null,
    messages: ctx.messages,
  };
}

export function messageOf(
  c: ZdComment,
  authorOf: (userId: number) => ImportAuthor,
  read: (a: ZdAttachment) => () => Promise<Buffer>,
): ImportMessage {
  const html = c.html_body?.trim();
  return {
    sourceId: String(c.id),
    author: authorOf(c.author_id),
    body: html ? html : (c.plain_body ?? c.body ?? ''),
    format: html ? 'html' : 'text',
    internal: !c.public,
    channel: channelOf(c.via),
    createdAt: c.created_at,
    attachments: (c.attachments ?? []).map(
      (a): ImportAttachment => ({
        sourceId: String(a.id),
        filename: a.file_name,
        contentType: a.content_type ?? null,
        read: read(a),
      }),
    ),
  };
}
