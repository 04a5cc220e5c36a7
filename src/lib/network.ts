/**
 * Why a fetch() failed, in words an operator can act on: fetch only says "fetch failed" and keeps
 * the reason (ECONNREFUSED, ENOTFOUND, a certificate error) in its cause.
 */
export function networkReason(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause as { code?: unknown; message?: unknown } | undefined;
  const why =
    typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : '';
  return why && !err.message.includes(why) ? `${err.message} (${why})` : err.message;
}
