import type { Config } from '../../config.js';
import { networkReason, OutboundRefused, safeFetch } from '../../lib/network.js';

// The WhatsApp Business Cloud API (Graph API) calls Tessera makes. Base URL, token and number id
// come from the configuration, so tests point them at a local stand-in.

export type WhatsAppConfig = NonNullable<Config['whatsapp']>;

const TIMEOUT_MS = 20_000;

/** A refusal by the Graph API: `status` is the HTTP status, `code` Meta's error code. */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: number | null,
    message: string,
  ) {
    super(message);
  }
  /** Worth trying again later: the server or the network, throttling, an expired token an operator may renew. */
  get transient(): boolean {
    return (
      this.status >= 500 ||
      this.status === 429 ||
      this.status === 401 ||
      this.status === 0 ||
      isThrottle(this.code)
    );
  }
}

/** Meta's codes for "too many messages": retry later. */
const isThrottle = (code: number | null) =>
  code === 4 || code === 80007 || code === 130429 || code === 131056;

/** Meta's code for a free-form message sent outside the 24-hour customer-service window. */
export const RE_ENGAGEMENT = 131047;

async function call(
  wa: WhatsAppConfig,
  url: string,
  init: RequestInit,
  timeoutMs = TIMEOUT_MS,
): Promise<Response> {
  try {
    return await safeFetch(wa.outbound, url, {
      ...init,
      headers: { authorization: `Bearer ${wa.token}`, ...init.headers },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    // A refused address stays refused: the caller fails for good, with the reason.
    if (err instanceof OutboundRefused) throw err;
    throw new GraphError(0, null, `WhatsApp API unreachable: ${networkReason(err)}`);
  }
}

async function json<T>(res: Response): Promise<T> {
  const body = (await res.json().catch(() => ({}))) as T & {
    error?: { message?: string; code?: number; error_data?: { details?: string } };
  };
  if (!res.ok || body.error) {
    const e = body.error;
    const detail = e?.error_data?.details ? ` (${e.error_data.details})` : '';
    throw new GraphError(res.status, e?.code ?? null, `${e?.message ?? `HTTP ${res.status}`}${detail}`);
  }
  return body;
}

export type OutgoingMessage =
  | { type: 'text'; text: { body: string; preview_url?: boolean } }
  | {
      type: 'template';
      template: {
        name: string;
        language: { code: string };
        components?: { type: 'body'; parameters: { type: 'text'; text: string }[] }[];
      };
    }
  | { type: 'image'; image: { id: string; caption?: string } }
  | { type: 'video'; video: { id: string; caption?: string } }
  | { type: 'audio'; audio: { id: string } }
  | { type: 'document'; document: { id: string; caption?: string; filename?: string } };

/** Sends one message; returns the id WhatsApp gave it (`wamid.…`). */
export async function sendMessage(
  wa: WhatsAppConfig,
  to: string,
  message: OutgoingMessage,
  replyTo?: string,
  opts: { timeoutMs?: number } = {},
): Promise<string> {
  const res = await call(
    wa,
    `${wa.apiUrl}/${wa.phoneNumberId}/messages`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to,
        ...(replyTo ? { context: { message_id: replyTo } } : {}),
        ...message,
      }),
    },
    opts.timeoutMs,
  );
  const body = await json<{ messages?: { id: string }[] }>(res);
  const id = body.messages?.[0]?.id;
  if (!id) throw new GraphError(502, null, 'WhatsApp accepted the message but returned no id');
  return id;
}

/** Uploads a file to WhatsApp's media store; the id it returns is used to send it. */
export async function uploadMedia(
  wa: WhatsAppConfig,
  file: { data: Buffer; contentType: string; filename: string },
): Promise<string> {
  const form = new FormData();
  form.set('messaging_product', 'whatsapp');
  form.set('type', file.contentType);
  form.set('file', new Blob([new Uint8Array(file.data)], { type: file.contentType }), file.filename);
  const res = await call(wa, `${wa.apiUrl}/${wa.phoneNumberId}/media`, { method: 'POST', body: form });
  const body = await json<{ id?: string }>(res);
  if (!body.id) throw new GraphError(502, null, 'WhatsApp stored the file but returned no id');
  return body.id;
}

export type MediaInfo = { url: string; mime_type?: string; file_size?: number; sha256?: string };

/** Media id → a short-lived download URL (GET {base}/{media-id}). */
export async function mediaInfo(wa: WhatsAppConfig, mediaId: string): Promise<MediaInfo> {
  const res = await call(wa, `${wa.apiUrl}/${encodeURIComponent(mediaId)}`, { method: 'GET' });
  const body = await json<Partial<MediaInfo>>(res);
  if (!body.url) throw new GraphError(502, null, 'WhatsApp returned no URL for the media');
  return body as MediaInfo;
}

/** The bytes behind a media URL, which needs the same token; refuses to read past `maxBytes`. */
export async function downloadMedia(wa: WhatsAppConfig, url: string, maxBytes: number): Promise<Buffer> {
  // The URL comes from the API's answer, not from the admin: it is held to the same policy.
  const res = await call(wa, url, { method: 'GET' });
  if (!res.ok) throw new GraphError(res.status, null, `media download failed: HTTP ${res.status}`);
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > maxBytes) {
    await res.body?.cancel();
    throw new TooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body ?? []) {
    size += chunk.length;
    if (size > maxBytes) throw new TooLarge();
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

export class TooLarge extends Error {}
