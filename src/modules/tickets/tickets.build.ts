/**
 * What creating or editing a ticket writes, decided from state already loaded: no database, no
 * clock, no policy. The service loads and checks, calls these, and writes the result in one
 * transaction, so the rules of a change can be tested without a database.
 */

import type { Channel, CreateTicketInput, UpdateTicketInput } from '../../../common/api.js';
import type { Actor } from '../../context.js';
import { refusal } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import { newId } from '../../lib/crypto.js';
import { decideManualMove, findStatus, type Notice, nextTimerAt } from '../../workflow/engine.js';
import type { WorkflowDocument } from '../../workflow/types.js';
import type { FieldValue } from '../intake/fields.js';
import type { MessageRow } from '../ticket-data/messages.repository.js';
import { type Cause, type Change, eventRow, moveChange } from '../ticket-data/status.js';
import type { TicketRow } from '../ticket-data/tickets.repository.js';
import { refusedByWorkflow } from '../workflow/refusals.js';
import { PRIORITY_RANK, priorityName } from './tickets.present.js';

const SAID = defineMessages({
  tooManyTags: { id: 'error.tickets.too_many_tags', defaultMessage: 'tags: a ticket has at most 50 tags' },
  tooManyTagsField: { id: 'error.tickets.too_many_tags_field', defaultMessage: 'at most 50 tags' },
});

/** Everything a new ticket is made of, loaded and checked by the service. */
export type NewTicketFacts = {
  input: CreateTicketInput;
  channel: Channel;
  actor: Actor;
  /** The user the ticket is filed for, when staff file it on someone's behalf. */
  requester: { id: string; organisation_id: string | null } | null;
  /** The subscription the ticket counts against, when entitlements apply. */
  quota: { serviceId: string; subscriptionId: string } | null;
  /** The intake fields as checked against the department and type. */
  fields: Record<string, FieldValue>;
  urgent: boolean;
  wf: WorkflowDocument;
  number: number;
  now: string;
  inboundId: string | null;
};

/** The ticket row, its first message and the change that announces it. */
export function buildNewTicket(f: NewTicketFacts): { row: TicketRow; message: MessageRow; change: Change } {
  const { input, actor, now } = f;
  const row: TicketRow = {
    id: newId(),
    number: f.number,
    subject: input.subject,
    department_id: input.departmentId,
    priority: PRIORITY_RANK[input.priority],
    type: input.type ?? null,
    fields: JSON.stringify(f.fields),
    service_id: f.quota?.serviceId ?? input.serviceId ?? null,
    requester_id: f.requester?.id ?? actor.id,
    organisation_id: f.requester ? f.requester.organisation_id : actor.organisationId,
    assignee_id: null,
    channel: f.channel,
    status: f.wf.initialStatus,
    status_category: findStatus(f.wf, f.wf.initialStatus)?.category ?? 'new',
    created_at: now,
    updated_at: now,
    last_activity_at: now,
    first_response_at: null,
    status_changed_at: now,
    resolved_at: null,
    closed_at: null,
    next_timer_at: null,
    subscription_id: f.quota?.subscriptionId ?? null,
    urgent: f.urgent ? 1 : 0,
    merged_into_id: null,
  };
  row.next_timer_at = nextTimerAt(f.wf, {
    number: row.number,
    status: row.status,
    statusChangedAt: now,
    lastActivityAt: now,
  });
  const message: MessageRow = {
    id: newId(),
    ticket_id: row.id,
    author_id: row.requester_id,
    body: input.description,
    format: input.format ?? 'text',
    internal: 0,
    channel: f.channel,
    created_at: now,
    inbound_id: f.inboundId,
  };
  const change: Change = {
    patch: {},
    events: [
      eventRow(row.id, { kind: 'user', actor }, now, { type: 'created', field: 'status', to: row.status }),
    ],
    notices: f.urgent ? ['ticket.created', 'ticket.urgent'] : ['ticket.created'],
    noticeKey: 'created',
    actorId: actor.id,
  };
  return { row, message, change };
}

/**
 * The status move an edit asks for, or null when it asks for none. Throws invalid_transition when
 * the workflow does not let a person make that move.
 */
export function statusEdit(
  wf: WorkflowDocument,
  row: TicketRow,
  to: string | undefined,
  cause: Cause,
  now: string,
): Change | null {
  if (to === undefined || to === row.status) return null;
  const move = decideManualMove(wf, row.status, to);
  if (!move.allowed) throw refusedByWorkflow('invalid_transition', move.refusal);
  return moveChange(wf, row, to, cause, now, { notices: move.notices });
}

/** The department an edit leaves the ticket in. */
export const editedDepartment = (row: TicketRow, input: UpdateTicketInput) =>
  input.departmentId ?? row.department_id;

