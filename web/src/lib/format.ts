import { defineMessages, type MessageDescriptor } from 'react-intl';
import type { Priority } from '../api/types';
import { t } from '../i18n/t';
import { configureValidation } from './zodLocale';

export const ticketRef = (n: number) => `#${n}`;

/** The first letters of a name's first two words, for an avatar: "Ada Lovelace" is "AL". */
export const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase())
    .join('');

const PRIORITY_LABEL = defineMessages({
  low: { id: 'common.priority.low', defaultMessage: 'Low' },
  normal: { id: 'common.priority.normal', defaultMessage: 'Normal' },
  high: { id: 'common.priority.high', defaultMessage: 'High' },
  urgent: { id: 'common.priority.urgent', defaultMessage: 'Urgent' },
});

const CATEGORY_LABEL = defineMessages({
  new: { id: 'common.statusCategory.new', defaultMessage: 'New' },
  open: { id: 'common.statusCategory.open', defaultMessage: 'Open' },
  pending: { id: 'common.statusCategory.pending', defaultMessage: 'Pending' },
  on_hold: { id: 'common.statusCategory.onHold', defaultMessage: 'On hold' },
  solved: { id: 'common.statusCategory.solved', defaultMessage: 'Solved' },
  closed: { id: 'common.statusCategory.closed', defaultMessage: 'Closed' },
});

const labelled = <K extends string>(labels: Record<K, MessageDescriptor>, colors: Record<K, string>) =>
  Object.fromEntries(
    (Object.keys(colors) as K[]).map((k) => [
      k,
      {
        get label() {
          return t(labels[k]);
        },
        color: colors[k],
      },
    ]),
  ) as Record<K, { readonly label: string; color: string }>;

/** Priority names and colours. What each level means is an installation's setting (usePriorityHelp). */
export const PRIORITY_INFO: Record<Priority, { readonly label: string; color: string }> = labelled(
  PRIORITY_LABEL,
  { low: 'gray', normal: 'blue', high: 'orange', urgent: 'red' },
);

export const STATUS_CATEGORY_INFO: Record<string, { readonly label: string; color: string }> = labelled(
  CATEGORY_LABEL,
  { new: 'cyan', open: 'blue', pending: 'yellow', on_hold: 'grape', solved: 'green', closed: 'gray' },
);

export const statusColor = (category: string) => STATUS_CATEGORY_INFO[category]?.color ?? 'gray';

const CHANNEL_MESSAGES = defineMessages({
  portal: { id: 'common.channel.portal', defaultMessage: 'Web' },
  email: { id: 'common.channel.email', defaultMessage: 'Email' },
});

/** Where a message came in; WhatsApp, Telegram and API read the same in every language. */
export const CHANNEL_LABEL: Record<string, string> = {
  get portal() {
    return t(CHANNEL_MESSAGES.portal);
  },
  get email() {
    return t(CHANNEL_MESSAGES.email);
  },
  whatsapp: 'WhatsApp',
  telegram: 'Telegram',
  api: 'API',
};
export const channelLabel = (c: string) => CHANNEL_LABEL[c] ?? c;

let dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
let dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
let relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'short' });
let numbers = new Intl.NumberFormat(undefined);
const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
/** One format per unit of formatBytes: whole bytes, a decimal for the larger units. */
const byteFormats = (locale: string | undefined) =>
  UNITS.map(
    (unit, i) =>
      new Intl.NumberFormat(locale, {
        style: 'unit',
        unit,
        unitDisplay: 'short',
        maximumFractionDigits: i === 0 ? 0 : 1,
      }),
  );
let bytes = byteFormats(undefined);

/**
 * Formats every date and number below in the reader's language and time zone, and words zod's
 * validation messages in that language. The i18n provider
 * calls it before drawing, and draws everything again when either changes.
 */
export function configureFormats(locale: string, timeZone: string) {
  dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  dateOnly = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone });
  relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' });
  numbers = new Intl.NumberFormat(locale);
  bytes = byteFormats(locale);
  configureValidation(locale);
}

export const formatNumber = (n: number) => numbers.format(n);

export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));
export const formatDate = (iso: string) => dateOnly.format(new Date(iso));

/** "5 min ago", "yesterday"; beyond a week, the date. */
export function formatRelative(iso: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return relative.format(0, 'second');
  if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return relative.format(Math.round(seconds / 3600), 'hour');
  if (abs < 7 * 86_400) return relative.format(Math.round(seconds / 86_400), 'day');
  return formatDate(iso);
}

/** "1.5 MB", "1,5 Mo", "1.5 MB" in the reader's language. */
export function formatBytes(n: number): string {
  let unit = 0;
  let value = n;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return (bytes[unit] ?? numbers).format(value);
}
