import type {
  ImportCustomer,
  ImportDepartment,
  ImportOrganisation,
  ImportStaff,
  ImportStatus,
  ImportTopic,
} from '../../model.js';
import type { ColumnMap } from './targets.js';
import { isEmail, splitEmails, statusState } from './values.js';

// The reference data of a CSV import, gathered whole: it is small next to the tickets, and a
// ticket's references must resolve to it. Every id here is derived from the file so that reading
// the same files again gives the same ids:
// - organisation: its `id` column, else its name lower-cased;
// - customer: its `id` column, else its primary address lower-cased (also for requesters met only
//   on a ticket);
// - staff (assignees): the address lower-cased;
// - status, department, topic: the value lower-cased (a ticket without a status gets "open", or
//   "closed" when it has a closing date).

export type Refusal = { kind: string; sourceId: string; reason: string };

export type Reference = {
  organisations: Map<string, ImportOrganisation>;
  /** A folded id or name → the organisation's id. */
  organisationKeys: Map<string, string>;
  customers: Map<string, ImportCustomer>;
  /** Every address, lower-cased → the customer's id. */
  customerByEmail: Map<string, string>;
  staff: Map<string, ImportStaff>;
  statuses: Map<string, ImportStatus>;
  departments: Map<string, ImportDepartment>;
  topics: Map<string, ImportTopic>;
};

export function emptyReference(): Reference {
  return {
    organisations: new Map(),
    organisationKeys: new Map(),
    customers: new Map(),
    customerByEmail: new Map(),
    staff: new Map(),
    statuses: new Map(),
    departments: new Map(),
    topics: new Map(),
  };
}

export function cell(cells: string[], map: ColumnMap, target: string): string {
  const column = map.columns.get(target);
  return column === undefined ? '' : (cells[column] ?? '').trim();
}

const fold = (value: string) => value.trim().toLowerCase();

/** One row of the organisations file; a refusal's reason when it cannot be one. */
export function addOrganisation(ref: Reference, cells: string[], map: ColumnMap): string | null {
  const name = cell(cells, map, 'name');
  if (!name) return 'no name';
  const sourceId = cell(cells, map, 'id') || fold(name);
  if (ref.organisations.has(sourceId)) return `the organisation ${sourceId} is already in the file`;
  const domains = cell(cells, map, 'domains')
    .split(/[;,\s]+/)
    .map((d) => d.replace(/^@/, '').toLowerCase())
    .filter((d) => d !== '');
  ref.organisations.set(sourceId, { sourceId, name, ...(domains.length > 0 ? { domains } : {}) });
  ref.organisationKeys.set(fold(sourceId), sourceId);
  if (!ref.organisationKeys.has(fold(name))) ref.organisationKeys.set(fold(name), sourceId);
  return null;
}

/** The organisation a cell names, by id or name; a name not in the organisations file becomes one. */
export function organisationOf(ref: Reference, value: string): string | null {
  if (!value) return null;
  const known = ref.organisationKeys.get(fold(value));
  if (known) return known;
  const sourceId = fold(value);
  ref.organisations.set(sourceId, { sourceId, name: value });
  ref.organisationKeys.set(sourceId, sourceId);
  return sourceId;
}

/** One row of the customers file; a refusal's reason when it cannot be one. */
export function addCustomer(ref: Reference, cells: string[], map: ColumnMap): string | null {
  const email = cell(cells, map, 'email');
  if (!email) return 'no e-mail address';
  if (!isEmail(email)) return `"${email}" is not an e-mail address`;
  const sourceId = cell(cells, map, 'id') || fold(email);
  if (ref.customers.has(sourceId)) return `the customer ${sourceId} is already in the file`;
  const emails: string[] = [];
  for (const address of [email, ...splitEmails(cell(cells, map, 'emails'))]) {
    if (!isEmail(address) || emails.some((e) => fold(e) === fold(address))) continue;
    // An address is one person's: a later row naming it again does not take it over.
    if (ref.customerByEmail.has(fold(address))) {
      if (address === email) return `the address ${email} belongs to an earlier customer`;
      continue;
    }
    emails.push(address);
  }
  const phone = cell(cells, map, 'phone');
  ref.customers.set(sourceId, {
    sourceId,
    name: cell(cells, map, 'name') || email,
    emails,
    phone: phone || null,
    organisationSourceId: organisationOf(ref, cell(cells, map, 'organisation')),
  });
  for (const address of emails) ref.customerByEmail.set(fold(address), sourceId);
  return null;
}

/** The customer a ticket's requester is: a known one by any of their addresses, else a new one. */
export function requesterOf(
  ref: Reference,
  email: string,
  name: string,
  organisationSourceId: string | null,
): string {
  const known = ref.customerByEmail.get(fold(email));
  if (known) {
    const customer = ref.customers.get(known)!;
    if (name && customer.name === customer.emails[0]) customer.name = name;
    return known;
  }
  const sourceId = fold(email);
  ref.customers.set(sourceId, { sourceId, name: name || email, emails: [email], organisationSourceId });
  ref.customerByEmail.set(sourceId, sourceId);
  return sourceId;
}

/** The agent an assignee address names; they work in the departments of their tickets. */
export function staffOf(ref: Reference, email: string, departmentSourceId: string | null): string {
  const sourceId = fold(email);
  let staff = ref.staff.get(sourceId);
  if (!staff) {
    staff = { sourceId, name: email.split('@')[0]!, emails: [email], admin: false, departmentSourceIds: [] };
    ref.staff.set(sourceId, staff);
  }
  if (departmentSourceId && !staff.departmentSourceIds.includes(departmentSourceId))
    staff.departmentSourceIds.push(departmentSourceId);
  return sourceId;
}

export function statusOf(ref: Reference, value: string, closed: boolean): string {
  const name = value || (closed ? 'Closed' : 'Open');
  const sourceId = fold(name);
  if (!ref.statuses.has(sourceId)) ref.statuses.set(sourceId, { sourceId, name, state: statusState(name) });
  return sourceId;
}

export function departmentOf(ref: Reference, value: string): string | null {
  if (!value) return null;
  const sourceId = fold(value);
  if (!ref.departments.has(sourceId)) ref.departments.set(sourceId, { sourceId, name: value });
  return sourceId;
}

export function topicOf(ref: Reference, value: string): string | null {
  if (!value) return null;
  const sourceId = fold(value);
  if (!ref.topics.has(sourceId)) ref.topics.set(sourceId, { sourceId, name: value });
  return sourceId;
}
