import type { z } from 'zod';
import type {
  customFieldBody,
  customFieldPatch,
  ticketTypeBody,
  ticketTypePatch,
} from '../../../common/intake.js';
import type { ActorCtx } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { invalid, invalidFields, notFound, refusal } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import { authorize, can } from '../../policies/policy.js';
import { auditSettingChange, saveSetting } from '../audit/setting-change.js';
import { departmentsExist } from '../departments/departments.repository.js';
import { variantsFor } from '../languages/variants.js';
import { flag, patchOf } from '../reference-data/patch.js';
import { insertUnique, type UniqueRows, updateUnique } from '../reference-data/unique-rows.js';
import { getSetting } from '../settings/settings.repository.js';
import { USER_REFUSALS } from '../users/refusals.js';
import { applicableFields, checkFields, type FieldDef, type FieldValue } from './fields.js';
import {
  findFieldDef,
  findType,
  insertFieldDef,
  insertType,
  listFieldDefs,
  listTypeRows,
  replaceFieldDef,
  type TicketTypeRow,
  updateTypeRow,
} from './intake.repository.js';
import { TRIAGE } from './triage.js';

const SAID = defineMessages({
  noSuchField: { id: 'error.intake.no_such_field', defaultMessage: 'No such field' },
  needsOptions: { id: 'error.intake.select_needs_options', defaultMessage: 'a select field needs options' },
  noSuchDepartments: {
    id: 'error.intake.no_such_department',
    defaultMessage: 'departmentIds: no such department',
  },
  noSuchType: { id: 'error.intake.no_such_type', defaultMessage: 'type: no such ticket type' },
  noSuchTypeField: { id: 'error.intake.no_such_type_field', defaultMessage: 'no such ticket type' },
});

export const presentType = (t: TicketTypeRow) => ({
  key: t.key,
  name: t.name,
  description: t.description,
  urgent: t.urgent === 1,
  position: t.position,
  active: t.active === 1,
});
export const presentField = (d: FieldDef) => ({
  key: d.key,
  label: d.label,
  kind: d.kind,
  options: d.options,
  required: d.required === 1,
  departmentIds: d.department_ids,
  typeKeys: d.type_keys,
  help: d.help,
  position: d.position,
  active: d.active === 1,
});

/** Everyone reads the types in their language but those who edit them, who read them as written. */
export async function listTypes(ctx: ActorCtx) {
  const rows = await listTypeRows(ctx.db);
  const shown = (ctx.actor.role === 'customer' ? rows.filter((r) => r.active === 1) : rows).map(presentType);
  if (can(ctx.actor, 'intake.manage')) return shown;
  const v = await variantsFor(
    ctx.db,
    ctx.actor,
    'ticket_type',
    shown.map((t) => t.key),
  );
  return shown.map((t) => ({
    ...t,
    name: v.text(t.key, 'name', t.name),
    description: t.description === null ? null : v.text(t.key, 'description', t.description),
  }));
}
const TYPES: UniqueRows<TicketTypeRow, 'key'> = {
  noun: 'ticket type',
  unique: 'key',
  find: findType,
  taken: findType,
  insert: insertType,
  update: updateTypeRow,
};
const FIELDS = { noun: 'field', unique: 'key', taken: findFieldDef, insert: insertFieldDef } as const;

/** A ticket type's row from the request that creates it (or from the shipped triage). */
const typeRow = (input: z.infer<typeof ticketTypeBody>): TicketTypeRow => ({
  ...input,
  description: input.description ?? null,
  urgent: flag(input.urgent),
  active: flag(input.active),
});

export async function createType(ctx: ActorCtx, input: z.infer<typeof ticketTypeBody>) {
  authorize(ctx.actor, 'intake.manage');
  return presentType(await insertUnique(ctx, TYPES, typeRow(input)));
}
export async function updateType(ctx: ActorCtx, key: string, input: z.infer<typeof ticketTypePatch>) {
  authorize(ctx.actor, 'intake.manage');
  const patch = patchOf<TicketTypeRow>({
    name: input.name,
    description: input.description,
    urgent: flag(input.urgent),
    position: input.position,
    active: flag(input.active),
  });
  return presentType(await updateUnique(ctx, TYPES, key, patch));
}

/** The fields to show: all for admins; for others the active ones of a department and type. */
export async function listFields(ctx: ActorCtx, q: { departmentId?: string; type?: string }) {
  const defs = await listFieldDefs(ctx.db);
  if (ctx.actor.role === 'admin' && !q.departmentId) return defs.map(presentField);
  const shown = (
    q.departmentId
      ? applicableFields(defs, q.departmentId, q.type ?? null)
      : defs.filter((d) => d.active === 1)
  ).map(presentField);
  const v = await variantsFor(
    ctx.db,
    ctx.actor,
    'field',
    shown.map((f) => f.key),
  );
  return shown.map((f) => ({
    ...f,
    label: v.text(f.key, 'label', f.label),
    help: f.help === null ? null : v.text(f.key, 'help', f.help),
    options: f.options.map((o) => ({ ...o, label: v.text(f.key, `option:${o.value}`, o.label) })),
  }));
}
/** A custom field's definition from the request that creates it (or from the shipped triage). */
const fieldDef = (input: z.infer<typeof customFieldBody>): FieldDef => ({
  key: input.key,
  label: input.label,
  kind: input.kind,
  options: input.options,
  required: flag(input.required),
  department_ids: input.departmentIds,
  type_keys: input.typeKeys,
  help: input.help ?? null,
  position: input.position,
  active: flag(input.active),
});

