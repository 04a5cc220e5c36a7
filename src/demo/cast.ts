import type { Channel, Priority } from '../../common/api.js';

// Who is in the demo, and the shape of a scripted ticket. The tickets themselves are data in
// tickets/*.json, one file per organisation, read by tickets.ts.

/** Every demo account has this password; the summary and README.md print it. */
export const DEMO_PASSWORD = 'tessera-demo';

/** The categories of seed 000, as departments. */
export const DEPARTMENTS = [
  { name: 'Billing', description: 'Payments, balance, top-ups, invoices.' },
  { name: 'Technical', description: 'Platform bugs, errors, or unexpected behaviour.' },
  { name: 'Account', description: 'Login, authentication, profile, or organisation issues.' },
  { name: 'Bot', description: 'Bot deployment, configuration, or trading issues.' },
  { name: 'Other', description: "Anything that doesn't fit the other categories." },
] as const;

export type DepartmentName = (typeof DEPARTMENTS)[number]['name'];

export type StaffKey = 'maya' | 'omar' | 'jonas';

/** The lead is an administrator who also works in every department; the others are agents. */
export const STAFF: Record<
  StaffKey,
  { email: string; name: string; role: 'admin' | 'agent'; departments: readonly DepartmentName[] }
> = {
  maya: {
    email: 'maya@helpdesk.example',
    name: 'Maya Lindqvist',
    role: 'admin',
    departments: DEPARTMENTS.map((d) => d.name),
  },
  omar: { email: 'omar@helpdesk.example', name: 'Omar Haddad', role: 'agent', departments: ['Billing'] },
  jonas: {
    email: 'jonas@helpdesk.example',
    name: 'Jonas Becker',
    role: 'agent',
    departments: ['Technical', 'Bot'],
  },
};

export type CustomerKey = 'priya' | 'tomasz' | 'lea' | 'daniel' | 'sofia' | 'aiko' | 'marcus' | 'hannah';
export type PersonKey = StaffKey | CustomerKey;

type Customer = { key: CustomerKey; email: string; name: string; phone?: string };

/** Organisations with the days ago they became customers. */
export const ORGANISATIONS: { name: string; joinedDaysAgo: number; customers: Customer[] }[] = [
  {
    name: 'Halden Capital',
    joinedDaysAgo: 58,
    customers: [
      {
        key: 'priya',
        email: 'priya.raman@haldencapital.example',
        name: 'Priya Raman',
        phone: '+44 20 7946 0958',
      },
      { key: 'tomasz', email: 'tomasz.nowak@haldencapital.example', name: 'Tomasz Nowak' },
      { key: 'lea', email: 'lea.fischer@haldencapital.example', name: 'Lea Fischer' },
    ],
  },
  {
    name: 'Kestrel Family Office',
    joinedDaysAgo: 44,
    customers: [
      { key: 'daniel', email: 'daniel.okafor@kestrel-fo.example', name: 'Daniel Okafor' },
      { key: 'sofia', email: 'sofia.marin@kestrel-fo.example', name: 'Sofia Marín' },
    ],
  },
  {
    name: 'Bluefin Digital Assets',
    joinedDaysAgo: 37,
    customers: [
      { key: 'aiko', email: 'aiko.tanaka@bluefin.example', name: 'Aiko Tanaka' },
      { key: 'marcus', email: 'marcus.bell@bluefin.example', name: 'Marcus Bell', phone: '+44 20 7946 0321' },
      { key: 'hannah', email: 'hannah.weiss@bluefin.example', name: 'Hannah Weiss' },
    ],
  },
];

/**
 * What a staff member does to a ticket's status, in words every workflow understands; the runner
 * maps it to a status of the installation's workflow (or skips it where the workflow has none).
 */
export const STATUS_INTENTS = ['working', 'on_hold', 'resolved'] as const;
export type StatusIntent = (typeof STATUS_INTENTS)[number];

export type TicketChange = {
  status?: StatusIntent;
  assignee?: StaffKey;
  department?: DepartmentName;
  priority?: Priority;
};

/** One thing that happens on a ticket, `after` milliseconds after the previous one. */
export type Step = { after: number } & (
  | { by: PersonKey; reply: string; via?: Channel }
  | { by: StaffKey; note: string }
  /** A staff reply made from a canned response (by its title), filled in for the ticket. */
  | { by: StaffKey; canned: string }
  | { by: StaffKey; set: TicketChange }
);

export type DemoTicket = {
  requester: CustomerKey;
  /** A staff member who opened the ticket on the customer's behalf (a phone call). */
  loggedBy?: StaffKey;
  /** How long before the demo is loaded the ticket was opened, in milliseconds. */
  ago: number;
  department: DepartmentName;
  priority: Priority;
  channel?: Channel;
  subject: string;
  description: string;
  /** A ticket type and custom fields of the guided intake. */
  type?: string;
  fields?: Record<string, string>;
  steps: Step[];
};

export const minutes = (n: number) => Math.round(n * 60_000);
export const hours = (n: number) => minutes(n * 60);
export const days = (n: number) => hours(n * 24);

/** Paragraphs of a message. */
export const text = (...paragraphs: string[]) => paragraphs.join('\n\n');
