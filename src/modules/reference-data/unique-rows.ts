import type { ActorCtx } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { refusal } from '../../errors.js';
import { defineMessages, type Message } from '../../i18n/index.js';
import { audit, byActor } from '../audit/audit.service.js';
import { changedFields } from '../audit/setting-change.js';

// What administrators define and name (services, plans, departments, ticket types, fields): each
// kind keeps its name or key unique, and is created and edited the same way, on the audit trail
// as a settings change (these rows hold no secret: the changed fields are recorded old → new).

/** A kind of row whose `unique` column (its name or key) no two rows share. */
export type UniqueRows<Row, Unique extends keyof Row & string> = {
  /** What one is called in messages: "service", "ticket type". */
  noun: string;
  unique: Unique;
  /** The row with this id (or key), if any. */
  find: (db: Executor, id: string) => Promise<Row | undefined>;
  /** Whether a row has this value in the unique column. */
  taken: (db: Executor, value: string) => Promise<unknown>;
  insert: (db: Executor, row: Row) => Promise<unknown>;
  update: (db: Executor, id: string, patch: Partial<Row>) => Promise<unknown>;
};

const REFUSED = defineMessages({
  exists: { id: 'error.reference.exists', defaultMessage: 'A {noun} with this {unique} exists' },
  notFound: { id: 'error.reference.not_found', defaultMessage: 'No such {noun}' },
});

/** Each kind's own sentences, so that a language can give each noun its gender and case. */
const EXISTS: Record<string, Message> = defineMessages({
  'department name': {
    id: 'error.reference.department_exists',
    defaultMessage: 'A department with this name exists',
  },
  'ticket type key': {
    id: 'error.reference.ticket_type_exists',
    defaultMessage: 'A ticket type with this key exists',
  },
  'field key': { id: 'error.reference.field_exists', defaultMessage: 'A field with this key exists' },
  'service name': { id: 'error.reference.service_exists', defaultMessage: 'A service with this name exists' },
  'plan name': { id: 'error.reference.plan_exists', defaultMessage: 'A plan with this name exists' },
});
const NOT_FOUND: Record<string, Message> = defineMessages({
  department: { id: 'error.reference.department_not_found', defaultMessage: 'No such department' },
  'ticket type': { id: 'error.reference.ticket_type_not_found', defaultMessage: 'No such ticket type' },
  field: { id: 'error.reference.field_not_found', defaultMessage: 'No such field' },
  service: { id: 'error.reference.service_not_found', defaultMessage: 'No such service' },
  plan: { id: 'error.reference.plan_not_found', defaultMessage: 'No such plan' },
});

const conflict = (kind: { noun: string; unique: string }) =>
  refusal('conflict', EXISTS[`${kind.noun} ${kind.unique}`] ?? REFUSED.exists, {
    noun: kind.noun,
    unique: kind.unique,
  });

/**
 * Inserts `row` unless another row of its kind has its name or key: a 409 then, and nothing is
 * written. `check` runs in the same transaction, before the insert.
 */
export async function insertUnique<Row extends Record<U, string>, U extends keyof Row & string>(
  ctx: ActorCtx,
  kind: Pick<UniqueRows<Row, U>, 'noun' | 'unique' | 'taken' | 'insert'>,
  row: Row,
  check?: (trx: Executor) => Promise<void>,
): Promise<Row> {
  await ctx.db.transaction().execute(async (trx) => {
    if (await kind.taken(trx, row[kind.unique])) throw conflict(kind);
    await check?.(trx);
    await kind.insert(trx, row);
    await recordChange(ctx, trx, kind.noun, { created: row[kind.unique] });
  });
  return row;
}

/**
 * Applies `patch` to the row `id` and returns the row as it now is: a 404 where there is no such
 * row, a 409 where the patch gives it the name or key of another.
 */
export async function updateUnique<Row extends Record<U, string>, U extends keyof Row & string>(
  ctx: ActorCtx,
  kind: UniqueRows<Row, U>,
  id: string,
  patch: Partial<Row>,
): Promise<Row> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await kind.find(trx, id);
    if (!row) throw refusal('not_found', NOT_FOUND[kind.noun] ?? REFUSED.notFound, { noun: kind.noun });
    const value = patch[kind.unique];
    if (value && value !== row[kind.unique] && (await kind.taken(trx, value))) throw conflict(kind);
    if (Object.keys(patch).length > 0) await kind.update(trx, id, patch);
    const next = { ...row, ...patch };
    const { updated_at: _, ...changes } = changedFields(row, next);
    if (Object.keys(changes).length > 0) {
      await recordChange(ctx, trx, kind.noun, { changed: row[kind.unique], changes });
    }
    return next;
  });
}

const recordChange = (ctx: ActorCtx, trx: Executor, noun: string, details: Record<string, unknown>) =>
  audit(ctx, trx, { ...byActor(ctx), action: 'settings_changed', details: { area: noun, ...details } });
