import type { ImportStatus, ImportTicket } from '../../model.js';

// Reading a spreadsheet cell as what Tessera needs: a date, a priority, a channel, a list. A cell
// that cannot be read returns null so the caller can say which row and why.

/** How a date like 03/04/2024 is read when both parts could be the month. */
export type DateOrder = 'dmy' | 'mdy';

const TIME = String.raw`(?:[T\s,]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([AaPp][Mm])?)?`;
const ZONE = String.raw`\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?`;
const YMD = new RegExp(String.raw`^(\d{4})[-/](\d{1,2})[-/](\d{1,2})${TIME}${ZONE}$`);
const DOTTED = new RegExp(String.raw`^(\d{1,2})\.(\d{1,2})\.(\d{4})${TIME}${ZONE}$`);
const SLASHED = new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4})${TIME}${ZONE}$`);

/**
 * A date as an ISO UTC string, or null when it is not one we can read. ISO 8601 with its offset;
 * `YYYY-MM-DD HH:MM[:SS]` without one is taken as UTC, as is every form below; `DD.MM.YYYY` is
 * always day first; `NN/NN/YYYY` is day first unless a part past 12 settles it or `order` is 'mdy'.
 */
export function parseDate(value: string, order: DateOrder = 'dmy'): string | null {
  const parts = dateParts(value.trim(), order);
  if (!parts) return null;
  const [hh = '0', mm = '0', ss = '0', fraction = '', meridiem, zone] = parts.rest;
  const [year, month, day, minute, second] = [parts.y, parts.m, parts.d, mm, ss].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  let hour = Number(hh);
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem.toLowerCase() === 'pm' ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return null;
  const millis = Math.round(Number(`0.${fraction || '0'}`) * 1000);
  const at = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const date = new Date(at);
  // Date.UTC rolls 31.02. over into March; a date that does not round-trip is not a date.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return null;
  }
  return new Date(at - offsetMinutes(zone) * 60_000).toISOString();
}

type DateParts = { y: string; m: string; d: string; rest: (string | undefined)[] };

function dateParts(text: string, order: DateOrder): DateParts | null {
  const ymd = YMD.exec(text);
  if (ymd) return { y: ymd[1]!, m: ymd[2]!, d: ymd[3]!, rest: ymd.slice(4) };
  const dotted = DOTTED.exec(text);
  if (dotted) return { y: dotted[3]!, m: dotted[2]!, d: dotted[1]!, rest: dotted.slice(4) };
  const slashed = SLASHED.exec(text);
  if (!slashed) return null;
  const [a, b] = [Number(slashed[1]), Number(slashed[2])];
  const dayFirst = a > 12 ? true : b > 12 ? false : order === 'dmy';
  return dayFirst
    ? { y: slashed[3]!, m: slashed[2]!, d: slashed[1]!, rest: slashed.slice(4) }
    : { y: slashed[3]!, m: slashed[1]!, d: slashed[2]!, rest: slashed.slice(4) };
}

function offsetMinutes(zone: string | undefined): number {
  if (!zone || /^(Z|UTC|GMT)$/i.test(zone)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

/** Which order a column of NN/NN/YYYY dates settles on, if any of its values tells. */
export function dateOrderOf(value: string): DateOrder | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/\d{4}/.exec(value.trim());
  if (!m) return null;
  if (Number(m[1]) > 12) return 'dmy';
  if (Number(m[2]) > 12) return 'mdy';
  return null;
}

type Priority = ImportTicket['priority'];

// English words and 1–4 (1 lowest, as osTicket and most spreadsheets count).
const PRIORITIES: Record<string, Priority> = {
  low: 'low',
  lowest: 'low',
  minor: 'low',
  trivial: 'low',
  '1': 'low',
  normal: 'normal',
  medium: 'normal',
  moderate: 'normal',
  standard: 'normal',
  default: 'normal',
  '2': 'normal',
  high: 'high',
  major: 'high',
  important: 'high',
  '3': 'high',
  urgent: 'urgent',
  critical: 'urgent',
  emergency: 'urgent',
  highest: 'urgent',
  blocker: 'urgent',
  '4': 'urgent',
};

/** A priority; "3 - High" reads as its first known word; anything unknown is normal. */
export function parsePriority(value: string): Priority {
  const words = value.toLowerCase().split(/[^a-z0-9]+/);
  for (const word of words) {
    const priority = PRIORITIES[word];
    if (priority) return priority;
  }
  return 'normal';
}

type Channel = ImportTicket['channel'];
const CHANNELS: Record<string, Channel> = {
  email: 'email',
  mail: 'email',
  web: 'web',
  portal: 'web',
  form: 'web',
  webform: 'web',
  website: 'web',
  phone: 'phone',
  telephone: 'phone',
  call: 'phone',
  voice: 'phone',
  api: 'api',
  whatsapp: 'whatsapp',
  telegram: 'telegram',
};

/** The channel a ticket came in by; a spreadsheet row that does not say came in by the web. */
export function parseChannel(value: string): Channel {
  const key = value.toLowerCase().replace(/[^a-z]/g, '');
  return CHANNELS[key] ?? CHANNELS[key.replace(/^e/, '')] ?? 'web';
}

const STATE_WORDS: [ImportStatus['state'], RegExp][] = [
  ['closed', /\b(closed?|archived|cancell?ed|rejected|spam|deleted|duplicate)\b/],
  ['solved', /\b(solved|resolved|done|fixed|completed?|answered)\b/],
  ['pending', /\b(pending|waiting|hold|awaiting|paused|deferred)\b/],
];

/** What a status named in the file means, by its words; anything else is still being worked. */
export function statusState(name: string): ImportStatus['state'] {
  const text = name.toLowerCase();
  return STATE_WORDS.find(([, words]) => words.test(text))?.[0] ?? 'open';
}

const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>"]+$/;

export function isEmail(value: string): boolean {
  return EMAIL.test(value);
}

/** Addresses in one cell, separated by `;`, `,` or spaces. */
export function splitEmails(value: string): string[] {
  return value.split(/[;,\s]+/).filter((part) => part !== '');
}

/** Tags in one cell, separated by `,`, `;` or spaces, each once. */
export function splitTags(value: string): string[] {
  return [...new Set(value.split(/[,;\s]+/).filter((tag) => tag !== ''))];
}

const TRUE = new Set(['yes', 'y', 'true', '1', 'x']);
const FALSE = new Set(['no', 'n', 'false', '0']);

export function parseBoolean(value: string): boolean | null {
  const key = value.trim().toLowerCase();
  return TRUE.has(key) ? true : FALSE.has(key) ? false : null;
}
