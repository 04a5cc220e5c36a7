import { SMTPServer } from 'smtp-server';
import type { Ctx } from '../../context.js';
import { receiveEmail } from './inbound.js';

/**
 * The built-in SMTP listener: accepts mail for the support address (and its +token forms) only,
 * and answers 250 only once the raw message is stored.
 */
export async function startSmtpListener(ctx: Ctx): Promise<{ port: number; close(): Promise<void> }> {
  const maxBytes = ctx.config.mail.maxBytes;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: maxBytes,
    logger: false,
    banner: 'Tessera',
    onRcptTo(address, _session, callback) {
      // The support address in effect now: an admin may change it while the listener runs.
      const [local, domain] = (ctx.config.mail.inboundAddress ?? '@').toLowerCase().split('@');
      const [l = '', d = ''] = address.address.toLowerCase().split('@');
      const ours = d === domain && (l === local || l.startsWith(`${local}+`));
      if (!ours) return callback(Object.assign(new Error('Relay access denied'), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          return callback(Object.assign(new Error('Message too large'), { responseCode: 552 }));
        }
        receiveEmail(
          ctx,
          Buffer.concat(chunks),
          session.envelope.rcptTo.map((r) => r.address),
        ).then(
          () => callback(),
          (err: unknown) => {
            ctx.log.error({ err }, 'could not store an inbound email');
            callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
          },
        );
      });
    },
  });
  server.on('error', (err) => ctx.log.error({ err }, 'SMTP listener error'));
  await new Promise<void>((resolve) =>
    server.listen(ctx.config.mail.inboundSmtpPort ?? 0, ctx.config.mail.inboundSmtpHost, resolve),
  );
  const port = (server.server.address() as { port: number }).port;
  ctx.log.info({ port }, 'SMTP listener ready');
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
