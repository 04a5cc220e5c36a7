import { PRIORITIES } from '../../../common/api.js';
import { type ActorCtx, nowIso } from '../../context.js';
import { authorize } from '../../policies/policy.js';
import { audit, byActor } from '../audit/audit.service.js';
import { presentUser } from '../users/users.service.js';
import { findCustomer } from './customer.js';
import {
  type ExportScope,
  exportAttachmentRows,
  exportCustomerRows,
  exportMessageRows,
  exportTicketRows,
} from './export.repository.js';
import { contactsOf, notesOf } from './profiles.repository.js';
import { getCustomerProfile, getOrganisationProfile } from './profiles.service.js';

// Everything stored about a customer or an organisation, as one JSON document, for a
// data-protection request. Written out a chunk at a time, so a long history never sits in memory.
//
// Internal notes on their tickets are included, marked `internal: true`, as are staff's notes about
// the person: they are data held about them, which an access request covers. The file is for an
// administrator, who decides what (if anything) to withhold before handing it over; nothing here
// is ever shown to the customer by the app itself.

const CHUNK = 200;

const json = (v: unknown) => JSON.stringify(v);

/**
 * The items of a JSON array, read `CHUNK` at a time after the last one's key (one that never
 * changes, so nothing is missed or written twice), each written out as it comes.
 */
async function* items<R, K>(
  start: K,
  read: (after: K) => Promise<R[]>,
  key: (row: R) => K,
  present: (rows: R[]) => Promise<unknown[]>,
): AsyncGenerator<string> {
  let after = start;
  let first = true;
  for (;;) {
    const rows = await read(after);
    for (const item of await present(rows)) {
      yield `${first ? '' : ','}\n${json(item)}`;
      first = false;
    }
    const last = rows.at(-1);
    if (rows.length < CHUNK || !last) return;
    after = key(last);
  }
}

type TicketRows = Awaited<ReturnType<typeof exportTicketRows>>;

/** Tickets with their messages and the files' metadata (not their content). */
async function presentTickets(ctx: ActorCtx, rows: TicketRows) {
  const ids = rows.map((r) => r.id);
  const [messages, attachments] = await Promise.all([
    exportMessageRows(ctx.db, ids),
    exportAttachmentRows(ctx.db, ids),
  ]);
  return rows.map((t) => ({
    number: t.number,
    subject: t.subject,
    status: t.status,
    statusCategory: t.status_category,
    priority: PRIORITIES[t.priority - 1] ?? t.priority,
    department: t.department_name,
    requester: { id: t.requester_id, name: t.requester_name },
    organisation: t.organisation_id ? { id: t.organisation_id, name: t.organisation_name } : null,
    channel: t.channel,
    createdAt: t.created_at,
    closedAt: t.closed_at,
    messages: messages
      .filter((m) => m.ticket_id === t.id)
      .map((m) => ({
        id: m.id,
        author: m.author_id ? { id: m.author_id, name: m.author_name, role: m.author_role } : null,
        internal: m.internal === 1,
        channel: m.channel,
        createdAt: m.created_at,
        body: m.body,
        attachments: attachments
          .filter((a) => a.message_id === m.id)
          .map((a) => ({
            id: a.id,
            filename: a.filename,
            contentType: a.content_type,
            size: a.size,
            sha256: a.sha256,
          })),
      })),
  }));
}

const ticketsOf = (ctx: ActorCtx, scope: ExportScope) =>
  items(
    0,
    (after) => exportTicketRows(ctx.db, ctx.actor, scope, after, CHUNK),
    (t) => t.number,
    (rows) => presentTickets(ctx, rows),
  );

/** An organisation's customers, each with their further contacts and staff's notes. */
const customersOf = (ctx: ActorCtx, organisationId: string) =>
  items(
    '',
    (after) => exportCustomerRows(ctx.db, organisationId, after, CHUNK),
    (r) => r.id,
    (rows) =>
      Promise.all(
        rows.map(async (r) => {
          const [contacts, notes] = await Promise.all([contactsOf(ctx.db, r.id), notesOf(ctx.db, r.id)]);
          return {
            ...presentUser(r, []),
            otherContacts: contacts.map((c) => ({ kind: c.kind, value: c.value })),
            notes: notes.map((n) => ({
              body: n.body,
              author: n.author_name,
              createdAt: n.created_at,
              updatedAt: n.updated_at,
            })),
          };
        }),
      ),
  );

/** On the trail before the first byte: the customer as its subject, an organisation in the details. */
async function recordExport(
  ctx: ActorCtx,
  details: Record<string, string>,
  subject?: { id: string; email: string },
) {
  await audit(ctx, ctx.db, { ...byActor(ctx), action: 'data_exported', subject, details });
}

/** The customer's whole record as JSON text, in chunks; the export is on the audit trail. */
export async function* exportCustomer(ctx: ActorCtx, id: string): AsyncGenerator<string> {
  const row = await findCustomer(ctx, ctx.db, id);
  authorize(ctx.actor, 'profile.export');
  const { abilities: _, ...profile } = await getCustomerProfile(ctx, id);
  await recordExport(ctx, { kind: 'customer' }, { id: row.id, email: row.email });
  yield `{"exportedAt":${json(nowIso(ctx))},"kind":"customer",`;
  yield `"profile":${json(profile)},\n"tickets":[`;
  yield* ticketsOf(ctx, { customerId: id });
  yield ']}\n';
}

/** An organisation's details, each of its customers with their contacts and notes, and its tickets. */
export async function* exportOrganisation(ctx: ActorCtx, id: string): AsyncGenerator<string> {
  const { organisation, subscriptions } = await getOrganisationProfile(ctx, id);
  authorize(ctx.actor, 'profile.export');
  await recordExport(ctx, { kind: 'organisation', organisationId: organisation.id, name: organisation.name });
  yield `{"exportedAt":${json(nowIso(ctx))},"kind":"organisation",`;
  yield `"organisation":${json(organisation)},"subscriptions":${json(subscriptions)},\n"customers":[`;
  yield* customersOf(ctx, id);
  yield '],\n"tickets":[';
  yield* ticketsOf(ctx, { organisationId: id });
  yield ']}\n';
}
