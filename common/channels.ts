import { z } from 'zod';

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
