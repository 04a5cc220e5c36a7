import type { Priority } from '../api/types';

export const ticketRef = (n: number) => `#${n}`;

/** The first letters of a name's first two words, for an avatar: "Ada Lovelace" is "AL". */
export const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase())
    .join('');

/** Priority names and colours. What each level means is an installation's setting (usePriorityHelp). */
export const PRIORITY_INFO: Record<Priority, { label: string; color: string }> = {
  low: { label: 'Low', color: 'gray' },
  normal: { label: 'Normal', color: 'blue' },
  high: { label: 'High', color: 'orange' },
  urgent: { label: 'Urgent', color: 'red' },
};

export const STATUS_CATEGORY_INFO: Record<string, { label: string; color: string }> = {
  new: { label: 'New', color: 'cyan' },
  open: { label: 'Open', color: 'blue' },
  pending: { label: 'Pending', color: 'yellow' },
  on_hold: { label: 'On hold', color: 'grape' },
  solved: { label: 'Solved', color: 'green' },
  closed: { label: 'Closed', color: 'gray' },
};

export const statusColor = (category: string) => STATUS_CATEGORY_INFO[category]?.color ?? 'gray';

export const CHANNEL_LABEL: Record<string, string> = {
  portal: 'Web',
  email: 'Email',
  whatsapp: 'WhatsApp',
  telegram: 'Telegram',
  api: 'API',
};
export const channelLabel = (c: string) => CHANNEL_LABEL[c] ?? c;

let dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
let dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
let relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'short' });
let numbers = new Intl.NumberFormat(undefined);

/**
 * Formats every date and number below in the reader's language and time zone. The i18n provider
 * calls it before drawing, and draws everything again when either changes.
 */
export function configureFormats(locale: string, timeZone: string) {
  dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  dateOnly = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone });
  relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' });
  numbers = new Intl.NumberFormat(locale);
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

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

/** "1.5 MB", "1,5 Mo", "1.5 MB" in the reader's language. */
export function formatBytes(n: number): string {
  let unit = 0;
  let value = n;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return new Intl.NumberFormat(numbers.resolvedOptions().locale, {
    style: 'unit',
    unit: UNITS[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}
