import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeExpiredAttachments } from '../src/modules/attachments/attachments.service.js';
import { type Client, makeWorld, openTicket } from './client.js';
import { startTestApp, type TestEnv } from './helpers.js';

let env: TestEnv;
let w: Awaited<ReturnType<typeof makeWorld>>;
let now = Date.now();

beforeAll(async () => {
  env = await startTestApp({
    clock: () => new Date(now),
    env: { TESSERA_MAX_ATTACHMENT_BYTES: String(64 * 1024) },
  });
  w = await makeWorld(env.app);
});
afterAll(() => env?.close());

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6300010000050001',
  'hex',
);

function multipart(filename: string, data: Buffer) {
  const boundary = '----tessera-test-boundary';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}
async function upload(c: Client, filename: string, data: Buffer) {
  const m = multipart(filename, data);
  return c.request('POST', '/api/v1/attachments', m.body, { 'content-type': m.contentType });
}
const storedFiles = () => {
  const root = path.join(env.app.ctx.config.dataDir, 'attachments');
  try {
    return readdirSync(root, { recursive: true }).filter((f) => String(f).split(path.sep).length === 3)
      .length;
  } catch {
    return 0;
  }
};

describe('attachments', () => {
  it('upload, attach to a new ticket and a reply, download with safe headers', async () => {
    const up = await upload(w.alice, 'screen shot.png', PNG);
    expect(up.statusCode).toBe(201);
    expect(up.json()).toMatchObject({
      filename: 'screen shot.png',
      contentType: 'image/png',
      size: PNG.length,
    });
    const t = await openTicket(w.alice, w.billing.id, { attachmentIds: [up.json().id] });
    const thread = await w.agent.get<{ items: { attachments: { id: string }[] }[] }>(
      `/api/v1/tickets/${t.number}/messages`,
    );
    expect(thread.items[0]?.attachments.map((a) => a.id)).toEqual([up.json().id]);
    const dl = await w.agent.request('GET', `/api/v1/attachments/${up.json().id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(PNG)).toBe(true);
    expect(dl.headers['content-disposition']).toMatch(/^attachment; filename="screen shot.png"/);
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    // an upload is used once
    const again = await w.alice.request('POST', `/api/v1/tickets/${t.number}/messages`, {
      body: 'again',
      attachmentIds: [up.json().id],
    });
    expect(again.statusCode).toBe(400);
  });

  it('a customer of another organisation gets 404; so does a customer for a file on an internal note', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    const own = await upload(w.alice, 'log.txt', Buffer.from('error 42\n'));
    await w.alice.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, {
      body: 'log attached',
      attachmentIds: [own.json().id],
    });
    expect((await w.carol.request('GET', `/api/v1/attachments/${own.json().id}`)).statusCode).toBe(404);
    expect((await w.bob.request('GET', `/api/v1/attachments/${own.json().id}`)).statusCode).toBe(200);
    expect((await w.techAgent.request('GET', `/api/v1/attachments/${own.json().id}`)).statusCode).toBe(404);

    const note = await upload(w.agent, 'internal.txt', Buffer.from('internal only'));
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, {
      body: 'note',
      internal: true,
      attachmentIds: [note.json().id],
    });
    expect((await w.alice.request('GET', `/api/v1/attachments/${note.json().id}`)).statusCode).toBe(404);
    expect((await w.agent.request('GET', `/api/v1/attachments/${note.json().id}`)).statusCode).toBe(200);
    // someone else's unsent upload cannot be claimed or read
    const mine = await upload(w.bob, 'bob.txt', Buffer.from('bob'));
    expect((await w.alice.request('GET', `/api/v1/attachments/${mine.json().id}`)).statusCode).toBe(404);
    const steal = await w.alice.request('POST', `/api/v1/tickets/${t.number}/messages`, {
      body: 'x',
      attachmentIds: [mine.json().id],
    });
    expect(steal.statusCode).toBe(400);
  });

  it('.svg and .html are stored as inert text and never served inline', async () => {
    for (const [name, content] of [
      ['logo.svg', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
      ['page.html', '<!doctype html><html><script>alert(document.cookie)</script></html>'],
    ] as const) {
      const up = await upload(w.alice, name, Buffer.from(content));
      expect(up.statusCode).toBe(201);
      expect(up.json().contentType).toBe('text/plain');
      const dl = await w.alice.request('GET', `/api/v1/attachments/${up.json().id}`);
      expect(dl.headers['content-type']).toMatch(/^text\/plain/);
      expect(dl.headers['content-disposition']).toMatch(/^attachment;/);
      expect(dl.headers['content-security-policy']).toContain('sandbox');
    }
  });

  it('dangerous names are stored safely', async () => {
    const a = await upload(w.alice, 'payload.php\u200b', Buffer.from('<?php echo 1;'));
    expect(a.json().filename).toBe('payload.php');
    const b = await upload(w.alice, '../../x', Buffer.from('x'));
    // the multipart parser keeps only the base name; our own normalisation covers other channels
    expect(b.json().filename).toBe('x');
    expect(storedFiles()).toBeGreaterThan(0);
  });

  it('an oversize upload is 413 and leaves nothing behind; an unknown binary type is 415', async () => {
    const files = storedFiles();
    const rows = (await env.database.db.selectFrom('attachments').select('id').execute()).length;
    const big = await upload(w.alice, 'big.txt', Buffer.alloc(65 * 1024, 'a'));
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('payload_too_large');
    const exe = await upload(w.alice, 'tool.exe', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0)]));
    expect(exe.statusCode).toBe(415);
    expect(storedFiles()).toBe(files);
    expect((await env.database.db.selectFrom('attachments').select('id').execute()).length).toBe(rows);
  });

  it('uploads never sent expire', async () => {
    const up = await upload(w.alice, 'forgotten.txt', Buffer.from('forgotten'));
    now += 25 * 3_600_000;
    expect(await purgeExpiredAttachments(env.app.ctx)).toBeGreaterThanOrEqual(1);
    expect((await w.alice.request('GET', `/api/v1/attachments/${up.json().id}`)).statusCode).toBe(404);
    now = Date.now();
  });
});
