import path from 'node:path';
import type { ChannelValues } from '../common/channels.js';
import {
  DEFAULT_TELEGRAM_API_URL,
  DEFAULT_TEMPLATE_LANGUAGE,
  DEFAULT_WHATSAPP_API_URL,
  type Env,
  envSchema,
} from './config.env.js';
import { isWeakSecret, readOrCreateSecret } from './config.secret.js';
import { OUTBOUND_ALLOW_ENV, type OutboundPolicy, parseOutboundAllow } from './lib/network.js';

export { isWeakSecret } from './config.secret.js';

// The only module that reads process.env. Everything else receives a Config.

export type Config = {
  env: string;
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string;
  publicUrl: string;
  secret: string;
  admin: { email: string; password: string } | null;
  logLevel: Env['LOG_LEVEL'];
  rateLimit: number;
  /** Bearer token that opens GET /metrics; without one the endpoint does not exist. */
  metricsToken: string | null;
  loginRateLimit: number;
  schedulerIntervalMs: number;
  workflowPreset: Env['TESSERA_WORKFLOW_PRESET'];
  subscriptions: boolean;
  defaultDepartment: string | null;
  sessionDays: number;
  /** How long an invitation link works. */
  invitationHours: number;
  /** Password-reset mails one address may be sent within an hour. */
  resetRateLimit: number;
  /**
   * Self-sign-up's limits: one mail per address per window (a verification link or "you have an
   * account"), and so many sign-ups per network address per window.
   */
  signUp: { mailWindowMinutes: number; ipLimit: number };
  workerIntervalMs: number;
  outboxMaxAttempts: number;
  attachments: { maxBytes: number; types: string[] };
  mail: {
    smtpUrl: string | null;
    from: string;
    inboundAddress: string | null;
    inboundSmtpPort: number | null;
    inboundSmtpHost: string;
    imapUrl: string | null;
    imapPollIntervalMs: number;
    unknownSenders: 'create' | 'reject';
    mismatchedReplies: 'quarantine' | 'new_ticket';
    maxBytes: number;
    /** Most automatic answers (refusals, notices) one address gets in 10 minutes and in an hour. */
    autoMailCap: { tenMinutes: number; hour: number };
  };
  /** WhatsApp Business Cloud API; null when not set up. */
  whatsapp: {
    apiUrl: string;
    /** Config.outbound, carried along so the API client needs nothing else. */
    outbound: OutboundPolicy;
    token: string;
    phoneNumberId: string;
    appSecret: string;
    verifyToken: string | null;
    /** Sent instead of a notice outside the 24-hour customer-service window; null sends nothing then. */
    template: { name: string; language: string } | null;
  } | null;
  /** Telegram Bot API; null when not set up. */
  telegram: {
    apiUrl: string;
    /** Config.outbound, carried along so the API client needs nothing else. */
    outbound: OutboundPolicy;
    botToken: string;
    webhookSecret: string;
    /** Learnt from getMe when not given. */
    botUsername: string | null;
    linkMinutes: number;
  } | null;
  /**
   * The channel settings an admin may override, as the environment gives them. `mail`, `whatsapp`
   * and `telegram` above are derived from these and the admin's overrides (modules/channel-settings),
   * which replace those three sections of this object when they change.
   */
  channelEnv: ChannelValues;
  /** TELEGRAM_LINK_MINUTES, kept here too because `telegram` is null until Telegram is set up. */
  telegramLinkMinutes: number;
  /** How often each process looks for channel settings saved by another process. */
  settingsRefreshMs: number;
  /** Whose X-Forwarded-For gives the client's address (TESSERA_TRUST_PROXY): proxies on private networks by default. */
  trustProxy: boolean | string;
  /** The local and private hosts outbound connections may reach (TESSERA_OUTBOUND_ALLOW); none by default. */
  outbound: OutboundPolicy;
};

