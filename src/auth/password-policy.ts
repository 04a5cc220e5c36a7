import { dictionary } from '@zxcvbn-ts/language-common';
import { invalid } from '../errors.js';
import { defineMessages, type Message } from '../i18n/index.js';

const SAID = defineMessages({
  tooShort: { id: 'error.passwords.too_short', defaultMessage: 'must be at least {min} characters' },
  common: {
    id: 'error.passwords.common',
    defaultMessage: 'is one of the most common passwords; choose another',
  },
  email: { id: 'error.passwords.email', defaultMessage: 'must not be your email address' },
});

// What a new password must be: long enough and not one of the passwords attackers try first
// (NIST SP 800-63B: a length and a blocklist, no composition rules). The blocklist is the 49,000
// most common passwords of zxcvbn-ts, a maintained list of leaked passwords by frequency.

export const MIN_PASSWORD_LENGTH = 8;

let common: Set<string> | null = null;
const commonPasswords = () => {
  common ??= new Set(dictionary['passwords-common']);
  return common;
};

/** Why a new password is refused, or null when it will do. */
export function passwordProblem(password: string, user: { email?: string } = {}): Message | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return SAID.tooShort;
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) return SAID.common;
  if (user.email && lower === user.email.toLowerCase()) return SAID.email;
  return null;
}

/** Refuses (422 on `field`) a password `passwordProblem` finds fault with. */
export function checkNewPassword(password: string, user: { email?: string } = {}, field = 'password'): void {
  const problem = passwordProblem(password, user);
  if (problem) throw invalid(field, problem, { min: String(MIN_PASSWORD_LENGTH) });
}
