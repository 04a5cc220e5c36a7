import { defineMessages } from '../../i18n/index.js';

// Refusals about users that several modules give in the same words.
export const USER_REFUSALS = defineMessages({
  noSuchUser: { id: 'error.users.not_found', defaultMessage: 'No such user' },
  noSuchUserField: { id: 'error.users.no_such_user', defaultMessage: 'no such user' },
  noSuchDepartment: { id: 'error.users.no_such_department', defaultMessage: 'no such department' },
  emailTaken: { id: 'error.users.email_taken', defaultMessage: 'A user with this email exists' },
  onlyCustomersInOrganisation: {
    id: 'error.users.only_customers_in_organisation',
    defaultMessage: 'only customers belong to an organisation',
  },
  cannotDemoteSelf: {
    id: 'error.policy.user_demote',
    defaultMessage: 'You cannot demote or deactivate yourself',
  },
});
