import { NO_DUE } from '../../../common/sla.js';
import type { WebhookPayload } from '../../../common/webhooks.js';
import type { Ctx } from '../../context.js';
import type { Executor } from '../../db/database.js';
import type { KbVisibility } from '../../db/schema.js';
import type { JobPayload } from '../../jobs/payloads.js';
import { OPEN_VISIBILITIES, webhookArticle } from '../kb/kb.articles.webhook.js';
import { findMessageWithAuthor } from '../ticket-data/messages.repository.js';
import { findTicketById, type TicketView } from '../ticket-data/tickets.repository.js';
import { priorityName } from '../tickets/tickets.present.js';

// The payload of one event, as every generic endpoint receives it (common/webhooks.ts): the ticket
// as any staff member sees it, whoever caused the event, so two endpoints get the same document.

type Data = WebhookPayload['data'];

function fieldsOf(json: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const userRef = async (db: Executor, id: string | null | undefined) => {
  if (!id) return null;
  const u = await db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'role'])
    .where('id', '=', id)
    .executeTakeFirst();
  return u ?? null;
};

export async function ticketOf(ctx: Ctx, t: TicketView): Promise<NonNullable<Data['ticket']>> {
  const requester = await userRef(ctx.db, t.requester_id);
  return {
    id: t.id,
    number: t.number,
    subject: t.subject,
    url: `${ctx.config.publicUrl}/agent/tickets/${t.number}`,
    status: { key: t.status, category: t.status_category },
    priority: priorityName(t.priority),
    urgent: t.urgent === 1,
    type: t.type,
    channel: t.channel,
    department: { id: t.department_id, name: t.department_name },
    requester: { id: t.requester_id, name: t.requester_name, email: requester?.email ?? '' },
    organisation: t.organisation_id ? { id: t.organisation_id, name: t.organisation_name ?? '' } : null,
    assignee: t.assignee_id ? { id: t.assignee_id, name: t.assignee_name ?? '' } : null,
    fields: fieldsOf(t.fields),
    createdAt: t.created_at,
    updatedAt: t.updated_at,
    resolvedAt: t.resolved_at,
    closedAt: t.closed_at,
    slaDueAt: t.sla_due_at && t.sla_due_at !== NO_DUE ? t.sla_due_at : null,
  };
}

async function messageOf(db: Executor, id: string): Promise<Data['message'] | null> {
  const m = await findMessageWithAuthor(db, id);
  if (!m) return null;
  const author = await userRef(db, m.author_id);
  return {
    id: m.id,
    kind: m.internal ? 'internal_note' : author?.role === 'customer' ? 'customer_reply' : 'staff_reply',
    body: m.body,
    format: m.format ?? 'text',
    channel: m.channel,
    author: author ? { id: author.id, name: author.name } : null,
    createdAt: m.created_at,
  };
}

/**
 * The payload for endpoints marked internal and for the others (staff-only changes left out), or
 * null when the ticket is gone or nothing is left to say.
 */
export async function buildPayloads(
  ctx: Ctx,
  e: JobPayload<'webhook.event'>,
): Promise<{ internal: WebhookPayload; external: WebhookPayload | null } | null> {
  if (e.articleId) return articlePayloads(ctx, e, e.articleId);
  if (!e.ticketId) return null;
  const t = await findTicketById(ctx.db, e.ticketId);
  if (!t) return null;
  const actor = await userRef(ctx.db, e.actorId);
  const data: Data = {
    ticket: await ticketOf(ctx, t),
    actor: actor ? { id: actor.id, name: actor.name } : null,
  };
  if (e.sla) data.sla = e.sla;
  if (e.messageId) {
    const message = await messageOf(ctx.db, e.messageId);
    if (!message) return null;
    data.message = message;
  }
  const base = { id: e.eventId, type: e.type as WebhookPayload['type'], occurredAt: e.occurredAt };
  const changes = e.changes ?? [];
  const internal: WebhookPayload = {
    ...base,
    data: e.changes ? { ...data, changes: changes.map(({ internal: _, ...c }) => c) } : data,
  };
  const open = changes.filter((c) => !c.internal);
  const hidden = e.internal || data.message?.kind === 'internal_note' || (e.changes && open.length === 0);
  const external: WebhookPayload | null = hidden
    ? null
    : { ...base, data: e.changes ? { ...data, changes: open.map(({ internal: _, ...c }) => c) } : data };
  return { internal, external };
}

/**
 * A knowledge-base event: the article as it is now, and who caused it; for the team's internal
 * endpoints only unless any customer may read it, now and when it was published.
 */
async function articlePayloads(ctx: Ctx, e: JobPayload<'webhook.event'>, articleId: string) {
  const article = await webhookArticle(ctx, articleId);
  if (!article) return null;
  const actor = await userRef(ctx.db, e.actorId);
  const payload: WebhookPayload = {
    id: e.eventId,
    type: e.type as WebhookPayload['type'],
    occurredAt: e.occurredAt,
    data: { article, actor: actor ? { id: actor.id, name: actor.name } : null },
  };
  const open = !e.internal && OPEN_VISIBILITIES.includes(article.visibility as KbVisibility);
  return { internal: payload, external: open ? payload : null };
}
