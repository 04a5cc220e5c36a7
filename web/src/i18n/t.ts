import { createIntl, type IntlShape, type MessageDescriptor, type PrimitiveType } from 'react-intl';
import { SOURCE_LOCALE } from '../../../common/i18n';

// The reader's intl object outside React's tree: label maps, helpers in plain modules, mutation
// callbacks. The provider sets it before drawing and draws everything again when it changes, so a
// text asked for while drawing is always in the current language. Never call `t` at a module's
// top level: that text would stay in the language of the first page.

let current: IntlShape = createIntl({ locale: SOURCE_LOCALE, messages: {} });

export const setIntl = (intl: IntlShape) => {
  current = intl;
};

export const currentIntl = () => current;

/** A message in the reader's language: `t({ id: 'x.y', defaultMessage: 'Text {n}' }, { n })`. */
export const t = (message: MessageDescriptor, values?: Record<string, PrimitiveType>): string =>
  current.formatMessage(message, values);
