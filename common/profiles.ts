import { z } from 'zod';
import { fields, organisationSchema, userSchema } from './api.js';
import { localeTag, timeZoneName } from './i18n.js';
import { subscriptionSchema } from './subscriptions.js';
import { say, VALIDATION } from './validation-messages.js';

// Customer and organisation profiles: who someone is, what staff noted about them, and the
// merge of two records of one person.

const id = z.string().min(1).max(64);
const author = z.object({ id: z.string(), name: z.string() }).nullable();

export const customerNoteSchema = z.object({
  id: z.string(),
  body: z.string(),
  author,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Whether the caller may edit or delete it: its author, or an administrator. */
  canChange: z.boolean(),
});
export type CustomerNote = z.infer<typeof customerNoteSchema>;

export const customerProfileSchema = z.object({
  customer: userSchema,
  organisation: organisationSchema.nullable(),
  /** Further addresses and numbers of the person (those of records merged into this one). */
  otherEmails: z.array(z.string()),
  otherPhones: z.array(z.string()),
  /** Set when this record was merged into another: the one to look at instead. */
  mergedInto: z.object({ id: z.string(), name: z.string() }).nullable(),
  notes: z.array(customerNoteSchema),
  subscriptions: z.array(subscriptionSchema),
  abilities: z.object({
    editContact: z.boolean(),
    editEmail: z.boolean(),
    addNote: z.boolean(),
    merge: z.boolean(),
    export: z.boolean(),
  }),
});
export type CustomerProfile = z.infer<typeof customerProfileSchema>;

/** What staff change about a customer's contact details; at least one field. */
export const contactPatch = z
  .strictObject({
    name: fields.name.optional(),
    email: fields.email.optional(),
    phone: fields.phone.nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: say(VALIDATION.someChange), path: ['name'] });

/** What a customer changes about themselves in the portal. */
export const myProfilePatch = z
  .strictObject({
    name: fields.name.optional(),
    phone: fields.phone.nullable().optional(),
    /** A language the installation speaks; null goes back to the installation's default. */
    locale: localeTag.nullable().optional(),
    timeZone: timeZoneName.nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: say(VALIDATION.someChange), path: ['name'] });

export const customerNoteBody = z.strictObject({ body: z.string().trim().min(1).max(10_000) });
export const customerNoteParams = z.strictObject({ id, noteId: id });

/**
 * Merges the record `sourceId` into the one in the path: the source's addresses, numbers, tickets,
 * messages, subscriptions and notes move to it and the source is deactivated. Two records of
 * different organisations merge only when `allowOtherOrganisation` says so, because the source's
 * tickets then move into the survivor's organisation (and its people see them).
 */
export const mergeCustomerBody = z.strictObject({
  sourceId: id,
  allowOtherOrganisation: z.boolean().default(false),
});
export const mergeResultSchema = z.object({
  survivor: userSchema,
  moved: z.object({
    tickets: z.number(),
    messages: z.number(),
    subscriptions: z.number(),
    notes: z.number(),
  }),
});

export const organisationProfileSchema = z.object({
  organisation: organisationSchema,
  /** Its customers, by name (the first 200). */
  customers: z.array(userSchema),
  customerCount: z.number(),
  subscriptions: z.array(subscriptionSchema),
  abilities: z.object({ edit: z.boolean(), export: z.boolean() }),
});
export type OrganisationProfile = z.infer<typeof organisationProfileSchema>;
