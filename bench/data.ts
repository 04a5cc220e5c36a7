// The benchmark's data set, engine-neutral: a small world (organisations, departments, customers,
// agents) and the tickets, messages, events and search-index rows, generated batch by batch so
// a million tickets never sit in memory at once. Rows are positional arrays in the column order
// below, ready for a prepared statement (SQLite) or for unnest() arrays (PostgreSQL).

import { sortKey } from '../common/i18n.js';
import { DEFAULT_PAUSE_ON, NO_DUE, type SlaMetric, type SlaTarget } from '../common/sla.js';
import { searchRowid } from '../src/modules/search/search.repository.js';
import { classic } from '../src/workflow/presets/classic.js';
import { pick, type Random, randInt, rng, text, vocabulary, weighted, ZipfSampler } from './words.js';

export type Value = string | number | null;
export type Row = Value[];
/**
 * A table as the generator writes it. Columns marked optional came with a later migration; the
 * seeder leaves out whichever of them the database does not have.
 */
export type Table = { name: string; columns: string[]; pgTypes: string[]; optional: string[] };

const table = (name: string, spec: [string, string, 'optional'?][]): Table => ({
  name,
  columns: spec.map(([c]) => c),
  pgTypes: spec.map(([, t]) => t),
  optional: spec.filter(([, , o]) => o === 'optional').map(([c]) => c),
});

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const byte = (n: number) => HEX[n & 0xff]!;
const randomByte = () => HEX[Math.floor(Math.random() * 256)]!;

let lastMs = 0;
let counter = 0;
/**
 * A UUIDv7 laid out as the app's newId() makes them, but for a given moment: seeded rows get the
 * ids they would have had if written when they were created, so primary keys grow in time order.
 * The random bits come from Math.random(): unique enough for a data set, and far cheaper.
 */
export function uuid7(ms: number): string {
  const t = Math.floor(ms);
  counter = t === lastMs ? (counter + 1) & 0xfff : 0;
  lastMs = t;
  const hi = Math.floor(t / 2 ** 32);
  const lo = t >>> 0;
  return (
    byte(hi >>> 8) +
    byte(hi) +
    byte(lo >>> 24) +
    byte(lo >>> 16) +
    '-' +
    byte(lo >>> 8) +
    byte(lo) +
    '-7' +
    HEX[counter >>> 8]!.charAt(1) +
    byte(counter) +
    '-' +
    byte(0x80 | Math.floor(Math.random() * 0x40)) +
    randomByte() +
    '-' +
    randomByte() +
    randomByte() +
    randomByte() +
    randomByte() +
    randomByte() +
    randomByte()
  );
}

