// The account the Zendesk stand-in serves: Acme's helpdesk with a few organisations, two groups,
// agents and end-users, custom ticket fields, one custom status and eight tickets (one archived,
// one deleted, one merged), in the JSON shapes of Zendesk's API reference.

export const ZD = { email: 'admin@acme.test', token: 'zd-token-0123456789abcdef' };

export const organizations = [
  {
    id: 101,
    name: 'Northwind Traders',
    domain_names: ['northwind.example'],
    created_at: '2022-03-01T09:00:00Z',
    updated_at: '2023-05-01T09:00:00Z',
  },
  {
    id: 102,
    name: 'Contoso Ltd',
    domain_names: ['contoso.example', 'contoso-mail.example'],
    created_at: '2022-04-01T09:00:00Z',
    updated_at: '2023-06-01T09:00:00Z',
  },
  {
    id: 103,
    name: 'Fabrikam',
    domain_names: [],
    created_at: '2022-05-01T09:00:00Z',
    updated_at: '2022-05-01T09:00:00Z',
  },
];

export const groups = [
  {
    id: 201,
    name: 'Support',
    description: 'First line',
    default: true,
    deleted: false,
    is_public: true,
    created_at: '2022-01-01T09:00:00Z',
    updated_at: '2022-01-01T09:00:00Z',
  },
  {
    id: 202,
    name: 'Billing',
    description: '',
    default: false,
    deleted: false,
    is_public: true,
    created_at: '2022-01-02T09:00:00Z',
    updated_at: '2022-01-02T09:00:00Z',
  },
];

export const groupMemberships = [
  { id: 1, user_id: 301, group_id: 201, default: true },
  { id: 2, user_id: 302, group_id: 202, default: false },
  { id: 3, user_id: 302, group_id: 201, default: true },
  { id: 4, user_id: 303, group_id: 202, default: true },
];

type Seed = {
  id: number;
  name: string;
  email: string | null;
  role: 'admin' | 'agent' | 'end-user';
  organization_id?: number | null;
  phone?: string | null;
  active?: boolean;
  suspended?: boolean;
  updated_at: string;
};
const userSeeds: Seed[] = [
  { id: 301, name: 'Ada Admin', email: ZD.email, role: 'admin', updated_at: '2022-01-01T10:00:00Z' },
  { id: 302, name: 'Bob Agent', email: 'bob@acme.test', role: 'agent', updated_at: '2022-01-02T10:00:00Z' },
  {
    id: 303,
    name: 'Cleo Agent',
    email: 'cleo@acme.test',
    role: 'agent',
    suspended: true,
    updated_at: '2022-01-03T10:00:00Z',
  },
  {
    id: 401,
    name: 'Dora Customer',
    email: 'dora@northwind.example',
    role: 'end-user',
    organization_id: 101,
    updated_at: '2022-02-01T10:00:00Z',
  },
  {
    id: 402,
    name: 'Eli Customer',
    email: 'eli@contoso.example',
    role: 'end-user',
    organization_id: 102,
    phone: '+15550100',
    updated_at: '2022-02-02T10:00:00Z',
  },
  {
    id: 403,
    name: 'Fay Caller',
    email: null,
    role: 'end-user',
    phone: '+15550199',
    updated_at: '2022-02-03T10:00:00Z',
  },
  {
    id: 404,
    name: 'Gus Gone',
    email: 'gus@example.org',
    role: 'end-user',
    active: false,
    updated_at: '2022-02-04T10:00:00Z',
  },
];
export const users = userSeeds.map((u) => ({
  id: u.id,
  url: `https://acme.zendesk.com/api/v2/users/${u.id}.json`,
  name: u.name,
  email: u.email,
  phone: u.phone ?? null,
  role: u.role,
  role_type: u.role === 'end-user' ? null : 0,
  organization_id: u.organization_id ?? null,
  active: u.active ?? true,
  suspended: u.suspended ?? false,
  verified: true,
  locale: 'en-US',
  time_zone: 'Europe/London',
  tags: [],
  user_fields: {},
  created_at: '2022-01-01T08:00:00Z',
  updated_at: u.updated_at,
}));

export const identities = [
  { id: 9001, user_id: 401, type: 'email', value: 'dora@northwind.example', primary: true, verified: true },
  {
    id: 9002,
    user_id: 401,
    type: 'email',
    value: 'dora.private@mail.example',
    primary: false,
    verified: true,
  },
  { id: 9003, user_id: 402, type: 'phone_number', value: '+15550100', primary: true, verified: true },
];

export const customStatuses = [
  {
    id: 901,
    status_category: 'open',
    agent_label: 'Open',
    end_user_label: 'In progress',
    active: true,
    default: true,
  },
  {
    id: 902,
    status_category: 'hold',
    agent_label: 'Waiting for parts',
    end_user_label: 'In progress',
    active: true,
    default: false,
  },
];

