import { z } from 'zod';
import { pageQuery } from './api.js';

// Notification preferences: per event and per channel, on unless turned off.

export const NOTIFICATION_CHANNELS = ['email', 'telegram', 'whatsapp'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

const STAFF = ['email'] as const;
// WhatsApp reaches a customer on the tickets they opened or answered there; Telegram carries the two
// notices of seed 000.
const CUSTOMER = ['email', 'whatsapp'] as const;
const CUSTOMER_TELEGRAM = ['email', 'telegram', 'whatsapp'] as const;

/** The events a person can turn on or off, with who they are for and the channels that carry them. */
export const PREFERENCE_EVENTS = {
  'ticket.created': { label: 'New ticket in my departments', for: 'staff', channels: STAFF },
  'ticket.customer_reply': { label: 'Customer reply', for: 'staff', channels: STAFF },
  'ticket.assigned': { label: 'Ticket assigned to me', for: 'staff', channels: STAFF },
  'ticket.urgent': { label: 'Urgent ticket', for: 'staff', channels: STAFF },
  'ticket.staff_reply': { label: 'Staff reply', for: 'customer', channels: CUSTOMER_TELEGRAM },
  'ticket.waiting_on_customer': { label: 'Waiting on you', for: 'customer', channels: CUSTOMER },
  'ticket.reminder': { label: 'Reminder', for: 'customer', channels: CUSTOMER },
  'ticket.resolved': { label: 'Ticket resolved or closed', for: 'customer', channels: CUSTOMER_TELEGRAM },
  'ticket.survey': { label: 'Satisfaction survey', for: 'customer', channels: CUSTOMER },
} as const satisfies Record<
  string,
  { label: string; for: 'staff' | 'customer'; channels: readonly NotificationChannel[] }
>;
export type PreferenceEvent = keyof typeof PREFERENCE_EVENTS;
export const PREFERENCE_EVENT_KEYS = Object.keys(PREFERENCE_EVENTS) as PreferenceEvent[];

/** Whether `channel` carries `event` at all. */
export const carries = (event: PreferenceEvent, channel: NotificationChannel): boolean =>
  (PREFERENCE_EVENTS[event].channels as readonly NotificationChannel[]).includes(channel);

export const preferencesPutBody = z
  .strictObject(
    Object.fromEntries(
      PREFERENCE_EVENT_KEYS.map((e) => [
        e,
        z
          .strictObject(
            Object.fromEntries(PREFERENCE_EVENTS[e].channels.map((c) => [c, z.boolean().optional()])),
          )
          .optional(),
      ]),
    ),
  )
  .refine((b) => Object.keys(b).length > 0, 'give at least one event');

export const preferencesResponse = z.record(z.string(), z.record(z.string(), z.boolean()));

// The outbox, as admins review it.
export const OUTBOX_STATES = ['pending', 'done', 'failed'] as const;
export const outboxJobSchema = z.object({
  id: z.string(),
  topic: z.string(),
  payload: z.record(z.string(), z.unknown()),
  state: z.enum(OUTBOX_STATES),
  attempts: z.number(),
  runAt: z.string(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  doneAt: z.string().nullable(),
});
export const outboxListQuery = pageQuery.extend({
  state: z.enum(OUTBOX_STATES).optional(),
  topic: z.string().max(100).optional(),
});