const DAY_MS = 86_400_000;
const dayCache = new Map<number, string>();
const pad2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
/** Date.prototype.toISOString, several times faster for the millions of times seeding needs. */
export function iso(ms: number): string {
  const t = Math.floor(ms);
  const day = Math.floor(t / DAY_MS);
  let date = dayCache.get(day);
  if (date === undefined) {
    date = new Date(day * DAY_MS).toISOString().slice(0, 11);
    dayCache.set(day, date);
  }
  let rest = t - day * DAY_MS;
  const milli = rest % 1000;
  rest = (rest - milli) / 1000;
  const sec = rest % 60;
  rest = (rest - sec) / 60;
  const min = rest % 60;
  const hour = (rest - min) / 60;
  return `${date}${pad2[hour]}:${pad2[min]}:${pad2[sec]}.${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
}

export const TABLES = {
  organisations: table('organisations', [
    ['id', 'text'],
    ['name', 'text'],
    ['sort_name', 'text'],
    ['created_at', 'text'],
    ['updated_at', 'text'],
  ]),
  departments: table('departments', [
    ['id', 'text'],
    ['name', 'text'],
    ['description', 'text'],
    ['created_at', 'text'],
  ]),
  users: table('users', [
    ['id', 'text'],
    ['email', 'text'],
    ['name', 'text'],
    ['role', 'text'],
    ['password_hash', 'text'],
    ['organisation_id', 'text'],
    ['phone', 'text'],
    ['active', 'integer'],
    ['created_at', 'text'],
    ['updated_at', 'text'],
  ]),
  userDepartments: table('user_departments', [
    ['user_id', 'text'],
    ['department_id', 'text'],
  ]),
  tickets: table('tickets', [
    ['id', 'text'],
    ['number', 'bigint'],
    ['subject', 'text'],
    ['department_id', 'text'],
    ['priority', 'integer'],
    ['type', 'text'],
    ['fields', 'text'],
    ['service_id', 'text'],
    ['requester_id', 'text'],
    ['organisation_id', 'text'],
    ['assignee_id', 'text'],
    ['channel', 'text'],
    ['status', 'text'],
    ['status_category', 'text'],
    ['created_at', 'text'],
    ['updated_at', 'text'],
    ['last_activity_at', 'text'],
    ['first_response_at', 'text'],
    ['status_changed_at', 'text'],
    ['resolved_at', 'text'],
    ['closed_at', 'text'],
    ['next_timer_at', 'text', 'optional'],
    ['sla_due_at', 'text', 'optional'],
  ]),
  messages: table('messages', [
    ['id', 'text'],
    ['ticket_id', 'text'],
    ['author_id', 'text'],
    ['body', 'text'],
    ['internal', 'integer'],
    ['channel', 'text'],
    ['created_at', 'text'],
  ]),
  events: table('ticket_events', [
    ['id', 'text'],
    ['ticket_id', 'text'],
    ['actor_id', 'text'],
    ['actor_kind', 'text'],
    ['type', 'text'],
    ['field', 'text'],
    ['from_value', 'text'],
    ['to_value', 'text'],
    ['public', 'integer'],
    ['created_at', 'text'],
    ['reason', 'text', 'optional'],
  ]),
  calendars: table('calendars', [
    ['id', 'text'],
    ['name', 'text'],
    ['time_zone', 'text'],
    ['hours', 'text'],
    ['builtin', 'integer'],
    ['created_at', 'text'],
    ['updated_at', 'text'],
  ]),
  slaPolicies: table('sla_policies', [
    ['id', 'text'],
    ['name', 'text'],
    ['position', 'integer'],
    ['enabled', 'integer'],
    ['conditions', 'text'],
    ['calendar_id', 'text'],
    ['targets', 'text'],
    ['pause_on', 'text'],
    ['warning', 'text'],
    ['notify_outside_hours', 'integer'],
    ['created_at', 'text'],
    ['updated_at', 'text'],
  ]),
  slaClocks: table('ticket_sla_clocks', [
    ['id', 'text'],
    ['ticket_id', 'text'],
    ['metric', 'text'],
    ['cycle', 'integer'],
    ['policy_id', 'text'],
    ['calendar_id', 'text'],
    ['business', 'integer'],
    ['target_minutes', 'integer'],
    ['started_at', 'text'],
    ['stopped_at', 'text'],
    ['paused_since', 'text'],
    ['pauses', 'text'],
    ['due_at', 'text'],
    ['warn_at', 'text'],
    ['elapsed_minutes', 'integer'],
    ['breached', 'integer'],
    ['check_at', 'text'],
    ['warned_at', 'text'],
    ['breach_noticed_at', 'text'],
    ['updated_at', 'text'],
  ]),
} as const;

export type SeedOptions = {
  tickets: number;
  /** Each ticket gets 1 to this many messages. */
  maxMessages: number;
  seed: number;
  /** The benchmark's "now", as epoch milliseconds: activity spreads over the year before it. */
  now: number;
  /**
   * Service levels: an office calendar, one policy for every ticket and running clocks, as the
   * benchmark seeds them. Left out, neither policy nor clocks (tests that seed in bulk).
   */
  sla?: boolean;
};

type Person = { id: string; organisationId: string | null; departments: string[] };

export type World = {
  organisations: Row[];
  departments: Row[];
  users: Row[];
  userDepartments: Row[];
  departmentIds: string[];
  departmentNames: string[];
  departmentWeights: number[];
  customers: Person[];
  agents: Person[];
  /** An agent who works in the two smallest departments only. */
  restrictedAgent: Person;
  /** A customer with an organisation, who files tickets in the creation scenario. */
  customer: Person;
  /** Agents of each department, by department id. */
  staffOf: Map<string, Person[]>;
  /** An office-hours calendar and one service-level policy on it that applies to every ticket. */
  calendars: Row[];
  slaPolicies: Row[];
  sla: { policyId: string; calendarId: string; targets: SlaTarget[] };
};

const DEPARTMENTS = ['Technical Support', 'Billing', 'Sales', 'Accounts', 'Shipping'];
const DEPARTMENT_WEIGHTS = [0.35, 0.3, 0.15, 0.12, 0.08];
const ORGANISATIONS = ['Acme Corporation', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark Industries'];
const FIRST = [
  'Ada',
  'Ben',
  'Cleo',
  'Dan',
  'Eva',
  'Finn',
  'Gia',
  'Hugo',
  'Ines',
  'Jon',
  'Kai',
  'Lena',
  'Max',
];
const LAST = ['Smith', 'Jones', 'Garcia', 'Müller', 'Rossi', 'Dubois', 'Novak', 'Silva', 'Kim', 'Ahmed'];

/** Customers grow with the ticket count: about 50 tickets each, between 500 and 20,000 people. */
export const customerCount = (tickets: number) => Math.min(20_000, Math.max(500, Math.round(tickets / 50)));

export function makeWorld(opts: SeedOptions): World {
  const r = rng(opts.seed);
  const atMs = opts.now - 400 * 86_400_000;
  const at = new Date(atMs).toISOString();
  const newId = () => uuid7(atMs);
  const organisations: Row[] = ORGANISATIONS.map((name) => [newId(), name, sortKey(name), at, at]);
  const departmentIds = DEPARTMENTS.map(() => newId());
  const departments: Row[] = DEPARTMENTS.map((name, i) => [departmentIds[i]!, name, `${name} queue`, at]);
  const users: Row[] = [];
  const userDepartments: Row[] = [];
  const personName = () => `${pick(r, FIRST)} ${pick(r, LAST)}`;

  const customers: Person[] = [];
  for (let i = 0; i < customerCount(opts.tickets); i++) {
    const id = newId();
    // Most customers belong to an organisation, the big ones getting most; a fifth are on their own.
    const org =
      r() < 0.8
        ? (weighted(r, organisations, [30, 25, 15, 12, 10, 8])[0] as string)
        : (null as string | null);
    users.push([id, `customer${i}@bench.test`, personName(), 'customer', null, org, null, 1, at, at]);
    customers.push({ id, organisationId: org, departments: [] });
  }

  const agents: Person[] = [];
  const staffOf = new Map<string, Person[]>(departmentIds.map((d) => [d, []]));
  const addAgent = (email: string, depts: string[]) => {
    const id = newId();
    users.push([id, email, personName(), 'agent', null, null, null, 1, at, at]);
    const agent: Person = { id, organisationId: null, departments: depts };
    for (const d of depts) {
      userDepartments.push([id, d]);
      staffOf.get(d)!.push(agent);
    }
    agents.push(agent);
    return agent;
  };
  // Seven agents, each in two or three departments, so every department has staff.
  for (let i = 0; i < 7; i++) {
    const depts = [departmentIds[i % 5]!, departmentIds[(i + 1) % 5]!];
    if (i % 3 === 0) depts.push(departmentIds[(i + 2) % 5]!);
    addAgent(`agent${i}@bench.test`, depts);
  }
  const restrictedAgent = addAgent('restricted.agent@bench.test', [departmentIds[3]!, departmentIds[4]!]);
  const customer = customers.find((c) => c.organisationId !== null)!;

  // Service levels: weekday office hours in Berlin, and one policy for every ticket, in business
  // time. Warnings and breaches are announced at any hour, so the sweep's work does not depend on
  // the time of day the benchmark runs.
  const calendarId = newId();
  const office = [{ start: '09:00', end: '17:00' }];
  const hours = { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] };
  const calendars: Row[] = !opts.sla
    ? []
    : [[calendarId, 'Office hours', 'Europe/Berlin', JSON.stringify(hours), 0, at, at]];
  const policyId = newId();
  const targets = SLA_TARGETS.flatMap(([priority, ...minutes]) =>
    SLA_CLOCK_METRICS.map((metric, i) => ({ priority, metric, minutes: minutes[i]!, businessHours: true })),
  );
  const slaPolicies: Row[] = !opts.sla
    ? []
    : [
        [
          policyId,
          'Standard',
          0,
          1,
          '{}',
          calendarId,
          JSON.stringify(targets),
          JSON.stringify(DEFAULT_PAUSE_ON),
          JSON.stringify({ percent: 80 }),
          1,
          at,
          at,
        ],
      ];

  return {
    organisations,
    departments,
    users,
    userDepartments,
    departmentIds,
    departmentNames: DEPARTMENTS,
    departmentWeights: DEPARTMENT_WEIGHTS,
    customers,
    agents,
    restrictedAgent,
    customer,
    staffOf,
    calendars,
    slaPolicies,
    sla: { policyId, calendarId, targets },
  };
}

const SLA_CLOCK_METRICS = ['firstReply', 'nextReply', 'resolution'] as const;
/** Business minutes for first reply, next reply and resolution, by priority. */
const SLA_TARGETS: [SlaTarget['priority'], number, number, number][] = [
  ['low', 480, 960, 2400],
  ['normal', 240, 480, 1440],
  ['high', 60, 120, 480],
  ['urgent', 30, 60, 240],
];
const PRIORITY_NAMES = ['low', 'normal', 'high', 'urgent'] as const;
/** The share of tickets neither closed nor waiting on the customer that have running clocks. */
export const SLA_RUNNING_SHARE = 0.75;

/** search: SQLite's index entries, [rowid, text] (see searchRowid). */
export type Batch = { tickets: Row[]; messages: Row[]; events: Row[]; search: Row[]; clocks: Row[] };

const DAY = 86_400_000;
const STATUS_KEYS = classic.statuses.map((s) => s.key);
const CATEGORY = new Map<string, string>(classic.statuses.map((s) => [s.key, s.category]));
const byAge = (w: Record<string, number>) => STATUS_KEYS.map((k) => w[k] ?? 0);
// Where people leave tickets, by how long ago the last activity was: recent tickets are spread over
// the workflow, old ones mostly closed with a backlog left behind. The workflow's own timers are
// applied afterwards, so whatever they would have closed by now is closed.
const RECENT = byAge({ open: 22, answered: 25, customer_reply: 13, in_progress: 15, on_hold: 8, closed: 17 });
const MONTH = byAge({ open: 6, customer_reply: 4, in_progress: 5, on_hold: 10, closed: 75 });
const OLD = byAge({ open: 1.5, customer_reply: 0.5, in_progress: 1, on_hold: 3, closed: 94 });
const CHANNELS = ['portal', 'email', 'api', 'whatsapp'];
const CHANNEL_WEIGHTS = [55, 35, 5, 5];
const TYPES = [null, 'question', 'incident', 'problem', 'task'];
const TYPE_WEIGHTS = [70, 12, 10, 5, 3];

/** Fixed-length ISO 8601 durations (P7D, PT12H, P1DT6H), as the workflow's timers use them. */
function durationMs(text: string): number | null {
  const m = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text);
  if (!m) return null;
  const [, w, d, h, min, sec] = m;
  const ms =
    ((Number(w ?? 0) * 7 + Number(d ?? 0)) * 86_400 +
      Number(h ?? 0) * 3600 +
      Number(min ?? 0) * 60 +
      Number(sec ?? 0)) *
    1000;
  return ms > 0 ? ms : null;
}

function describe(ms: number): string {
  for (const [size, unit] of [
    [DAY, 'day'],
    [3_600_000, 'hour'],
    [60_000, 'minute'],
  ] as const) {
    if (ms % size === 0) return `${ms / size} ${unit}${ms === size ? '' : 's'}`;
  }
  return `${ms / 1000} seconds`;
}

type TimerSpec = { status: string; after: string; action: string; to?: string; since?: string };
const TIMERS = (classic.timers as TimerSpec[]).flatMap((t) => {
  const after = durationMs(t.after);
  return after === null ? [] : [{ ...t, afterMs: after }];
});

/**
 * The classic workflow's timers for a ticket in `status` (as the engine schedules them: `*` means
 * every status that is not closed): the earliest due moment, and the earliest due transition.
 */
function timersDue(status: string, statusChangedAt: number, lastActivityAt: number) {
  const closed = CATEGORY.get(status) === 'closed';
  let next: number | null = null;
  let move: { to: string; dueAt: number; afterMs: number } | null = null;
  for (const t of TIMERS) {
    if (t.status === '*' ? closed : t.status !== status) continue;
    const dueAt = (t.since === 'lastActivity' ? lastActivityAt : statusChangedAt) + t.afterMs;
    if (next === null || dueAt < next) next = dueAt;
    if (t.action === 'transition' && t.to && (move === null || dueAt < move.dueAt)) {
      move = { to: t.to, dueAt, afterMs: t.afterMs };
    }
  }
  return { next, move };
}

/** Counts, per vocabulary word, the tickets whose subject or messages contain it. */
export class WordStats {
  readonly tickets: Uint32Array;
  private readonly last: Int32Array;
  private current = -1;
  constructor(size: number) {
    this.tickets = new Uint32Array(size);
    this.last = new Int32Array(size).fill(-1);
  }
  startTicket(i: number) {
    this.current = i;
  }
  see = (rank: number) => {
    if (this.last[rank] !== this.current) {
      this.last[rank] = this.current;
      this.tickets[rank]!++;
    }
  };
}

/**
 * The tickets, numbered 1..N in creation order, created over the year before `now`, each with
 * 1..maxMessages messages (the first from the requester; later ones alternate staff replies, some
 * of them internal notes, and customer replies), a `created` event and, when the ticket has left
 * its initial status, a status change event (by a person, or by the workflow's timer).
 */
export function* ticketBatches(
  world: World,
  opts: SeedOptions,
  stats: WordStats,
  batchSize: number,
): Generator<Batch> {
  const r: Random = rng(opts.seed + 1);
  const words = vocabulary();
  const zipf = new ZipfSampler(words.length);
  const start = opts.now - 365 * DAY;
  const step = (365 * DAY) / opts.tickets;
  const say = (min: number, max: number) => text(r, words, zipf, randInt(r, min, max), stats.see);
  const initial = classic.initialStatus;

  // Service levels draw from a stream of their own: the rest of the data set stays as it was.
  const rs: Random = rng(opts.seed + 2);
  const minutesOf = new Map(world.sla.targets.map((t) => [`${t.priority}:${t.metric}`, t.minutes]));
  let batch: Batch = { tickets: [], messages: [], events: [], search: [], clocks: [] };
  for (let i = 0; i < opts.tickets; i++) {
    stats.startTicket(i);
    const created = Math.floor(start + (i + r()) * step);
    const id = uuid7(created);
    // Most conversations end within days; a few drag on for weeks.
    const span = Math.min(-Math.log(1 - r()) * 2 * DAY, 60 * DAY);
    let last = Math.min(created + span, opts.now - 1000);
    const age = opts.now - last;
    let status = weighted(r, STATUS_KEYS, age < 7 * DAY ? RECENT : age < 30 * DAY ? MONTH : OLD);
    const nMessages = randInt(r, 1, opts.maxMessages);
    if (nMessages === 1 && status === 'answered') status = initial;
    const departmentId = weighted(r, world.departmentIds, world.departmentWeights);
    const requester = pick(r, world.customers);
    const staff = world.staffOf.get(departmentId)!;
    const assigned = status === initial ? r() < 0.4 : r() < 0.9;
    const assignee = assigned ? pick(r, staff) : null;
    const channel = weighted(r, CHANNELS, CHANNEL_WEIGHTS);
    const subject = say(3, 8);

    // Messages: the first at creation, the last at the last activity, the others in between.
    let firstResponse: number | null = null;
    for (let m = 0; m < nMessages; m++) {
      const t = m === 0 ? created : m === nMessages - 1 ? last : created + ((last - created) * m) / nMessages;
      const fromStaff = m % 2 === 1;
      const internal = fromStaff && r() < 0.3;
      const author = fromStaff ? (assignee ?? pick(r, staff)).id : requester.id;
      if (fromStaff && !internal && firstResponse === null) firstResponse = t;
      const body = say(8, 40);
      batch.messages.push([
        uuid7(t),
        id,
        author,
        body,
        internal ? 1 : 0,
        fromStaff ? 'portal' : channel,
        iso(t),
      ]);
      batch.search.push([searchRowid(i + 1, internal ? 'i' : 'p', m + 1), body]);
    }

    // Someone moved the ticket at its last activity; then the workflow's timers did what was due.
    const events: Row[] = [
      [uuid7(created), id, requester.id, 'user', 'created', 'status', null, initial, 1, iso(created), null],
    ];
    let changed = created;
    if (status !== initial) {
      changed = last;
      const mover = (assignee ?? pick(r, staff)).id;
      events.push([uuid7(last), id, mover, 'user', 'changed', 'status', initial, status, 1, iso(last), null]);
    }
    for (let guard = 0; guard < 5; guard++) {
      const due = timersDue(status, changed, last).move;
      if (!due || due.dueAt > opts.now) break;
      const reason = `${describe(due.afterMs)} without activity`;
      events.push([
        uuid7(due.dueAt),
        id,
        null,
        'automation',
        'changed',
        'status',
        status,
        due.to,
        1,
        iso(due.dueAt),
        reason,
      ]);
      status = due.to;
      changed = due.dueAt;
      last = due.dueAt;
    }
    const category = CATEGORY.get(status) ?? 'open';
    const nextTimer = timersDue(status, changed, last).next;
    const closedAt = category === 'closed' ? iso(changed) : null;
    const priority = weighted(r, [1, 2, 3, 4], [20, 50, 22, 8]);
    const type = weighted(r, TYPES, TYPE_WEIGHTS);

    // Running clocks, for most tickets that are neither closed nor waiting on the customer (whose
    // clocks stand still): the reply clock (first reply, or next reply after a customer's message)
    // due somewhere from two days ago to five days ahead, resolution later. A clock past due has
    // had its breach announced, one past its warning point its warning, as the sweep leaves them.
    let slaDue = NO_DUE;
    if (opts.sla && category !== 'closed' && category !== 'pending' && rs() < SLA_RUNNING_SHARE) {
      const metrics: SlaMetric[] =
        firstResponse === null
          ? ['firstReply', 'resolution']
          : rs() < 0.5
            ? ['nextReply', 'resolution']
            : ['resolution'];
      const firstDue = Math.floor(opts.now - 2 * DAY + rs() * 7 * DAY);
      slaDue = iso(firstDue);
      for (const [k, metric] of metrics.entries()) {
        const minutes = minutesOf.get(`${PRIORITY_NAMES[priority - 1]}:${metric}`)!;
        const due = k === 0 ? firstDue : Math.floor(firstDue + rs() * 3 * DAY);
        const warn = due - Math.floor(minutes * 0.2 * 60_000);
        const breached = due <= opts.now;
        const warned = breached || warn <= opts.now;
        batch.clocks.push([
          uuid7(last),
          id,
          metric,
          metric === 'nextReply' ? 1 : 0,
          world.sla.policyId,
          world.sla.calendarId,
          1,
          minutes,
          iso(metric === 'nextReply' ? last : created),
          null,
          null,
          '[]',
          iso(due),
          iso(warn),
          0,
          breached ? 1 : 0,
          breached ? null : iso(warned ? due : warn),
          warned ? iso(warn) : null,
          breached ? iso(due) : null,
          iso(last),
        ]);
      }
    }
    batch.tickets.push([
      id,
      i + 1,
      subject,
      departmentId,
      priority,
      type,
      '{}',
      null,
      requester.id,
      requester.organisationId,
      assignee?.id ?? null,
      channel,
      status,
      category,
      iso(created),
      iso(last),
      iso(last),
      firstResponse === null ? null : iso(firstResponse),
      iso(changed),
      closedAt,
      closedAt,
      nextTimer === null ? null : iso(nextTimer),
      slaDue,
    ]);
    batch.search.push([searchRowid(i + 1, 's', 0), subject]);
    for (const e of events) batch.events.push(e);

    if (batch.tickets.length >= batchSize) {
      yield batch;
      batch = { tickets: [], messages: [], events: [], search: [], clocks: [] };
    }
  }
  if (batch.tickets.length > 0) yield batch;
}

/** The search words: one matching about 1% of tickets, one matching about one ticket in 10,000. */
export function pickSearchWords(stats: WordStats, tickets: number) {
  const words = vocabulary();
  const closest = (target: number) => {
    let best = 0;
    for (let i = 1; i < stats.tickets.length; i++) {
      if (Math.abs(stats.tickets[i]! - target) < Math.abs(stats.tickets[best]! - target)) best = i;
    }
    return { word: words[best]!, tickets: stats.tickets[best]! };
  };
  return { medium: closest(tickets / 100), rare: closest(Math.max(3, tickets / 10_000)) };
}
