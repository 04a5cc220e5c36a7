import { parseArgs } from 'node:util';
import { pino } from 'pino';
import type { z } from 'zod';
import { billingSubscriptionBody, planBody, serviceBody } from '../../common/subscriptions.js';
import type { Config } from '../config.js';
import type { ActorCtx } from '../context.js';
import type { Database } from '../db/database.js';
import { AppError } from '../errors.js';
import { toActor } from '../modules/auth/auth.service.js';
import {
  createPlan,
  createService,
  listPlans,
  listServices,
  listSubscriptions,
  setSubscriptionsSetting,
  upsertFromBilling,
} from '../modules/subscriptions/subscriptions.service.js';
import { firstActiveAdmin } from '../modules/users/users.repository.js';
import { withDatabase } from './database.js';

export const SUBSCRIPTION_USAGE = `Entitlements from the command line (they act as the first administrator):
  subscriptions on|off
  service create --name <name> [--description <text>]
  service list
  plan create --name <name> --cycle monthly|yearly|none --limit <tickets per cycle>|unlimited [--reply-after-expiry]
  plan list
  subscription set --id <external id> (--customer <email> | --organisation <id>) --service <name> --plan <name>
                   --starts <ISO date> [--ends <ISO date>] [--state active|expired|cancelled]
  subscription list [--customer-id <id>] [--organisation <id>]`;

export const SUBSCRIPTION_COMMANDS = new Set(['subscriptions', 'service', 'plan', 'subscription']);

class CliUsageError extends Error {}
export const isCliUsageError = (e: unknown) => e instanceof CliUsageError;

const parseOptions = (args: string[]) =>
  parseArgs({
    args,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      description: { type: 'string' },
      cycle: { type: 'string' },
      limit: { type: 'string' },
      'reply-after-expiry': { type: 'boolean' },
      id: { type: 'string' },
      customer: { type: 'string' },
      'customer-id': { type: 'string' },
      organisation: { type: 'string' },
      service: { type: 'string' },
      plan: { type: 'string' },
      starts: { type: 'string' },
      ends: { type: 'string' },
      state: { type: 'string' },
    },
  });

type Options = ReturnType<typeof parseOptions>['values'];

/** Runs one entitlement command; prints JSON of what it made or found. */
export async function runSubscriptionCommand(config: Config, command: string, args: string[]): Promise<void> {
  const { values, positionals } = parseOptions(args);
  try {
    const result = await withDatabase(config, async (database) =>
      runAction(await adminCtx(config, database), `${command} ${positionals[0] ?? ''}`.trim(), values),
    );
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } catch (err) {
    if (err instanceof AppError) throw new CliUsageError(err.message);
    throw err;
  }
}

/** The commands act as the first administrator, so the services check them like anyone else. */
async function adminCtx(config: Config, database: Database): Promise<ActorCtx> {
  const admin = await firstActiveAdmin(database.db);
  if (!admin) throw new CliUsageError('There is no administrator yet: run `tessera admin create` first.');
  const base = {
    db: database.db,
    dialect: database.dialect,
    config,
    clock: () => new Date(),
    log: pino({ level: 'warn' }),
  };
  return { ...base, actor: await toActor(base, admin) };
}

function parse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const r = schema.safeParse(input);
  if (!r.success)
    throw new CliUsageError(
      r.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('\n'),
    );
  return r.data;
}

async function runAction(ctx: ActorCtx, action: string, values: Options): Promise<unknown> {
  switch (action) {
    case 'subscriptions on':
    case 'subscriptions off':
      return setSubscriptionsSetting(ctx, action === 'subscriptions on');
    case 'service create':
      return createService(ctx, parse(serviceBody, { name: values.name, description: values.description }));
    case 'service list':
      return listServices(ctx);
    case 'plan create':
      return createPlan(ctx, parse(planBody, planInput(values)));
    case 'plan list':
      return listPlans(ctx);
    case 'subscription set':
      if (!values.id)
        throw new CliUsageError('--id <external id> is required: it makes repeating the command safe');
      return upsertFromBilling(ctx, values.id, parse(billingSubscriptionBody, subscriptionInput(values)));
    case 'subscription list':
      return listSubscriptions(ctx, {
        customerId: values['customer-id'],
        organisationId: values.organisation,
      });
    default:
      throw new CliUsageError(`Unknown command "${action}".\n\n${SUBSCRIPTION_USAGE}`);
  }
}

function planInput(values: Options) {
  const limit =
    values.limit === 'unlimited' ? null : values.limit === undefined ? undefined : Number(values.limit);
  return {
    name: values.name,
    cycle: values.cycle,
    ticketLimit: limit,
    replyAfterExpiry: Boolean(values['reply-after-expiry']),
  };
}

function subscriptionInput(values: Options) {
  return {
    customerEmail: values.customer,
    organisationId: values.organisation,
    service: values.service,
    plan: values.plan,
    state: values.state ?? 'active',
    startsAt: values.starts,
    endsAt: values.ends ?? null,
  };
}
