import { z } from 'zod';
import { say, VALIDATION } from './validation-messages.js';

// Linking a Telegram chat from Account Settings.

export const telegramLinkSchema = z.object({
  /** https://t.me/<bot>?start=<token>: single use, valid until expiresAt. */
  url: z.string(),
  expiresAt: z.string(),
});

export const telegramStatusSchema = z.object({
  /** Whether this installation has Telegram set up at all. */
  available: z.boolean(),
  linked: z.boolean(),
  username: z.string().nullable(),
  linkedAt: z.string().nullable(),
  /** Telegram refused the last notice (the bot was blocked): link again to receive notices. */
  broken: z.boolean(),
  brokenReason: z.string().nullable(),
});
export type TelegramStatus = z.infer<typeof telegramStatusSchema>;

// Channel settings an administrator may change (Admin › Channels). Each overrides the environment
// variable named in `env`; the rest of the channel configuration stays in the environment.

export const CHANNEL_NAMES = ['email', 'whatsapp', 'telegram'] as const;
export type ChannelName = (typeof CHANNEL_NAMES)[number];

type FieldInfo = { env: string; label: string; secret: boolean; url?: true };

export const CHANNEL_FIELDS = {
  email: {
    smtpUrl: { env: 'SMTP_URL', label: 'Outgoing mail server (SMTP URL)', secret: false, url: true },
    from: { env: 'MAIL_FROM', label: 'Sender (From)', secret: false },
    inboundAddress: { env: 'INBOUND_EMAIL_ADDRESS', label: 'Support address', secret: false },
    imapUrl: { env: 'IMAP_URL', label: 'Mailbox to poll (IMAP URL)', secret: false, url: true },
  },
  whatsapp: {
    apiUrl: { env: 'WHATSAPP_API_URL', label: 'Cloud API base URL', secret: false, url: true },
    token: { env: 'WHATSAPP_TOKEN', label: 'Access token', secret: true },
    phoneNumberId: { env: 'WHATSAPP_PHONE_NUMBER_ID', label: 'Phone number id', secret: false },
    appSecret: { env: 'WHATSAPP_APP_SECRET', label: 'App secret', secret: true },
    verifyToken: { env: 'WHATSAPP_VERIFY_TOKEN', label: 'Webhook verify token', secret: true },
    templateName: {
      env: 'WHATSAPP_TEMPLATE_NAME',
      label: 'Template outside the 24-hour window',
      secret: false,
    },
    templateLanguage: { env: 'WHATSAPP_TEMPLATE_LANGUAGE', label: 'Template language', secret: false },
  },
  telegram: {
    apiUrl: { env: 'TELEGRAM_API_URL', label: 'Bot API base URL', secret: false, url: true },
    botToken: { env: 'TELEGRAM_BOT_TOKEN', label: 'Bot token', secret: true },
    webhookSecret: { env: 'TELEGRAM_WEBHOOK_SECRET', label: 'Webhook secret token', secret: true },
    botUsername: { env: 'TELEGRAM_BOT_USERNAME', label: 'Bot username', secret: false },
  },
} as const satisfies Record<ChannelName, Record<string, FieldInfo>>;

export type ChannelField<C extends ChannelName> = keyof (typeof CHANNEL_FIELDS)[C] & string;
/** Every overridable setting of every channel; null where nothing is set. */
export type ChannelValues = { [C in ChannelName]: { [F in ChannelField<C>]: string | null } };

/** What a URL's password is shown as; given back unchanged, it keeps the password in use. */
export const MASKED_PASSWORD = '********';