/** Whether an edit must check the intake fields again: it touches them, the type or the department. */
/** The tags an edit leaves: all given, or the current ones with some added and some removed; sorted. */
export function editedTags(current: string[], input: UpdateTicketInput): string[] | undefined {
  if (input.tags === undefined && input.addTags === undefined && input.removeTags === undefined)
    return undefined;
  const removed = new Set(input.removeTags ?? []);
  const kept = [...(input.tags ?? current), ...(input.addTags ?? [])].filter((t) => !removed.has(t));
  const tags = [...new Set(kept)].sort();
  if (tags.length > 50)
    throw refusal('validation', SAID.tooManyTags, undefined, {
      fields: [{ path: 'tags', message: SAID.tooManyTagsField }],
    });
  return tags;
}

export const editTouchesIntake = (row: TicketRow, input: UpdateTicketInput) =>
  input.type !== undefined ||
  input.fields !== undefined ||
  editedDepartment(row, input) !== row.department_id;

/** The state an edit is decided on, loaded and checked by the service. */
export type TicketEditFacts = {
  row: TicketRow;
  input: UpdateTicketInput;
  actorId: string;
  cause: Cause;
  now: string;
  /** The status move, from statusEdit. */
  move: Change | null;
  /** The ticket's intake fields as checked again (JSON), when the edit touches them. */
  fields?: string;
  /** The ticket's tags before and after, when the edit touches them. */
  tags?: { from: string[]; to: string[] };
};

type FieldEdit = {
  patch: Partial<TicketRow>;
  changed?: { field: string; from: string | null; to: string | null; public?: boolean };
  notices?: Notice[];
};

type FieldEditor = (f: TicketEditFacts) => FieldEdit | null;

/** A column set to a new value, with the timeline event that shows it. */
function set<K extends keyof TicketRow>(
  column: K,
  field: string,
  from: TicketRow[K] & (string | null),
  to: TicketRow[K] & (string | null),
): FieldEdit | null {
  if (to === from) return null;
  return { patch: { [column]: to } as Partial<TicketRow>, changed: { field, from, to } };
}

// Priority is written whenever given (the same rank is harmless) but shown only when it differs.
const priorityEditor: FieldEditor = ({ row, input }) => {
  if (input.priority === undefined) return null;
  const from = priorityName(row.priority);
  return {
    patch: { priority: PRIORITY_RANK[input.priority] },
    changed: from === input.priority ? undefined : { field: 'priority', from, to: input.priority },
  };
};

const departmentEditor: FieldEditor = ({ row, input }) =>
  input.departmentId === undefined
    ? null
    : set('department_id', 'department', row.department_id, input.departmentId);

// Customers do not see who works on their ticket; the new assignee hears of it unless they took it.
const assigneeEditor: FieldEditor = ({ row, input, actorId }) => {
  const to = input.assigneeId;
  if (to === undefined || to === row.assignee_id) return null;
  return {
    patch: { assignee_id: to },
    changed: { field: 'assignee', from: row.assignee_id, to, public: false },
    notices: to !== null && to !== actorId ? ['ticket.assigned'] : [],
  };
};

const subjectEditor: FieldEditor = ({ row, input }) =>
  input.subject === undefined ? null : set('subject', 'subject', row.subject, input.subject);

const typeEditor: FieldEditor = ({ row, input }) =>
  input.type === undefined ? null : set('type', 'type', row.type, input.type);

const fieldsEditor: FieldEditor = ({ row, fields }) =>
  fields === undefined ? null : set('fields', 'fields', row.fields, fields);

// Tags live in their own table (the service writes them); the timeline shows the change to staff.
const tagsEditor: FieldEditor = ({ tags }) => {
  if (!tags || tags.from.join(',') === tags.to.join(',')) return null;
  const list = (t: string[]) => (t.length > 0 ? t.join(', ') : null);
  return { patch: {}, changed: { field: 'tags', from: list(tags.from), to: list(tags.to), public: false } };
};

// The order of the timeline events an edit writes.
const EDITORS: FieldEditor[] = [
  priorityEditor,
  departmentEditor,
  assigneeEditor,
  subjectEditor,
  typeEditor,
  fieldsEditor,
  tagsEditor,
];

/** What an edit writes: the status move first, then each property changed; null when nothing changes. */
export function buildTicketEdit(f: TicketEditFacts): Change | null {
  const change: Change = {
    patch: { ...f.move?.patch },
    events: [...(f.move?.events ?? [])],
    notices: [...(f.move?.notices ?? [])],
    noticeKey: `update@${f.now}`,
    actorId: f.actorId,
  };
  for (const editor of EDITORS) {
    const edit = editor(f);
    if (!edit) continue;
    Object.assign(change.patch, edit.patch);
    if (edit.changed)
      change.events.push(eventRow(f.row.id, f.cause, f.now, { type: 'changed', ...edit.changed }));
    change.notices.push(...(edit.notices ?? []));
  }
  if (change.events.length === 0) return null;
  change.patch.updated_at = f.now;
  return change;
}