const system = (id: number, type: string, title: string) => ({
  id,
  type,
  title,
  raw_title: title,
  active: true,
  required: false,
});
const options = (pairs: [string, string][]) =>
  pairs.map(([name, value], i) => ({ id: 6000 + i, name, raw_name: name, value, default: false }));
export const ticketFields = [
  system(1, 'subject', 'Subject'),
  system(2, 'description', 'Description'),
  system(3, 'status', 'Status'),
  system(4, 'tickettype', 'Type'),
  system(5, 'priority', 'Priority'),
  system(6, 'group', 'Group'),
  system(7, 'assignee', 'Assignee'),
  system(8, 'custom_status', 'Ticket status'),
  {
    ...system(501, 'tagger', 'Product line'),
    custom_field_options: options([
      ['Printers', 'printers'],
      ['Scanners', 'scanners'],
    ]),
  },
  system(502, 'text', 'Serial number'),
  system(503, 'checkbox', 'Under warranty'),
  system(504, 'date', 'Purchase date'),
  {
    ...system(505, 'multiselect', 'Affected parts'),
    custom_field_options: options([
      ['Tray', 'tray'],
      ['Roller', 'roller'],
      ['Fuser', 'fuser'],
    ]),
  },
  system(506, 'textarea', 'Steps to reproduce'),
  system(507, 'integer', '2nd-line units'),
];

export type TicketSeed = {
  id: number;
  subject: string | null;
  description: string;
  type: string | null;
  status: string;
  custom_status_id?: number;
  priority: string | null;
  requester_id: number;
  assignee_id?: number | null;
  organization_id?: number | null;
  group_id?: number | null;
  tags?: string[];
  custom_fields?: { id: number; value: unknown }[];
  satisfaction_rating?: { id?: number; score: string; comment?: string | null } | null;
  channel: string;
  /** Closed more than 120 days ago: only the incremental export still lists it. */
  archived?: boolean;
  created_at: string;
  updated_at: string;
};

export type CommentSeed = {
  id: number;
  ticket_id: number;
  author_id: number;
  body: string;
  public: boolean;
  channel?: string;
  rel?: string;
  attachment?: { id: number; file_name: string; content_type: string; data: Buffer };
  created_at: string;
};

// The ticket's own columns; custom fields are listed whole, as Zendesk does, null when empty.
const fieldsOf = (values: Record<number, unknown>) =>
  [501, 502, 503, 504, 505, 506, 507].map((id) => ({ id, value: values[id] ?? null }));

export const ticketSeeds: TicketSeed[] = [
  {
    id: 1,
    subject: 'Invoice copy',
    description: 'Please send a copy of invoice 2022-118.',
    type: 'question',
    status: 'closed',
    priority: 'low',
    requester_id: 401,
    assignee_id: 302,
    organization_id: 101,
    group_id: 202,
    channel: 'email',
    archived: true,
    created_at: '2023-01-05T09:00:00Z',
    updated_at: '2023-01-20T09:00:00Z',
  },
  {
    id: 2,
    subject: 'Printer jams on every page',
    description: 'The printer jams.',
    type: 'incident',
    status: 'open',
    custom_status_id: 901,
    priority: 'high',
    requester_id: 401,
    assignee_id: 302,
    organization_id: 101,
    group_id: 201,
    tags: ['printer', 'jam'],
    custom_fields: fieldsOf({
      501: 'printers',
      502: 'SN-1',
      503: true,
      504: '2023-12-01',
      505: ['tray', 'roller'],
      507: 3,
    }),
    channel: 'web',
    created_at: '2024-03-01T09:00:00Z',
    updated_at: '2024-03-10T09:00:00Z',
  },
  {
    id: 3,
    subject: 'Scanner fuser broken',
    description: 'Broken fuser.',
    type: 'problem',
    status: 'hold',
    custom_status_id: 902,
    priority: 'urgent',
    requester_id: 402,
    assignee_id: 303,
    organization_id: 102,
    group_id: 202,
    channel: 'voice',
    created_at: '2024-03-02T09:00:00Z',
    updated_at: '2024-03-11T09:00:00Z',
  },
  {
    id: 4,
    subject: null,
    description: '\nCannot log in\nsince the update',
    type: null,
    status: 'solved',
    priority: null,
    requester_id: 402,
    assignee_id: 302,
    organization_id: 102,
    group_id: 201,
    satisfaction_rating: { id: 7701, score: 'good', comment: 'Quick fix, thanks' },
    channel: 'api',
    created_at: '2024-03-03T09:00:00Z',
    updated_at: '2024-03-12T09:00:00Z',
  },
  {
    id: 5,
    subject: 'Printer jam',
    description: 'Jam again.',
    type: 'incident',
    status: 'closed',
    priority: 'normal',
    requester_id: 401,
    assignee_id: 302,
    organization_id: 101,
    group_id: 201,
    tags: ['closed_by_merge'],
    channel: 'email',
    created_at: '2024-03-04T09:00:00Z',
    updated_at: '2024-03-13T09:00:00Z',
  },
  {
    id: 6,
    subject: 'Paper jam again',
    description: 'Paper is stuck.',
    type: 'incident',
    status: 'new',
    priority: 'normal',
    requester_id: 401,
    organization_id: 101,
    group_id: 201,
    satisfaction_rating: { score: 'offered', comment: null },
    channel: 'email',
    created_at: '2024-03-05T09:00:00Z',
    updated_at: '2024-03-14T09:00:00Z',
  },
  {
    id: 7,
    subject: 'Spam',
    description: 'Buy now',
    type: null,
    status: 'deleted',
    priority: 'normal',
    requester_id: 404,
    channel: 'email',
    created_at: '2024-03-06T09:00:00Z',
    updated_at: '2024-03-15T09:00:00Z',
  },
  {
    id: 8,
    subject: 'Where is my order?',
    description: 'Order 77 has not arrived.',
    type: 'question',
    status: 'open',
    priority: 'normal',
    requester_id: 403,
    group_id: 201,
    satisfaction_rating: { id: 7702, score: 'bad', comment: 'Too slow' },
    channel: 'whatsapp',
    created_at: '2024-03-07T09:00:00Z',
    updated_at: '2024-03-16T09:00:00Z',
  },
];

