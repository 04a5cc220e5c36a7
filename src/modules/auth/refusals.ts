import { defineMessages } from '../../i18n/index.js';

// Refusals about signing in that the HTTP layer and the modules give in the same words.
export const AUTH_REFUSALS = defineMessages({
  signIn: { id: 'error.auth.sign_in', defaultMessage: 'Sign in or send a bearer token' },
});
