import { isIP } from 'node:net';
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import type { Ctx } from '../../context.js';
import { guardedLookup, type OutboundPolicy, resolveAllowed } from '../../lib/network.js';
import { receiveEmail } from './inbound.js';

/**
 * A client for IMAP_URL (imap(s)://user:password@host:port/Mailbox) and the mailbox it names.
 * ImapFlow hands its `tls` options to net.connect and tls.connect alike, so the guarded lookup
 * decides which address is connected to; an address given as such is checked here, before.
 */
async function imapClient(
  imapUrl: string,
  outbound: OutboundPolicy,
  timeoutMs?: number,
): Promise<{ client: ImapFlow; mailbox: string }> {
  const url = new URL(imapUrl);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(host)) await resolveAllowed(outbound, host);
  const secure = url.protocol === 'imaps:';
  const timeouts = timeoutMs
    ? { connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs }
    : {};
  const client = new ImapFlow({
    host,
    port: Number(url.port || (secure ? 993 : 143)),
    secure,
    auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) },
    logger: false,
    tls: { lookup: guardedLookup(outbound) } as ImapFlowOptions['tls'],
    ...timeouts,
  });
  // A connection lost mid-command also fails that command, which is where it is handled; without
  // a listener the 'error' event would end the process.
  client.on('error', () => {});
  return { client, mailbox: decodeURIComponent(url.pathname.slice(1)) || 'INBOX' };
}

/** Connects, logs in and counts the mailbox's messages, giving up after `timeoutMs`: the check behind "Test". */
export async function imapMailboxStatus(
  imapUrl: string,
  timeoutMs: number,
  outbound: OutboundPolicy,
): Promise<{ mailbox: string; messages: number; unseen: number }> {
  const { client, mailbox } = await imapClient(imapUrl, outbound, timeoutMs);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      client.close();
      reject(new Error(`no answer within ${timeoutMs / 1000} s`));
    }, timeoutMs);
  });
  const check = async () => {
    try {
      await client.connect();
    } catch (err) {
      client.close();
      throw err;
    }
    try {
      const status = await client.status(mailbox, { messages: true, unseen: true });
      if (!status) throw new Error(`the server has no mailbox named ${mailbox}`);
      return { mailbox, messages: status.messages ?? 0, unseen: status.unseen ?? 0 };
    } finally {
      await client.logout().catch(() => client.close());
    }
  };
  try {
    return await Promise.race([check(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * One pass over an IMAP mailbox: every unseen message is stored (and queued) first and only
 * then flagged \Seen, so a crash in between means a redelivery, which the store ignores.
 * IMAP_URL: imap(s)://user:password@host:port/Mailbox (INBOX by default).
 */
export async function pollImapOnce(ctx: Ctx): Promise<number> {
  const imapUrl = ctx.config.mail.imapUrl;
  if (!imapUrl) return 0;
  const { client, mailbox } = await imapClient(imapUrl, ctx.config.outbound);
  await client.connect();
  let stored = 0;
  try {
    const lock = await client.getMailboxLock(mailbox);
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

/**
 * Polls every IMAP_POLL_INTERVAL_MS; a failing server is logged and tried again next time. Each
 * pass reads the IMAP URL in effect, so one set in the admin later is polled without a restart.
 */
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
