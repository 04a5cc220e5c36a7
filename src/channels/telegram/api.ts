import type { Config } from '../../config.js';
import { networkReason, OutboundRefused, safeFetch } from '../../lib/network.js';

// The Telegram Bot API calls Tessera makes; the base URL is configurable so tests use a stand-in.

export type TelegramConfig = NonNullable<Config['telegram']>;

const TIMEOUT_MS = 20_000;

/** A Bot API refusal: `status` is error_code (0 when unreachable), `retryAfter` seconds on a 429. */
export class TelegramError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly retryAfter: number | null = null,
  ) {
    super(message);
  }
}

export async function callTelegram<T>(
  tg: TelegramConfig,
  method: string,
  params: Record<string, unknown> = {},
  opts: { timeoutMs?: number } = {},
): Promise<T> {
  let res: Response;
  try {
    res = await safeFetch(tg.outbound, `${tg.apiUrl}/bot${tg.botToken}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(params),
      signal: AbortSignal.timeout(opts.timeoutMs ?? TIMEOUT_MS),
    });
  } catch (err) {
    if (err instanceof OutboundRefused) throw err;
    throw new TelegramError(0, `Telegram unreachable: ${networkReason(err)}`);
  }
  const body = (await res.json().catch(() => null)) as {
    ok?: boolean;
    result?: T;
    error_code?: number;
    description?: string;
    parameters?: { retry_after?: number };
  } | null;
  if (!body?.ok) {
    throw new TelegramError(
      body?.error_code ?? res.status,
      body?.description ?? `HTTP ${res.status}`,
      body?.parameters?.retry_after ?? (Number(res.headers.get('retry-after')) || null),
    );
  }
  return body.result as T;
}

export type SentMessage = { message_id: number; chat: { id: number | string } };

export const sendTelegramMessage = (
  tg: TelegramConfig,
  chatId: string,
  text: string,
  opts: { html?: boolean; replyTo?: number; timeoutMs?: number } = {},
) =>
  callTelegram<SentMessage>(
    tg,
    'sendMessage',
    {
      chat_id: chatId,
      text,
      ...(opts.html ? { parse_mode: 'HTML' } : {}),
      ...(opts.replyTo
        ? { reply_parameters: { message_id: opts.replyTo, allow_sending_without_reply: true } }
        : {}),
      link_preview_options: { is_disabled: true },
    },
    { timeoutMs: opts.timeoutMs },
  );

let username: { bot: string; name: Promise<string> } | null = null;

/**
 * The bot's username, for t.me links: configured, else asked of Telegram once per process and
 * bot (a token or API changed in the admin asks again).
 */
export function botUsername(tg: TelegramConfig): Promise<string> {
  if (tg.botUsername) return Promise.resolve(tg.botUsername);
  const bot = `${tg.apiUrl} ${tg.botToken}`;
  if (username?.bot !== bot) {
    const name = callTelegram<{ username?: string }>(tg, 'getMe').then((me) => {
      if (!me.username) throw new TelegramError(502, 'getMe returned no username');
      return me.username;
    });
    name.catch(() => {
      if (username?.name === name) username = null;
    });
    username = { bot, name };
  }
  return username.name;
}

export class TooLarge extends Error {}

/**
 * The bytes of a file a user sent: getFile gives its path, then GET {base}/file/bot<token>/<path>
 * (the Bot API serves files up to 20 MB). Refuses to read past `maxBytes`.
 */
export async function downloadTelegramFile(
  tg: TelegramConfig,
  fileId: string,
  maxBytes: number,
): Promise<Buffer> {
  const file = await callTelegram<{ file_path?: string; file_size?: number }>(tg, 'getFile', {
    file_id: fileId,
  });
  if (!file.file_path) throw new TelegramError(502, 'getFile returned no file_path');
  if (file.file_size && file.file_size > maxBytes) throw new TooLarge();
  let res: Response;
  try {
    res = await safeFetch(tg.outbound, `${tg.apiUrl}/file/bot${tg.botToken}/${file.file_path}`, {
      signal: AbortSignal.timeout(TIMEOUT_MS * 3),
    });
  } catch (err) {
    if (err instanceof OutboundRefused) throw err;
    throw new TelegramError(0, `Telegram unreachable: ${networkReason(err)}`);
  }
  if (!res.ok) throw new TelegramError(res.status, `file download failed: HTTP ${res.status}`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body ?? []) {
    size += chunk.length;
    if (size > maxBytes) {
      await res.body?.cancel().catch(() => {});
      throw new TooLarge();
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}
