import type { Kysely } from 'kysely';

// Frozen. Workflows gained rules for customers closing their own tickets and reopening finished
// ones (onCustomerClose, onCustomerReopen); a document without them lets customers do neither. An
// installation that saved one of the shipped presets holds its own copy without the new keys:
// this gives that copy the preset's rules, as they shipped, where every status they name is still
// there. A document an administrator wrote themselves, or one that already has the keys, stays
// as it is.

type Rule = { from: string[]; to: string };
type Doc = {
  preset?: string;
  statuses?: { key: string }[];
  onCustomerClose?: Rule[];
  onCustomerReopen?: Rule[];
};

const SHIPPED: Record<string, { close: Rule[]; reopen: Rule[] }> = {
  portal: {
    close: [{ from: ['open', 'in_progress', 'waiting_on_you', 'resolved'], to: 'closed' }],
    reopen: [{ from: ['resolved'], to: 'open' }],
  },
  classic: { close: [{ from: ['*'], to: 'closed' }], reopen: [{ from: ['closed'], to: 'customer_reply' }] },
  escalation: {
    close: [{ from: ['*'], to: 'closed' }],
    reopen: [{ from: ['resolved', 'closed'], to: 'with_support' }],
  },
  subscription: { close: [{ from: ['*'], to: 'closed' }], reopen: [{ from: ['closed'], to: 'reopened' }] },
};

const named = (doc: Doc, rules: Rule[]) => {
  const keys = new Set((doc.statuses ?? []).map((s) => s.key));
  return rules.every((r) => keys.has(r.to) && r.from.every((f) => f === '*' || keys.has(f)));
};

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
async function rewrite(db: Kysely<any>, edit: (doc: Doc) => boolean): Promise<void> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'workflow')
    .executeTakeFirst();
  if (!row) return;
  const stored = JSON.parse(row.value as string) as { document?: Doc };
  if (!stored.document || !edit(stored.document)) return;
  await db
    .updateTable('settings')
    .set({ value: JSON.stringify(stored) })
    .where('key', '=', 'workflow')
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see rewrite()
export async function up(db: Kysely<any>): Promise<void> {
  await rewrite(db, (doc) => {
    const shipped = doc.preset ? SHIPPED[doc.preset] : undefined;
    if (!shipped || doc.onCustomerClose || doc.onCustomerReopen) return false;
    if (!named(doc, [...shipped.close, ...shipped.reopen])) return false;
    doc.onCustomerClose = shipped.close;
    doc.onCustomerReopen = shipped.reopen;
    return true;
  });
}

// The workflow schema before this refused keys it did not know.
// biome-ignore lint/suspicious/noExplicitAny: see rewrite()
export async function down(db: Kysely<any>): Promise<void> {
  await rewrite(db, (doc) => {
    const had = Boolean(doc.onCustomerClose || doc.onCustomerReopen);
    delete doc.onCustomerClose;
    delete doc.onCustomerReopen;
    return had;
  });
}