/** The parts of `mail`, `whatsapp` and `telegram` that follow from the overridable channel settings. */
export function channelSections(v: ChannelValues, linkMinutes: number, outbound: OutboundPolicy) {
  const { email: m, whatsapp: wa, telegram: tg } = v;
  const mail = {
    smtpUrl: m.smtpUrl,
    from: m.from ?? `Tessera <${m.inboundAddress ?? 'support@localhost'}>`,
    inboundAddress: m.inboundAddress,
    imapUrl: m.imapUrl,
  } satisfies Partial<Config['mail']>;
  const whatsapp: Config['whatsapp'] =
    wa.token && wa.phoneNumberId && wa.appSecret
      ? {
          apiUrl: (wa.apiUrl ?? DEFAULT_WHATSAPP_API_URL).replace(/\/+$/, ''),
          outbound,
          token: wa.token,
          phoneNumberId: wa.phoneNumberId,
          appSecret: wa.appSecret,
          verifyToken: wa.verifyToken,
          template: wa.templateName
            ? { name: wa.templateName, language: wa.templateLanguage ?? DEFAULT_TEMPLATE_LANGUAGE }
            : null,
        }
      : null;
  const telegram: Config['telegram'] =
    tg.botToken && tg.webhookSecret
      ? {
          apiUrl: (tg.apiUrl ?? DEFAULT_TELEGRAM_API_URL).replace(/\/+$/, ''),
          outbound,
          botToken: tg.botToken,
          webhookSecret: tg.webhookSecret,
          botUsername: tg.botUsername,
          linkMinutes,
        }
      : null;
  return { mail, whatsapp, telegram };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses the environment once; lists every bad variable, not only the first. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  const e = parsed.data;
  if (e) problems.push(...credentialProblems(e));
  const allow = parseOutboundAllow(e?.TESSERA_OUTBOUND_ALLOW ?? '');
  if (allow.bad.length > 0)
    problems.push(
      `${OUTBOUND_ALLOW_ENV}: ${allow.bad.join(', ')} is not a host name, an address or a CIDR range`,
    );
  if (e) problems.push(...channelPairProblems(e));
  if (!e || problems.length > 0) throw new ConfigError(problems);
  return configFrom(e, allow.policy);
}

/** An admin half given, or a secret too weak to keep. */
function credentialProblems(e: Env): string[] {
  const problems: string[] = [];
  if (Boolean(e.TESSERA_ADMIN_EMAIL) !== Boolean(e.TESSERA_ADMIN_PASSWORD)) {
    problems.push('TESSERA_ADMIN_EMAIL and TESSERA_ADMIN_PASSWORD must be given together');
  }
  // Weak in development is weak in production too: a test box's secret ends up in front of users.
  if (e.TESSERA_SECRET && isWeakSecret(e.TESSERA_SECRET)) {
    problems.push(
      'TESSERA_SECRET: too weak (use at least 32 random characters, e.g. `openssl rand -hex 32`, or leave it unset to have one generated)',
    );
  }
  return problems;
}

/** A channel's credentials only make sense together. */
function channelPairProblems(e: Env): string[] {
  const problems: string[] = [];
  const wa = [e.WHATSAPP_TOKEN, e.WHATSAPP_PHONE_NUMBER_ID, e.WHATSAPP_APP_SECRET];
  if (wa.some(Boolean) && !wa.every(Boolean))
    problems.push('WHATSAPP_TOKEN, WHATSAPP_PHONE_NUMBER_ID and WHATSAPP_APP_SECRET must be given together');
  if (Boolean(e.TELEGRAM_BOT_TOKEN) !== Boolean(e.TELEGRAM_WEBHOOK_SECRET))
    problems.push('TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_SECRET must be given together');
  return problems;
}

