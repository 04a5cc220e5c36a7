import { z } from 'zod';

// Notification preferences: per event and per channel, on unless turned off.

export const NOTIFICATION_CHANNELS = ['email'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** The events a person can turn on or off, with who they are for. */
export const PREFERENCE_EVENTS = {
  'ticket.created': { label: 'New ticket in my departments', for: 'staff' },
  'ticket.customer_reply': { label: 'Customer reply', for: 'staff' },
  'ticket.assigned': { label: 'Ticket assigned to me', for: 'staff' },
  'ticket.urgent': { label: 'Urgent ticket', for: 'staff' },
  'ticket.staff_reply': { label: 'Staff reply', for: 'customer' },
  'ticket.waiting_on_customer': { label: 'Waiting on you', for: 'customer' },
  'ticket.reminder': { label: 'Reminder', for: 'customer' },
  'ticket.resolved': { label: 'Ticket resolved or closed', for: 'customer' },
  'ticket.survey': { label: 'Satisfaction survey', for: 'customer' },
} as const;
export type PreferenceEvent = keyof typeof PREFERENCE_EVENTS;
export const PREFERENCE_EVENT_KEYS = Object.keys(PREFERENCE_EVENTS) as PreferenceEvent[];

const channels = z.strictObject(
  Object.fromEntries(NOTIFICATION_CHANNELS.map((c) => [c, z.boolean().optional()])),
);

export const preferencesPutBody = z
  .strictObject(Object.fromEntries(PREFERENCE_EVENT_KEYS.map((e) => [e, channels.optional()])))
  .refine((b) => Object.keys(b).length > 0, 'give at least one event');

export const preferencesResponse = z.record(z.string(), z.record(z.string(), z.boolean()));
