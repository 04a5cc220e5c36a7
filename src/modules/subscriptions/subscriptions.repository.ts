import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { isPostgres } from '../../db/dialect.js';
import type { PlanTable, ServiceTable, SubscriptionTable } from '../../db/schema.js';

export type ServiceRow = ServiceTable;
export type PlanRow = PlanTable;
export type SubscriptionRow = SubscriptionTable;
export type SubscriptionView = SubscriptionRow & {
  service_name: string;
  plan_name: string;
  ticket_limit: number | null;
  cycle: PlanRow['cycle'];
  reply_after_expiry: 0 | 1;
};

/** Services and plans are named by id or by name wherever a request names one. */
function findByIdOrName(db: Executor, table: 'services', idOrName: string): Promise<ServiceRow | undefined>;
function findByIdOrName(db: Executor, table: 'plans', idOrName: string): Promise<PlanRow | undefined>;
function findByIdOrName(db: Executor, table: 'services' | 'plans', idOrName: string) {
  return db
    .selectFrom(table)
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)]))
    .executeTakeFirst();
}

export const insertService = (db: Executor, row: ServiceRow) =>
  db.insertInto('services').values(row).execute();
export const updateServiceRow = (db: Executor, id: string, patch: Partial<ServiceRow>) =>
  db.updateTable('services').set(patch).where('id', '=', id).execute();
export const findService = (db: Executor, idOrName: string) => findByIdOrName(db, 'services', idOrName);
export const listServiceRows = (db: Executor) =>
  db.selectFrom('services').selectAll().orderBy('name').execute();

export const insertPlan = (db: Executor, row: PlanRow) => db.insertInto('plans').values(row).execute();
export const updatePlanRow = (db: Executor, id: string, patch: Partial<PlanRow>) =>
  db.updateTable('plans').set(patch).where('id', '=', id).execute();
export const findPlan = (db: Executor, idOrName: string) => findByIdOrName(db, 'plans', idOrName);
export const listPlanRows = (db: Executor) => db.selectFrom('plans').selectAll().orderBy('name').execute();

export const insertSubscription = (db: Executor, row: SubscriptionRow) =>
  db.insertInto('subscriptions').values(row).execute();
export const updateSubscriptionRow = (db: Executor, id: string, patch: Partial<SubscriptionRow>) =>
  db.updateTable('subscriptions').set(patch).where('id', '=', id).execute();
export function upsertSubscriptionByExternalId(db: Executor, row: SubscriptionRow) {
  const { id: _id, external_id: _e, created_at: _c, ...update } = row;
  return db
    .insertInto('subscriptions')
    .values(row)
    .onConflict((oc) => oc.column('external_id').doUpdateSet(update))
    .execute();
}

export const findSubscriptionByExternalId = (db: Executor, externalId: string) =>
  db.selectFrom('subscriptions').selectAll().where('external_id', '=', externalId).executeTakeFirst();

function subscriptionViews(db: Executor) {
  return db
    .selectFrom('subscriptions')
    .innerJoin('services', 'services.id', 'subscriptions.service_id')
    .innerJoin('plans', 'plans.id', 'subscriptions.plan_id')
    .selectAll('subscriptions')
    .select([
      'services.name as service_name',
      'plans.name as plan_name',
      'plans.ticket_limit',
      'plans.cycle',
      'plans.reply_after_expiry',
    ]);
}

export const findSubscriptionView = (db: Executor, id: string): Promise<SubscriptionView | undefined> =>
  subscriptionViews(db).where('subscriptions.id', '=', id).executeTakeFirst();

/** Subscriptions held by a customer, directly or through their organisation; the customer's own first. */
export function holderSubscriptions(
  db: Executor,
  holder: { customerId: string; organisationId: string | null },
  serviceId?: string,
): Promise<SubscriptionView[]> {
  let q = subscriptionViews(db).where((eb) =>
    holder.organisationId
      ? eb.or([
          eb('subscriptions.customer_id', '=', holder.customerId),
          eb('subscriptions.organisation_id', '=', holder.organisationId),
        ])
      : eb('subscriptions.customer_id', '=', holder.customerId),
  );
  if (serviceId) q = q.where('subscriptions.service_id', '=', serviceId);
  return q
    .orderBy(sql`case when subscriptions.customer_id is null then 1 else 0 end`)
    .orderBy('subscriptions.starts_at', 'desc')
    .execute();
}

export function listSubscriptionViews(
  db: Executor,
  f: { customerId?: string; organisationId?: string; serviceId?: string },
) {
  let q = subscriptionViews(db);
  if (f.customerId) q = q.where('subscriptions.customer_id', '=', f.customerId);
  if (f.organisationId) q = q.where('subscriptions.organisation_id', '=', f.organisationId);
  if (f.serviceId) q = q.where('subscriptions.service_id', '=', f.serviceId);
  return q.orderBy('subscriptions.created_at').limit(500).execute();
}

export async function countUsage(
  db: Executor,
  subscriptionId: string,
  start: string,
  end: string | null,
): Promise<number> {
  let q = db
    .selectFrom('tickets')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('subscription_id', '=', subscriptionId)
    .where('created_at', '>=', start);
  if (end) q = q.where('created_at', '<', end);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** Serialises ticket creation per subscription on PostgreSQL, so a quota cannot be overrun by a race. */
export async function lockSubscription(db: Executor, id: string) {
  if (isPostgres(db)) await sql`select id from subscriptions where id = ${id} for update`.execute(db);
}
