import type { Kysely } from 'kysely';

// Frozen. The classic preset closed a ticket after 7 days without activity in any status that is
// not closed, so a ticket nobody on the staff had answered closed on its own. The preset now
// closes only Answered tickets (waiting on the customer). An installation that saved the classic
// preset holds its own copy of the old timer in settings.workflow; this moves that copy along.
// Only the shipped timer is touched (any "after", since last activity, to "closed"): a timer an
// administrator wrote differently stays theirs. Tickets' next_timer_at needs no rewrite: the
// sweep re-reads the document when a ticket comes due and plans its next timer anew.

type Timer = { status: string; after: string; action: string; to?: string; since?: string };
type Stored = {
  document: { preset: string; statuses: { key: string; category: string }[]; timers: Timer[] };
};

const shipped = (t: Timer, status: string) =>
  t.status === status && t.action === 'transition' && t.to === 'closed' && t.since === 'lastActivity';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
async function rewrite(db: Kysely<any>, from: string, to: string): Promise<void> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'workflow')
    .executeTakeFirst();
  if (!row) return;
  const stored = JSON.parse(row.value as string) as Stored;
  const doc = stored.document;
  const answered = doc?.statuses?.find((s) => s.key === 'answered');
  if (doc?.preset !== 'classic' || answered?.category !== 'pending') return;
  if (!doc.timers?.some((t) => shipped(t, from))) return;
  doc.timers = doc.timers.map((t) => (shipped(t, from) ? { ...t, status: to } : t));
  await db
    .updateTable('settings')
    .set({ value: JSON.stringify(stored) })
    .where('key', '=', 'workflow')
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see rewrite()
export async function up(db: Kysely<any>): Promise<void> {
  await rewrite(db, '*', 'answered');
}

// biome-ignore lint/suspicious/noExplicitAny: see rewrite()
export async function down(db: Kysely<any>): Promise<void> {
  await rewrite(db, 'answered', '*');
}
