import { z } from 'zod';
import { CHANNELS, PRIORITIES } from '../../common/api.js';
import {
  type CustomerKey,
  DEPARTMENTS,
  type DemoTicket,
  days,
  hours,
  minutes,
  ORGANISATIONS,
  STAFF,
  STATUS_INTENTS,
  type StaffKey,
  text,
} from './cast.js';
import bluefin from './tickets/bluefin.json' with { type: 'json' };
import halden from './tickets/halden.json' with { type: 'json' };
import haldenDesk from './tickets/halden-desk.json' with { type: 'json' };
import kestrel from './tickets/kestrel.json' with { type: 'json' };

// The scripted tickets are data, one file per organisation in tickets/: a conversation is read,
// not written out as calls. This reads them into `DemoTicket`s and refuses a file that names
// someone or something the demo does not have.

const UNITS = { m: minutes, h: hours, d: days } as const;

/** "20m", "2.5h", "9d": a span of time, as the cast's `minutes`, `hours` or `days` give it. */
const duration = z
  .string()
  .regex(/^\d+(\.\d+)?[mhd]$/, 'a number and m, h or d')
  .transform((s) => UNITS[s.slice(-1) as keyof typeof UNITS](Number(s.slice(0, -1))));

/** A message: one paragraph, or a list of paragraphs. */
const paragraphs = z
  .union([z.string(), z.array(z.string())])
  .transform((p) => (Array.isArray(p) ? text(...p) : p));

const staff = z.enum(Object.keys(STAFF) as [StaffKey, ...StaffKey[]]);
const customer = z.enum(
  ORGANISATIONS.flatMap((o) => o.customers.map((c) => c.key)) as [CustomerKey, ...CustomerKey[]],
);
const department = z.enum(DEPARTMENTS.map((d) => d.name));

const step = z.union([
  z.strictObject({
    after: duration,
    by: z.union([staff, customer]),
    reply: paragraphs,
    via: z.enum(CHANNELS).optional(),
  }),
  z.strictObject({ after: duration, by: staff, note: paragraphs }),
  z.strictObject({ after: duration, by: staff, canned: z.string() }),
  z.strictObject({
    after: duration,
    by: staff,
    set: z.strictObject({
      status: z.enum(STATUS_INTENTS).optional(),
      assignee: staff.optional(),
      department: department.optional(),
      priority: z.enum(PRIORITIES).optional(),
    }),
  }),
]);

const ticket = z.strictObject({
  requester: customer,
  loggedBy: staff.optional(),
  ago: duration,
  department,
  priority: z.enum(PRIORITIES),
  channel: z.enum(CHANNELS).optional(),
  subject: z.string(),
  description: paragraphs,
  type: z.string().optional(),
  fields: z.record(z.string(), z.string()).optional(),
  steps: z.array(step),
});

const ticketFile = z.strictObject({ about: z.string(), tickets: z.array(ticket) });

const read = (file: unknown): DemoTicket[] => ticketFile.parse(file).tickets;

/** Every scripted ticket, organisation by organisation. */
export const DEMO_TICKETS: DemoTicket[] = [haldenDesk, halden, kestrel, bluefin].flatMap(read);
