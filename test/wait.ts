/**
 * Polls until `check` returns a value (not undefined/false) or the time is up. Only for another
 * process (a server started as a child, a browser): the app's own timers are driven by the test,
 * with an injected clock, `sweep()` and `drain()` (test/helpers.ts), never waited out.
 */
export async function waitFor<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 8000,
  what = 'condition',
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
