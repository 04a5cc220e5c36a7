import type { Executor } from '../../db/database.js';
import { newId } from '../../lib/crypto.js';
import { pendingRecords, recordsOf, updateRecord } from './import.repository.js';
import { count, refuse, type Tally } from './tally.js';

// Merges and links, written once every ticket of the run is here: a ticket may name one that the
// source lists after it. A merged ticket points at the one it was merged into, as after a merge in
// Tessera; a link becomes a "related" link. Returns the last record done, or null at the end.

const BATCH = 200;

export async function resolveRelations(
  trx: Executor,
  c: { source: string; now: string; tally: Tally; importerId: string | null },
  after: string,
): Promise<string | null> {
  const rows = await pendingRecords(trx, c.source, after, BATCH);
  const targets = await recordsOf(
    trx,
    c.source,
    'ticket',
    rows.flatMap((r) => {
      const p = JSON.parse(r.pending ?? '{}') as { mergedInto?: string | null; linked?: string[] };
      return [...(p.mergedInto ? [p.mergedInto] : []), ...(p.linked ?? [])];
    }),
  );
  for (const r of rows) {
    const p = JSON.parse(r.pending ?? '{}') as { mergedInto?: string | null; linked?: string[] };
    if (p.mergedInto) {
      const into = targets.get(p.mergedInto);
      if (into) await merge(trx, c, r.local_id, into.local_id);
      else refuse(c.tally, 'merge', r.source_id, `merged into ${p.mergedInto}, which was not imported`);
    }
    for (const other of p.linked ?? []) {
      const to = targets.get(other);
      if (to) await link(trx, c, r.local_id, to.local_id);
      else refuse(c.tally, 'link', r.source_id, `linked to ${other}, which was not imported`);
    }
    await updateRecord(trx, r, { pending: null });
  }
  return rows.length === BATCH ? (rows.at(-1)?.source_id ?? null) : null;
}

async function numbers(trx: Executor, ids: string[]) {
  const rows = await trx
    .selectFrom('tickets')
    .select(['id', 'number', 'updated_at'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

async function merge(trx: Executor, c: { now: string; tally: Tally }, fromId: string, intoId: string) {
  const t = await numbers(trx, [fromId, intoId]);
  const from = t.get(fromId);
  const into = t.get(intoId);
  if (!from || !into) return;
  await trx.updateTable('tickets').set({ merged_into_id: intoId }).where('id', '=', fromId).execute();
  await trx
    .insertInto('ticket_events')
    .values({
      id: newId(),
      ticket_id: fromId,
      actor_id: null,
      actor_kind: 'automation',
      type: 'merged',
      field: 'ticket',
      from_value: String(from.number),
      to_value: String(into.number),
      public: 1,
      reason: 'imported',
      reason_code: 'imported',
      created_at: from.updated_at,
    })
    .execute();
  count(c.tally, 'merge', 'imported');
}

async function link(
  trx: Executor,
  c: { now: string; tally: Tally; importerId: string | null },
  fromId: string,
  toId: string,
) {
  const exists = await trx
    .selectFrom('ticket_links')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('from_ticket_id', '=', fromId), eb('to_ticket_id', '=', toId)]),
        eb.and([eb('from_ticket_id', '=', toId), eb('to_ticket_id', '=', fromId)]),
      ]),
    )
    .executeTakeFirst();
  if (exists) return;
  await trx
    .insertInto('ticket_links')
    .values({
      id: newId(),
      from_ticket_id: fromId,
      to_ticket_id: toId,
      kind: 'related',
      created_by: c.importerId ?? 'import',
      created_at: c.now,
    })
    .execute();
  count(c.tally, 'link', 'imported');
}
