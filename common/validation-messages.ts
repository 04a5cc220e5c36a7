// The words the shared schemas use for a refused value, each a message of the catalogues (ICU, an
// id beside its English wording). common/ has no i18n runtime: a schema gives the English text
// (`say`), and each side finds the message again by that text (`validationMessage`) to read it in
// its reader's language: the server in its problem+json errors, the web app in its forms. The
// catalogue extraction puts these messages in both the server's and the web app's catalogues.

/** A message of the catalogues; `{name}` arguments only (no plural or select). */
export type ValidationMessage = { readonly id: string; readonly defaultMessage: string };

const define = <K extends string>(messages: Record<K, ValidationMessage>) => messages;

export const VALIDATION = define({
  statusKey: {
    id: 'validation.status_key',
    defaultMessage: 'must be lower-case letters, digits and _ (at most 64), starting with a letter',
  },
  wholeWorkflowOnly: {
    id: 'validation.whole_workflow_only',
    defaultMessage: 'belongs to a whole workflow document, which also needs initialStatus and statuses',
  },
  translationKind: { id: 'validation.translation_kind', defaultMessage: 'a kind of text: {kinds}' },
  fieldKey: {
    id: 'validation.field_key',
    defaultMessage: 'lower-case letters, digits and _, starting with a letter',
  },
  selectNeedsOptions: {
    id: 'validation.select_needs_options',
    defaultMessage: 'a select field needs options',
  },
  macroOrChanges: {
    id: 'validation.macro_or_changes',
    defaultMessage: 'give a macro, a reply, a note or changes',
  },
  phone: { id: 'validation.phone', defaultMessage: 'must be a phone number such as +44 20 7946 0000' },
  pageSize: { id: 'validation.page_size', defaultMessage: 'must be a whole number from 1 to 100' },
  notEmpty: { id: 'validation.not_empty', defaultMessage: 'must not be empty' },
  noCommas: { id: 'validation.no_commas', defaultMessage: 'must not contain commas' },
  someChange: { id: 'validation.some_change', defaultMessage: 'give at least one field to change' },
  wholeHours: { id: 'validation.whole_hours', defaultMessage: 'a whole number of hours' },
  wholeMinutes: { id: 'validation.whole_minutes', defaultMessage: 'a whole number of minutes' },
  unknownParameter: { id: 'validation.unknown_parameter', defaultMessage: 'unknown parameter' },
  ticketNumber: { id: 'validation.ticket_number', defaultMessage: 'must be a ticket number' },
  rating: { id: 'validation.rating', defaultMessage: 'choose a rating from 1 to 5' },
  customerOrOrganisation: {
    id: 'validation.customer_or_organisation',
    defaultMessage: 'give exactly one of customerId and organisationId',
  },
  customerEmailOrOrganisation: {
    id: 'validation.customer_email_or_organisation',
    defaultMessage: 'give exactly one of customerId, customerEmail and organisationId',
  },
  smtpUrl: {
    id: 'validation.smtp_url',
    defaultMessage: 'must be smtp://host:port or smtps://user:pass@host',
  },
  imapUrl: { id: 'validation.imap_url', defaultMessage: 'must be imap://user:pass@host:port or imaps://…' },
  phoneNumberId: { id: 'validation.phone_number_id', defaultMessage: 'must be the numeric phone number id' },
  templateName: {
    id: 'validation.template_name',
    defaultMessage: 'must be a template name such as ticket_update',
  },
  botToken: { id: 'validation.bot_token', defaultMessage: 'must be a bot token such as 123456:ABC-DEF' },
  secretToken: {
    id: 'validation.secret_token',
    defaultMessage: 'must be 1-256 characters A-Z, a-z, 0-9, _ and -',
  },
  botUsername: { id: 'validation.bot_username', defaultMessage: 'must be the bot username' },
  noWhitespace: { id: 'validation.no_whitespace', defaultMessage: 'must not contain spaces or line breaks' },
  webUrl: { id: 'validation.web_url', defaultMessage: 'must be an http:// or https:// URL' },
  noSpaces: { id: 'validation.no_spaces', defaultMessage: 'must not contain spaces' },
  notUrl: { id: 'validation.not_url', defaultMessage: 'is not a valid URL' },
  oneLine: { id: 'validation.one_line', defaultMessage: 'must be one line, such as {example}' },
  slug: {
    id: 'validation.slug',
    defaultMessage: 'must be lower-case letters, digits and hyphens, like reset-your-password',
  },
  isoDay: { id: 'validation.iso_day', defaultMessage: 'must be a date such as 2026-12-31' },
  isoDayShort: { id: 'validation.iso_day_short', defaultMessage: 'a date, YYYY-MM-DD' },
  tooManyParameters: { id: 'validation.too_many_parameters', defaultMessage: 'at most {max} parameters' },
  departmentViewNeedsDepartment: {
    id: 'validation.department_view_needs_department',
    defaultMessage: 'a department view needs a department',
  },
  onlyDepartmentView: {
    id: 'validation.only_department_view',
    defaultMessage: 'only a department view has a department',
  },
  notFilter: { id: 'validation.not_filter', defaultMessage: 'is not a filter' },
  someTicket: { id: 'validation.some_ticket', defaultMessage: 'select at least one ticket' },
  numbersOrFilter: {
    id: 'validation.numbers_or_filter',
    defaultMessage: 'give either numbers or filter, not both',
  },
  lettersDigitsUnderscore: {
    id: 'validation.letters_digits_underscore',
    defaultMessage: 'letters, digits and _',
  },
  lettersDigitsDashUnderscore: {
    id: 'validation.letters_digits_dash_underscore',
    defaultMessage: 'letters, digits, - and _ only',
  },
  hoursSinceCondition: {
    id: 'validation.hours_since_condition',
    defaultMessage: 'an automation needs at least one condition on the hours since something',
  },
  fromAfterTo: { id: 'validation.from_after_to', defaultMessage: 'from must not be after to' },
  rangeTooLong: { id: 'validation.range_too_long', defaultMessage: 'the range may span at most {days} days' },
  someEvent: { id: 'validation.some_event', defaultMessage: 'choose at least one event' },
  scopes: { id: 'validation.scopes', defaultMessage: 'scopes separated by single spaces' },
  openidScope: { id: 'validation.openid_scope', defaultMessage: 'must include openid' },
});

