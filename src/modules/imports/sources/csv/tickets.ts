import type { ImportField, ImportMessage, ImportTicket } from '../../model.js';
import {
  cell,
  departmentOf,
  organisationOf,
  type Reference,
  requesterOf,
  staffOf,
  statusOf,
  topicOf,
} from './reference.js';
import type { ColumnMap } from './targets.js';
import {
  type DateOrder,
  isEmail,
  parseBoolean,
  parseChannel,
  parseDate,
  parsePriority,
  splitTags,
} from './values.js';

// One row of the tickets file: first checked and read (a row that cannot be a ticket says why),
// then turned into a ticket whose references resolve to the reference data.

export type TicketOptions = {
  dateOrder: DateOrder;
  /** When a row has no date at all: the file's modification time, so a re-run agrees. */
  undated: string;
};

export type TicketRow = {
  line: number;
  sourceId: string;
  cells: string[];
  subject: string;
  requesterEmail: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
};

/**
 * The ticket's id: its `id` column, else its `number` column, else "row-N" for the N-th data row
 * (the same file read again gives the same N).
 */
export function ticketId(cells: string[], map: ColumnMap, row: number): string {
  return cell(cells, map, 'id') || cell(cells, map, 'number').replace(/^#/, '') || `row-${row}`;
}

export function readTicketRow(
  cells: string[],
  map: ColumnMap,
  line: number,
  row: number,
  options: TicketOptions,
): TicketRow | { sourceId: string; reasons: string[] } {
  const sourceId = ticketId(cells, map, row);
  const reasons: string[] = [];
  const subject = cell(cells, map, 'subject');
  if (!subject) reasons.push('no subject');
  const requesterEmail = cell(cells, map, 'requester_email');
  if (!requesterEmail) reasons.push('no requester e-mail address');
  else if (!isEmail(requesterEmail)) reasons.push(`"${requesterEmail}" is not an e-mail address`);
  const date = (target: string) => {
    const value = cell(cells, map, target);
    if (!value) return null;
    const parsed = parseDate(value, options.dateOrder);
    if (!parsed) reasons.push(`${target} "${value}" is not a date`);
    return parsed;
  };
  const created = date('created_at');
  const updated = date('updated_at');
  const closedAt = date('closed_at');
  if (reasons.length > 0) return { sourceId, reasons };
  const createdAt = created ?? updated ?? closedAt ?? options.undated;
  const latest = [createdAt, closedAt ?? createdAt].sort().at(-1)!;
  return {
    line,
    sourceId,
    cells,
    subject,
    requesterEmail,
    createdAt,
    updatedAt: updated ?? latest,
    closedAt,
  };
}

/** The ticket a checked row is; registers what it refers to (the first pass does so for all). */
export function toTicket(
  ref: Reference,
  row: TicketRow,
  map: ColumnMap,
  fields: ImportField[],
  options: TicketOptions,
): ImportTicket {
  const get = (target: string) => cell(row.cells, map, target);
  const named = organisationOf(ref, get('organisation'));
  const requesterSourceId = requesterOf(ref, row.requesterEmail, get('requester_name'), named);
  // A row that names no organisation belongs to its requester's.
  const organisationSourceId = named ?? ref.customers.get(requesterSourceId)?.organisationSourceId ?? null;
  const departmentSourceId = departmentOf(ref, get('department'));
  const assignee = get('assignee_email');
  const assigneeSourceId = isEmail(assignee) ? staffOf(ref, assignee, departmentSourceId) : null;
  const channel = parseChannel(get('channel'));
  const messages: ImportMessage[] = [
    {
      sourceId: `${row.sourceId}:body`,
      author: { kind: 'customer', sourceId: requesterSourceId },
      // A ticket always opens with a message; a row without one repeats its subject.
      body: get('body') || row.subject,
      format: 'text',
      internal: false,
      channel,
      createdAt: row.createdAt,
      attachments: [],
    },
  ];
  const note = get('internal_note');
  if (note) {
    messages.push({
      sourceId: `${row.sourceId}:note`,
      author: assigneeSourceId ? { kind: 'staff', sourceId: assigneeSourceId } : { kind: 'system' },
      body: note,
      format: 'text',
      internal: true,
      createdAt: row.updatedAt,
      attachments: [],
    });
  }
  const values: NonNullable<ImportTicket['fields']> = {};
  for (const field of fields) {
    const column = map.fields.find((f) => f.key === field.sourceId)!.column;
    const value = fieldValue(field, (row.cells[column] ?? '').trim(), options.dateOrder);
    if (value !== null) values[field.sourceId] = value;
  }
  const tags = splitTags(get('tags'));
  return {
    sourceId: row.sourceId,
    number: get('number').replace(/^#/, '') || null,
    subject: row.subject,
    requesterSourceId,
    organisationSourceId,
    departmentSourceId,
    topicSourceId: topicOf(ref, get('type')),
    statusSourceId: statusOf(ref, get('status'), row.closedAt !== null),
    priority: parsePriority(get('priority')),
    assigneeSourceId,
    channel,
    ...(tags.length > 0 ? { tags } : {}),
    ...(fields.length > 0 ? { fields: values } : {}),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    closedAt: row.closedAt,
    messages,
  };
}

function fieldValue(field: ImportField, value: string, order: DateOrder): string | boolean | null {
  if (!value) return null;
  switch (field.kind) {
    case 'checkbox':
      return parseBoolean(value);
    case 'date':
      return parseDate(value, order)?.slice(0, 10) ?? null;
    default:
      return value;
  }
}

/** What a custom field column holds, learnt from all its values on the first pass. */
export type FieldStats = {
  filled: number;
  booleans: boolean;
  dates: boolean;
  multiline: boolean;
  distinct: Set<string>;
};

const SELECT_MAX = 12;

export function fieldStats(): FieldStats {
  return { filled: 0, booleans: true, dates: true, multiline: false, distinct: new Set() };
}

export function observeField(stats: FieldStats, raw: string, order: DateOrder): void {
  const value = raw.trim();
  if (!value) return;
  stats.filled++;
  if (stats.booleans && parseBoolean(value) === null) stats.booleans = false;
  if (stats.dates && parseDate(value, order) === null) stats.dates = false;
  if (value.includes('\n')) stats.multiline = true;
  if (stats.distinct.size <= SELECT_MAX) stats.distinct.add(value);
}

/**
 * A field's kind: yes/no values make a checkbox, dates a date, a few values each used at least
 * three times on average a select, line breaks a multi-line text, anything else a text.
 */
export function fieldOf(key: string, label: string, stats: FieldStats): ImportField {
  const base = { sourceId: key, key, label };
  if (stats.filled === 0) return { ...base, kind: 'text' };
  if (stats.booleans) return { ...base, kind: 'checkbox' };
  if (stats.dates) return { ...base, kind: 'date' };
  if (stats.multiline) return { ...base, kind: 'multiline' };
  if (stats.distinct.size <= SELECT_MAX && stats.filled >= stats.distinct.size * 3) {
    const options = [...stats.distinct].sort().map((value) => ({ value, label: value }));
    return { ...base, kind: 'select', options };
  }
  return { ...base, kind: 'text' };
}
