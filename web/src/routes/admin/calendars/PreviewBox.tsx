import { Card, Group, NumberInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { defineMessages } from 'react-intl';
import { get } from '../../../api/client';
import { currentIntl, t } from '../../../i18n/t';
import type { Calendar } from './shared';

const pad = (n: number) => String(n).padStart(2, '0');
/** Now, as a datetime-local input shows it (the browser's own zone). */
const localNow = () => {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};
const inZone = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat(currentIntl().locale, { timeZone, dateStyle: 'full', timeStyle: 'short' }).format(
    new Date(iso),
  );

const m = defineMessages({
  preview: { id: 'calendars.preview.title', defaultMessage: 'Preview' },
  question: {
    id: 'calendars.preview.question',
    defaultMessage: 'When would a target be due on “{name}” as saved?',
  },
  starting: { id: 'calendars.preview.starting', defaultMessage: 'Starting (your time)' },
  hours: { id: 'calendars.preview.hours', defaultMessage: 'Business hours' },
  invalid: { id: 'calendars.preview.invalid', defaultMessage: 'Give a start and a number of hours.' },
  failed: { id: 'calendars.preview.failed', defaultMessage: 'The preview could not be computed.' },
  due: { id: 'calendars.preview.due', defaultMessage: 'Due {due} ({zone})' },
  dueLater: {
    id: 'calendars.preview.dueClosed',
    defaultMessage: 'Due {due} ({zone}); the clock starts {start}',
  },
});

/** "This would be due at …": a start and a number of business hours, answered by the server on the saved calendar. */
export function PreviewBox({ calendar }: { calendar: Calendar }) {
  const [from, setFrom] = useState(localNow);
  const [hours, setHours] = useState<number | string>(4);
  const [asked] = useDebouncedValue({ from, hours }, 300);
  const minutes = Math.round(Number(asked.hours) * 60);
  const start = new Date(asked.from);
  const valid = Number.isFinite(minutes) && minutes >= 0 && !Number.isNaN(start.getTime());
  const preview = useQuery({
    queryKey: ['calendars', calendar.id, 'preview', asked.from, minutes, calendar.updatedAt],
    enabled: valid,
    queryFn: () =>
      get('/calendars/:id/preview', {
        params: { id: calendar.id },
        query: { from: start.toISOString(), minutes: String(minutes) },
      }),
  });
  return (
    <Card withBorder component="section" aria-label={t(m.preview)}>
      <Stack gap="xs">
        <Title order={3} size="h4">
          {t(m.preview)}
        </Title>
        <Text size="xs" c="dimmed">
          {t(m.question, { name: calendar.name })}
        </Text>
        <Group gap="xs" align="flex-end" wrap="wrap">
          <TextInput
            size="xs"
            type="datetime-local"
            label={t(m.starting)}
            value={from}
            onChange={(e) => setFrom(e.currentTarget.value)}
          />
          <NumberInput
            size="xs"
            label={t(m.hours)}
            min={0}
            max={8760}
            step={0.5}
            w={140}
            value={hours}
            onChange={setHours}
          />
        </Group>
        <Text size="sm" aria-live="polite" data-testid="calendar-preview">
          {!valid
            ? t(m.invalid)
            : preview.isError
              ? t(m.failed)
              : preview.data
                ? preview.data.open
                  ? t(m.due, { due: inZone(preview.data.due, calendar.timeZone), zone: calendar.timeZone })
                  : t(m.dueLater, {
                      due: inZone(preview.data.due, calendar.timeZone),
                      zone: calendar.timeZone,
                      start: inZone(preview.data.nextOpen, calendar.timeZone),
                    })
                : '…'}
        </Text>
      </Stack>
    </Card>
  );
}
