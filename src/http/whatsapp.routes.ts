import {
  whatsappVerifyQuery,
  whatsappWebhookHeaders,
  whatsappWebhookResponse,
} from '../../common/channels.js';
import { receiveWhatsApp, verifyChallenge, WHATSAPP_REFUSALS } from '../channels/whatsapp/webhook.js';
import { refusal } from '../errors.js';
import type { App } from './types.js';

const MAX_WEBHOOK_BYTES = 4 * 1024 * 1024;

/**
 * Meta's webhook for the WhatsApp Business Cloud API. Encapsulated: the JSON parser here keeps the
 * raw bytes, because the signature is over exactly those bytes; other routes are not affected.
 */
export async function whatsappRoutes(app: App) {
  app.addContentTypeParser(
    ['application/json', '*'],
    { parseAs: 'buffer', bodyLimit: MAX_WEBHOOK_BYTES },
    (_req, body, done) => done(null, body),
  );

  app.get(
    '/webhooks/whatsapp',
    {
      schema: {
        operationId: 'verifyWhatsappWebhook',
        tags: ['channels'],
        description:
          'Meta’s verification handshake: answers hub.challenge when hub.verify_token matches WHATSAPP_VERIFY_TOKEN.',
        querystring: whatsappVerifyQuery,
      },
    },
    async (req, reply) => {
      const wa = app.ctx.config.whatsapp;
      if (!wa) throw refusal('not_found', WHATSAPP_REFUSALS.notSetUp);
      const challenge = verifyChallenge(wa, {
        mode: req.query['hub.mode'],
        token: req.query['hub.verify_token'],
        challenge: req.query['hub.challenge'],
      });
      if (challenge === null) throw refusal('forbidden', WHATSAPP_REFUSALS.verifyToken);
      return reply.type('text/plain; charset=utf-8').send(challenge);
    },
  );

  app.post(
    '/webhooks/whatsapp',
    {
      bodyLimit: MAX_WEBHOOK_BYTES,
      config: { rawBody: true },
      schema: {
        operationId: 'receiveWhatsappWebhook',
        tags: ['channels'],
        description:
          'Meta posts messages and status updates here, signed with X-Hub-Signature-256 (HMAC-SHA256 of the body under WHATSAPP_APP_SECRET). Stored at once and processed in the background.',
        headers: whatsappWebhookHeaders,
        response: { 200: whatsappWebhookResponse },
      },
    },
    async (req) => {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      return receiveWhatsApp(app.ctx, raw, req.headers['x-hub-signature-256']);
    },
  );
}
