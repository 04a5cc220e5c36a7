import type { Ctx } from '../context.js';

// The loops the scheduler's sweeps share. Each sweep is safe to run on several nodes at once:
// what it does to one ticket is decided under that ticket's lock, so these only walk.

/**
 * Works through the tickets `due` names, a batch at a time, until it names none not seen in this
 * pass: a ticket whose work failed is logged, handed to `failed`, and left for the next pass.
 */
export async function sweepDue(
  ctx: Ctx,
  what: string,
  due: (limit: number) => Promise<string[]>,
  each: (ticketId: string) => Promise<void>,
  failed: (ticketId: string) => Promise<void> = async () => {},
  batch = 200,
): Promise<void> {
  const seen = new Set<string>();
  for (;;) {
    const ids = (await due(batch)).filter((id) => !seen.has(id));
    if (ids.length === 0) return;
    for (const id of ids) {
      seen.add(id);
      try {
        await each(id);
      } catch (err) {
        ctx.log.error({ err, ticketId: id }, `${what} sweep failed on a ticket; it will be retried`);
        await failed(id);
      }
    }
  }
}

/** Walks rows in the order of their key, `limit` at a time, each batch read after the last key. */
export async function forEachInBatches<T>(
  load: (after: string, limit: number) => Promise<T[]>,
  key: (row: T) => string,
  each: (row: T) => Promise<void>,
  limit = 500,
): Promise<void> {
  let after = '';
  for (;;) {
    const rows = await load(after, limit);
    for (const row of rows) await each(row);
    const last = rows.at(-1);
    if (rows.length < limit || last === undefined) return;
    after = key(last);
  }
}
