import { z } from 'zod';
import { pageQuery } from './api.js';

// Notification preferences: per event and per channel, on unless turned off.

export const NOTIFICATION_CHANNELS = ['email', 'telegram', 'whatsapp', 'in_app'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

const STAFF = ['email'] as const;
// The bell in the staff header: what concerns a staff member personally, always set up.
const STAFF_IN_APP = ['email', 'in_app'] as const;
// WhatsApp reaches a customer on the tickets they opened or answered there; Telegram carries the two
// notices of seed 000.
const CUSTOMER = ['email', 'whatsapp'] as const;
const CUSTOMER_TELEGRAM = ['email', 'telegram', 'whatsapp'] as const;

/** The events a person can turn on or off, with who they are for and the channels that carry them. */
export const PREFERENCE_EVENTS = {
  'ticket.created': { label: 'New ticket in my departments', for: 'staff', channels: STAFF },
  'ticket.customer_reply': { label: 'Customer reply', for: 'staff', channels: STAFF_IN_APP },
  'ticket.assigned': { label: 'Ticket assigned to me', for: 'staff', channels: STAFF_IN_APP },
  'ticket.urgent': { label: 'Urgent ticket', for: 'staff', channels: STAFF_IN_APP },
  'ticket.mentioned': { label: 'Mentioned in a note', for: 'staff', channels: STAFF_IN_APP },
  'ticket.sla_warning': { label: 'Service-level target close', for: 'staff', channels: STAFF_IN_APP },
  'ticket.sla_breach': { label: 'Service-level target missed', for: 'staff', channels: STAFF_IN_APP },
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

// In-app notifications: the bell in the staff header.

/** What a bell entry is about; the event names are the notices' (a reopening reads as a reply). */
export const inAppNotificationSchema = z.object({
  id: z.string(),
  event: z.string(),
  ticket: z.object({ number: z.number(), subject: z.string() }),
  actor: z.object({ id: z.string(), name: z.string() }).nullable(),
  messageId: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type InAppNotification = z.infer<typeof inAppNotificationSchema>;

export const inAppListQuery = pageQuery.extend({
  unread: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export const unreadCountSchema = z.object({ unread: z.number() });

/**
 * A staff member as `@handle` in a note: the part of their email before the @, lower-cased, or the
 * whole email where another staff member's address starts the same.
 */
export const mentionableSchema = z.object({ id: z.string(), name: z.string(), handle: z.string() });
export type Mentionable = z.infer<typeof mentionableSchema>;
export const mentionableQuery = z.strictObject({ q: z.string().max(100).trim().optional() });
