import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../dialect.js';
import {
  cascadeRef,
  createIndex,
  createTable,
  flag,
  id,
  ref,
  requiredInteger,
  requiredText,
  text,
  textDefault,
  textKey,
  timestamps,
  uniqueText,
} from './columns.js';

// Frozen: never edit a migration that has shipped; add a new one.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);

  await createTable(db, 'organisations', { id, name: requiredText, ...timestamps });

  await createTable(db, 'departments', {
    id,
    name: uniqueText,
    description: text,
    created_at: requiredText,
  });

  await createTable(db, 'users', {
    id,
    email: uniqueText,
    name: requiredText,
    role: ['text', (c) => c.notNull().check(sql`role in ('customer', 'agent', 'admin')`)],
    password_hash: text,
    organisation_id: ref('organisations.id'),
    phone: text,
    active: flag(1),
    ...timestamps,
  });
  await createIndex(db, 'users_organisation_idx', 'users', ['organisation_id']);
  await createIndex(db, 'users_role_idx', 'users', ['role', 'name']);

  await createTable(
    db,
    'user_departments',
    { user_id: cascadeRef('users.id'), department_id: cascadeRef('departments.id') },
    (t) => t.addPrimaryKeyConstraint('user_departments_pk', ['user_id', 'department_id']),
  );
  await createIndex(db, 'user_departments_department_idx', 'user_departments', ['department_id']);

  await createTable(db, 'sessions', {
    id,
    user_id: cascadeRef('users.id'),
    created_at: requiredText,
    expires_at: requiredText,
  });
  await createIndex(db, 'sessions_user_idx', 'sessions', ['user_id']);

  await createTable(db, 'api_tokens', {
    id,
    user_id: cascadeRef('users.id'),
    name: requiredText,
    token_hash: uniqueText,
    created_at: requiredText,
    last_used_at: text,
    revoked_at: text,
  });
  await createIndex(db, 'api_tokens_user_idx', 'api_tokens', ['user_id']);

  await createTable(db, 'login_failures', {
    id,
    email: requiredText,
    ip: requiredText,
    created_at: requiredText,
  });
  await createIndex(db, 'login_failures_email_idx', 'login_failures', ['email', 'created_at']);

  await createTable(db, 'counters', {
    name: textKey,
    value: ['bigint', (c) => c.notNull()],
  });
  await db.insertInto('counters').values({ name: 'ticket_number', value: 0 }).execute();
  if (pg) await sql`create sequence ticket_number_seq`.execute(db);

  await createTable(db, 'settings', {
    key: textKey,
    value: requiredText,
    updated_at: requiredText,
  });

  await createTable(db, 'tickets', {
    id,
    number: ['bigint', (c) => c.notNull().unique()],
    subject: requiredText,
    department_id: ref('departments.id', { required: true }),
    priority: requiredInteger,
    type: text,
    fields: textDefault('{}'),
    service_id: text,
    requester_id: ref('users.id', { required: true }),
    organisation_id: ref('organisations.id'),
    assignee_id: ref('users.id'),
    channel: requiredText,
    status: requiredText,
    status_category: requiredText,
    ...timestamps,
    last_activity_at: requiredText,
    first_response_at: text,
    status_changed_at: requiredText,
    resolved_at: text,
    closed_at: text,
  });
  // The queue: default order, and the filters staff use most, each able to stop after one page.
  const ticketIndexes: [string, string[]][] = [
    ['tickets_activity_idx', ['last_activity_at', 'number']],
    ['tickets_department_activity_idx', ['department_id', 'last_activity_at', 'number']],
    ['tickets_status_activity_idx', ['status', 'last_activity_at', 'number']],
    ['tickets_organisation_activity_idx', ['organisation_id', 'last_activity_at', 'number']],
    ['tickets_requester_activity_idx', ['requester_id', 'last_activity_at', 'number']],
    ['tickets_assignee_activity_idx', ['assignee_id', 'last_activity_at', 'number']],
  ];
  for (const [name, columns] of ticketIndexes) await createIndex(db, name, 'tickets', columns);

  await createTable(db, 'messages', {
    id,
    ticket_id: cascadeRef('tickets.id'),
    author_id: ref('users.id'),
    body: requiredText,
    internal: flag(0),
    channel: requiredText,
    created_at: requiredText,
  });
  await createIndex(db, 'messages_ticket_idx', 'messages', ['ticket_id', 'created_at']);

  await createTable(db, 'ticket_events', {
    id,
    ticket_id: cascadeRef('tickets.id'),
    actor_id: ref('users.id'),
    actor_kind: requiredText,
    type: requiredText,
    field: text,
    from_value: text,
    to_value: text,
    public: flag(1),
    created_at: requiredText,
  });
  await createIndex(db, 'ticket_events_ticket_idx', 'ticket_events', ['ticket_id', 'created_at']);

  // Full-text search: FTS5 on SQLite, generated tsvector columns with GIN indexes on PostgreSQL.
  if (pg) {
    await sql`alter table tickets add column subject_tsv tsvector generated always as (to_tsvector('simple', subject)) stored`.execute(
      db,
    );
    await sql`create index tickets_subject_tsv_idx on tickets using gin (subject_tsv)`.execute(db);
    await sql`alter table messages add column body_tsv tsvector generated always as (to_tsvector('simple', body)) stored`.execute(
      db,
    );
    await sql`create index messages_body_tsv_idx on messages using gin (body_tsv)`.execute(db);
  } else {
    await sql`create virtual table search_index using fts5(text, ticket_id unindexed, kind unindexed, tokenize = 'unicode61 remove_diacritics 2')`.execute(
      db,
    );
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(_db: Kysely<any>): Promise<void> {
  throw new Error('The initial migration cannot be reverted');
}
