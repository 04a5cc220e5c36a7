// What an importer reads from another helpdesk, in Tessera's terms but with the source's ids.
// A source (osTicket, Zendesk, CSV) turns its own data into these records; the import run
// (import.run.ts) maps them onto Tessera's rows, silently and idempotently. Every id here is the
// source's own, as a string; references between records use those ids.

export type ImportOrganisation = {
  sourceId: string;
  name: string;
  /** E-mail domains whose senders belong to it (informational when Tessera has no such field). */
  domains?: string[];
  createdAt?: string;
  updatedAt?: string;
};

export type ImportDepartment = {
  sourceId: string;
  name: string;
  description?: string | null;
  /** A parent department, for sub-departments ("Maintenance / Field Service"). */
  parentSourceId?: string | null;
  createdAt?: string;
};

export type ImportPerson = {
  sourceId: string;
  name: string;
  /** The first is the primary address; further ones become extra addresses of the same person. */
  emails: string[];
  phone?: string | null;
  organisationSourceId?: string | null;
  active?: boolean;
  createdAt?: string;
  updatedAt?: string;
};

export type ImportCustomer = ImportPerson;

export type ImportStaff = ImportPerson & {
  admin: boolean;
  /** Every department the agent works in (primary first). */
  departmentSourceIds: string[];
};

/** A status of the source, mapped onto one of the workflow's statuses (see mapping.ts). */
export type ImportStatus = {
  sourceId: string;
  name: string;
  /** What the source says it means: still being worked, waiting, solved, closed. */
  state: 'open' | 'pending' | 'solved' | 'closed';
};

/** A help topic, ticket type or similar classification; becomes a ticket type or a department. */
export type ImportTopic = { sourceId: string; name: string; parentSourceId?: string | null };

export type ImportFieldKind = 'select' | 'text' | 'multiline' | 'checkbox' | 'date';
export type ImportField = {
  sourceId: string;
  /** A stable key proposal (the source's variable name); made unique on import. */
  key: string;
  label: string;
  kind: ImportFieldKind;
  options?: { value: string; label: string }[];
};

export type ImportAttachment = {
  sourceId: string;
  filename: string;
  /** The source's declared type; Tessera detects the real one from the bytes. */
  contentType?: string | null;
  /** The bytes, read only when the attachment is imported. */
  read: () => Promise<Buffer>;
};

export type ImportAuthor = { kind: 'customer' | 'staff'; sourceId: string } | { kind: 'system' };

export type ImportMessage = {
  sourceId: string;
  author: ImportAuthor;
  /** The text as the source holds it; HTML is converted to text on import. */
  body: string;
  format: 'text' | 'html' | 'markdown';
  internal: boolean;
  channel?: 'web' | 'email' | 'phone' | 'api' | 'whatsapp' | 'telegram';
  createdAt: string;
  attachments: ImportAttachment[];
};

/** The timeline's essentials: who changed what, when. */
export type ImportEvent = {
  sourceId: string;
  actor: ImportAuthor;
  at: string;
  kind: 'status' | 'assignee' | 'department' | 'priority' | 'merged' | 'linked' | 'note';
  from?: string | null;
  to?: string | null;
  /** For 'note': what happened, in the source's words. */
  text?: string;
};

export type ImportTicket = {
  sourceId: string;
  /** The number people quote ("#123456"); kept when it is a free positive integer. */
  number?: string | null;
  subject: string;
  requesterSourceId: string;
  organisationSourceId?: string | null;
  departmentSourceId?: string | null;
  topicSourceId?: string | null;
  statusSourceId: string;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  assigneeSourceId?: string | null;
  channel: 'web' | 'email' | 'phone' | 'api' | 'whatsapp' | 'telegram';
  tags?: string[];
  /** Custom field values keyed by ImportField.sourceId. */
  fields?: Record<string, string | number | boolean | null>;
  createdAt: string;
  updatedAt: string;
  closedAt?: string | null;
  /** Set on a ticket the source merged into another. */
  mergedIntoSourceId?: string | null;
  /** Tickets the source links this one to. */
  linkedSourceIds?: string[];
  /** Customer satisfaction, 1–5, with its comment. */
  satisfaction?: { rating: number; comment?: string | null; at: string } | null;
  messages: ImportMessage[];
  events?: ImportEvent[];
};

/** A page of tickets and where to read on; `next` null at the end. */
export type TicketPage = { tickets: ImportTicket[]; next: string | null };

/**
 * An importer's reading side. Reference data is read whole (it is small); tickets are read in
 * pages from a cursor the run keeps, so an interrupted run resumes where it stopped. `since`, on a
 * delta run, asks only for tickets changed at or after that time.
 */
export type ImportSource = {
  /** Names the installation read from, e.g. "osticket:db.example.com/osticket"; records are keyed by it. */
  name: string;
  organisations(): Promise<ImportOrganisation[]>;
  departments(): Promise<ImportDepartment[]>;
  staff(): Promise<ImportStaff[]>;
  customers(): Promise<ImportCustomer[]>;
  statuses(): Promise<ImportStatus[]>;
  topics(): Promise<ImportTopic[]>;
  fields(): Promise<ImportField[]>;
  tickets(cursor: string | null, since: string | null): Promise<TicketPage>;
  /** How many tickets there are to read (for progress), if the source can tell cheaply. */
  countTickets?(since: string | null): Promise<number | null>;
  /**
   * What the source refused to read so far, each with a readable reason (a spreadsheet row without
   * a subject, with a date that is not one…, its line number included); the rest is read on.
   */
  refusals?(): { kind: string; sourceId: string; reason: string }[];
  close(): Promise<void>;
};
