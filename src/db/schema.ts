import type {
  AutoReplyTable,
  InboundMessageTable,
  OutboundMessageTable,
  TelegramLinkTable,
  TelegramLinkTokenTable,
  WhatsAppContactTable,
  WhatsAppHeldTable,
} from './schema.channels.js';
import type { ImportLogTable, ImportRecordTable, ImportRunTable } from './schema.imports.js';

export type * from './schema.channels.js';
export type * from './schema.imports.js';

// Row types of every table. Times are ISO 8601 UTC strings and flags are 0/1 on both engines,
// so the same code and the same comparisons work on SQLite and PostgreSQL.

export type Role = 'customer' | 'agent' | 'admin';
export type Flag = 0 | 1;

export type OrganisationTable = {
  id: string;
  name: string;
  /** The name's sort key (common/i18n.ts sortKey): lists page by it. */
  sort_name: string;
  created_at: string;
  updated_at: string;
};

export type DepartmentTable = { id: string; name: string; description: string | null; created_at: string };

export type UserTable = {
  id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string | null;
  organisation_id: string | null;
  phone: string | null;
  active: Flag;
  /** Paged for urgent tickets of their departments. */
  on_call?: Flag;
  /** A language with a catalogue ("de", "pt-BR"); null: the installation's default. */
  locale?: string | null;
  /** An IANA zone ("Europe/Berlin"); null: the installation's default. */
  time_zone?: string | null;
  created_at: string;
  updated_at: string;
};

export type UserDepartmentTable = { user_id: string; department_id: string };

/** A further address ('email') or number ('phone') of a person, beside the one on their record. */
export type UserContactTable = {
  id: string;
  user_id: string;
  kind: 'email' | 'phone';
  value: string;
  created_at: string;
};

/** Staff's own note about a customer; customers never see these. */
export type CustomerNoteTable = {
  id: string;
  customer_id: string;
  author_id: string | null;
  body: string;
  created_at: string;
  updated_at: string;
};

/** A customer record merged into another: the merged one stays, deactivated, as a pointer. */
export type UserMergeTable = { merged_id: string; survivor_id: string; merged_by: string; merged_at: string };

export type SessionTable = {
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  /** Where and with what the session was opened, and when it was last used (within a minute). */
  ip?: string | null;
  user_agent?: string | null;
  last_seen_at?: string | null;
  /** 'password', or 'sso' for a session opened through single sign-on. */
  via?: string;
};

export type AccountLinkPurpose = 'invite' | 'reset';

/** A user's authenticator app: the sealed secret, once confirmed; hashes of unused recovery codes (JSON). */
export type SecondFactorTable = {
  user_id: string;
  secret: string;
  confirmed_at: string | null;
  last_step: number | null;
  recovery_codes: string;
  created_at: string;
};

/** A single-use link mailed to a user: an invitation or a password reset. */
export type AccountLinkTable = {
  id: string;
  user_id: string;
  purpose: AccountLinkPurpose;
  created_by: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
};

/** A security event: who did what to whom, from where; `details` is JSON (old → new, never a secret). */
export type AuditEventTable = {
  id: string;
  at: string;
  action: string;
  actor_id: string | null;
  actor_email: string | null;
  subject_id: string | null;
  subject_email: string | null;
  ip: string | null;
  details: string;
};

/** A customer's own sign-up, waiting for the link mailed to the address to be opened. */
export type SignUpTable = {
  id: string;
  email: string;
  name: string;
  ip: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
};

/** One request counted against a rate limit (`key` names the limit and who it applies to). */
export type RateEventTable = { id: string; key: string; created_at: string };

export type TokenScope = 'all' | 'billing';

export type ApiTokenTable = {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  scope: TokenScope;
};

export type CounterTable = { name: string; value: number };

export type SettingTable = { key: string; value: string; updated_at: string };

/** A configured text's variant in one language, or an admin's wording of a product string ('ui'). */
export type TextTranslationTable = {
  kind: string;
  ref_id: string;
  field: string;
  locale: string;
  text: string;
  updated_at: string;
};

