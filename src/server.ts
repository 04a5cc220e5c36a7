import { buildApp } from './app.js';
import { startImapPoller } from './channels/email/imap-poller.js';
import { startSmtpListener } from './channels/email/smtp-listener.js';
import type { Config } from './config.js';
import type { Ctx } from './context.js';
import { type Database, openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import type { App } from './http/types.js';
import { JOB_HANDLERS } from './jobs/handlers.js';
import { type Scheduler, startScheduler } from './jobs/scheduler.js';
import { startWorker, type Worker } from './jobs/worker.js';
import { startLiveRelay } from './modules/live/live.js';
import { ensureFirstAdmin } from './modules/setup/setup.service.js';
import { installPresetVariants } from './modules/workflow/preset-variants.js';
import { loadWorkflow } from './modules/workflow/workflow.service.js';

export const ROLES = ['web', 'worker', 'scheduler'] as const;
export type ProcessRole = (typeof ROLES)[number];

export type Running = { app: App; database: Database; stop(): Promise<void> };

/** Opens the database, brings the schema up to date and starts the roles this process runs. */
export async function startServer(
  config: Config,
  roles: ProcessRole[] = [...ROLES],
  opts: { setupLink?: boolean } = {},
): Promise<Running> {
  const database = openDatabase(config.databaseUrl);
  await migrateToLatest(database.db);
  const app = await buildApp({ config, database });
  const ctx: Ctx = app.ctx;
  if (Number(process.versions.node.split('.')[0]) < 22) {
    app.log.warn(
      `Node.js ${process.versions.node} reached its end of life in April 2026; Tessera supports Node.js 22 and 24. It still runs here, but move to 22 or 24.`,
    );
  }
  const first = await ensureFirstAdmin(ctx, opts);
  await installPresetVariants(ctx, await loadWorkflow(ctx, ctx.db));
  if (first.created) app.log.info({ email: first.created }, 'created the first administrator');
  if (first.setupUrl) {
    app.log.warn(
      `No administrator yet. Open this one-time link within the hour to create one: ${first.setupUrl}`,
    );
  }
  const scheduler: Scheduler | null = roles.includes('scheduler')
    ? startScheduler(ctx, config.schedulerIntervalMs)
    : null;
  // Started without an IMAP URL too: each pass skips until one is set, here or in the admin.
  const imap = roles.includes('scheduler') ? startImapPoller(ctx) : null;
  const worker: Worker | null = roles.includes('worker')
    ? startWorker(ctx, JOB_HANDLERS, {
        intervalMs: config.workerIntervalMs,
        maxAttempts: config.outboxMaxAttempts,
      })
    : null;
  const smtp =
    roles.includes('web') && config.mail.inboundSmtpPort !== null && config.mail.inboundAddress
      ? await startSmtpListener(ctx)
      : null;
  // Streams live on web nodes; on PostgreSQL they hear of changes made on any node.
  const relay =
    roles.includes('web') && database.dialect === 'postgres' ? startLiveRelay(ctx, config.databaseUrl) : null;
  if (roles.includes('web')) {
    await app.listen({ port: config.port, host: config.host });
  } else {
    await app.ready();
  }
  return {
    app,
    database,
    async stop() {
      await scheduler?.stop();
      await worker?.stop();
      await smtp?.close();
      await imap?.stop();
      await relay?.stop();
      await app.close();
      await database.close();
    },
  };
}
