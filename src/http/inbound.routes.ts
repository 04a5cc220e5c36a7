import { z } from 'zod';
import { receiveEmail } from '../channels/email/inbound.js';
import { AppError, forbidden } from '../errors.js';
import { type App, actorCtx } from './types.js';

/** Raw RFC 822 in over HTTP: for an MTA pipe (`curl --data-binary @-`) or a mail provider's webhook. */
export async function inboundRoutes(app: App) {
  app.addContentTypeParser(
    ['message/rfc822', 'text/plain', 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: app.ctx.config.mail.maxBytes },
    (_req, body, done) => done(null, body),
  );
  app.post(
    '/api/v1/inbound/email',
    {
      bodyLimit: app.ctx.config.mail.maxBytes,
      config: { rawBody: true },
      schema: {
        tags: ['channels'],
        description:
          'Send a raw RFC 822 message (Content-Type: message/rfc822). Needs an administrator’s bearer token.',
        querystring: z.strictObject({ rcpt: z.string().max(2000).optional() }),
        response: { 202: z.object({ id: z.string().nullable(), duplicate: z.boolean() }) },
      },
    },
    async (req, reply) => {
      const c = actorCtx(app, req);
      if (c.actor.role !== 'admin' || req.authVia !== 'bearer')
        throw forbidden('Inbound mail needs an administrator’s API token');
      const raw = req.body;
      if (!Buffer.isBuffer(raw) || raw.length === 0) {
        throw new AppError('validation', 'Send the raw message with Content-Type: message/rfc822');
      }
      const rcpt = req.query.rcpt ? req.query.rcpt.split(',').map((a) => a.trim()) : [];
      return reply.code(202).send(await receiveEmail(app.ctx, raw, rcpt));
    },
  );
}
