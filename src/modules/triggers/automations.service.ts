import type { z } from 'zod';
import type { Automation, AutomationInput } from '../../../common/automations.js';
import type { TriggerAction, triggerOrderBody } from '../../../common/triggers.js';
import type { ActorCtx } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { findCanned } from '../canned/canned.repository.js';
import { macroActionsOf } from '../canned/canned.service.js';
import { checkNullifier } from './automations.nullify.js';
import {
  createRule,
  deleteRule,
  getRule,
  listRules,
  orderRules,
  type RuleInput,
  type RuleView,
  updateRule,
} from './triggers.service.js';

// Time-based automations as administrators manage them: the triggers' rules of kind 'time', with
// no events (the sweep runs them) and no recursion, saved only when they obey the nullifier rule.

const asRule = (body: AutomationInput): RuleInput => ({ ...body, on: [], recursive: false });

const present = ({ on: _on, recursive: _recursive, ...rest }: RuleView): Automation => rest;

async function changesOf(db: Executor, a: TriggerAction) {
  if (a.type === 'update') return a.changes;
  if (a.type !== 'macro') return undefined;
  const macro = await findCanned(db, a.macroId);
  return macro ? macroActionsOf(macro).changes : undefined;
}

const nullified = (body: AutomationInput) => (trx: Executor) =>
  checkNullifier(body.conditions, body.actions, (a) => changesOf(trx, a));

export const listAutomations = async (ctx: ActorCtx) => (await listRules(ctx, 'time')).map(present);
export const getAutomation = async (ctx: ActorCtx, id: string) => present(await getRule(ctx, 'time', id));
export const createAutomation = async (ctx: ActorCtx, body: AutomationInput) =>
  present(await createRule(ctx, 'time', asRule(body), nullified(body)));
export const updateAutomation = async (ctx: ActorCtx, id: string, body: AutomationInput) =>
  present(await updateRule(ctx, 'time', id, asRule(body), nullified(body)));
export const deleteAutomation = (ctx: ActorCtx, id: string) => deleteRule(ctx, 'time', id);
export const orderAutomations = async (ctx: ActorCtx, body: z.output<typeof triggerOrderBody>) =>
  (await orderRules(ctx, 'time', body)).map(present);
