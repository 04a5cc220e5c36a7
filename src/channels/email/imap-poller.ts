import { ImapFlow } from 'imapflow';
import type { Ctx } from '../../context.js';
import { receiveEmail } from './inbound.js';

/**
 * One pass over an IMAP mailbox: every unseen message is stored (and queued) first and only
 * then flagged \Seen, so a crash in between means a redelivery, which the store ignores.
 * IMAP_URL: imap(s)://user:password@host:port/Mailbox (INBOX by default).
 */
export async function pollImapOnce(ctx: Ctx): Promise<number> {
  const imapUrl = ctx.config.mail.imapUrl;
  if (!imapUrl) return 0;
  const url = new URL(imapUrl);
  const secure = url.protocol === 'imaps:';
  const client = new ImapFlow({
    host: url.hostname,
    port: Number(url.port || (secure ? 993 : 143)),
    secure,
    auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) },
    logger: false,
  });
  await client.connect();
  let stored = 0;
  try {
    const lock = await client.getMailboxLock(decodeURIComponent(url.pathname.slice(1)) || 'INBOX');
    try {
      const uids = (await client.search({ seen: false }, { uid: true })) || [];
      for (const uid of uids) {
        const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
        if (message === false || !message.source) continue;
        await receiveEmail(ctx, message.source);
        await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
        stored++;
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  return stored;
}

/** Polls every IMAP_POLL_INTERVAL_MS; a failing server is logged and tried again next time. */
export function startImapPoller(ctx: Ctx): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = pollImapOnce(ctx)
      .then((n) => n > 0 && ctx.log.info({ stored: n }, 'IMAP poll'))
      .catch((err: unknown) => ctx.log.warn({ err }, 'IMAP poll failed; will retry'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, ctx.config.mail.imapPollIntervalMs);
  tick();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