export async function createField(ctx: ActorCtx, input: z.infer<typeof customFieldBody>) {
  authorize(ctx.actor, 'intake.manage');
  const def = fieldDef(input);
  return presentField(await insertUnique(ctx, FIELDS, def, (trx) => checkScope(trx, def)));
}
export async function updateField(ctx: ActorCtx, key: string, input: z.infer<typeof customFieldPatch>) {
  authorize(ctx.actor, 'intake.manage');
  return ctx.db.transaction().execute(async (trx) => {
    const def = await findFieldDef(trx, key);
    if (!def) throw notFound(SAID.noSuchField);
    const next: FieldDef = {
      ...def,
      ...patchOf<FieldDef>({
        label: input.label,
        options: input.options,
        required: flag(input.required),
        department_ids: input.departmentIds,
        type_keys: input.typeKeys,
        help: input.help,
        position: input.position,
        active: flag(input.active),
      }),
    };
    if (next.kind === 'select' && next.options.length === 0) throw invalid('options', SAID.needsOptions);
    await checkScope(trx, next);
    await replaceFieldDef(trx, next);
    await auditSettingChange(ctx, trx, `field ${key}`, def, next);
    return presentField(next);
  });
}
async function checkScope(db: Executor, def: FieldDef) {
  if (def.department_ids.length > 0 && !(await departmentsExist(db, def.department_ids))) {
    throw refusal('validation', SAID.noSuchDepartments, undefined, {
      fields: [{ path: 'body.departmentIds', message: USER_REFUSALS.noSuchDepartment }],
    });
  }
}

/** Installs the guided intake of seed 001 (types and fields); keys that exist are left as they are. */
export async function installTriage(ctx: ActorCtx) {
  authorize(ctx.actor, 'intake.manage');
  await ctx.db.transaction().execute(async (trx) => {
    for (const t of TRIAGE.types) await insertType(trx, typeRow(t));
    for (const f of TRIAGE.fields) await insertFieldDef(trx, fieldDef(f));
  });
  return {
    types: (await listTypeRows(ctx.db)).map(presentType),
    fields: (await listFieldDefs(ctx.db)).map(presentField),
  };
}

// ---- urgent routing ----
const URGENT_KEY = 'urgent_routing';
export type UrgentRouting = { urgentPriority: boolean };
export const getUrgentRouting = async (db: Executor): Promise<UrgentRouting> =>
  (await getSetting<UrgentRouting>(db, URGENT_KEY)) ?? { urgentPriority: true };
export async function setUrgentRouting(ctx: ActorCtx, value: UrgentRouting) {
  authorize(ctx.actor, 'intake.manage');
  return ctx.db.transaction().execute(async (trx) =>
    saveSetting(ctx, trx, {
      key: URGENT_KEY,
      area: 'urgent-routing',
      old: await getUrgentRouting(trx),
      next: value,
    }),
  );
}

/**
 * A ticket's type and custom fields checked against the configuration: 400 naming each bad or
 * missing field. `requireAll` on creation; an edit checks what it changes. Also says whether the
 * ticket is urgent by its type.
 */
export async function checkIntake(
  db: Executor,
  input: {
    departmentId: string;
    type: string | null;
    fields: Record<string, FieldValue>;
    requireAll: boolean;
    /** Values the ticket has: kept where they still apply, dropped quietly where not. */
    existing?: Record<string, FieldValue>;
  },
): Promise<{ fields: Record<string, FieldValue>; urgentType: boolean }> {
  let urgentType = false;
  if (input.type !== null) {
    const type = await findType(db, input.type);
    if (type?.active !== 1)
      throw refusal('validation', SAID.noSuchType, undefined, {
        fields: [{ path: 'body.type', message: SAID.noSuchTypeField }],
      });
    urgentType = type.urgent === 1;
  }
  const defs = applicableFields(await listFieldDefs(db), input.departmentId, input.type);
  const keep = Object.fromEntries(
    Object.entries(input.existing ?? {}).filter(
      ([k]) => defs.some((d) => d.key === k) && !(k in input.fields),
    ),
  );
  const { values, errors } = checkFields(defs, input.fields, { requireAll: input.requireAll });
  Object.assign(values, checkFields(defs, keep, { requireAll: false }).values);
  if (errors.length > 0) throw invalidFields(errors.map((e) => ({ ...e, path: `body.${e.path}` })));
  return { fields: values, urgentType };
}
