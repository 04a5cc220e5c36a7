// osTicket's reference data (organisations, departments, agents, users, statuses, help topics,
// custom fields) as import records. Each is one or two whole-table reads: they are small.
import type {
  ImportCustomer,
  ImportDepartment,
  ImportField,
  ImportFieldKind,
  ImportOrganisation,
  ImportStaff,
  ImportStatus,
  ImportTopic,
} from '../../model.js';
import type { OstDb } from './db.js';

const id = (n: number | null | undefined) => (n ? String(n) : null);
const clean = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);
const when = (v: string | null) => v ?? undefined;

export async function readOrganisations(db: OstDb): Promise<ImportOrganisation[]> {
  const rows = await db.rows<{
    id: number;
    name: string;
    domain: string | null;
    created: string;
    updated: string;
  }>(`select id, name, domain, created, updated from ${db.t('organization')} order by id`);
  return rows.map((r) => ({
    sourceId: String(r.id),
    name: r.name,
    // osTicket accepts several domains separated by commas.
    domains: (r.domain ?? '').split(/[,\s]+/).filter(Boolean),
    createdAt: when(db.iso(r.created)),
    updatedAt: when(db.iso(r.updated) ?? db.iso(r.created)),
  }));
}

export async function readDepartments(db: OstDb): Promise<ImportDepartment[]> {
  const rows = await db.rows<{ id: number; pid: number | null; name: string; created: string }>(
    `select id, pid, name, created from ${db.t('department')} order by id`,
  );
  return rows.map((r) => ({
    sourceId: String(r.id),
    name: r.name,
    parentSourceId: id(r.pid),
    createdAt: when(db.iso(r.created)),
  }));
}

export async function readStaff(db: OstDb): Promise<ImportStaff[]> {
  const [staff, access] = await Promise.all([
    db.rows<{
      staff_id: number;
      dept_id: number;
      firstname: string | null;
      lastname: string | null;
      username: string;
      email: string;
      phone: string | null;
      mobile: string | null;
      isactive: number;
      isadmin: number;
      created: string;
      updated: string;
    }>(
      `select staff_id, dept_id, firstname, lastname, username, email, phone, mobile, isactive, isadmin,
              created, updated from ${db.t('staff')} order by staff_id`,
    ),
    db.rows<{ staff_id: number; dept_id: number }>(
      `select staff_id, dept_id from ${db.t('staff_dept_access')} order by staff_id, dept_id`,
    ),
  ]);
  const extra = new Map<number, string[]>();
  for (const a of access) extra.set(a.staff_id, [...(extra.get(a.staff_id) ?? []), String(a.dept_id)]);
  return staff.map((s) => {
    const depts = [id(s.dept_id), ...(extra.get(s.staff_id) ?? [])].filter((d): d is string => d !== null);
    return {
      sourceId: String(s.staff_id),
      name: [s.firstname, s.lastname].map(clean).filter(Boolean).join(' ') || s.username,
      emails: clean(s.email) ? [s.email.trim()] : [],
      phone: clean(s.phone) ?? clean(s.mobile),
      active: s.isactive === 1,
      admin: s.isadmin === 1,
      departmentSourceIds: [...new Set(depts)],
      createdAt: when(db.iso(s.created)),
      updatedAt: when(db.iso(s.updated) ?? db.iso(s.created)),
    };
  });
}

export async function readCustomers(db: OstDb): Promise<ImportCustomer[]> {
  const [users, emails, phones] = await Promise.all([
    db.rows<{
      id: number;
      org_id: number;
      default_email_id: number;
      name: string;
      created: string;
      updated: string;
    }>(`select id, org_id, default_email_id, name, created, updated from ${db.t('user')} order by id`),
    db.rows<{ id: number; user_id: number; address: string }>(
      `select id, user_id, address from ${db.t('user_email')} order by id`,
    ),
    // The phone number lives in the "Contact Information" form (type U), field "phone".
    db.rows<{ user_id: number; value: string }>(
      `select fe.object_id as user_id, v.value
         from ${db.t('form_entry')} fe
         join ${db.t('form')} f on f.id = fe.form_id and f.type = 'U'
         join ${db.t('form_entry_values')} v on v.entry_id = fe.id
         join ${db.t('form_field')} ff on ff.id = v.field_id and ff.name = 'phone'
        where fe.object_type = 'U' and v.value is not null and v.value <> ''`,
    ),
  ]);
  const byUser = new Map<number, { id: number; address: string }[]>();
  for (const e of emails) byUser.set(e.user_id, [...(byUser.get(e.user_id) ?? []), e]);
  const phoneOf = new Map(phones.map((p) => [p.user_id, p.value]));
  return users.map((u) => {
    const own = byUser.get(u.id) ?? [];
    // The default address first, then the others in the order they were added.
    const ordered = [
      ...own.filter((e) => e.id === u.default_email_id),
      ...own.filter((e) => e.id !== u.default_email_id),
    ];
    return {
      sourceId: String(u.id),
      name: u.name,
      emails: ordered.map((e) => e.address.trim()).filter(Boolean),
      phone: clean(phoneOf.get(u.id)),
      organisationSourceId: id(u.org_id),
      createdAt: when(db.iso(u.created)),
      updatedAt: when(db.iso(u.updated) ?? db.iso(u.created)),
    };
  });
}

