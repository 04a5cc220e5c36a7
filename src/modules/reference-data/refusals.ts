import { defineMessages } from '../../i18n/index.js';

// Refusals the admin areas share (a rule, a macro, a bulk change, a policy naming what does not
// exist; an order naming a row twice; a report's range): one message each, translated once.

export const SHARED_REFUSALS = defineMessages({
  noDepartment: { id: 'error.admin.no_department', defaultMessage: 'no such department' },
  noStatus: { id: 'error.admin.no_status', defaultMessage: 'no such status' },
  noStaff: { id: 'error.admin.no_staff', defaultMessage: 'no such staff member' },
  noUser: { id: 'error.admin.no_user', defaultMessage: 'no such user' },
  noMacro: { id: 'error.admin.no_macro', defaultMessage: 'no such macro' },
  noCalendar: { id: 'error.admin.no_calendar', defaultMessage: 'no such calendar' },
  calendarNotFound: { id: 'error.admin.calendar_not_found', defaultMessage: 'No such calendar' },
  namedTwice: { id: 'error.admin.named_twice', defaultMessage: '“{name}” is named twice' },
  rangeTooLong: {
    id: 'error.admin.range_too_long',
    defaultMessage: 'the range may span at most {days} days',
  },
});