const ARGUMENT = /\{(\w+)\}/g;

/** The English text of a message with its arguments filled in: what a schema reports. */
export const say = (message: ValidationMessage, values?: Record<string, string>): string =>
  message.defaultMessage.replace(ARGUMENT, (all, name: string) => values?.[name] ?? all);

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The messages without arguments by their English text; those with arguments as patterns. */
const EXACT = new Map(
  Object.values(VALIDATION)
    .filter((m) => !m.defaultMessage.includes('{'))
    .map((m) => [m.defaultMessage, m]),
);
const PATTERNS = Object.values(VALIDATION)
  .filter((m) => m.defaultMessage.includes('{'))
  .map((message) => {
    const names: string[] = [];
    const parts = message.defaultMessage.split(ARGUMENT);
    const source = parts
      .map((part, i) => {
        if (i % 2 === 0) return escapeRegExp(part);
        names.push(part);
        return '(.+?)';
      })
      .join('');
    return { message, names, pattern: new RegExp(`^${source}$`, 's') };
  });

/** The message (and its arguments) whose English text a schema reported; undefined for other texts. */
export function validationMessage(
  text: string,
): { message: ValidationMessage; values: Record<string, string> } | undefined {
  const exact = EXACT.get(text);
  if (exact) return { message: exact, values: {} };
  for (const { message, names, pattern } of PATTERNS) {
    const found = pattern.exec(text);
    if (found) return { message, values: Object.fromEntries(names.map((n, i) => [n, found[i + 1] ?? ''])) };
  }
  return undefined;
}