export type TicketTable = {
  id: string;
  number: number;
  subject: string;
  department_id: string;
  /** 1 low · 2 normal · 3 high · 4 urgent: an integer so the queue sorts by urgency. */
  priority: number;
  type: string | null;
  /** JSON object of custom field values. */
  fields: string;
  service_id: string | null;
  requester_id: string;
  organisation_id: string | null;
  assignee_id: string | null;
  channel: string;
  status: string;
  status_category: string;
  created_at: string;
  updated_at: string;
  last_activity_at: string;
  first_response_at: string | null;
  status_changed_at: string;
  resolved_at: string | null;
  closed_at: string | null;
  next_timer_at: string | null;
  /** The subscription whose quota this ticket used, if any. */
  subscription_id: string | null;
  /** Flagged for on-call attention: an urgent type or priority. */
  urgent?: Flag;
  /** Set when merged into another ticket; this one stays, closed, as a pointer. */
  merged_into_id?: string | null;
  /** The earliest due time of a running service-level clock; NO_DUE (common/sla.ts) when none runs. */
  sla_due_at?: string;
};

export type MessageTable = {
  id: string;
  ticket_id: string;
  author_id: string | null;
  body: string;
  internal: Flag;
  channel: string;
  created_at: string;
  /** The inbound message (email, WhatsApp, Telegram) it was made from; unique. */
  inbound_id?: string | null;
  /** How `body` is written: plain text (the default) or Markdown from the web editor. */
  format?: 'text' | 'markdown';
};

/** A link between two tickets; `kind` reads from `from_ticket_id` ("from is a duplicate of to"). */
export type TicketLinkTable = {
  id: string;
  from_ticket_id: string;
  to_ticket_id: string;
  kind: 'related' | 'duplicate_of' | 'caused_by';
  created_by: string;
  created_at: string;
};

/** A staff member's unsent reply or note on a ticket; one of each per person and ticket. */
export type DraftTable = {
  user_id: string;
  ticket_id: string;
  kind: 'reply' | 'note';
  body: string;
  updated_at: string;
};

/** A notice in a staff member's bell: what happened on which ticket, by whom, and whether it was read. */
export type InAppNotificationTable = {
  id: string;
  user_id: string;
  ticket_id: string;
  event: string;
  actor_id: string | null;
  message_id: string | null;
  dedupe_key: string;
  created_at: string;
  read_at: string | null;
};

/** A signature for public replies: a staff member's own (`user_id`) or a department's. */
export type SignatureTable = {
  id: string;
  user_id: string | null;
  department_id: string | null;
  body: string;
  updated_by: string;
  updated_at: string;
};

/** Staff following a ticket, and the CC addresses of its conversation (see migration 0030). */
export type TicketParticipantTable = {
  id: string;
  ticket_id: string;
  user_id: string;
  kind: 'follower' | 'cc';
  address: string | null;
  added_by: string | null;
  source_message_id: string | null;
  added_at: string;
};

/** A bulk change run as a job; `cursor` is the last ticket number done. */
export type BulkJobTable = {
  id: string;
  actor_id: string;
  /** JSON: `{ numbers }` or `{ filter }`. */
  selection: string;
  /** JSON: the action, as asked. */
  action: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  total: number;
  done: number;
  changed: number;
  skipped: number;
  cursor: number;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
};
export type BulkJobSkipTable = { job_id: string; number: number; reason: string };
/** A notice held back for a digest (a bulk job's), sent as one message per recipient. */
export type DigestNoticeTable = {
  digest_id: string;
  key: string;
  event: string;
  ticket_id: string;
  actor_id: string | null;
  message_id: string | null;
};

/** A free tag on a ticket (lower-case). */
export type TicketTagTable = { ticket_id: string; tag: string };

export type TicketEventTable = {
  id: string;
  ticket_id: string;
  actor_id: string | null;
  /** A person, or 'automation' for rules and timers. */
  actor_kind: 'user' | 'automation';
  type: string;
  field: string | null;
  from_value: string | null;
  to_value: string | null;
  public: Flag;
  /** Why it happened, in words: 'customer replied', 'no reply for 7 days'. */
  reason: string | null;
  /** The same reason as a stable code (common/timeline.ts) the reader's language renders; null on older rows. */
  reason_code?: string | null;
  /** The code's values, JSON: `{"count":7,"unit":"day"}`. */
  reason_values?: string | null;
  /** The trigger that made the change, and its name then (automation only). */
  rule_id?: string | null;
  rule_name?: string | null;
  /** 'time' when the rule was a time-based automation. */
  rule_kind?: string | null;
  created_at: string;
};

