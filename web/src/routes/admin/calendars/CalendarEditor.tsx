import {
  ActionIcon,
  Button,
  Card,
  Checkbox,
  Fieldset,
  FileButton,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus, IconTrash, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { defineMessages } from 'react-intl';
import { WEEKDAY_KEYS } from '../../../../../common/calendars';
import { postFile, send } from '../../../api/client';
import { useAdminMutation } from '../../../components/admin';
import { t } from '../../../i18n/t';
import {
  type Calendar,
  calendarsKey,
  dayName,
  type Hours,
  type Interval,
  TIME_ZONES,
  type Weekday,
} from './shared';

/** An example of a feed's address, the same in every language. */
const FEED_EXAMPLE = 'https://…/holidays.ics';

type HolidayDraft = { date: string; yearly: boolean; name: string; source?: string };
type Imported = { added: number; skipped: number; calendar: Calendar };

const m = defineMessages({
  saved: { id: 'calendars.editor.saved', defaultMessage: 'Calendar “{name}” saved' },
  edit: { id: 'calendars.editor.edit', defaultMessage: 'Edit {name}' },
  new: { id: 'calendars.editor.new', defaultMessage: 'New calendar' },
  builtIn: {
    id: 'calendars.editor.builtIn',
    defaultMessage:
      'The built-in calendar counts every minute of every day and cannot be changed. Create a calendar of your own for business hours.',
  },
  name: { id: 'calendars.editor.name', defaultMessage: 'Name' },
  timeZone: { id: 'calendars.editor.timeZone', defaultMessage: 'Time zone' },
  close: { id: 'calendars.editor.close', defaultMessage: 'Close' },
  save: { id: 'calendars.editor.save', defaultMessage: 'Save' },
  create: { id: 'calendars.editor.create', defaultMessage: 'Create calendar' },
  businessHours: { id: 'calendars.week.title', defaultMessage: 'Business hours' },
  copyMonday: { id: 'calendars.week.copyMonday', defaultMessage: 'Copy Monday to Tuesday–Friday' },
  help: {
    id: 'calendars.week.help',
    defaultMessage:
      'Times are HH:MM on the calendar’s time zone; 24:00 is the end of the day. Leave a day empty when closed.',
  },
  closed: { id: 'calendars.week.closed', defaultMessage: 'Closed' },
  start: { id: 'calendars.week.intervalStart', defaultMessage: '{day} interval {n} start' },
  end: { id: 'calendars.week.intervalEnd', defaultMessage: '{day} interval {n} end' },
  remove: { id: 'calendars.week.removeInterval', defaultMessage: 'Remove {day} interval {n}' },
  addOn: { id: 'calendars.week.addInterval', defaultMessage: 'Add an interval on {day}' },
  add: { id: 'calendars.week.add', defaultMessage: 'Add' },
  holidays: { id: 'calendars.holidays.title', defaultMessage: 'Holidays' },
  noHolidays: { id: 'calendars.holidays.none', defaultMessage: 'No holidays.' },
  every: { id: 'calendars.holidays.every', defaultMessage: 'every {date}' },
  fromIcal: { id: 'calendars.holidays.fromIcal', defaultMessage: 'from iCal' },
  removeHoliday: { id: 'calendars.holidays.remove', defaultMessage: 'Remove holiday {date}' },
  date: { id: 'calendars.holidays.date', defaultMessage: 'Date' },
  holidayName: { id: 'calendars.holidays.name', defaultMessage: 'Holiday name' },
  everyYear: { id: 'calendars.holidays.everyYear', defaultMessage: 'Every year' },
  addHoliday: { id: 'calendars.holidays.add', defaultMessage: 'Add holiday' },
  imported: {
    id: 'calendars.ical.imported',
    defaultMessage: '{added, plural, one {# holiday imported} other {# holidays imported}}',
  },
  importedSkipped: {
    id: 'calendars.ical.importedSkipped',
    defaultMessage:
      '{added, plural, one {# holiday imported} other {# holidays imported}}, {skipped, number} skipped (not all-day, or there already)',
  },
  icalTitle: { id: 'calendars.ical.title', defaultMessage: 'Import holidays from iCal' },
  icalFile: { id: 'calendars.ical.file', defaultMessage: 'Import iCal file' },
  icalUrl: { id: 'calendars.ical.url', defaultMessage: 'or a feed’s address' },
  icalFromUrl: { id: 'calendars.ical.fromUrl', defaultMessage: 'Import from address' },
});

const emptyWeek = (): Hours => ({ mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] });
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** Creates or edits one calendar: its name, zone, the week's intervals and the holidays. The built-in one is read only. */
export function CalendarEditor({
  calendar,
  onSaved,
  onClose,
}: {
  calendar: Calendar | null;
  onSaved: (c: Calendar) => void;
  onClose: () => void;
}) {
  const readOnly = calendar?.builtin ?? false;
  const [name, setName] = useState(calendar?.name ?? '');
  const [timeZone, setTimeZone] = useState(calendar?.timeZone ?? browserZone());
  const [hours, setHours] = useState<Hours>(calendar?.hours ?? emptyWeek());
  const [holidays, setHolidays] = useState<HolidayDraft[]>(calendar?.holidays ?? []);
  const body = () => ({
    name: name.trim(),
    timeZone,
    hours,
    holidays: holidays.map(({ date, yearly, name: n }) => ({ date, yearly, name: n })),
  });
  const save = useAdminMutation({
    fn: () =>
      calendar
        ? send('PATCH /calendars/:id', { params: { id: calendar.id }, body: body() })
        : send('POST /calendars', { body: body() }),
    invalidate: [calendarsKey],
    success: (c) => t(m.saved, { name: c.name }),
    onSuccess: onSaved,
  });

  const setDay = (day: Weekday, intervals: Interval[]) => setHours((h) => ({ ...h, [day]: intervals }));
  const title = readOnly ? calendar?.name : calendar ? t(m.edit, { name: calendar.name }) : t(m.new);
  return (
    <Card withBorder component="section" aria-label={title}>
      <Stack gap="md">
        <Title order={3} size="h4">
          {title}
        </Title>
        {readOnly && (
          <Text size="sm" c="dimmed">
            {t(m.builtIn)}
          </Text>
        )}
        <Fieldset variant="unstyled" disabled={readOnly}>
          <Stack gap="md">
            <Group grow align="flex-start" wrap="wrap">
              <TextInput
                label={t(m.name)}
                required
                maxLength={100}
                miw={200}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
              />
              <Select
                label={t(m.timeZone)}
                searchable
                required
                miw={200}
                data={TIME_ZONES}
                value={timeZone}
                onChange={(z) => z && setTimeZone(z)}
                allowDeselect={false}
              />
            </Group>
            <WeekGrid hours={hours} setDay={setDay} />
            <HolidayList holidays={holidays} setHolidays={setHolidays} />
          </Stack>
        </Fieldset>
        {calendar && !readOnly && (
          <IcalImport calendar={calendar} onImported={(c) => setHolidays(c.holidays)} />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t(m.close)}
          </Button>
          {!readOnly && (
            <Button
              loading={save.isPending}
              disabled={name.trim() === ''}
              onClick={() => save.mutate(undefined)}
            >
              {calendar ? t(m.save) : t(m.create)}
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

/** One row per weekday, each with its intervals (start and end, HH:MM), added and removed. */
function WeekGrid({
  hours,
  setDay,
}: {
  hours: Hours;
  setDay: (day: Weekday, intervals: Interval[]) => void;
}) {
  const copyMonday = () => {
    for (const day of ['tue', 'wed', 'thu', 'fri'] as const)
      setDay(
        day,
        hours.mon.map((i) => ({ ...i })),
      );
  };
  return (
    <Stack gap="xs">
      <Group justify="space-between" wrap="wrap">
        <Text fw={500} size="sm">
          {t(m.businessHours)}
        </Text>
        <Button size="xs" variant="subtle" onClick={copyMonday} disabled={hours.mon.length === 0}>
          {t(m.copyMonday)}
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        {t(m.help)}
      </Text>
      {WEEKDAY_KEYS.map((day) => {
        const intervals = hours[day];
        const change = (i: number, part: keyof Interval, value: string) =>
          setDay(
            day,
            intervals.map((x, j) => (j === i ? { ...x, [part]: value } : x)),
          );
        const name = dayName(day);
        return (
          <Group key={day} gap="xs" align="center" wrap="wrap" role="group" aria-label={name}>
            <Text size="sm" w={90}>
              {name}
            </Text>
            {intervals.length === 0 && (
              <Text size="sm" c="dimmed">
                {t(m.closed)}
              </Text>
            )}
            {intervals.map((x, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: intervals have no identity but their place
              <Group key={i} gap={4} wrap="nowrap">
                <TimeBox
                  label={t(m.start, { day: name, n: i + 1 })}
                  placeholder="09:00"
                  value={x.start}
                  onChange={(v) => change(i, 'start', v)}
                />
                <Text size="sm" aria-hidden>
                  –
                </Text>
                <TimeBox
                  label={t(m.end, { day: name, n: i + 1 })}
                  placeholder="17:00"
                  value={x.end}
                  onChange={(v) => change(i, 'end', v)}
                />
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={t(m.remove, { day: name, n: i + 1 })}
                  onClick={() =>
                    setDay(
                      day,
                      intervals.filter((_, j) => j !== i),
                    )
                  }
                >
                  <IconTrash size={14} aria-hidden />
                </ActionIcon>
              </Group>
            ))}
            <Button
              size="compact-xs"
              variant="light"
              leftSection={<IconPlus size={12} aria-hidden />}
              aria-label={t(m.addOn, { day: name })}
              onClick={() => {
                const last = intervals.at(-1);
                setDay(day, [
                  ...intervals,
                  last ? { start: last.end, end: '' } : { start: '09:00', end: '17:00' },
                ]);
              }}
            >
              {t(m.add)}
            </Button>
          </Group>
        );
      })}
    </Stack>
  );
}

/** One end of an interval, HH:MM. */
function TimeBox(props: {
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <TextInput
      size="xs"
      w={64}
      maxLength={5}
      placeholder={props.placeholder}
      aria-label={props.label}
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
    />
  );
}

/** The holidays, each one-off or yearly, with a row to add one. */
function HolidayList({
  holidays,
  setHolidays,
}: {
  holidays: HolidayDraft[];
  setHolidays: (f: (h: HolidayDraft[]) => HolidayDraft[]) => void;
}) {
  const [draft, setDraft] = useState<HolidayDraft>({ date: '', yearly: false, name: '' });
  const sorted = [...holidays].sort((a, b) => a.date.localeCompare(b.date));
  return (
    <Stack gap="xs">
      <Text fw={500} size="sm">
        {t(m.holidays)}
      </Text>
      {sorted.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t(m.noHolidays)}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={300}>
          <Table aria-label={t(m.holidays)} verticalSpacing={4}>
            <Table.Tbody>
              {sorted.map((h) => (
                <Table.Tr key={`${h.yearly}-${h.date}`}>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {h.yearly ? t(m.every, { date: h.date.slice(5) }) : h.date}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{h.name}</Text>
                    {h.source === 'ical' && (
                      <Text size="xs" c="dimmed">
                        {t(m.fromIcal)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td w={40}>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={t(m.removeHoliday, { date: h.date })}
                      onClick={() => setHolidays((all) => all.filter((x) => x !== h))}
                    >
                      <IconTrash size={14} aria-hidden />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Group gap="xs" align="flex-end" wrap="wrap">
        <TextInput
          size="xs"
          type="date"
          label={t(m.date)}
          value={draft.date}
          onChange={(e) => setDraft({ ...draft, date: e.currentTarget.value })}
        />
        <TextInput
          size="xs"
          label={t(m.holidayName)}
          maxLength={200}
          value={draft.name}
          onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
        />
        <Checkbox
          size="xs"
          label={t(m.everyYear)}
          checked={draft.yearly}
          onChange={(e) => setDraft({ ...draft, yearly: e.currentTarget.checked })}
          mb={6}
        />
        <Button
          size="xs"
          variant="light"
          disabled={draft.date === ''}
          onClick={() => {
            setHolidays((all) => [...all, { ...draft, name: draft.name.trim() }]);
            setDraft({ date: '', yearly: false, name: '' });
          }}
        >
          {t(m.addHoliday)}
        </Button>
      </Group>
    </Stack>
  );
}

/** Adds the all-day events of an iCal file or feed as holidays (saved at once, as the server imports them). */
function IcalImport({ calendar, onImported }: { calendar: Calendar; onImported: (c: Calendar) => void }) {
  const [url, setUrl] = useState('');
  const path = `/api/v1/calendars/${encodeURIComponent(calendar.id)}/holidays/import`;
  const done = (r: Imported) =>
    r.skipped
      ? t(m.importedSkipped, { added: r.added, skipped: r.skipped })
      : t(m.imported, { added: r.added });
  const fromFile = useAdminMutation({
    fn: (file: File) => postFile<Imported>(path, file),
    invalidate: [calendarsKey],
    success: done,
    onSuccess: (r) => onImported(r.calendar),
  });
  const fromUrl = useAdminMutation({
    fn: (feed: string) =>
      send('POST /calendars/:id/holidays/import', { params: { id: calendar.id }, body: { url: feed } }),
    invalidate: [calendarsKey],
    success: done,
    onSuccess: (r) => {
      onImported(r.calendar);
      setUrl('');
    },
  });
  return (
    <Stack gap="xs">
      <Text fw={500} size="sm">
        {t(m.icalTitle)}
      </Text>
      <Group gap="xs" align="flex-end" wrap="wrap">
        <FileButton accept=".ics,text/calendar" onChange={(f) => f && fromFile.mutate(f)}>
          {(props) => (
            <Button
              {...props}
              size="xs"
              variant="default"
              loading={fromFile.isPending}
              leftSection={<IconUpload size={14} aria-hidden />}
            >
              {t(m.icalFile)}
            </Button>
          )}
        </FileButton>
        <TextInput
          size="xs"
          label={t(m.icalUrl)}
          placeholder={FEED_EXAMPLE}
          miw={220}
          style={{ flexGrow: 1 }}
          value={url}
          onChange={(e) => setUrl(e.currentTarget.value)}
        />
        <Button
          size="xs"
          variant="default"
          disabled={url.trim() === ''}
          loading={fromUrl.isPending}
          onClick={() => fromUrl.mutate(url.trim())}
        >
          {t(m.icalFromUrl)}
        </Button>
      </Group>
    </Stack>
  );
}
