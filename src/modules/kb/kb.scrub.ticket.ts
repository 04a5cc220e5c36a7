import type { z } from 'zod';
import type { kbDraftFromTicketSchema } from '../../../common/kb.js';
import type { ActorCtx } from '../../context.js';
import { authorize } from '../../policies/policy.js';
import { tagsOf } from '../tags/tags.repository.js';
import { requireVisibleTicket } from '../ticket-data/visible.js';
import { scrubber } from './kb.scrub.js';
import { publicConversation, ticketPeople } from './kb.scrub.repository.js';

// "Create article from this ticket": a draft made of the question the customer asked and the
// answers staff gave in public, with the personal data taken out for the author to review.
// Nothing is saved: the author edits and saves it as any new article.

type Draft = z.output<typeof kbDraftFromTicketSchema>;

/** A subject as an article's title: without the reply prefixes and ticket reference mail adds. */
const articleTitle = (subject: string) =>
  subject
    .replace(/^\s*((re|fw|fwd|aw|wg|sv)\s*:\s*)+/i, '')
    .replace(/^\[#\d+\]\s*/, '')
    .trim() || subject;

export async function draftArticleFromTicket(ctx: ActorCtx, number: number): Promise<Draft> {
  authorize(ctx.actor, 'kb.write');
  const ticket = await requireVisibleTicket(ctx, ctx.db, number);
  const [messages, people, tags] = await Promise.all([
    publicConversation(ctx.db, ticket.id),
    ticketPeople(ctx.db, ticket.id, ticket.requester_id),
    tagsOf(ctx.db, [ticket.id]),
  ]);
  const s = scrubber(people);
  // The question is what the customer first wrote; the answer, every public reply of staff.
  const question = messages.find((m) => m.role === 'customer' || m.author_id === ticket.requester_id);
  const answers = messages.filter((m) => m.role !== null && m.role !== 'customer');
  const section = (heading: string, bodies: string[]) =>
    bodies.length > 0 ? [`## ${heading}`, '', bodies.map((b) => s.scrub(b.trim())).join('\n\n')] : [];
  const body = [
    ...section('Question', question ? [question.body] : []),
    ...(question && answers.length > 0 ? [''] : []),
    ...section(
      'Answer',
      answers.map((a) => a.body),
    ),
  ].join('\n');
  return {
    title: s.scrub(articleTitle(ticket.subject)).slice(0, 200),
    body: `${body}\n`,
    tags: tags.get(ticket.id) ?? [],
    removed: { ...s.removed },
  };
}
