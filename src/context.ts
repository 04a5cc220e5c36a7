import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import type { Db, Dialect } from './db/database.js';
import type { DigestNoticeTable, Role, TicketEventTable, TicketTable } from './db/schema.js';

export type Actor = {
  id: string;
  email: string;
  name: string;
  role: Role;
  organisationId: string | null;
  /** Departments an agent works in; what restricts an agent's view. */
  departmentIds: string[];
  /** 'billing' tokens may only write subscriptions; everything else acts as the user. */
  scope?: 'all' | 'billing';
  /**
   * Signed in with a password only although two-factor sign-in is required of them: until they
   * set it up, they may do nothing else (see `auth.plugin.ts`).
   */
  secondFactorSetupRequired?: boolean;
  /** Their own choice of language and time zone; unset, the installation's default holds. */
  locale?: string | null;
  timeZone?: string | null;
};

export type Clock = () => Date;

/**
 * What every service receives: the database, who acts, the time and a logger.
 *
 * Argument order, one rule:
 * - services and helpers take `(ctx, input…)` and use `ctx.db`;
 * - a function that must run inside its caller's transaction takes `(ctx, trx, …)` and writes only
 *   through `trx` (commitChange, claimTicketQuota, createSurveyInvite, loadWorkflow, replyGate);
 * - repositories know no context: `(db, …)`, the executor first (a Db or a transaction).
 */
export type Ctx = {
  db: Db;
  dialect: Dialect;
  config: Config;
  clock: Clock;
  log: FastifyBaseLogger;
  /**
   * Set while a bulk change runs: the notices its changes decide are held under this id and go
   * out as one digest per recipient when it ends, not as a message per ticket.
   */
  noticeDigest?: string;
  /** Set for a bulk change's batch of edits: their writes are gathered and written together. */
  changeBuffer?: ChangeBuffer;
};

/**
 * The writes of many changes, gathered to be written together (see ticket-data/change-buffer.ts):
 * tickets given the same columns, events, and notices held for a digest.
 */
export type ChangeBuffer = {
  updates: Map<string, { ids: string[]; patch: Partial<TicketTable> }>;
  events: TicketEventTable[];
  notices: DigestNoticeTable[];
};

/** A request's context: who acts, and the network address the request came from. */
export type ActorCtx = Ctx & { actor: Actor; ip?: string };

export const isStaff = (actor: Actor) => actor.role !== 'customer';
export const nowIso = (ctx: Pick<Ctx, 'clock'>) => ctx.clock().toISOString();