export type TimerRunTable = { ticket_id: string; timer_key: string; outcome: string; created_at: string };

export type OutboxState = 'pending' | 'done' | 'failed';
export type OutboxTable = {
  id: string;
  topic: string;
  /** JSON. */
  payload: string;
  dedupe_key: string;
  state: OutboxState;
  attempts: number;
  run_at: string;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  done_at: string | null;
};

export type SurveyTable = {
  id: string;
  ticket_id: string;
  recipient_id: string;
  created_at: string;
  expires_at: string;
  answered_at: string | null;
  rating: number | null;
  comment: string | null;
};

export type ServiceTable = { id: string; name: string; description: string | null; created_at: string };

export type BillingCycle = 'monthly' | 'yearly' | 'none';
export type PlanTable = {
  id: string;
  name: string;
  /** Tickets per cycle; null for unlimited. */
  ticket_limit: number | null;
  cycle: BillingCycle;
  reply_after_expiry: Flag;
  created_at: string;
};

export type SubscriptionState = 'active' | 'expired' | 'cancelled';
export type SubscriptionTable = {
  id: string;
  external_id: string | null;
  customer_id: string | null;
  organisation_id: string | null;
  service_id: string;
  plan_id: string;
  state: SubscriptionState;
  starts_at: string;
  ends_at: string | null;
  created_at: string;
  updated_at: string;
};

export type NotificationPreferenceTable = { user_id: string; event: string; channel: string; enabled: Flag };

export type AttachmentTable = {
  id: string;
  ticket_id: string | null;
  message_id: string | null;
  uploader_id: string | null;
  /** Normalised: NFC, no format or control characters, no path. */
  filename: string;
  /** Detected from the content, not taken from the client. */
  content_type: string;
  size: number;
  storage_key: string;
  sha256: string;
  created_at: string;
  /** Set while unattached: an upload never sent is deleted after this. */
  expires_at: string | null;
  /** An inline image of a knowledge-base article (migration 0037). */
  article_id: string | null;
};

/** Knowledge base (migration 0037): a category has no parent; a section is a category's child. */
export type KbCategoryTable = {
  id: string;
  parent_id: string | null;
  name: string;
  slug: string;
  description: string | null;
  position: number;
  created_at: string;
  updated_at: string;
};

export type KbArticleStatus = 'draft' | 'published' | 'archived';
/** Who may read a published article: anyone, any signed-in customer, named organisations and plans, staff. */
export type KbVisibility = 'public' | 'signed_in' | 'restricted' | 'staff';
export type KbArticleTable = {
  id: string;
  category_id: string | null;
  slug: string;
  title: string;
  /** Markdown, rendered as replies are. */
  body: string;
  status: KbArticleStatus;
  visibility: KbVisibility;
  /** Its tags, space-joined: what search reads. */
  keywords: string;
  owner_id: string | null;
  /** A date (YYYY-MM-DD) by which its owner should read it again. */
  review_by: string | null;
  version: number;
  published_at: string | null;
  views: number;
  helpful_yes: number;
  helpful_no: number;
  source_ticket_id: string | null;
  created_by: string | null;
  updated_by: string | null;
  created_at: string;
  updated_at: string;
};

export type KbAudienceKind = 'organisation' | 'plan';
export type KbArticleAudienceTable = { article_id: string; kind: KbAudienceKind; ref_id: string };
export type KbArticleTagTable = { article_id: string; tag: string };

export type KbRevisionTable = {
  id: string;
  article_id: string;
  version: number;
  title: string;
  body: string;
  category_id: string | null;
  status: KbArticleStatus;
  visibility: KbVisibility;
  /** JSON lists of that version's tags and audiences ({kind, refId}). */
  tags: string;
  audiences: string;
  author_id: string | null;
  note: string | null;
  created_at: string;
};

/** A voter is `u:<user id>` or `a:<hash of an anonymous visitor's key>`. */
export type KbVoteTable = {
  article_id: string;
  voter: string;
  helpful: Flag;
  created_at: string;
  updated_at: string;
};

export type KbMetric = 'view' | 'suggested' | 'clicked' | 'deflected' | 'helpful' | 'unhelpful' | 'used';
export type KbArticleStatTable = { article_id: string; day: string; metric: KbMetric; n: number };

