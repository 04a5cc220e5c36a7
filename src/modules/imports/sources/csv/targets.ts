import { AppError } from '../../../../errors.js';
import { isEmail } from './values.js';

// What each column of a spreadsheet can become, per file kind, as data the mapping step shows;
// the synonyms are the headers other helpdesks and people write for the same thing, compared
// after folding case, accents and punctuation away ("E-Mail Address" is "emailaddress").

export type CsvKind = 'organisations' | 'customers' | 'tickets';

export type CsvTargetSpec = {
  target: string;
  label: string;
  required?: boolean;
  synonyms: string[];
};

/** A header whose values decide: e-mail addresses make it the e-mail target, names the name one. */
type PersonHeader = { synonyms: string[]; email: string; name: string | null };

const target = (t: string, label: string, synonyms: string[], required = false): CsvTargetSpec => ({
  target: t,
  label,
  required,
  synonyms,
});

export const CSV_TARGETS: Record<CsvKind, CsvTargetSpec[]> = {
  organisations: [
    target('id', 'Organisation id', ['id', 'organisationid', 'organizationid', 'companyid', 'orgid']),
    target(
      'name',
      'Name',
      ['name', 'organisation', 'organization', 'company', 'companyname', 'orgname'],
      true,
    ),
    target('domains', 'E-mail domains', ['domains', 'domain', 'emaildomains', 'emaildomain']),
  ],
  customers: [
    target('id', 'Customer id', ['id', 'customerid', 'userid', 'contactid', 'clientid']),
    target('name', 'Name', ['name', 'fullname', 'customer', 'customername', 'contact', 'contactname']),
    target(
      'email',
      'E-mail',
      ['email', 'emailaddress', 'mail', 'primaryemail', 'customeremail', 'contactemail'],
      true,
    ),
    target('emails', 'Further e-mail addresses', [
      'emails',
      'otheremails',
      'additionalemails',
      'secondaryemail',
      'alternativeemail',
      'altemail',
      'extraemails',
    ]),
    target('phone', 'Phone', ['phone', 'telephone', 'tel', 'phonenumber', 'mobile', 'cell']),
    target('organisation', 'Organisation (id or name)', [
      'organisation',
      'organization',
      'company',
      'companyname',
      'org',
      'account',
      'organisationid',
      'organizationid',
    ]),
  ],
  tickets: [
    target('id', 'Ticket id', ['id', 'ticketid', 'issueid', 'caseid', 'key']),
    target('number', 'Ticket number', ['number', 'ticketnumber', 'ticketno', 'no', 'nr', 'ref', 'reference']),
    target('subject', 'Subject', ['subject', 'title', 'summary', 'ticketsubject', 'tickettitle'], true),
    target('body', 'First message', [
      'body',
      'description',
      'message',
      'text',
      'content',
      'details',
      'firstmessage',
      'question',
      'problem',
    ]),
    target(
      'requester_email',
      'Requester e-mail',
      ['requesteremail', 'customeremail', 'email', 'emailaddress', 'contactemail', 'fromemail', 'useremail'],
      true,
    ),
    target('requester_name', 'Requester name', ['requestername', 'customername', 'name', 'contactname']),
    target('organisation', 'Organisation (id or name)', [
      'organisation',
      'organization',
      'company',
      'companyname',
      'org',
      'account',
    ]),
    target('department', 'Department', ['department', 'group', 'team', 'queue', 'dept']),
    target('type', 'Type', ['type', 'tickettype', 'topic', 'helptopic', 'category', 'issuetype']),
    target('status', 'Status', ['status', 'state', 'ticketstatus']),
    target('priority', 'Priority', ['priority', 'urgency', 'severity', 'prio']),
    target('assignee_email', 'Assignee e-mail', ['assigneeemail', 'agentemail', 'owneremail']),
    target('tags', 'Tags', ['tags', 'tag', 'labels', 'keywords']),
    target('created_at', 'Created', [
      'createdat',
      'created',
      'createdon',
      'createddate',
      'datecreated',
      'creationdate',
      'opened',
      'openedat',
      'date',
      'submitted',
    ]),
    target('updated_at', 'Last updated', [
      'updatedat',
      'updated',
      'lastupdated',
      'modified',
      'lastmodified',
      'dateupdated',
      'lastactivity',
      'changed',
    ]),
    target('closed_at', 'Closed', ['closedat', 'closed', 'closedon', 'dateclosed', 'resolvedat', 'solvedat']),
    target('channel', 'Channel', ['channel', 'source', 'via', 'origin']),
    target('internal_note', 'Internal note', [
      'internalnote',
      'internalnotes',
      'note',
      'notes',
      'privatenote',
    ]),
  ],
};

