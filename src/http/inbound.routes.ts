import { rawMailAccepted, rawMailQuery } from '../../common/inbound.js';
import { postRawMail } from '../modules/inbound-admin/post-mail.service.js';
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
        operationId: 'postInboundEmail',
        tags: ['channels'],
        description:
          'Send a raw RFC 822 message (Content-Type: message/rfc822). Needs an administrator’s bearer token.',
        querystring: rawMailQuery,
        response: { 202: rawMailAccepted },
      },
    },
    async (req, reply) => {
      const c = actorCtx(app, req);
      return reply.code(202).send(await postRawMail(c, req.authVia, req.body, req.query.rcpt));
    },
  );
}
