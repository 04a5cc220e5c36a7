import type { Executor } from '../../db/database.js';
import type { UserTable } from '../../db/schema.js';
import { newId } from '../../lib/crypto.js';
import { insertOrganisation } from '../organisations/organisations.repository.js';
import { findUserByEmail } from '../users/users.repository.js';
import { type ImportRecordRow, insertRecords, recordsOf } from './import.repository.js';
import { keyOf } from './mapping.js';
import type { ImportPerson, ImportSource, ImportStaff } from './model.js';
import { count, note, refuse, type Tally } from './tally.js';

// The reference data of a source: organisations, departments, staff, customers, topics and custom
// fields, read whole and written in one transaction. What is recorded already is skipped; what
// exists in Tessera under the same name or address is taken (and logged as matched), never
// duplicated; what is new is created. Nothing is sent: accounts come without a password, and their
// owners set one through "Forgot password" or an invitation.

export type TopicsAs = 'types' | 'departments';
export type RefContext = {
  trx: Executor;
  source: string;
  runId: string;
  now: string;
  tally: Tally;
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const at = (t: string | undefined, now: string) => t ?? now;

/** Imports the reference data of `source`; returns nothing but the records and the tally. */
export async function importReference(c: RefContext, src: ImportSource, topicsAs: TopicsAs) {
  await importOrganisations(c, src);
  await importDepartments(c, src);
  await importPeople(c, 'staff', await src.staff());
  await importPeople(c, 'customer', await src.customers());
  if (topicsAs === 'types') await importTopicsAsTypes(c, src);
  else await importTopicsAsDepartments(c, src);
  await importFields(c, src);
}

/** Writes the records of a kind's new objects. */
function recordRow(
  c: RefContext,
  kind: string,
  sourceId: string,
  localId: string,
  updated?: string,
): ImportRecordRow {
  return {
    source: c.source,
    kind,
    source_id: sourceId,
    local_id: localId,
    source_ref: null,
    source_updated_at: updated ?? null,
    pending: null,
    run_id: c.runId,
    imported_at: c.now,
  };
}

async function importOrganisations(c: RefContext, src: ImportSource) {
  const items = await src.organisations();
  const known = await recordsOf(c.trx, c.source, 'organisation');
  const rows: ImportRecordRow[] = [];
  for (const o of items) {
    if (known.has(o.sourceId)) {
      count(c.tally, 'organisation', 'skipped');
      continue;
    }
    const name = o.name.trim().slice(0, 200);
    if (!name) {
      refuse(c.tally, 'organisation', o.sourceId, 'it has no name');
      continue;
    }
    const existing = await c.trx
      .selectFrom('organisations')
      .select('id')
      .where('name', '=', name)
      .executeTakeFirst();
    let id = existing?.id;
    if (id)
      note(c.tally, {
        kind: 'organisation',
        sourceId: o.sourceId,
        outcome: 'matched',
        detail: `the organisation "${name}" exists already`,
      });
    else {
      id = newId();
      await insertOrganisation(c.trx, {
        id,
        name,
        created_at: at(o.createdAt, c.now),
        updated_at: at(o.updatedAt ?? o.createdAt, c.now),
      });
    }
    count(c.tally, 'organisation', 'imported');
    rows.push(recordRow(c, 'organisation', o.sourceId, id));
  }
  await insertRecords(c.trx, rows);
}

async function departmentByName(c: RefContext, name: string, description: string | null, createdAt: string) {
  const existing = await c.trx
    .selectFrom('departments')
    .select('id')
    .where('name', '=', name)
    .executeTakeFirst();
  if (existing) return { id: existing.id, matched: true };
  const id = newId();
  await c.trx.insertInto('departments').values({ id, name, description, created_at: createdAt }).execute();
  return { id, matched: false };
}

async function importDepartments(c: RefContext, src: ImportSource) {
  const known = await recordsOf(c.trx, c.source, 'department');
  const rows: ImportRecordRow[] = [];
  for (const d of await src.departments()) {
    if (known.has(d.sourceId)) {
      count(c.tally, 'department', 'skipped');
      continue;
    }
    const name = d.name.trim().slice(0, 100);
    if (!name) {
      refuse(c.tally, 'department', d.sourceId, 'it has no name');
      continue;
    }
    const { id, matched } = await departmentByName(c, name, d.description ?? null, at(d.createdAt, c.now));
    if (matched)
      note(c.tally, {
        kind: 'department',
        sourceId: d.sourceId,
        outcome: 'matched',
        detail: `the department "${name}" exists already`,
      });
    count(c.tally, 'department', 'imported');
    rows.push(recordRow(c, 'department', d.sourceId, id));
  }
  await insertRecords(c.trx, rows);
}

const isStaff = (p: ImportPerson | ImportStaff): p is ImportStaff => 'admin' in p;

type PeopleMaps = { orgs: Map<string, ImportRecordRow>; depts: Map<string, ImportRecordRow> };

async function importPeople(
  c: RefContext,
  kind: 'staff' | 'customer',
  people: (ImportPerson | ImportStaff)[],
) {
  const known = await recordsOf(c.trx, c.source, kind);
  const maps: PeopleMaps = {
    orgs: await recordsOf(c.trx, c.source, 'organisation'),
    depts: await recordsOf(c.trx, c.source, 'department'),
  };
  const rows: ImportRecordRow[] = [];
  for (const p of people) {
    if (known.has(p.sourceId)) {
      count(c.tally, kind, 'skipped');
      continue;
    }
    const emails = [...new Set(p.emails.map((e) => e.trim().toLowerCase()).filter(Boolean))];
    const bad = emails.filter((e) => !EMAIL.test(e) || e.length > 254);
    const good = emails.filter((e) => !bad.includes(e));
    for (const b of bad)
      note(c.tally, {
        kind,
        sourceId: p.sourceId,
        outcome: 'refused',
        detail: `the address "${b}" is not valid`,
      });
    const [primary, ...extras] = good;
    if (!primary) {
      refuse(
        c.tally,
        kind,
        p.sourceId,
        emails.length ? 'no valid e-mail address' : 'it has no e-mail address',
      );
      continue;
    }
    const id = await personFor(c, kind, p, primary, maps);
    await addAddresses(c, kind, p.sourceId, id, extras);
    count(c.tally, kind, 'imported');
    rows.push(recordRow(c, kind, p.sourceId, id, p.updatedAt));
  }
  await insertRecords(c.trx, rows);
}

/** The user with that address (kept as is: an import never changes who someone is), or a new one. */
async function personFor(
  c: RefContext,
  kind: 'staff' | 'customer',
  p: ImportPerson | ImportStaff,
  primary: string,
  maps: PeopleMaps,
): Promise<string> {
  const existing = await findUserByEmail(c.trx, primary);
  if (existing) {
    note(c.tally, {
      kind,
      sourceId: p.sourceId,
      outcome: 'matched',
      detail: `${primary} is ${existing.name} (${existing.role}) already; kept as is`,
    });
    return existing.id;
  }
  const id = newId();
  const staff = kind === 'staff' && isStaff(p) ? p : null;
  const row: UserTable = {
    id,
    email: primary,
    name: (p.name.trim() || primary.split('@')[0] || primary).slice(0, 200),
    role: staff ? (staff.admin ? 'admin' : 'agent') : 'customer',
    password_hash: null,
    organisation_id: p.organisationSourceId
      ? (maps.orgs.get(p.organisationSourceId)?.local_id ?? null)
      : null,
    phone: p.phone?.trim() || null,
    active: p.active === false ? 0 : 1,
    created_at: at(p.createdAt, c.now),
    updated_at: at(p.updatedAt ?? p.createdAt, c.now),
  };
  await c.trx.insertInto('users').values(row).execute();
  const depts = new Set(
    (staff?.departmentSourceIds ?? [])
      .map((d) => maps.depts.get(d)?.local_id)
      .filter((d): d is string => !!d),
  );
  if (depts.size)
    await c.trx
      .insertInto('user_departments')
      .values([...depts].map((department_id) => ({ user_id: id, department_id })))
      .execute();
  return id;
}

/** A person's further addresses, unless someone else has one already (then logged). */
async function addAddresses(c: RefContext, kind: string, sourceId: string, userId: string, extras: string[]) {
  for (const extra of extras) {
    const owner = await findUserByEmail(c.trx, extra);
    if (owner && owner.id !== userId) {
      note(c.tally, {
        kind,
        sourceId,
        outcome: 'refused',
        detail: `the address ${extra} belongs to ${owner.name} already`,
      });
    } else if (!owner) {
      await c.trx
        .insertInto('user_contacts')
        .values({ id: newId(), user_id: userId, kind: 'email', value: extra, created_at: c.now })
        .execute();
    }
  }
}

/** Help topics as ticket types: a new key per name, or the type of that name that exists. */
async function importTopicsAsTypes(c: RefContext, src: ImportSource) {
  const known = await recordsOf(c.trx, c.source, 'topic');
  const types = await c.trx.selectFrom('ticket_types').select(['key', 'name', 'position']).execute();
  let position = Math.max(0, ...types.map((t) => Number(t.position))) + 1;
  const rows: ImportRecordRow[] = [];
  for (const t of await src.topics()) {
    if (known.has(t.sourceId)) {
      count(c.tally, 'topic', 'skipped');
      continue;
    }
    const name = t.name.trim().slice(0, 100);
    let key = types.find((x) => x.name.toLowerCase() === name.toLowerCase())?.key;
    if (!key) {
      const base = keyOf(name, 'type');
      key = base;
      for (let n = 2; types.some((x) => x.key === key); n++) key = `${base.slice(0, 60)}_${n}`;
      await c.trx
        .insertInto('ticket_types')
        .values({ key, name, description: null, urgent: 0, position: position++, active: 1 })
        .execute();
      types.push({ key, name, position });
    }
    count(c.tally, 'topic', 'imported');
    rows.push(recordRow(c, 'topic', t.sourceId, `type:${key}`));
  }
  await insertRecords(c.trx, rows);
}

/** Help topics as departments: tickets go to the department of their topic. */
async function importTopicsAsDepartments(c: RefContext, src: ImportSource) {
  const known = await recordsOf(c.trx, c.source, 'topic');
  const rows: ImportRecordRow[] = [];
  for (const t of await src.topics()) {
    if (known.has(t.sourceId)) {
      count(c.tally, 'topic', 'skipped');
      continue;
    }
    const { id } = await departmentByName(c, t.name.trim().slice(0, 100), null, c.now);
    count(c.tally, 'topic', 'imported');
    rows.push(recordRow(c, 'topic', t.sourceId, `department:${id}`));
  }
  await insertRecords(c.trx, rows);
}

async function importFields(c: RefContext, src: ImportSource) {
  const known = await recordsOf(c.trx, c.source, 'field');
  const fields = await c.trx.selectFrom('custom_fields').select(['key', 'label', 'position']).execute();
  let position = Math.max(0, ...fields.map((f) => Number(f.position))) + 1;
  const rows: ImportRecordRow[] = [];
  for (const f of await src.fields()) {
    if (known.has(f.sourceId)) {
      count(c.tally, 'field', 'skipped');
      continue;
    }
    const label = f.label.trim().slice(0, 200) || f.key;
    let key = fields.find((x) => x.label.toLowerCase() === label.toLowerCase())?.key;
    const options = (f.options ?? []).map((o) => ({
      value: keyOf(o.value, 'option'),
      label: o.label.slice(0, 200) || o.value,
    }));
    if (f.kind === 'select' && options.length === 0) {
      refuse(c.tally, 'field', f.sourceId, `the choice field "${label}" has no choices`);
      continue;
    }
    if (!key) {
      const base = keyOf(f.key || label, 'field');
      key = base;
      for (let n = 2; fields.some((x) => x.key === key); n++) key = `${base.slice(0, 60)}_${n}`;
      await c.trx
        .insertInto('custom_fields')
        .values({
          key,
          label,
          kind: f.kind,
          options: JSON.stringify(options),
          required: 0,
          department_ids: '[]',
          type_keys: '[]',
          help: null,
          position: position++,
          active: 1,
        })
        .execute();
      fields.push({ key, label, position });
    }
    count(c.tally, 'field', 'imported');
    rows.push(recordRow(c, 'field', f.sourceId, key));
  }
  await insertRecords(c.trx, rows);
}
