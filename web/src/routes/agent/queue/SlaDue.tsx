import { Badge, Text, Tooltip } from '@mantine/core';
import { useSyncExternalStore } from 'react';
import { defineMessages } from 'react-intl';
import { t } from '../../../i18n/t';
import { formatDateTime } from '../../../lib/format';

// A ticket's service-level due time as the queue shows it: the time left ("in 2 h") or past
// ("12 min overdue"), coloured by how soon it is, and kept current as the minutes pass.

export type DueUrgency = 'overdue' | 'hour' | 'hours' | 'later';

/** Red past due, orange within the hour, yellow within four hours, otherwise no colour. */
export const URGENCY_COLOR: Record<DueUrgency, string | null> = {
  overdue: 'red',
  hour: 'orange',
  hours: 'yellow',
  later: null,
};

/** How urgent a due time is at `now`; due at `now` counts as overdue, as the breached filter has it. */
export function dueUrgency(dueAt: string, now: number): DueUrgency {
  const ms = Date.parse(dueAt) - now;
  if (ms <= 0) return 'overdue';
  if (ms <= 3_600_000) return 'hour';
  if (ms <= 4 * 3_600_000) return 'hours';
  return 'later';
}

export const SPAN = defineMessages({
  minutes: { id: 'agent.span.minutes', defaultMessage: '{minutes, number} min' },
  hours: { id: 'agent.span.hours', defaultMessage: '{hours, number} h' },
  days: { id: 'agent.span.days', defaultMessage: '{days, number} d' },
  hoursMinutes: { id: 'agent.span.hoursMinutes', defaultMessage: '{hours, number} h {minutes, number} min' },
  daysHours: { id: 'agent.span.daysHours', defaultMessage: '{days, number} d {hours, number} h' },
  dueIn: { id: 'agent.sla.dueIn', defaultMessage: 'in {span}' },
  overdue: { id: 'agent.sla.overdue', defaultMessage: '{span} overdue' },
  dueAt: { id: 'agent.sla.dueAt', defaultMessage: 'Due {time}' },
});

/** A span of minutes in short words: "45 min", "3 h", "2 d" (rounded to the unit). */
export function shortMinutes(minutes: number): string {
  if (minutes < 60) return t(SPAN.minutes, { minutes });
  if (minutes < 48 * 60) return t(SPAN.hours, { hours: Math.round(minutes / 60) });
  return t(SPAN.days, { days: Math.round(minutes / 1440) });
}

/** A span of minutes in full: "45 min", "2 h 15 min", "3 d 4 h". */
export function longMinutes(minutes: number): string {
  const m = Math.abs(Math.round(minutes));
  if (m < 60) return t(SPAN.minutes, { minutes: m });
  if (m < 24 * 60)
    return m % 60
      ? t(SPAN.hoursMinutes, { hours: Math.floor(m / 60), minutes: m % 60 })
      : t(SPAN.hours, { hours: m / 60 });
  const d = Math.floor(m / 1440);
  const h = Math.round((m % 1440) / 60);
  return h ? t(SPAN.daysHours, { days: d, hours: h }) : t(SPAN.days, { days: d });
}

/** "in 2 h" or "12 min overdue", at `now`; never "in 0 min" nor "0 min overdue". */
export function dueText(dueAt: string, now: number): string {
  const ms = Date.parse(dueAt) - now;
  if (ms > 0) return t(SPAN.dueIn, { span: shortMinutes(Math.max(1, Math.ceil(ms / 60_000))) });
  return t(SPAN.overdue, { span: shortMinutes(Math.max(1, Math.floor(-ms / 60_000))) });
}

// One timer for every due time on the screen: each re-renders when the minute turns.
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;
let minute = Date.now();
function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    minute = Date.now();
    timer = setInterval(() => {
      minute = Date.now();
      for (const l of listeners) l();
    }, 30_000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}
/** The time now, refreshed twice a minute while anything on the screen shows a due time. */
export const useNow = () => useSyncExternalStore(subscribe, () => minute);

/** The due time of a ticket in the queue; nothing when no clock runs. */
export function SlaDue({ dueAt }: { dueAt: string | null | undefined }) {
  const now = useNow();
  if (!dueAt) return null;
  const urgency = dueUrgency(dueAt, now);
  const color = URGENCY_COLOR[urgency];
  const text = dueText(dueAt, now);
  const label = t(SPAN.dueAt, { time: formatDateTime(dueAt) });
  return (
    <Tooltip label={label} openDelay={400} withinPortal>
      {color ? (
        <Badge color={color} variant="light" radius="sm" data-sla-due={urgency}>
          <time dateTime={dueAt}>{text}</time>
        </Badge>
      ) : (
        <Text size="sm" component="span" data-sla-due={urgency}>
          <time dateTime={dueAt}>{text}</time>
        </Text>
      )}
    </Tooltip>
  );
}
