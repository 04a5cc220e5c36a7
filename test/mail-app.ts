import nodemailer, { type SendMailOptions } from 'nodemailer';
import { startSmtpListener } from '../src/channels/email/smtp-listener.js';
import { startTestApp, type TestEnv } from './helpers.js';
import { startSmtpSink } from './smtp-sink.js';

export const SUPPORT = 'support@helpdesk.test';

export type MailApp = {
  env: TestEnv;
  /** The outgoing mail server Tessera sends through, when asked for (`sink: true`). */
  sink: Awaited<ReturnType<typeof startSmtpSink>> | null;
  /** Sends a mail over SMTP to the built-in listener, to the support address unless `to` says. */
  send(mail: SendMailOptions): Promise<unknown>;
  close(): Promise<void>;
};

/**
 * A test app that takes mail in over real SMTP at its built-in listener (the support address is
 * support@helpdesk.test), optionally with a local SMTP server receiving what it sends.
 */
export async function startMailApp(
  opts: Parameters<typeof startTestApp>[0] & { sink?: boolean } = {},
): Promise<MailApp> {
  const sink = opts.sink ? await startSmtpSink() : null;
  const env = await startTestApp({
    ...opts,
    env: {
      ...(sink ? { SMTP_URL: sink.url } : {}),
      INBOUND_EMAIL_ADDRESS: SUPPORT,
      INBOUND_SMTP_PORT: '0',
      INBOUND_SMTP_HOST: '127.0.0.1',
      ...opts.env,
    },
  });
  const listener = await startSmtpListener(env.app.ctx);
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: listener.port,
    secure: false,
    ignoreTLS: true,
  });
  return {
    env,
    sink,
    send: (mail) => transport.sendMail({ to: SUPPORT, ...mail }),
    async close() {
      transport.close();
      await listener.close();
      await env.close();
      await sink?.close();
    },
  };
}