const PERSON_HEADERS: Partial<Record<CsvKind, PersonHeader[]>> = {
  tickets: [
    {
      synonyms: ['customer', 'requester', 'contact', 'from', 'client', 'user', 'submitter', 'reporter'],
      email: 'requester_email',
      name: 'requester_name',
    },
    {
      synonyms: ['assignee', 'agent', 'owner', 'assignedto', 'assigned'],
      email: 'assignee_email',
      name: null,
    },
  ],
};

/** A header folded for comparison: no case, accents, spaces or punctuation. */
export function foldHeader(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** `field:<key>` maps a ticket column onto a custom field of that key. */
export function fieldKey(mappedTo: string): string | null {
  const m = /^field:([A-Za-z0-9_-]+)$/.exec(mappedTo);
  return m ? m[1]! : null;
}

/**
 * A mapping proposal, header → target or null (ignore). Each target is proposed once, for the
 * first header that names it; `sample` rows settle headers such as "Customer" that may hold an
 * address or a name.
 */
export function suggestMapping(
  kind: CsvKind,
  headers: string[],
  sample: string[][],
): Record<string, string | null> {
  const byName = new Map<string, string>();
  for (const spec of CSV_TARGETS[kind]) {
    for (const name of [foldHeader(spec.target), ...spec.synonyms]) {
      if (!byName.has(name)) byName.set(name, spec.target);
    }
  }
  const taken = new Set<string>();
  const suggested: Record<string, string | null> = {};
  headers.forEach((header, column) => {
    if (header in suggested) return;
    const folded = foldHeader(header);
    let guess = byName.get(folded) ?? null;
    const person = PERSON_HEADERS[kind]?.find((p) => p.synonyms.includes(folded));
    if (!guess && person) {
      const values = sample.map((row) => row[column]?.trim() ?? '').filter((v) => v !== '');
      const emails = values.filter(isEmail).length;
      guess = emails > 0 && emails * 2 >= values.length ? person.email : person.name;
    }
    suggested[header] = guess && !taken.has(guess) ? guess : null;
    if (guess) taken.add(guess);
  });
  return suggested;
}

export type ColumnMap = {
  /** Target → column index. */
  columns: Map<string, number>;
  /** Custom field columns, in file order. */
  fields: { key: string; label: string; column: number }[];
};

/** Checks a mapping against a file's headers; a mistake in it stops the import before it starts. */
export function resolveMapping(
  kind: CsvKind,
  headers: string[],
  mapping: Record<string, string | null>,
  what: string,
): ColumnMap {
  const known = new Set(CSV_TARGETS[kind].map((spec) => spec.target));
  const columns = new Map<string, number>();
  const fields: ColumnMap['fields'] = [];
  const problems: string[] = [];
  for (const [header, mappedTo] of Object.entries(mapping)) {
    if (mappedTo === null) continue;
    const column = headers.indexOf(header);
    if (column < 0) {
      problems.push(`${what} has no column "${header}"`);
      continue;
    }
    const key = kind === 'tickets' ? fieldKey(mappedTo) : null;
    if (key) {
      if (fields.some((f) => f.key === key)) problems.push(`${what}: two columns map to ${mappedTo}`);
      else fields.push({ key, label: header, column });
    } else if (!known.has(mappedTo)) {
      problems.push(`${what}: "${header}" maps to ${mappedTo}, which is not something ${kind} have`);
    } else if (columns.has(mappedTo)) {
      problems.push(`${what}: two columns map to ${mappedTo}`);
    } else {
      columns.set(mappedTo, column);
    }
  }
  const missing = CSV_TARGETS[kind].filter((spec) => spec.required && !columns.has(spec.target));
  problems.push(...missing.map((spec) => `${what}: no column is mapped to ${spec.target}`));
  if (problems.length > 0) {
    throw new AppError(
      'validation',
      problems.join('; '),
      problems.map((message) => ({ path: 'mapping', message })),
    );
  }
  fields.sort((a, b) => a.column - b.column);
  return { columns, fields };
}