export const MANUAL_PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n'),
  Buffer.alloc(2048, 7),
  Buffer.from('\n%%EOF\n'),
]);

export const commentSeeds: CommentSeed[] = [
  {
    id: 10001,
    ticket_id: 1,
    author_id: 401,
    body: 'Please send a copy of invoice 2022-118.',
    public: true,
    channel: 'email',
    created_at: '2023-01-05T09:00:00Z',
  },
  {
    id: 10002,
    ticket_id: 1,
    author_id: 302,
    body: 'Attached to this reply.',
    public: true,
    created_at: '2023-01-06T09:00:00Z',
  },
  {
    id: 20001,
    ticket_id: 2,
    author_id: 401,
    body: 'The printer jams. Manual attached.',
    public: true,
    attachment: { id: 7001, file_name: 'manual.pdf', content_type: 'application/pdf', data: MANUAL_PDF },
    created_at: '2024-03-01T09:00:00Z',
  },
  {
    id: 20002,
    ticket_id: 2,
    author_id: 302,
    body: 'Known issue with the tray; ask the vendor.',
    public: false,
    created_at: '2024-03-02T09:00:00Z',
  },
  {
    id: 20003,
    ticket_id: 2,
    author_id: 302,
    body: 'We are looking into it.',
    public: true,
    created_at: '2024-03-03T09:00:00Z',
  },
  {
    id: 30001,
    ticket_id: 3,
    author_id: 402,
    body: 'Broken fuser.',
    public: true,
    channel: 'voice',
    created_at: '2024-03-02T09:00:00Z',
  },
  {
    id: 40001,
    ticket_id: 4,
    author_id: 402,
    body: 'Cannot log in since the update',
    public: true,
    channel: 'api',
    created_at: '2024-03-03T09:00:00Z',
  },
  {
    id: 50001,
    ticket_id: 5,
    author_id: 401,
    body: 'Jam again.',
    public: true,
    channel: 'email',
    created_at: '2024-03-04T09:00:00Z',
  },
  {
    id: 50002,
    ticket_id: 5,
    author_id: 302,
    body: 'This request was closed and merged into request #6 "Paper jam again".',
    public: false,
    rel: 'merge',
    created_at: '2024-03-13T09:00:00Z',
  },
  {
    id: 60001,
    ticket_id: 6,
    author_id: 401,
    body: 'Paper is stuck.',
    public: true,
    channel: 'email',
    created_at: '2024-03-05T09:00:00Z',
  },
  {
    id: 60002,
    ticket_id: 6,
    author_id: 302,
    body: 'Request #5 "Printer jam" was closed and merged into this request.',
    public: false,
    rel: 'merge',
    created_at: '2024-03-13T09:00:00Z',
  },
  {
    id: 70001,
    ticket_id: 7,
    author_id: 404,
    body: 'Buy now',
    public: true,
    created_at: '2024-03-06T09:00:00Z',
  },
  {
    id: 80001,
    ticket_id: 8,
    author_id: 403,
    body: 'Order 77 has not arrived.',
    public: true,
    channel: 'whatsapp',
    created_at: '2024-03-07T09:00:00Z',
  },
];
