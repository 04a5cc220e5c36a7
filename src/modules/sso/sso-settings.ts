import type { z } from 'zod';
import {
  DEFAULT_SSO_CLAIM,
  DEFAULT_SSO_SCOPES,
  type SsoAudience,
  type SsoMapping,
  type SsoSettings,
  type ssoSettingsBody,
} from '../../../common/sso.js';
import type { Config } from '../../config.js';
import { type ActorCtx, type Ctx, nowIso } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { invalid, validation } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import { decryptText, encryptText } from '../../lib/crypto.js';
import { authorize } from '../../policies/policy.js';
import { audit, byActor } from '../audit/audit.service.js';
import { passwordSignInAllowed, setPasswordSignIn } from '../auth/auth.service.js';
import { departmentsExist } from '../departments/departments.repository.js';
import { getSetting, putSetting } from '../settings/settings.repository.js';
import { checkProvider } from './sso-client.js';

// Each audience's provider and whether its people may still sign in with a password, as one
// settings row; the client secret sealed with the installation secret.

type Body = z.output<typeof ssoSettingsBody>;
const SECRET_CONTEXT = 'tessera sso client secret';
const key = (audience: SsoAudience) => `sso.${audience}`;

/** A setting as stored: the secret sealed; with the password switch, which auth keeps. */
type Stored = Omit<SsoSettings, 'audience' | 'clientSecretSet' | 'redirectUri'> & {
  clientSecret: string | null;
};
type Doc = Omit<Stored, 'passwordSignIn'>;

const DEFAULTS: Stored = {
  enabled: false,
  label: 'single sign-on',
  issuerUrl: '',
  clientId: '',
  clientSecret: null,
  scopes: DEFAULT_SSO_SCOPES,
  claim: DEFAULT_SSO_CLAIM,
  mappings: [],
  passwordSignIn: true,
};

/** One audience's provider as the sign-in needs it: the secret in clear. */
export type SsoProvider = Omit<Stored, 'clientSecret'> & {
  audience: SsoAudience;
  clientSecret: string | null;
  redirectUri: string;
};

export const redirectUriOf = (config: Config, audience: SsoAudience) =>
  `${config.publicUrl}/auth/sso/${audience}/callback`;

async function readStored(db: Executor, audience: SsoAudience): Promise<Stored> {
  const doc = await getSetting<Partial<Doc>>(db, key(audience));
  return { ...DEFAULTS, ...doc, passwordSignIn: await passwordSignInAllowed(db, audience) };
}

/** The provider of an audience, whether or not it is enabled; its secret unsealed. */
export async function loadProvider(ctx: Ctx, audience: SsoAudience): Promise<SsoProvider> {
  const s = await readStored(ctx.db, audience);
  return {
    ...s,
    audience,
    clientSecret: s.clientSecret ? decryptText(ctx.config.secret, SECRET_CONTEXT, s.clientSecret) : null,
    redirectUri: redirectUriOf(ctx.config, audience),
  };
}

const present = (config: Config, audience: SsoAudience, s: Stored): SsoSettings => {
  const { clientSecret, ...rest } = s;
  return {
    ...rest,
    audience,
    clientSecretSet: clientSecret !== null,
    redirectUri: redirectUriOf(config, audience),
  };
};

export async function getSsoSettings(ctx: ActorCtx, audience: SsoAudience): Promise<SsoSettings> {
  authorize(ctx.actor, 'sso.configure');
  return present(ctx.config, audience, await readStored(ctx.db, audience));
}

/**
 * Saves an audience's provider. Enabling it checks the provider answers its discovery; turning
 * password sign-in off needs the provider enabled, so no click locks everyone out.
 */
export async function putSsoSettings(ctx: ActorCtx, audience: SsoAudience, body: Body): Promise<SsoSettings> {
  authorize(ctx.actor, 'sso.configure');
  const before = await readStored(ctx.db, audience);
  const clientSecret =
    body.clientSecret === undefined
      ? before.clientSecret
      : body.clientSecret && encryptText(ctx.config.secret, SECRET_CONTEXT, body.clientSecret);
  const mappings: SsoMapping[] = body.mappings.map((m) => ({
    ...m,
    departmentIds: [...new Set(m.departmentIds)].sort(),
  }));
  const next: Stored = { ...body, clientSecret, mappings };
  await checkSettings(ctx, audience, next);
  await ctx.db.transaction().execute(async (trx) => {
    const { passwordSignIn, ...doc } = next;
    await putSetting(trx, key(audience), doc satisfies Doc, nowIso(ctx));
    await setPasswordSignIn(trx, audience, passwordSignIn, nowIso(ctx));
    // The names of the settings that changed, never their values (one is a secret).
    const fields = (Object.keys(next) as (keyof Stored)[]).filter(
      (k) => JSON.stringify(next[k]) !== JSON.stringify(before[k]),
    );
    const details = { area: `sso.${audience}`, fields };
    await audit(ctx, trx, { ...byActor(ctx), action: 'settings_changed', details });
  });
  return present(ctx.config, audience, next);
}

const REFUSED = defineMessages({
  passwordNeeded: {
    id: 'error.sso.password_needed',
    defaultMessage: 'can be turned off only while single sign-on is enabled',
  },
  customerMappings: {
    id: 'error.sso.customer_mappings',
    defaultMessage: 'customers are not given roles or departments',
  },
  noDepartment: { id: 'error.sso.no_department', defaultMessage: 'names a department that does not exist' },
  needed: { id: 'error.sso.needed', defaultMessage: 'is needed to enable single sign-on' },
});

async function checkSettings(ctx: Ctx, audience: SsoAudience, s: Stored) {
  if (!s.passwordSignIn && !s.enabled) throw invalid('passwordSignIn', REFUSED.passwordNeeded);
  if (audience === 'customers' && s.mappings.length > 0) throw invalid('mappings', REFUSED.customerMappings);
  const departments = s.mappings.flatMap((m) => m.departmentIds);
  if (departments.length > 0 && !(await departmentsExist(ctx.db, departments)))
    throw invalid('mappings', REFUSED.noDepartment);
  if (!s.enabled) return;
  if (!s.issuerUrl) throw invalid('issuerUrl', REFUSED.needed);
  if (!s.clientId) throw invalid('clientId', REFUSED.needed);
  const problem = await checkProvider(ctx, s.issuerUrl);
  if (problem) throw validation('issuerUrl', problem);
}

/** What the sign-in page and the password sign-in need of an audience's settings: no secret. */
export async function signInSettings(db: Executor, audience: SsoAudience) {
  const { enabled, label, passwordSignIn } = await readStored(db, audience);
  return { audience, enabled, label, passwordSignIn };
}

/**
 * The break-glass: turns password sign-in back on for an audience, from the command line, and
 * records it on the audit trail. Answers whether it was off.
 */
export async function allowPasswordSignIn(ctx: Ctx, audience: SsoAudience): Promise<boolean> {
  return ctx.db.transaction().execute(async (trx) => {
    if (await passwordSignInAllowed(trx, audience)) return false;
    await setPasswordSignIn(trx, audience, true, nowIso(ctx));
    const details = { area: `sso.${audience}`, fields: ['passwordSignIn'], via: 'command line' };
    await audit(ctx, trx, { action: 'settings_changed', details });
    return true;
  });
}
