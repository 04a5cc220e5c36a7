import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyBaseLogger, LogController } from 'fastify';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { Clock, Ctx } from './context.js';
import type { Database } from './db/database.js';
import { errorHandler, problem, sendProblem, validatorCompiler } from './errors.js';
import { accountRoutes } from './http/accounts.routes.js';
import { attachmentRoutes } from './http/attachments.routes.js';
import { auditRoutes } from './http/audit.routes.js';
import { authPlugin } from './http/auth.plugin.js';
import { authRoutes } from './http/auth.routes.js';
import { automationRoutes } from './http/automations.routes.js';
import { bulkRoutes } from './http/bulk.routes.js';
import { calendarRoutes } from './http/calendars.routes.js';
import { channelSettingsRoutes } from './http/channels.routes.js';
import { departmentRoutes } from './http/departments.routes.js';
import { draftRoutes } from './http/drafts.routes.js';
import { requestGuards } from './http/guards.js';
import { healthRoutes } from './http/health.routes.js';
import { helpPageRoutes } from './http/help.pages.js';
import { helpRoutes } from './http/help.routes.js';
import { importRoutes } from './http/imports.routes.js';
import { inboundRoutes } from './http/inbound.routes.js';
import { inboundAdminRoutes } from './http/inbound-admin.routes.js';
import { inboxRoutes } from './http/inbox.routes.js';
import { intakeRoutes } from './http/intake.routes.js';
import { kbRoutes } from './http/kb.routes.js';
import { kbDeflectRoutes } from './http/kb-deflect.routes.js';
import { languageRoutes } from './http/languages.routes.js';
import { linkRoutes } from './http/links.routes.js';
import { liveRoutes } from './http/live.routes.js';
import { messageRoutes } from './http/messages.routes.js';
import { registerMetrics } from './http/metrics.js';
import { notificationRoutes } from './http/notifications.routes.js';
import { registerApiDocs } from './http/openapi.js';
import { organisationRoutes } from './http/organisations.routes.js';
import { pageRoutes } from './http/pages.js';
import { participantRoutes } from './http/participants.routes.js';
import { policyPlugin } from './http/policy.plugin.js';
import { profileRoutes } from './http/profiles.routes.js';
import { reportRoutes } from './http/reports.routes.js';
import { signatureRoutes } from './http/signatures.routes.js';
import { slaRoutes } from './http/sla.routes.js';
import { ssoRoutes } from './http/sso.routes.js';
import { subscriptionRoutes } from './http/subscriptions.routes.js';
import { surveyRoutes } from './http/survey.routes.js';
import { tagRoutes } from './http/tags.routes.js';
import { telegramRoutes } from './http/telegram.routes.js';
import { ticketRoutes } from './http/tickets.routes.js';
import { tokenRoutes } from './http/tokens.routes.js';
import { triggerRoutes } from './http/triggers.routes.js';
import type { App } from './http/types.js';
import { userRoutes } from './http/users.routes.js';
import { viewRoutes } from './http/views.routes.js';
import { webRoutes } from './http/web.js';
import { webhookRoutes } from './http/webhooks.routes.js';
import { whatsappRoutes } from './http/whatsapp.routes.js';
import { workflowRoutes } from './http/workflow.routes.js';
import { startChannelSettings } from './modules/channel-settings/channel-settings.service.js';

export type AppDeps = {
  config: Config;
  database: Database;
  clock?: Clock;
  logger?: FastifyBaseLogger | boolean;
};

/** Builds the HTTP application; never listens, so tests drive it with inject(). */
export async function buildApp(deps: AppDeps): Promise<App> {
  const { config, database } = deps;
  const app = createFastify(deps);
  const ctx: Ctx = {
    db: database.db,
    dialect: database.dialect,
    config,
    clock: deps.clock ?? (() => new Date()),
    log: app.log,
  };
  app.decorate('ctx', ctx);
  if (config.metricsToken) registerMetrics(app, database, config.metricsToken);
  // Channel settings saved in the admin override the environment's: applied before the first
  // request, then kept in step with saves on other processes until the app closes.
  const channelSettings = await startChannelSettings(ctx);
  app.addHook('onClose', () => channelSettings.stop());
  app.addHook('preValidation', requestGuards);

  await app.register(cookie);
  await app.register(authPlugin, { ctx });
  await app.register(policyPlugin);
  await app.register(rateLimit, {
    global: config.rateLimit > 0,
    max: config.rateLimit || 1,
    timeWindow: '1 minute',
    hook: 'preHandler',
    keyGenerator: (req) => (req.actor ? `user:${req.actor.id}` : `ip:${req.ip}`),
    errorResponseBuilder: (_req, c) => ({
      statusCode: 429,
      message: `Too many requests; try again in ${Math.ceil(c.ttl / 1000)} s`,
    }),
  });
  await registerApiDocs(app);
  for (const routes of ROUTES) await app.register(routes);
  await app.register(webRoutes, {});
  return app;
}

/** Fastify with the zod schemas, the problem+json errors and the limits every route shares. */
function createFastify(deps: AppDeps): App {
  const { config } = deps;
  const app = Fastify({
    loggerInstance: typeof deps.logger === 'object' ? deps.logger : undefined,
    logger:
      typeof deps.logger === 'object'
        ? undefined
        : deps.logger === false
          ? false
          : { level: config.logLevel },
    // Only these proxies' X-Forwarded-For is believed: from anyone else it is the client's own words.
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    // Access logs only when debugging: at info level they would double the log volume under load.
    logController: new LogController({
      disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace',
    }),
    routerOptions: { maxParamLength: 200 },
    // Live streams stay open; shutting down closes them rather than waiting for the browsers.
    forceCloseConnections: true,
    // Malformed URLs and over-long parameters are answered like every other bad request.
    frameworkErrors: (err, _req, reply) =>
      sendProblem(reply, problem('validation', err.message || 'Malformed request')),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((req, reply) =>
    sendProblem(reply, problem('not_found', `No route ${req.method} ${req.url.split('?')[0]}`)),
  );
  return app;
}

/** The API's routes in the order they register, which is the order the OpenAPI document lists them in. */
const ROUTES = [
  healthRoutes,
  authRoutes,
  tokenRoutes,
  organisationRoutes,
  departmentRoutes,
  userRoutes,
  profileRoutes,
  accountRoutes,
  ssoRoutes,
  auditRoutes,
  ticketRoutes,
  bulkRoutes,
  importRoutes,
  tagRoutes,
  viewRoutes,
  linkRoutes,
  draftRoutes,
  participantRoutes,
  messageRoutes,
  signatureRoutes,
  workflowRoutes,
  reportRoutes,
  subscriptionRoutes,
  notificationRoutes,
  inboxRoutes,
  inboundRoutes,
  inboundAdminRoutes,
  attachmentRoutes,
  intakeRoutes,
  liveRoutes,
  pageRoutes,
  surveyRoutes,
  whatsappRoutes,
  telegramRoutes,
  channelSettingsRoutes,
  calendarRoutes,
  slaRoutes,
  triggerRoutes,
  automationRoutes,
  webhookRoutes,
  kbRoutes,
  helpRoutes,
  helpPageRoutes,
  kbDeflectRoutes,
  languageRoutes,
];