/** What an osTicket status means for Tessera; osTicket only knows open/closed/archived/deleted. */
export function statusState(name: string, state: string): ImportStatus['state'] {
  if (state === 'open') return /await|waiting|pending|on.?hold/i.test(name) ? 'pending' : 'open';
  if (state === 'closed' && /resolv|solved|fixed|done|answered/i.test(name)) return 'solved';
  return 'closed';
}

export async function readStatuses(db: OstDb): Promise<ImportStatus[]> {
  const rows = await db.rows<{ id: number; name: string; state: string }>(
    `select id, name, state from ${db.t('ticket_status')} order by id`,
  );
  return rows.map((r) => ({ sourceId: String(r.id), name: r.name, state: statusState(r.name, r.state) }));
}

export async function readTopics(db: OstDb): Promise<ImportTopic[]> {
  const rows = await db.rows<{ topic_id: number; topic_pid: number; topic: string }>(
    `select topic_id, topic_pid, topic from ${db.t('help_topic')} order by topic_id`,
  );
  return rows.map((r) => ({ sourceId: String(r.topic_id), name: r.topic, parentSourceId: id(r.topic_pid) }));
}

/** A custom field with what it takes to read its stored values. */
export type OstField = ImportField & { type: string; multiselect: boolean };

// The fields osTicket itself fills (subject, message, priority) and types that hold no value.
const SYSTEM_NAMES = new Set(['subject', 'message', 'priority']);
const KINDS: Record<string, ImportFieldKind> = {
  text: 'text',
  phone: 'text',
  memo: 'multiline',
  choices: 'select',
  bool: 'checkbox',
  datetime: 'date',
};

/** Custom fields of ticket forms: the "Ticket Details" form's own additions and any generic form. */
export async function readFields(db: OstDb): Promise<OstField[]> {
  const rows = await db.rows<{
    id: number;
    type: string;
    label: string;
    name: string;
    configuration: string | null;
  }>(
    `select ff.id, ff.type, ff.label, ff.name, ff.configuration
       from ${db.t('form_field')} ff join ${db.t('form')} f on f.id = ff.form_id
      where f.type in ('T', 'G') order by f.id, ff.sort, ff.id`,
  );
  const fields: OstField[] = [];
  for (const r of rows) {
    if (SYSTEM_NAMES.has(r.name)) continue;
    const list = /^list-(\d+)$/.exec(r.type);
    const kind = list ? 'select' : KINDS[r.type];
    if (!kind) continue;
    const config = parseJson(r.configuration) as Record<string, unknown> | null;
    const multiselect = Boolean(config?.['multiselect']);
    const field: OstField = {
      sourceId: String(r.id),
      key: r.name?.trim() || `field_${r.id}`,
      label: r.label,
      // Several choices do not fit one select: they arrive as text ("VPN, E-mail").
      kind: multiselect ? 'text' : kind,
      type: r.type,
      multiselect,
    };
    if (!multiselect && r.type === 'choices') field.options = parseChoices(String(config?.['choices'] ?? ''));
    if (!multiselect && list) {
      const items = await db.rows<{ id: number; value: string }>(
        `select id, value from ${db.t('list_items')} where list_id = ? order by sort, id`,
        [Number(list[1])],
      );
      field.options = items.map((i) => ({ value: String(i.id), label: i.value }));
    }
    fields.push(field);
  }
  return fields;
}

/** osTicket's choices: one per line, "key:label", or just "label" (then the label is the key). */
export function parseChoices(text: string): { value: string; label: string }[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const at = line.indexOf(':');
      return at < 0
        ? { value: line, label: line }
        : { value: line.slice(0, at).trim(), label: line.slice(at + 1).trim() };
    });
}

export function parseJson(text: string | null | undefined): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** A stored form value as the import's field value. */
export function fieldValue(field: OstField, raw: string | null): string | number | boolean | null {
  if (raw === null || raw === '') return null;
  if (field.type === 'choices' || field.type.startsWith('list-')) {
    // Stored as JSON {"key":"label", …}; very old rows hold the bare key.
    const parsed = parseJson(raw);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const entries = Object.entries(parsed as Record<string, unknown>);
      if (field.multiselect) return entries.map(([, label]) => String(label)).join(', ') || null;
      return entries[0]?.[0] ?? null;
    }
    return raw;
  }
  if (field.type === 'bool') return raw === '1' || raw.toLowerCase() === 'true';
  if (field.type === 'datetime') {
    // "2026-12-05 07:30:00 UTC" (the day as entered), or a Unix time from older versions.
    if (/^\d+$/.test(raw)) return new Date(Number(raw) * 1000).toISOString().slice(0, 10);
    return /^\d{4}-\d{2}-\d{2}/.exec(raw)?.[0] ?? null;
  }
  return raw;
}
