import { defineMessages, type MessageDescriptor } from 'react-intl';
import type { TranslationKind } from '../../../../../common/languages';

/** The kinds of configured text an administrator translates here ('ui' has its own tab). */
export type TextKind = Exclude<TranslationKind, 'ui'>;

export const KIND_MESSAGES = defineMessages({
  status: { id: 'languages.kind.status', defaultMessage: 'Status labels' },
  ticket_type: { id: 'languages.kind.ticketType', defaultMessage: 'Ticket types' },
  field: { id: 'languages.kind.field', defaultMessage: 'Custom fields' },
  priority_help: { id: 'languages.kind.priorityHelp', defaultMessage: 'Priority descriptions' },
  canned: { id: 'languages.kind.canned', defaultMessage: 'Canned responses and macros' },
  kb_article: { id: 'languages.kind.kbArticle', defaultMessage: 'Knowledge-base articles' },
  kb_category: { id: 'languages.kind.kbCategory', defaultMessage: 'Knowledge-base categories' },
  notice: { id: 'languages.kind.notice', defaultMessage: 'Notices of triggers and automations' },
}) satisfies Record<TextKind, MessageDescriptor>;

export const TEXT_KINDS = Object.keys(KIND_MESSAGES) as TextKind[];

/** Which text of a row a variant translates, as the server names it. */
export const FIELD_MESSAGES = defineMessages({
  staff_label: { id: 'languages.field.staffLabel', defaultMessage: 'Label for staff' },
  customer_label: { id: 'languages.field.customerLabel', defaultMessage: 'Label for customers' },
  name: { id: 'languages.field.name', defaultMessage: 'Name' },
  description: { id: 'languages.field.description', defaultMessage: 'Description' },
  label: { id: 'languages.field.label', defaultMessage: 'Label' },
  help: { id: 'languages.field.help', defaultMessage: 'Help text' },
  title: { id: 'languages.field.title', defaultMessage: 'Title' },
  subject: { id: 'languages.field.subject', defaultMessage: 'Subject' },
  body: { id: 'languages.field.body', defaultMessage: 'Text' },
  '': { id: 'languages.field.text', defaultMessage: 'Description' },
});

export const OPTION_MESSAGE: MessageDescriptor = defineMessages({
  option: { id: 'languages.field.option', defaultMessage: 'Option “{value}”' },
}).option;

const PAGE_MESSAGES = defineMessages({
  title: { id: 'languages.title', defaultMessage: 'Languages' },
  description: {
    id: 'languages.description',
    defaultMessage:
      'The language and time zone of everyone who has not chosen their own, and your configured texts and the product’s wording in each language. A reader without a translation gets the next language of their chain (Brazilian Portuguese, then Portuguese), at last the original.',
  },
  defaultsTitle: { id: 'languages.defaults.title', defaultMessage: 'Installation defaults' },
  defaultLanguage: { id: 'languages.defaults.language', defaultMessage: 'Default language' },
  defaultZone: { id: 'languages.defaults.timeZone', defaultMessage: 'Default time zone' },
  save: { id: 'languages.save', defaultMessage: 'Save' },
  remove: { id: 'languages.remove', defaultMessage: 'Remove' },
  saved: { id: 'languages.saved', defaultMessage: 'Saved' },
  removed: { id: 'languages.removed', defaultMessage: 'Translation removed' },
  notSaved: { id: 'languages.notSaved', defaultMessage: 'Not saved' },
  loadFailed: { id: 'languages.loadFailed', defaultMessage: 'Could not load this list' },
  textsTab: { id: 'languages.tab.texts', defaultMessage: 'Configured texts' },
  stringsTab: { id: 'languages.tab.strings', defaultMessage: 'Product strings' },
  language: { id: 'languages.language', defaultMessage: 'Language' },
  kind: { id: 'languages.kind', defaultMessage: 'Texts' },
  original: { id: 'languages.original', defaultMessage: 'Original' },
  translation: { id: 'languages.translation', defaultMessage: 'Translation' },
  translationOf: { id: 'languages.translationOf', defaultMessage: 'Translation of {what}' },
  noTexts: { id: 'languages.noTexts', defaultMessage: 'Nothing of this kind is configured yet.' },
  translatedCount: {
    id: 'languages.translatedCount',
    defaultMessage: '{done, number} of {total, number} translated',
  },
  searchStrings: { id: 'languages.strings.search', defaultMessage: 'Find a product string' },
  searchHint: { id: 'languages.strings.searchHint', defaultMessage: 'Its id or its English wording' },
  stringsHelp: {
    id: 'languages.strings.help',
    defaultMessage:
      'Your wording replaces the product’s in this language for everyone, within a minute. Keep the placeholders in braces, such as {example}.',
  },
  noStrings: { id: 'languages.strings.none', defaultMessage: 'No product string matches.' },
  moreStrings: {
    id: 'languages.strings.more',
    defaultMessage:
      '{count, plural, one {# more string matches} other {# more strings match}}: narrow your search.',
  },
  english: { id: 'languages.strings.english', defaultMessage: 'English' },
  override: { id: 'languages.strings.override', defaultMessage: 'Your wording' },
});

/** The page's texts, as plain descriptors so those with values take them. */
export const M: { [K in keyof typeof PAGE_MESSAGES]: MessageDescriptor } = PAGE_MESSAGES;
