import type { z } from 'zod';
import type { signInOptionsSchema } from '../../../common/sso.js';
import type { Ctx } from '../../context.js';
import { hasUiOverrides } from '../languages/variants.js';
import { signInSettings } from '../sso/sso-settings.js';
import { signUpOffered } from './sign-up-settings.js';

/**
 * What the public sign-in page offers: each enabled single sign-on, where a password works, and
 * "Create an account" when customers may sign up; and whether the product's wording was changed.
 */
export async function signInOptions(ctx: Ctx): Promise<z.output<typeof signInOptionsSchema>> {
  const staff = await signInSettings(ctx.db, 'staff');
  const customers = await signInSettings(ctx.db, 'customers');
  return {
    sso: [staff, customers]
      .filter((s) => s.enabled)
      .map((s) => ({ audience: s.audience, label: s.label, startUrl: `/auth/sso/${s.audience}/start` })),
    passwordSignIn: { staff: staff.passwordSignIn, customers: customers.passwordSignIn },
    signUp: await signUpOffered(ctx.db),
    overrides: await hasUiOverrides(ctx.db),
  };
}
