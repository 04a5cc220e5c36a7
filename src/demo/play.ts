import {
  createMessageBody,
  createTicketBody,
  type UpdateTicketInput,
  updateTicketBody,
} from '../../common/api.js';
import type { Actor, ActorCtx, Ctx } from '../context.js';
import { renderCanned } from '../modules/canned/canned.service.js';
import { addMessage } from '../modules/messages/messages.service.js';
import { createTicket, getTicket, updateTicket } from '../modules/tickets/tickets.service.js';
import type { WorkflowDocument } from '../workflow/types.js';
import type { DemoTicket, DepartmentName, PersonKey, StatusIntent, Step, TicketChange } from './cast.js';
import { minutes } from './cast.js';

/** The people and departments the tickets refer to by name. */
export type Cast = {
  actor(key: PersonKey): Actor;
  departmentId(name: DepartmentName): string;
  cannedId(title: string): string;
};

/** A service context acting as `actor` at time `at`, so every row gets the scripted time. */
export const actingAt = (ctx: Ctx, actor: Actor, at: number): ActorCtx => ({
  ...ctx,
  actor,
  clock: () => new Date(at),
});

/**
 * The status of this workflow that an intent means, or null where the workflow has none (the
 * step then changes nothing else about the status). Only statuses people may set by hand qualify.
 */
export function statusFor(wf: WorkflowDocument, intent: StatusIntent): string | null {
  const manual = wf.statuses.filter((s) => s.manual);
  const inCategory = (category: string) => manual.filter((s) => s.category === category);
  switch (intent) {
    case 'working': {
      // "Someone is on it": an open status that is neither the starting one nor where a customer
      // reply lands; a workflow whose tickets start as `new` may use any open status.
      const open = inCategory('open');
      const automatic = new Set(wf.onCustomerReply.map((r) => r.to));
      const initialIsOpen = open.some((s) => s.key === wf.initialStatus);
      const pick =
        open.find((s) => s.key === 'in_progress') ??
        open.find((s) => s.key !== wf.initialStatus && !automatic.has(s.key)) ??
        (initialIsOpen ? undefined : open[0]);
      return pick?.key ?? null;
    }
    case 'on_hold':
      return inCategory('on_hold')[0]?.key ?? null;
    case 'resolved':
      return (inCategory('solved')[0] ?? inCategory('closed')[0])?.key ?? null;
  }
}

type Scheduled = { at: number; seq: number; ticket: number; step: number };

/** Every opening and step of every ticket, in the order they happened. */
function timeline(tickets: DemoTicket[], now: number): Scheduled[] {
  const out: Scheduled[] = [];
  tickets.forEach((t, ticket) => {
    let at = now - t.ago;
    out.push({ at, seq: out.length, ticket, step: -1 });
    t.steps.forEach((s, step) => {
      at += s.after;
      out.push({ at, seq: out.length, ticket, step });
    });
    if (at > now - minutes(1)) throw new Error(`Demo ticket "${t.subject}" would end in the future`);
  });
  return out.sort((a, b) => a.at - b.at || a.seq - b.seq);
}

/**
 * Plays the scripted tickets through the services, each step as its author at its time, so
 * numbers, statuses, events and search index are what real use would have produced.
 * Returns the ticket numbers, in the order of `tickets`.
 */
export async function playTickets(
  ctx: Ctx,
  wf: WorkflowDocument,
  cast: Cast,
  tickets: DemoTicket[],
  now: number,
): Promise<number[]> {
  const numbers: number[] = [];
  // A ticket whose workflow refuses a customer reply (e.g. replies closed once resolved) stops there.
  const stopped = new Set<number>();
  for (const item of timeline(tickets, now)) {
    const t = tickets[item.ticket]!;
    if (item.step < 0) {
      numbers[item.ticket] = await openTicket(ctx, cast, t, item.at);
      continue;
    }
    if (stopped.has(item.ticket)) continue;
    const step = t.steps[item.step]!;
    const c = actingAt(ctx, cast.actor(step.by), item.at);
    const played = await playStep(c, wf, cast, t, numbers[item.ticket]!, step, t.steps[item.step + 1]);
    if (!played) stopped.add(item.ticket);
  }
  return numbers;
}

/**
 * One step of ticket `t`, as its author at its time; false where the workflow refused a customer
 * reply, which ends the ticket's script.
 */
async function playStep(
  c: ActorCtx,
  wf: WorkflowDocument,
  cast: Cast,
  t: DemoTicket,
  number: number,
  step: Step,
  next: Step | undefined,
): Promise<boolean> {
  if ('reply' in step) {
    const customer = c.actor.role === 'customer';
    if (customer && !(await getTicket(c, number)).canReply) return false;
    const channel = step.via ?? (customer ? (t.channel ?? 'portal') : 'portal');
    await addMessage(c, number, createMessageBody.parse({ body: step.reply }), channel);
    if (!customer) await awaitCustomer(c, wf, number, next);
  } else if ('canned' in step) {
    const id = cast.cannedId(step.canned);
    const { body } = await renderCanned(c, id, number);
    await addMessage(c, number, createMessageBody.parse({ body }), 'portal');
    await awaitCustomer(c, wf, number, next);
  } else if ('note' in step) {
    await addMessage(c, number, createMessageBody.parse({ body: step.note, internal: true }), 'portal');
  } else {
    const input = changeInput(wf, cast, step.set);
    if (Object.keys(input).length > 0) await updateTicket(c, number, updateTicketBody.parse(input));
  }
  return true;
}

/** The update a scripted change makes; empty where the workflow has no status for its intent. */
function changeInput(wf: WorkflowDocument, cast: Cast, change: TicketChange): UpdateTicketInput {
  const input: UpdateTicketInput = {};
  const status = change.status ? statusFor(wf, change.status) : null;
  if (status) input.status = status;
  if (change.priority) input.priority = change.priority;
  if (change.department) input.departmentId = cast.departmentId(change.department);
  if (change.assignee) input.assigneeId = cast.actor(change.assignee).id;
  return input;
}

async function openTicket(ctx: Ctx, cast: Cast, t: DemoTicket, at: number): Promise<number> {
  const requester = cast.actor(t.requester);
  const author = t.loggedBy ? cast.actor(t.loggedBy) : requester;
  const input = createTicketBody.parse({
    subject: t.subject,
    description: t.description,
    departmentId: cast.departmentId(t.department),
    priority: t.priority,
    ...(t.type && { type: t.type }),
    ...(t.fields && { fields: t.fields }),
    ...(t.loggedBy && { requesterId: requester.id }),
  });
  const ticket = await createTicket(actingAt(ctx, author, at), input, t.channel ?? 'portal');
  return ticket.number;
}

/**
 * A staff reply that asks or answers leaves the ticket waiting on the customer. Workflows that
 * do not do that by rule (their staff set it by hand) get the move a person would make, unless
 * the script's next step sets a status itself.
 */
async function awaitCustomer(c: ActorCtx, wf: WorkflowDocument, number: number, next: Step | undefined) {
  if (next && 'set' in next && next.set.status) return;
  const pending = wf.statuses.find((s) => s.manual && s.category === 'pending');
  if (!pending) return;
  const ticket = await getTicket(c, number);
  if (ticket.status.category === 'pending') return;
  await updateTicket(c, number, updateTicketBody.parse({ status: pending.key }));
}
