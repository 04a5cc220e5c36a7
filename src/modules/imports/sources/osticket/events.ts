// osTicket's thread events (ost_thread_event + ost_event names) as the timeline's essentials.
// Each row also records the ticket's department, assignee and topic right after the event, which
// gives the "to" of a transfer and, from the "created" row, the "from" of the first change.
import type { ImportAuthor, ImportEvent } from '../../model.js';
import { parseJson } from './reference.js';

export type EventRow = {
  id: number;
  thread_id: number;
  name: string | null;
  staff_id: number;
  dept_id: number;
  data: string | null;
  username: string;
  uid: number | null;
  uid_type: string;
  annulled: number;
  timestamp: string;
};

export function eventActor(uidType: string, uid: number | null): ImportAuthor {
  if (uid && uidType === 'S') return { kind: 'staff', sourceId: String(uid) };
  if (uid && uidType === 'U') return { kind: 'customer', sourceId: String(uid) };
  return { kind: 'system' };
}

const str = (v: unknown) => (v === null || v === undefined || v === '' || v === 0 ? null : String(v));
/** `{"staff":5}` or `{"staff":[5,"Emma Tanaka"]}`: the id either way. */
const idOf = (v: unknown) => str(Array.isArray(v) ? v[0] : v);

type Change = Omit<ImportEvent, 'sourceId' | 'actor' | 'at'>;
/** What the ticket looked like before the event being read: the "from" of the next change. */
type State = { status: string | null; assignee: string | null; department: string | null };
type Context = {
  row: EventRow;
  data: Record<string, unknown>;
  state: State;
  ticketId: string;
  parentId: string | null;
};

function statusChange({ row, data, state }: Context): Change | null {
  // A change to an open status is logged as "edited" with {"status": id}.
  if (data['status'] === undefined)
    return row.name === 'reopened' ? { kind: 'note', text: 'reopened' } : null;
  const to = idOf(data['status']);
  const change: Change = { kind: 'status', from: state.status, to };
  state.status = to;
  return change;
}

function assigneeChange(to: string | null, state: State): Change {
  const change: Change = { kind: 'assignee', from: state.assignee, to };
  state.assignee = to;
  return change;
}

const HANDLERS: Record<string, (c: Context) => Change | null> = {
  closed: statusChange,
  reopened: statusChange,
  edited: statusChange,
  assigned: ({ row, data, state }) => {
    if (data['staff'] !== undefined) return assigneeChange(idOf(data['staff']), state);
    if (data['claim']) return assigneeChange(row.uid_type === 'S' ? str(row.uid) : str(row.staff_id), state);
    const team = data['team'];
    return team === undefined
      ? null
      : { kind: 'note', text: `assigned to team ${Array.isArray(team) ? team[1] : team}` };
  },
  released: ({ state }) => assigneeChange(null, state),
  transferred: ({ row, state }) => {
    // The row holds the department after the transfer.
    const change: Change = { kind: 'department', from: state.department, to: str(row.dept_id) };
    state.department = change.to ?? null;
    return change;
  },
  merged: ({ data, ticketId, parentId }) => {
    // Logged on both tickets with the other one's id: from = the ticket merged away, to = the one kept.
    const other = str(data['id']);
    const [from, to] = other !== null && other === parentId ? [ticketId, other] : [other, ticketId];
    return { kind: 'merged', from, to, text: label(data) };
  },
  linked: ({ data }) => ({ kind: 'linked', to: str(data['id']), text: label(data) }),
  unlinked: ({ data }) => ({ kind: 'note', text: `unlinked ${label(data) ?? str(data['id']) ?? ''}`.trim() }),
  collab: ({ data }) => ({ kind: 'note', text: collabText(data) }),
  overdue: () => ({ kind: 'note', text: 'marked overdue' }),
};

const label = (data: Record<string, unknown>) => (data['ticket'] ? String(data['ticket']) : undefined);

/**
 * One ticket's events, oldest first, as import events. Events with no meaning in Tessera
 * (created, viewed, referred, login, …), annulled ones and names this code does not know are left out.
 */
export function mapEvents(
  rows: EventRow[],
  ticketId: string,
  /** The ticket this one was merged into or linked to (osTicket's ticket_pid). */
  parentId: string | null,
  iso: (wall: string) => string | null,
): ImportEvent[] {
  const out: ImportEvent[] = [];
  const state: State = { status: null, assignee: null, department: null };
  for (const row of rows) {
    if (row.name === 'created') {
      state.assignee = str(row.staff_id);
      state.department = str(row.dept_id);
      continue;
    }
    const handler = row.name ? HANDLERS[row.name] : undefined;
    const at = iso(row.timestamp);
    if (row.annulled || !handler || !at) continue;
    const data = (parseJson(row.data) ?? {}) as Record<string, unknown>;
    const change = handler({ row, data, state, ticketId, parentId });
    if (change)
      out.push({ sourceId: String(row.id), actor: eventActor(row.uid_type, row.uid), at, ...change });
  }
  return out;
}

function collabText(data: Record<string, unknown>): string {
  const names = (v: unknown) =>
    Object.values((v ?? {}) as Record<string, { name?: string; src?: string }>).map((c) =>
      c.src ? `${c.name} (${c.src})` : String(c.name),
    );
  const parts: string[] = [];
  const added = names(data['add']);
  const removed = names(data['del']);
  if (added.length) parts.push(`collaborator added: ${added.join(', ')}`);
  if (removed.length) parts.push(`collaborator removed: ${removed.join(', ')}`);
  return parts.join('; ') || 'collaborators changed';
}