// The checks of the environment variables (src/config.ts uses these too).
export const smtpUrlSchema = z.string().regex(/^smtps?:\/\//, say(VALIDATION.smtpUrl));
export const imapUrlSchema = z.string().regex(/^imaps?:\/\//, say(VALIDATION.imapUrl));
export const mailFromSchema = z.string().min(3);
export const waPhoneNumberIdSchema = z.string().regex(/^\d+$/, say(VALIDATION.phoneNumberId));
export const waTemplateNameSchema = z.string().regex(/^[a-z0-9_]+$/, say(VALIDATION.templateName));
export const waTemplateLanguageSchema = z.string().min(2).max(10);
export const tgBotTokenSchema = z.string().regex(/^\d+:[\w-]+$/, say(VALIDATION.botToken));
export const tgWebhookSecretSchema = z.string().regex(/^[\w-]{1,256}$/, say(VALIDATION.secretToken));
export const tgBotUsernameSchema = z
  .string()
  .regex(/^@?\w{5,32}$/, say(VALIDATION.botUsername))
  .transform((u) => u.replace(/^@/, ''));

const parses = (s: string) => URL.canParse(s);
const oneWord = (s: z.ZodString, max: number) => s.max(max).regex(/^\S+$/, say(VALIDATION.noWhitespace));
const webUrl = z
  .url({ protocol: /^https?$/, error: say(VALIDATION.webUrl) })
  .max(2000)
  .regex(/^\S+$/, say(VALIDATION.noSpaces));

/** A string sets the override, null removes it (back to the environment's value), absent leaves it. */
const setting = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

export const emailSettingsBody = z.strictObject({
  smtpUrl: setting(oneWord(smtpUrlSchema, 2000).refine(parses, say(VALIDATION.notUrl))),
  from: setting(
    mailFromSchema
      .max(320)
      .regex(/^[^\r\n\t\0]+$/, say(VALIDATION.oneLine, { example: 'Support <help@example.com>' })),
  ),
  inboundAddress: setting(z.email().max(254)),
  imapUrl: setting(oneWord(imapUrlSchema, 2000).refine(parses, say(VALIDATION.notUrl))),
});
export const whatsappSettingsBody = z.strictObject({
  apiUrl: setting(webUrl),
  token: setting(oneWord(z.string().min(1), 4000)),
  phoneNumberId: setting(waPhoneNumberIdSchema.max(40)),
  appSecret: setting(oneWord(z.string().min(1), 1000)),
  verifyToken: setting(oneWord(z.string().min(1), 1000)),
  templateName: setting(waTemplateNameSchema.max(512)),
  templateLanguage: setting(waTemplateLanguageSchema),
});
export const telegramSettingsBody = z.strictObject({
  apiUrl: setting(webUrl),
  botToken: setting(tgBotTokenSchema.max(200)),
  webhookSecret: setting(tgWebhookSecretSchema),
  botUsername: setting(tgBotUsernameSchema),
});
export const channelSettingsBodies = {
  email: emailSettingsBody,
  whatsapp: whatsappSettingsBody,
  telegram: telegramSettingsBody,
} as const satisfies Record<ChannelName, z.ZodType>;
export type ChannelSettingsBody<C extends ChannelName> = z.infer<(typeof channelSettingsBodies)[C]>;

export const channelFieldSchema = z.object({
  /** The value in use; null for secrets (never sent) and for what is not set. A URL's password reads ********. */
  value: z.string().nullable(),
  /** 'admin': saved here; 'env': the environment variable or its built-in default; 'unset': nothing. */
  source: z.enum(['env', 'admin', 'unset']),
  secret: z.boolean(),
  /** Whether the setting has a value, which for a secret is all there is to know. */
  set: z.boolean(),
  /** The environment variable this setting overrides. */
  env: z.string(),
});
export type ChannelFieldState = z.infer<typeof channelFieldSchema>;

const fieldsOf = <C extends ChannelName>(channel: C) =>
  z.object(
    Object.fromEntries(Object.keys(CHANNEL_FIELDS[channel]).map((k) => [k, channelFieldSchema])) as Record<
      ChannelField<C>,
      typeof channelFieldSchema
    >,
  );
const channelState = <C extends ChannelName>(channel: C) =>
  z.object({
    /** Whether the channel can deliver with these settings (email: an SMTP server is set). */
    configured: z.boolean(),
    fields: fieldsOf(channel),
  });
export const channelStateSchemas = {
  email: channelState('email'),
  whatsapp: channelState('whatsapp'),
  telegram: channelState('telegram'),
} as const;
export const channelSettingsSchema = z.object(channelStateSchemas);
export type ChannelState<C extends ChannelName> = z.infer<(typeof channelStateSchemas)[C]>;
export type ChannelSettings = z.infer<typeof channelSettingsSchema>;

// "Send test": tries the saved settings at once and says what happened.
export const emailTestBody = z.strictObject({ to: z.email().max(254).optional() });
export const whatsappTestBody = z.strictObject({
  to: z.string().trim().min(1).max(32),
});
export const emptyTestBody = z.strictObject({});
export const channelTestResultSchema = z.object({ ok: z.boolean(), detail: z.string() });
export type ChannelTestResult = z.infer<typeof channelTestResultSchema>;

// ---- webhooks the providers call ----
export const telegramWebhookHeaders = z.object({
  'x-telegram-bot-api-secret-token': z.string().max(300).optional(),
});
/** A Telegram update, stored as sent and read by the worker. */
export const telegramUpdateBody = z.record(z.string(), z.unknown());
export const telegramWebhookResponse = z.object({ ok: z.boolean(), duplicate: z.boolean() });

export const whatsappVerifyQuery = z.object({
  'hub.mode': z.string().max(100).optional(),
  'hub.verify_token': z.string().max(1000).optional(),
  'hub.challenge': z.string().max(1000).optional(),
});
export const whatsappWebhookHeaders = z.object({ 'x-hub-signature-256': z.string().max(200).optional() });
export const whatsappWebhookResponse = z.object({
  messages: z.number(),
  statuses: z.number(),
  duplicates: z.number(),
});
