import { noBody } from '../../common/api.js';
import {
  telegramLinkSchema,
  telegramStatusSchema,
  telegramUpdateBody,
  telegramWebhookHeaders,
  telegramWebhookResponse,
} from '../../common/channels.js';
import { receiveTelegram } from '../channels/telegram/inbound.js';
import { createTelegramLink, telegramStatus, unlinkTelegram } from '../channels/telegram/link.service.js';
import { refusal } from '../errors.js';
import { defineMessages } from '../i18n/index.js';
import { safeEqual } from '../lib/crypto.js';
import { type App, actorCtx, noContent } from './types.js';

const SAID = defineMessages({
  secret: {
    id: 'error.telegram.secret_token',
    defaultMessage: 'Wrong or missing X-Telegram-Bot-Api-Secret-Token',
  },
});

export async function telegramRoutes(app: App) {
  app.post(
    '/webhooks/telegram',
    {
      schema: {
        operationId: 'receiveTelegramWebhook',
        tags: ['channels'],
        description:
          'Telegram posts bot updates here (setWebhook with secret_token = TELEGRAM_WEBHOOK_SECRET). Stored at once and processed in the background; a repeated update_id is a no-op.',
        headers: telegramWebhookHeaders,
        body: telegramUpdateBody,
        response: { 200: telegramWebhookResponse },
      },
      // Checked before the body is read: a caller without the secret learns nothing and costs little.
      onRequest: async (req) => {
        const secret = app.ctx.config.telegram?.webhookSecret;
        const given = req.headers['x-telegram-bot-api-secret-token'];
        if (!secret || typeof given !== 'string' || !safeEqual(given, secret))
          throw refusal('forbidden', SAID.secret);
      },
    },
    async (req) => ({ ok: true, ...(await receiveTelegram(app.ctx, req.body)) }),
  );

  app.get(
    '/api/v1/me/telegram',
    {
      schema: {
        operationId: 'getTelegramLink',
        tags: ['notifications'],
        response: { 200: telegramStatusSchema },
      },
    },
    async (req) => telegramStatus(actorCtx(app, req)),
  );
  app.post(
    '/api/v1/me/telegram/link',
    {
      schema: {
        operationId: 'linkTelegram',
        tags: ['notifications'],
        description:
          '“Link Telegram”: a single-use deep link into the bot that expires after TELEGRAM_LINK_MINUTES; opening it and pressing Start links that chat.',
        response: { 201: telegramLinkSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await createTelegramLink(actorCtx(app, req))),
  );
  app.delete(
    '/api/v1/me/telegram',
    { schema: { operationId: 'unlinkTelegram', tags: ['notifications'], response: { 204: noBody } } },
    async (req, reply) => noContent(reply, unlinkTelegram(actorCtx(app, req))),
  );
}
