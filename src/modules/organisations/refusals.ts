import { defineMessages } from '../../i18n/index.js';

// Refusals about organisations that several modules give in the same words.
export const ORGANISATION_REFUSALS = defineMessages({
  noSuchOrganisation: { id: 'error.organisations.not_found', defaultMessage: 'No such organisation' },
  noSuchOrganisationField: {
    id: 'error.organisations.no_such_organisation',
    defaultMessage: 'no such organisation',
  },
});
