import type { z } from 'zod';
import type {
  CustomerProfile,
  contactPatch,
  myProfilePatch,
  OrganisationProfile,
} from '../../../common/profiles.js';
import { type ActorCtx, nowIso } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { notFound, refusal } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import { authorize, can } from '../../policies/policy.js';
import { audit, byActor } from '../audit/audit.service.js';
import { checkAvailableLocale } from '../languages/reader.js';
import { findOrganisation } from '../organisations/organisations.repository.js';
import { presentOrganisation } from '../organisations/organisations.service.js';
import { ORGANISATION_REFUSALS } from '../organisations/refusals.js';
import { listSubscriptions, subscriptionsOf } from '../subscriptions/subscriptions.service.js';
import { USER_REFUSALS } from '../users/refusals.js';
import { findUserByEmail, findUserById, type UserRow, updateUserRow } from '../users/users.repository.js';
import { getUser, presentUser } from '../users/users.service.js';
import { findCustomer, presentNote } from './customer.js';
import { contactsOf, customersOf, deleteContact, mergedInto, notesOf } from './profiles.repository.js';

const SAID = defineMessages({
  emailTaken: { id: 'error.profiles.email_taken', defaultMessage: 'Another person has this email address' },
});

export async function getCustomerProfile(ctx: ActorCtx, id: string): Promise<CustomerProfile> {
  const row = await findCustomer(ctx, ctx.db, id);
  const [customer, contacts, notes, merged, subscriptions, org] = await Promise.all([
    getUser(ctx, id),
    contactsOf(ctx.db, id),
    notesOf(ctx.db, id),
    mergedInto(ctx.db, id),
    subscriptionsOf(ctx, id),
    row.organisation_id ? findOrganisation(ctx.db, row.organisation_id) : undefined,
  ]);
  return {
    customer,
    organisation: org ? presentOrganisation(org) : null,
    otherEmails: contacts.filter((c) => c.kind === 'email').map((c) => c.value),
    otherPhones: contacts.filter((c) => c.kind === 'phone').map((c) => c.value),
    mergedInto: merged ?? null,
    notes: notes.map((n) => presentNote(ctx, n)),
    subscriptions,
    abilities: {
      editContact: can(ctx.actor, 'customer.editContact'),
      editEmail: can(ctx.actor, 'customer.editEmail'),
      addNote: can(ctx.actor, 'customer.note'),
      merge: can(ctx.actor, 'customer.merge'),
      export: can(ctx.actor, 'profile.export'),
    },
  };
}

type Contact = { name?: string; email?: string; phone?: string | null };

/** Writes a person's contact details with the change on the audit trail; the address must be no one else's. */
async function saveContact(
  ctx: ActorCtx,
  trx: Executor,
  row: UserRow,
  input: Contact,
  action: 'user_updated' | 'profile_updated',
  language: Pick<UserRow, 'locale' | 'time_zone'> = {},
) {
  if (input.email !== undefined && input.email !== row.email) {
    const holder = await findUserByEmail(trx, input.email);
    if (holder && holder.id !== row.id) throw refusal('conflict', SAID.emailTaken);
    // One of their own further addresses becomes the one on the record.
    await deleteContact(trx, row.id, 'email', input.email);
  }
  const patch = {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.email !== undefined && { email: input.email }),
    ...(input.phone !== undefined && { phone: input.phone }),
    ...language,
  };
  const changes = Object.fromEntries(
    Object.entries(patch)
      .filter(([k, v]) => row[k as keyof typeof patch] !== v)
      .map(([k, v]) => [k, [row[k as keyof typeof patch], v]]),
  );
  await updateUserRow(trx, row.id, { ...patch, updated_at: nowIso(ctx) });
  if (Object.keys(changes).length > 0) {
    await audit(ctx, trx, {
      ...byActor(ctx),
      action,
      subject: { id: row.id, email: row.email },
      details: changes,
    });
  }
}

/** Staff correct a customer's name, phone or (administrators) address. */
export async function updateCustomerContact(ctx: ActorCtx, id: string, input: z.infer<typeof contactPatch>) {
  await findCustomer(ctx, ctx.db, id);
  authorize(ctx.actor, 'customer.editContact');
  if (input.email !== undefined) authorize(ctx.actor, 'customer.editEmail');
  await ctx.db.transaction().execute(async (trx) => {
    const row = await findCustomer(ctx, trx, id);
    await saveContact(ctx, trx, row, input, 'user_updated');
  });
  return getCustomerProfile(ctx, id);
}

/** Someone changes their own name or phone number (the address stays the administrators'). */
export async function updateMyProfile(ctx: ActorCtx, input: z.infer<typeof myProfilePatch>) {
  authorize(ctx.actor, 'me.profile');
  const { locale, timeZone, ...contact } = input;
  checkAvailableLocale(locale);
  const language = {
    ...(locale !== undefined && { locale }),
    ...(timeZone !== undefined && { time_zone: timeZone }),
  };
  const row = await ctx.db.transaction().execute(async (trx) => {
    const me = await findUserById(trx, ctx.actor.id);
    if (!me) throw notFound(USER_REFUSALS.noSuchUser);
    await saveContact(ctx, trx, me, contact, 'profile_updated', language);
    return { ...me, ...contact, ...language } as UserRow;
  });
  return presentUser(row, ctx.actor.departmentIds);
}

const ORGANISATION_CUSTOMERS = 200;
/**
 * SQL sorts names by code point, which puts Émile after Zoe; the Unicode root collation puts
 * Émile beside Emma, and Latin, Cyrillic and CJK names each in their own order.
 */
const byName = new Intl.Collator('und');

/** Staff only: a customer has their organisation's name on their own profile, not this page. */
export async function getOrganisationProfile(ctx: ActorCtx, id: string): Promise<OrganisationProfile> {
  const org = can(ctx.actor, 'customer.read') ? await findOrganisation(ctx.db, id) : undefined;
  if (!org) throw notFound(ORGANISATION_REFUSALS.noSuchOrganisation);
  const [{ rows, count }, subscriptions] = await Promise.all([
    customersOf(ctx.db, id, ORGANISATION_CUSTOMERS),
    listSubscriptions(ctx, { organisationId: id }),
  ]);
  return {
    organisation: presentOrganisation(org),
    customers: [...rows].sort((a, b) => byName.compare(a.name, b.name)).map((r) => presentUser(r, [])),
    customerCount: count,
    subscriptions,
    abilities: { edit: can(ctx.actor, 'organisation.update'), export: can(ctx.actor, 'profile.export') },
  };
}