export type KbTicketLinkTable = {
  ticket_id: string;
  article_id: string;
  user_id: string | null;
  created_at: string;
};

export type CannedResponseTable = {
  id: string;
  title: string;
  body: string;
  /** null: for every department. */
  department_id: string | null;
  usage_count: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  /** A macro's other actions (JSON): an internal note, changes to the ticket. `{}`: text only. */
  actions: string;
};

export type TicketTypeTable = {
  key: string;
  name: string;
  description: string | null;
  urgent: Flag;
  position: number;
  active: Flag;
};

export type FieldKind = 'select' | 'text' | 'multiline' | 'checkbox' | 'date';
export type CustomFieldTable = {
  key: string;
  label: string;
  kind: FieldKind;
  /** JSON [{ value, label }] for select fields. */
  options: string;
  required: Flag;
  /** JSON arrays; empty means every department / every type. */
  department_ids: string;
  type_keys: string;
  help: string | null;
  position: number;
  active: Flag;
};

export type SavedViewTable = {
  id: string;
  name: string;
  scope: 'personal' | 'department' | 'everyone';
  department_id: string | null;
  owner_id: string;
  /** JSON: the list's query parameters, as strings. */
  filter: string;
  sort: string;
  sort_order: 'asc' | 'desc';
  /** JSON: the columns shown, in order. */
  columns: string;
  position: number;
  created_at: string;
  updated_at: string;
};
export type ViewDefaultTable = { user_id: string; view_id: string };

/** Opening hours per weekday, as JSON: {"mon": [{"start": "09:00", "end": "12:00"}, …], …}. */
export type CalendarTable = {
  id: string;
  name: string;
  /** An IANA zone name. */
  time_zone: string;
  hours: string;
  builtin: Flag;
  created_at: string;
  updated_at: string;
};

export type CalendarHolidayTable = {
  id: string;
  calendar_id: string;
  /** YYYY-MM-DD; for a yearly holiday only the month and day count. */
  date: string;
  yearly: Flag;
  name: string;
  source: 'manual' | 'ical';
};

/** An ordered service-level policy; conditions, targets, pause_on and warning are JSON (common/sla.ts). */
export type SlaPolicyTable = {
  id: string;
  name: string;
  position: number;
  enabled: Flag;
  conditions: string;
  calendar_id: string;
  targets: string;
  pause_on: string;
  warning: string | null;
  notify_outside_hours: Flag;
  created_at: string;
  updated_at: string;
};

/** An ordered trigger; `definition` is JSON (events, conditions, actions; common/triggers.ts). */
export type TriggerTable = {
  id: string;
  name: string;
  position: number;
  enabled: Flag;
  recursive: Flag;
  /** 'event' (a trigger) or 'time' (an automation run by the sweep). */
  kind?: string;
  definition: string;
  hourly_limit: number;
  created_at: string;
  updated_at: string;
};

/** A trigger fired on a ticket for one event (unique), with the messages it made. */
export type TriggerFiringTable = {
  id: string;
  trigger_id: string;
  ticket_id: string;
  event_id: string;
  depth: number;
  messages: number;
  capped: Flag;
  fired_at: string;
};

/** One service-level clock of a ticket as last computed (see src/modules/sla-clocks/clocks.ts). */
export type TicketSlaClockTable = {
  id: string;
  ticket_id: string;
  metric: 'firstReply' | 'nextReply' | 'resolution';
  cycle: number;
  policy_id: string | null;
  calendar_id: string;
  business: Flag;
  target_minutes: number;
  started_at: string;
  stopped_at: string | null;
  paused_since: string | null;
  /** JSON [[from, to], …] in milliseconds since the epoch. */
  pauses: string;
  due_at: string | null;
  warn_at: string | null;
  elapsed_minutes: number | null;
  breached: Flag;
  /** When the sweep must next look at it (a warning or breach to announce); null when nothing is. */
  check_at: string | null;
  warned_at: string | null;
  breach_noticed_at: string | null;
  updated_at: string;
};

/** An Idempotency-Key a caller sent with a creation, and the answer it got (migration 0035). */
export type IdempotencyKeyTable = {
  user_id: string;
  key: string;
  operation: string;
  request_hash: string;
  state: 'running' | 'done';
  resource: string | null;
  status: number | null;
  body: string | null;
  created_at: string;
  updated_at: string;
};

