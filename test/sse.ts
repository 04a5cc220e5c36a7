import { expect } from 'vitest';

/**
 * Opens the live stream at `baseUrl` with a session cookie and hands each event (its name and
 * parsed data) to `onEvent` until `close()`.
 */
export async function openStream(
  baseUrl: string,
  cookie: string | undefined,
  onEvent: (event: string, data: Record<string, unknown>) => void,
): Promise<{ close(): void }> {
  const controller = new AbortController();
  const res = await fetch(`${baseUrl}/api/v1/stream`, {
    headers: { cookie: `tessera_session=${cookie}` },
    signal: controller.signal,
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        const blocks = buffer.split('\n\n');
        buffer = blocks.pop() ?? '';
        for (const block of blocks) {
          const m = /^event: (\w+)\ndata: (.*)$/m.exec(block);
          if (m) onEvent(m[1]!, JSON.parse(m[2]!));
        }
      }
    } catch {
      // aborted
    }
  })();
  return { close: () => controller.abort() };
}
