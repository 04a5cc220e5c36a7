import type { ChangeBuffer } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { holdNotices } from './digest.repository.js';
import { insertEvents } from './events.repository.js';
import type { TicketRow } from './tickets.repository.js';

// The writes of many changes, gathered and written together: tickets given the same columns in
// one UPDATE, events and held notices in multi-row INSERTs. For a caller that holds every row it
// changes for the whole transaction (a bulk change's batch), so no one can move a ticket between
// the decision and the write; commitChange gathers here instead of writing when the context
// carries a buffer.

export const newChangeBuffer = (): ChangeBuffer => ({ updates: new Map(), events: [], notices: [] });

export function bufferUpdate(buffer: ChangeBuffer, id: string, patch: Partial<TicketRow>) {
  const key = JSON.stringify(patch);
  const group = buffer.updates.get(key) ?? { ids: [], patch };
  group.ids.push(id);
  buffer.updates.set(key, group);
}

const ROWS_PER_STATEMENT = 500;
function* chunks<T>(rows: T[]): Generator<T[]> {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) yield rows.slice(i, i + ROWS_PER_STATEMENT);
}

/** Writes what was gathered, in the caller's transaction, and empties the buffer. */
export async function flushChanges(db: Executor, buffer: ChangeBuffer): Promise<void> {
  for (const { ids, patch } of buffer.updates.values()) {
    for (const some of chunks(ids))
      await db.updateTable('tickets').set(patch).where('id', 'in', some).execute();
  }
  for (const rows of chunks(buffer.events)) await insertEvents(db, rows);
  for (const rows of chunks(buffer.notices)) await holdNotices(db, rows);
  buffer.updates.clear();
  buffer.events = [];
  buffer.notices = [];
}