/** A receiver of outgoing webhooks; `events` is a JSON list, `secret` sealed (src/lib/crypto.ts). */
export type WebhookEndpointTable = {
  id: string;
  name: string;
  url: string;
  kind: 'generic' | 'slack' | 'teams' | 'mattermost';
  events: string;
  internal: Flag;
  enabled: Flag;
  secret: string;
  disabled_reason: string | null;
  /** When its current run of failed attempts began; null after a success. */
  failing_since: string | null;
  /** Failed attempts since its last success. */
  failures: number;
  /** The latest failed attempt: a failure long after it starts a new run rather than extending one. */
  last_failure_at: string | null;
  created_at: string;
  updated_at: string;
};

/** One event for one endpoint (its id is the `Tessera-Delivery` header); the payload is JSON. */
export type WebhookDeliveryTable = {
  id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  payload: string;
  /** Built for an internal endpoint (internal notes and fields): sent only while it stays internal. */
  internal_only: Flag;
  state: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  last_status: number | null;
  created_at: string;
  updated_at: string;
};

/** One try of a delivery: the answer's status, how long it took and its first kilobyte. */
export type WebhookAttemptTable = {
  id: string;
  delivery_id: string;
  attempt: number;
  status_code: number | null;
  latency_ms: number | null;
  response: string | null;
  error: string | null;
  created_at: string;
};

export type DB = {
  organisations: OrganisationTable;
  departments: DepartmentTable;
  users: UserTable;
  user_departments: UserDepartmentTable;
  user_contacts: UserContactTable;
  customer_notes: CustomerNoteTable;
  user_merges: UserMergeTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  account_links: AccountLinkTable;
  rate_events: RateEventTable;
  sign_ups: SignUpTable;
  audit_events: AuditEventTable;
  second_factors: SecondFactorTable;
  counters: CounterTable;
  settings: SettingTable;
  text_translations: TextTranslationTable;
  tickets: TicketTable;
  messages: MessageTable;
  ticket_events: TicketEventTable;
  ticket_tags: TicketTagTable;
  ticket_links: TicketLinkTable;
  signatures: SignatureTable;
  ticket_participants: TicketParticipantTable;
  drafts: DraftTable;
  in_app_notifications: InAppNotificationTable;
  saved_views: SavedViewTable;
  view_defaults: ViewDefaultTable;
  bulk_jobs: BulkJobTable;
  bulk_job_skips: BulkJobSkipTable;
  digest_notices: DigestNoticeTable;
  timer_runs: TimerRunTable;
  outbox: OutboxTable;
  surveys: SurveyTable;
  services: ServiceTable;
  plans: PlanTable;
  subscriptions: SubscriptionTable;
  notification_preferences: NotificationPreferenceTable;
  inbound_messages: InboundMessageTable;
  outbound_messages: OutboundMessageTable;
  auto_replies: AutoReplyTable;
  whatsapp_contacts: WhatsAppContactTable;
  whatsapp_held: WhatsAppHeldTable;
  telegram_links: TelegramLinkTable;
  telegram_link_tokens: TelegramLinkTokenTable;
  attachments: AttachmentTable;
  canned_responses: CannedResponseTable;
  ticket_types: TicketTypeTable;
  custom_fields: CustomFieldTable;
  calendars: CalendarTable;
  calendar_holidays: CalendarHolidayTable;
  idempotency_keys: IdempotencyKeyTable;
  sla_policies: SlaPolicyTable;
  ticket_sla_clocks: TicketSlaClockTable;
  triggers: TriggerTable;
  trigger_firings: TriggerFiringTable;
  webhook_endpoints: WebhookEndpointTable;
  webhook_deliveries: WebhookDeliveryTable;
  webhook_attempts: WebhookAttemptTable;
  kb_categories: KbCategoryTable;
  kb_articles: KbArticleTable;
  kb_article_audiences: KbArticleAudienceTable;
  kb_article_tags: KbArticleTagTable;
  kb_revisions: KbRevisionTable;
  kb_votes: KbVoteTable;
  kb_article_stats: KbArticleStatTable;
  kb_ticket_links: KbTicketLinkTable;
  import_runs: ImportRunTable;
  import_records: ImportRecordTable;
  import_log: ImportLogTable;
};
