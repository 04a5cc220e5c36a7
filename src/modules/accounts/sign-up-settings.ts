import type { SignUpSettings } from '../../../common/sign-up.js';
import type { Config } from '../../config.js';
import type { ActorCtx, Ctx } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { forbidden, invalidFields, refusal, type SaidFieldError } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import { authorize } from '../../policies/policy.js';
import { saveSetting } from '../audit/setting-change.js';
import { passwordSignInAllowed } from '../auth/auth.service.js';
import { findOrganisation } from '../organisations/organisations.repository.js';
import { ORGANISATION_REFUSALS } from '../organisations/refusals.js';
import { getSetting } from '../settings/settings.repository.js';

const SAID = defineMessages({
  listedTwice: { id: 'error.accounts.sign_up_domain_twice', defaultMessage: '{domain} is listed twice' },
  reservedForSupport: {
    id: 'error.accounts.sign_up_domain_reserved',
    defaultMessage: '{domain} is the support or reply domain; it can never be a sign-up domain',
  },
  closed: {
    id: 'error.accounts.sign_up_closed',
    defaultMessage: 'Sign-up is closed here; ask support to create your account',
  },
  sso: {
    id: 'error.accounts.sign_up_sso',
    defaultMessage: 'Customers sign in with single sign-on here; use its button on the sign-in page',
  },
  reserved: {
    id: 'error.accounts.sign_up_reserved_domain',
    defaultMessage: 'Addresses at {domain} cannot sign up here',
  },
  unlisted: {
    id: 'error.accounts.sign_up_unlisted_domain',
    defaultMessage: 'Sign-up is open only to addresses of the domains this helpdesk lists, not {domain}',
  },
});

// Who may sign up: nobody (the default), anyone, or addresses of the domains an administrator
// lists. The domains Tessera's own mail comes from and replies go to are never among them: an
// account there could pass for staff, and a sign-up there would mail our own mailbox.

const KEY = 'sign-up';
const OFF: SignUpSettings = { mode: 'off', domains: [] };

const domainOf = (address: string | null | undefined) =>
  address?.match(/@([^@\s>]+)>?\s*$/)?.[1]?.toLowerCase() ?? null;

/** The support address's domain, the sender's, and the domain of reply addresses and Message-IDs. */
export function reservedDomains(config: Config): Set<string> {
  const support = domainOf(config.mail.inboundAddress);
  return new Set(
    [support, domainOf(config.mail.from), support ?? new URL(config.publicUrl).hostname.toLowerCase()].filter(
      (d): d is string => Boolean(d),
    ),
  );
}

/** Whether the sign-in page offers "Create an account": sign-up is on and customers use passwords. */
export const signUpOffered = async (db: Executor) =>
  (await readSignUpSettings(db)).mode !== 'off' && (await passwordSignInAllowed(db, 'customers'));

export const readSignUpSettings = async (db: Executor): Promise<SignUpSettings> =>
  (await getSetting<SignUpSettings>(db, KEY)) ?? OFF;

export async function getSignUpSettings(ctx: ActorCtx): Promise<SignUpSettings> {
  authorize(ctx.actor, 'signUp.configure');
  return readSignUpSettings(ctx.db);
}

/**
 * Replaces the sign-up settings. A domain listed twice, a support or reply domain, or an
 * organisation that does not exist is refused with the field named, and nothing changes.
 */
export async function putSignUpSettings(ctx: ActorCtx, body: SignUpSettings): Promise<SignUpSettings> {
  authorize(ctx.actor, 'signUp.configure');
  const reserved = reservedDomains(ctx.config);
  return ctx.db.transaction().execute(async (trx) => {
    const errors: SaidFieldError[] = [];
    const seen = new Set<string>();
    for (const [i, { domain, organisationId }] of body.domains.entries()) {
      const path = `domains.${i}`;
      if (seen.has(domain))
        errors.push({ path: `${path}.domain`, message: SAID.listedTwice, values: { domain } });
      if (reserved.has(domain))
        errors.push({ path: `${path}.domain`, message: SAID.reservedForSupport, values: { domain } });
      if (organisationId && !(await findOrganisation(trx, organisationId)))
        errors.push({
          path: `${path}.organisationId`,
          message: ORGANISATION_REFUSALS.noSuchOrganisationField,
        });
      seen.add(domain);
    }
    if (errors[0]) throw invalidFields(errors);
    return saveSetting(ctx, trx, {
      key: KEY,
      area: 'sign-up',
      old: await readSignUpSettings(trx),
      next: body,
    });
  });
}

/**
 * Whether `email` may sign up now, and the organisation its domain puts new customers in (a listed
 * domain maps in either mode); 403
 * saying why when it may not. Says nothing about accounts.
 */
export async function signUpRuleFor(
  ctx: Ctx,
  db: Executor,
  email: string,
): Promise<{ organisationId: string | null }> {
  const settings = await readSignUpSettings(db);
  if (settings.mode === 'off') throw forbidden(SAID.closed);
  if (!(await passwordSignInAllowed(db, 'customers'))) {
    throw forbidden(SAID.sso);
  }
  const domain = domainOf(email) ?? '';
  if (reservedDomains(ctx.config).has(domain)) {
    throw refusal('forbidden', SAID.reserved, { domain });
  }
  const listed = settings.domains.find((d) => d.domain === domain);
  if (!listed && settings.mode === 'domains') {
    throw refusal('forbidden', SAID.unlisted, { domain });
  }
  return { organisationId: listed?.organisationId ?? null };
}
