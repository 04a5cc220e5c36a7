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
import { WEEKDAY_KEYS } from '../../../../../common/calendars';
import { postFile, send } from '../../../api/client';
import { useAdminMutation } from '../../../components/admin';
import {
  type Calendar,
  calendarsKey,
  DAY_NAMES,
  type Hours,
  type Interval,
  TIME_ZONES,
  type Weekday,
} from './shared';

type HolidayDraft = { date: string; yearly: boolean; name: string; source?: string };
type Imported = { added: number; skipped: number; calendar: Calendar };

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
    success: (c) => `Calendar “${c.name}” saved`,
    onSuccess: onSaved,
  });

  const setDay = (day: Weekday, intervals: Interval[]) => setHours((h) => ({ ...h, [day]: intervals }));
  const title = readOnly ? calendar?.name : calendar ? `Edit ${calendar.name}` : 'New calendar';
  return (
    <Card withBorder component="section" aria-label={title}>
      <Stack gap="md">
        <Title order={3} size="h4">
          {title}
        </Title>
        {readOnly && (
          <Text size="sm" c="dimmed">
            The built-in calendar counts every minute of every day and cannot be changed. Create a calendar of
            your own for business hours.
          </Text>
        )}
        <Fieldset variant="unstyled" disabled={readOnly}>
          <Stack gap="md">
            <Group grow align="flex-start" wrap="wrap">
              <TextInput
                label="Name"
                required
                maxLength={100}
                miw={200}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
              />
              <Select
                label="Time zone"
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
            Close
          </Button>
          {!readOnly && (
            <Button
              loading={save.isPending}
              disabled={name.trim() === ''}
              onClick={() => save.mutate(undefined)}
            >
              {calendar ? 'Save' : 'Create calendar'}
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
          Business hours
        </Text>
        <Button size="xs" variant="subtle" onClick={copyMonday} disabled={hours.mon.length === 0}>
          Copy Monday to Tuesday–Friday
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        Times are HH:MM on the calendar’s time zone; 24:00 is the end of the day. Leave a day empty when
        closed.
      </Text>
      {WEEKDAY_KEYS.map((day) => {
        const intervals = hours[day];
        const change = (i: number, part: keyof Interval, value: string) =>
          setDay(
            day,
            intervals.map((x, j) => (j === i ? { ...x, [part]: value } : x)),
          );
        return (
          <Group key={day} gap="xs" align="center" wrap="wrap" role="group" aria-label={DAY_NAMES[day]}>
            <Text size="sm" w={90}>
              {DAY_NAMES[day]}
            </Text>
            {intervals.length === 0 && (
              <Text size="sm" c="dimmed">
                Closed
              </Text>
            )}
            {intervals.map((x, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: intervals have no identity but their place
              <Group key={i} gap={4} wrap="nowrap">
                <TimeBox
                  label={`${DAY_NAMES[day]} interval ${i + 1} start`}
                  placeholder="09:00"
                  value={x.start}
                  onChange={(v) => change(i, 'start', v)}
                />
                <Text size="sm" aria-hidden>
                  –
                </Text>
                <TimeBox
                  label={`${DAY_NAMES[day]} interval ${i + 1} end`}
                  placeholder="17:00"
                  value={x.end}
                  onChange={(v) => change(i, 'end', v)}
                />
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={`Remove ${DAY_NAMES[day]} interval ${i + 1}`}
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
              aria-label={`Add an interval on ${DAY_NAMES[day]}`}
              onClick={() => {
                const last = intervals.at(-1);
                setDay(day, [
                  ...intervals,
                  last ? { start: last.end, end: '' } : { start: '09:00', end: '17:00' },
                ]);
              }}
            >
              Add
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
        Holidays
      </Text>
      {sorted.length === 0 ? (
        <Text size="sm" c="dimmed">
          No holidays.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={300}>
          <Table aria-label="Holidays" verticalSpacing={4}>
            <Table.Tbody>
              {sorted.map((h) => (
                <Table.Tr key={`${h.yearly}-${h.date}`}>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {h.yearly ? `every ${h.date.slice(5)}` : h.date}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{h.name}</Text>
                    {h.source === 'ical' && (
                      <Text size="xs" c="dimmed">
                        from iCal
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td w={40}>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={`Remove holiday ${h.date}`}
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
          label="Date"
          value={draft.date}
          onChange={(e) => setDraft({ ...draft, date: e.currentTarget.value })}
        />
        <TextInput
          size="xs"
          label="Holiday name"
          maxLength={200}
          value={draft.name}
          onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
        />
        <Checkbox
          size="xs"
          label="Every year"
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
          Add holiday
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
    `${r.added} holiday${r.added === 1 ? '' : 's'} imported${r.skipped ? `, ${r.skipped} skipped (not all-day, or there already)` : ''}`;
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
        Import holidays from iCal
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
              Import iCal file
            </Button>
          )}
        </FileButton>
        <TextInput
          size="xs"
          label="or a feed’s address"
          placeholder="https://…/holidays.ics"
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
          Import from address
        </Button>
      </Group>
    </Stack>
  );
}
