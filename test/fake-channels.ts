import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// HTTP servers standing in for graph.facebook.com (WhatsApp Business Cloud API) and
// api.telegram.org, speaking the request and response shapes of their public documentation.

export type Recorded = {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  raw: Buffer;
  /** Answered with a scripted failure: the recipient never got it. */
  failed?: boolean;
  // biome-ignore lint/suspicious/noExplicitAny: a recorded body is whatever the client sent
  json: any;
};

type Scripted = { status: number; body: unknown };

async function listen(handler: (req: IncomingMessage, raw: Buffer, res: ServerResponse) => void) {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, Buffer.concat(chunks), res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  if (Buffer.isBuffer(body)) {
    res.writeHead(status, { 'content-length': String(body.length), ...headers });
    res.end(body);
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

const parse = (raw: Buffer, type: string | undefined) => {
  if (!type?.includes('json')) return null;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return null;
  }
};

export const WA = {
  token: 'wa-test-token',
  phoneNumberId: '1000001',
  appSecret: 'wa-app-secret',
  verify: 'verify-me',
};

/** Meta's signed webhook request for one text message from `waId`, as `app.inject` takes it. */
export function waTextWebhook(waId: string, body: string, id: string) {
  const raw = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '1',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: WA.phoneNumberId },
              contacts: [{ profile: { name: 'Sender' }, wa_id: waId }],
              messages: [
                {
                  from: waId,
                  id,
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  type: 'text',
                  text: { body },
                },
              ],
            },
          },
        ],
      },
    ],
  });
  return {
    method: 'POST' as const,
    url: '/webhooks/whatsapp',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signWa(raw) },
    payload: raw,
  };
}

/** The Graph API: messages, media upload, media id → URL → bytes (each needing the bearer token). */
export async function startFakeGraph() {
  const requests: Recorded[] = [];
  const media = new Map<string, { data: Buffer; mime: string }>();
  const failures: Scripted[] = [];
  let seq = 0;
  const srv = await listen((req, raw, res) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const rec: Recorded = {
      method: req.method ?? '',
      path,
      headers: req.headers,
      raw,
      json: parse(raw, req.headers['content-type']),
    };
    requests.push(rec);
    if (req.headers.authorization !== `Bearer ${WA.token}`)
      return send(res, 401, {
        error: { message: 'Invalid OAuth access token.', type: 'OAuthException', code: 190 },
      });
    const download = /^\/download\/(.+)$/.exec(path);
    if (download && req.method === 'GET') {
      const m = media.get(decodeURIComponent(download[1] ?? ''));
      return m
        ? send(res, 200, m.data, { 'content-type': m.mime })
        : send(res, 404, { error: { message: 'gone' } });
    }
    const api = /^\/v21\.0\/([^/]+)(?:\/(messages|media))?$/.exec(path);
    if (!api) return send(res, 404, { error: { message: 'Unknown path', code: 100 } });
    const [, first, action] = api;
    if (action === 'messages' && req.method === 'POST') {
      const fail = failures.shift();
      if (fail) {
        rec.failed = true;
        return send(res, fail.status, fail.body);
      }
      const id = `wamid.OUT${++seq}`;
      return send(res, 200, {
        messaging_product: 'whatsapp',
        contacts: [{ input: rec.json?.to, wa_id: rec.json?.to }],
        messages: [{ id }],
      });
    }
    if (action === 'media' && req.method === 'POST') {
      if (!String(req.headers['content-type']).startsWith('multipart/form-data'))
        return send(res, 400, { error: { message: 'expected multipart', code: 100 } });
      return send(res, 200, { id: `media.UP${++seq}` });
    }
    if (!action && req.method === 'GET') {
      const m = media.get(decodeURIComponent(first ?? ''));
      if (!m) return send(res, 400, { error: { message: 'Unsupported get request.', code: 100 } });
      return send(res, 200, {
        messaging_product: 'whatsapp',
        url: `${srv.base}/download/${encodeURIComponent(first ?? '')}`,
        mime_type: m.mime,
        sha256: 'x',
        file_size: m.data.length,
        id: first,
      });
    }
    return send(res, 404, { error: { message: 'Unknown path', code: 100 } });
  });
  return {
    apiUrl: `${srv.base}/v21.0`,
    requests,
    addMedia: (id: string, data: Buffer, mime: string) => media.set(id, { data, mime }),
    /** The next message sends answer with this instead. */
    failNext: (status: number, body: unknown) => failures.push({ status, body }),
    /** Messages the recipient got, as the JSON bodies posted to /messages. */
    sent: () => requests.filter((r) => r.path.endsWith('/messages') && !r.failed).map((r) => r.json),
    close: srv.close,
  };
}

/** Signs a webhook body as Meta does. */
export const signWa = (raw: string | Buffer, secret = WA.appSecret) =>
  `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;

export const TG = { token: '123456:TEST-token_abc', secret: 'tg-webhook-secret', bot: 'tessera_test_bot' };

/** The Bot API: sendMessage, getMe, getFile and file downloads, with scripted failures (429 with retry_after, 403 blocked). */
export async function startFakeTelegram() {
  const requests: Recorded[] = [];
  const failures: Scripted[] = [];
  const files = new Map<string, Buffer>();
  let seq = 100;
  const srv = await listen((req, raw, res) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const rec: Recorded = {
      method: req.method ?? '',
      path,
      headers: req.headers,
      raw,
      json: parse(raw, req.headers['content-type']),
    };
    requests.push(rec);
    const download = /^\/file\/bot([^/]+)\/files\/(.+)$/.exec(path);
    if (download) {
      const data = download[1] === TG.token ? files.get(decodeURIComponent(download[2] ?? '')) : undefined;
      return data
        ? send(res, 200, data)
        : send(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    }
    const m = /^\/bot([^/]+)\/(\w+)$/.exec(path);
    if (!m || m[1] !== TG.token)
      return send(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    if (m[2] === 'getMe')
      return send(res, 200, {
        ok: true,
        result: { id: 123456, is_bot: true, first_name: 'Tessera', username: TG.bot },
      });
    if (m[2] === 'getFile') {
      const id = String(rec.json?.file_id);
      const data = files.get(id);
      if (!data)
        return send(res, 400, { ok: false, error_code: 400, description: 'Bad Request: invalid file_id' });
      return send(res, 200, {
        ok: true,
        result: { file_id: id, file_unique_id: `u${id}`, file_size: data.length, file_path: `files/${id}` },
      });
    }
    if (m[2] === 'sendMessage') {
      const fail = failures.shift();
      if (fail) {
        rec.failed = true;
        return send(res, fail.status, fail.body);
      }
      return send(res, 200, {
        ok: true,
        result: {
          message_id: ++seq,
          date: Math.floor(Date.now() / 1000),
          chat: { id: rec.json?.chat_id, type: 'private' },
          text: rec.json?.text,
        },
      });
    }
    return send(res, 404, { ok: false, error_code: 404, description: 'Not Found: method not found' });
  });
  return {
    apiUrl: srv.base,
    requests,
    failNext: (status: number, body: unknown) => failures.push({ status, body }),
    /** Messages the chat got (sendMessage calls that succeeded), as their JSON bodies. */
    sent: () => requests.filter((r) => r.path.endsWith('/sendMessage') && !r.failed).map((r) => r.json),
    /** Every sendMessage call, refused ones too. */
    attempts: () => requests.filter((r) => r.path.endsWith('/sendMessage')).map((r) => r.json),
    /** A file a user sent, as getFile and the file path serve it. */
    addFile: (fileId: string, data: Buffer) => files.set(fileId, data),
    close: srv.close,
  };
}
