import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { SSO_AUDIENCES, type SsoAudience } from '../../common/sso.js';
import type { Config } from '../config.js';
import { allowPasswordSignIn } from '../modules/sso/sso-settings.js';
import { withDatabase } from './database.js';

export const SIGN_IN_USAGE = `The break-glass when nobody can sign in through single sign-on:
  sign-in allow-passwords --audience staff|customers
                                                  turn password sign-in back on (on the audit trail)`;

export class SignInUsageError extends Error {}

/** `tessera sign-in allow-passwords --audience staff`: answers what it did, in words. */
export async function runSignInCommand(config: Config, args: string[]): Promise<string> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { audience: { type: 'string' } },
  });
  const audience = values.audience as SsoAudience;
  if (positionals[0] !== 'allow-passwords' || !SSO_AUDIENCES.includes(audience))
    throw new SignInUsageError(`Usage:\n${SIGN_IN_USAGE}`);
  const changed = await withDatabase(config, (database) =>
    allowPasswordSignIn(
      {
        db: database.db,
        dialect: database.dialect,
        config,
        clock: () => new Date(),
        log: pino({ level: 'warn' }),
      },
      audience,
    ),
  );
  return changed
    ? `Password sign-in is on again for ${audience}.`
    : `Password sign-in was already on for ${audience}.`;
}
