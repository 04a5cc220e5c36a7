import { z } from 'zod';
import {
  imapUrlSchema,
  mailFromSchema,
  smtpUrlSchema,
  tgBotTokenSchema,
  tgBotUsernameSchema,
  tgWebhookSecretSchema,
  waPhoneNumberIdSchema,
  waTemplateLanguageSchema,
  waTemplateNameSchema,
} from '../common/channels.js';

// The environment variables Tessera reads, as parsed once by loadConfig.

const bool = z
  .enum(['on', 'off', 'true', 'false', '1', '0'])
  .transform((v) => v === 'on' || v === 'true' || v === '1');

const optionalUrl = z.url().optional();

export const DEFAULT_WHATSAPP_API_URL = 'https://graph.facebook.com/v21.0';
export const DEFAULT_TEMPLATE_LANGUAGE = 'en';
export const DEFAULT_TELEGRAM_API_URL = 'https://api.telegram.org';

export const envSchema = z.object({
  NODE_ENV: z.string().default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  TESSERA_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:|postgres:\/\/|postgresql:\/\/)/, 'must start with sqlite: or postgres://')
    .optional(),
  PUBLIC_URL: optionalUrl,
  TESSERA_SECRET: z.string().min(1).optional(),
  TESSERA_ADMIN_EMAIL: z.email().optional(),
  TESSERA_ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TESSERA_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  TESSERA_RATE_LIMIT: z.coerce.number().int().min(0).default(1200),
  TESSERA_LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  TESSERA_SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(100).default(60_000),
  TESSERA_WORKFLOW_PRESET: z.enum(['portal', 'classic', 'escalation', 'subscription']).default('classic'),
  TESSERA_SUBSCRIPTIONS: bool.default(false),
  TESSERA_DEFAULT_DEPARTMENT: z.string().optional(),
  TESSERA_SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  TESSERA_INVITATION_HOURS: z.coerce.number().int().min(1).max(720).default(72),
  TESSERA_RESET_RATE_LIMIT: z.coerce.number().int().min(1).default(3),
  // At most an hour: rate events older than that are pruned.
  TESSERA_SIGNUP_MAIL_WINDOW_MINUTES: z.coerce.number().int().min(1).max(60).default(60),
  TESSERA_SIGNUP_IP_LIMIT: z.coerce.number().int().min(1).default(10),
  TESSERA_WORKER_INTERVAL_MS: z.coerce.number().int().min(50).default(1000),
  TESSERA_OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  SMTP_URL: smtpUrlSchema.optional(),
  MAIL_FROM: mailFromSchema.optional(),
  INBOUND_EMAIL_ADDRESS: z.email().optional(),
  INBOUND_SMTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  INBOUND_SMTP_HOST: z.string().min(1).default('0.0.0.0'),
  IMAP_URL: imapUrlSchema.optional(),
  IMAP_POLL_INTERVAL_MS: z.coerce.number().int().min(1000).default(60_000),
  TESSERA_UNKNOWN_SENDERS: z.enum(['create', 'reject']).default('create'),
  TESSERA_MISMATCHED_REPLIES: z.enum(['quarantine', 'new_ticket']).default('quarantine'),
  TESSERA_AUTO_MAIL_PER_10_MIN: z.coerce.number().int().min(0).default(10),
  TESSERA_AUTO_MAIL_PER_HOUR: z.coerce.number().int().min(0).default(25),
  TESSERA_MAX_EMAIL_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(30 * 1024 * 1024),
  TESSERA_MAX_ATTACHMENT_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(25 * 1024 * 1024),
  TESSERA_ATTACHMENT_TYPES: z
    .string()
    .default(
      'image/*,application/pdf,text/plain,application/zip,application/x-tar,application/gzip,video/*,audio/*',
    ),
  WHATSAPP_API_URL: z.url().default(DEFAULT_WHATSAPP_API_URL),
  WHATSAPP_TOKEN: z.string().min(1).optional(),
  WHATSAPP_PHONE_NUMBER_ID: waPhoneNumberIdSchema.optional(),
  WHATSAPP_APP_SECRET: z.string().min(1).optional(),
  WHATSAPP_VERIFY_TOKEN: z.string().min(1).optional(),
  WHATSAPP_TEMPLATE_NAME: waTemplateNameSchema.optional(),
  WHATSAPP_TEMPLATE_LANGUAGE: waTemplateLanguageSchema.default(DEFAULT_TEMPLATE_LANGUAGE),
  TELEGRAM_API_URL: z.url().default(DEFAULT_TELEGRAM_API_URL),
  TELEGRAM_BOT_TOKEN: tgBotTokenSchema.optional(),
  TELEGRAM_WEBHOOK_SECRET: tgWebhookSecretSchema.optional(),
  TELEGRAM_BOT_USERNAME: tgBotUsernameSchema.optional(),
  TELEGRAM_LINK_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  TESSERA_SETTINGS_REFRESH_MS: z.coerce.number().int().min(50).default(5000),
  TESSERA_OUTBOUND_ALLOW: z.string().default(''),
  /**
   * Which proxies' X-Forwarded-For is believed for the client's address (rate limits, the audit
   * trail): `true` for any (only behind a proxy that overwrites the header), or addresses and
   * ranges (with proxy-addr's names loopback, linklocal, uniquelocal).
   */
  TESSERA_TRUST_PROXY: z
    .string()
    .trim()
    .min(1)
    .default('loopback,linklocal,uniquelocal')
    .transform((v): boolean | string => (v === 'true' ? true : v === 'false' ? false : v)),
});

export type Env = z.infer<typeof envSchema>;