/** The channel settings the environment gives, before the admin's saved settings override them. */
function channelEnvFrom(e: Env): ChannelValues {
  return {
    email: {
      smtpUrl: e.SMTP_URL ?? null,
      from: e.MAIL_FROM ?? null,
      inboundAddress: e.INBOUND_EMAIL_ADDRESS ?? null,
      imapUrl: e.IMAP_URL ?? null,
    },
    whatsapp: {
      apiUrl: e.WHATSAPP_API_URL,
      token: e.WHATSAPP_TOKEN ?? null,
      phoneNumberId: e.WHATSAPP_PHONE_NUMBER_ID ?? null,
      appSecret: e.WHATSAPP_APP_SECRET ?? null,
      verifyToken: e.WHATSAPP_VERIFY_TOKEN ?? null,
      templateName: e.WHATSAPP_TEMPLATE_NAME ?? null,
      templateLanguage: e.WHATSAPP_TEMPLATE_LANGUAGE,
    },
    telegram: {
      apiUrl: e.TELEGRAM_API_URL,
      botToken: e.TELEGRAM_BOT_TOKEN ?? null,
      webhookSecret: e.TELEGRAM_WEBHOOK_SECRET ?? null,
      botUsername: e.TELEGRAM_BOT_USERNAME ?? null,
    },
  };
}

function configFrom(e: Env, outbound: OutboundPolicy): Config {
  const dataDir = path.resolve(e.TESSERA_DATA_DIR);
  const port = e.PORT;
  const channelEnv = channelEnvFrom(e);
  const channels = channelSections(channelEnv, e.TELEGRAM_LINK_MINUTES, outbound);
  return {
    env: e.NODE_ENV,
    port,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'tessera.db')}`,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    secret: e.TESSERA_SECRET ?? readOrCreateSecret(dataDir),
    admin:
      e.TESSERA_ADMIN_EMAIL && e.TESSERA_ADMIN_PASSWORD
        ? { email: e.TESSERA_ADMIN_EMAIL, password: e.TESSERA_ADMIN_PASSWORD }
        : null,
    logLevel: e.LOG_LEVEL,
    rateLimit: e.TESSERA_RATE_LIMIT,
    metricsToken: e.TESSERA_METRICS_TOKEN ?? null,
    loginRateLimit: e.TESSERA_LOGIN_RATE_LIMIT,
    schedulerIntervalMs: e.TESSERA_SCHEDULER_INTERVAL_MS,
    workflowPreset: e.TESSERA_WORKFLOW_PRESET,
    subscriptions: e.TESSERA_SUBSCRIPTIONS,
    defaultDepartment: e.TESSERA_DEFAULT_DEPARTMENT ?? null,
    sessionDays: e.TESSERA_SESSION_DAYS,
    invitationHours: e.TESSERA_INVITATION_HOURS,
    resetRateLimit: e.TESSERA_RESET_RATE_LIMIT,
    signUp: { mailWindowMinutes: e.TESSERA_SIGNUP_MAIL_WINDOW_MINUTES, ipLimit: e.TESSERA_SIGNUP_IP_LIMIT },
    workerIntervalMs: e.TESSERA_WORKER_INTERVAL_MS,
    outboxMaxAttempts: e.TESSERA_OUTBOX_MAX_ATTEMPTS,
    attachments: {
      maxBytes: e.TESSERA_MAX_ATTACHMENT_BYTES,
      types: e.TESSERA_ATTACHMENT_TYPES.split(',')
        .map((t) => t.trim().toLowerCase())
        .filter(Boolean),
    },
    mail: {
      ...channels.mail,
      inboundSmtpPort: e.INBOUND_SMTP_PORT ?? null,
      inboundSmtpHost: e.INBOUND_SMTP_HOST,
      imapPollIntervalMs: e.IMAP_POLL_INTERVAL_MS,
      unknownSenders: e.TESSERA_UNKNOWN_SENDERS,
      mismatchedReplies: e.TESSERA_MISMATCHED_REPLIES,
      maxBytes: e.TESSERA_MAX_EMAIL_BYTES,
      autoMailCap: { tenMinutes: e.TESSERA_AUTO_MAIL_PER_10_MIN, hour: e.TESSERA_AUTO_MAIL_PER_HOUR },
    },
    whatsapp: channels.whatsapp,
    telegram: channels.telegram,
    channelEnv,
    telegramLinkMinutes: e.TELEGRAM_LINK_MINUTES,
    settingsRefreshMs: e.TESSERA_SETTINGS_REFRESH_MS,
    trustProxy: e.TESSERA_TRUST_PROXY,
    outbound,
  };
}
