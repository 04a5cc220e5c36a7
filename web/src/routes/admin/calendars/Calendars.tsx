import { Badge, Group, Table, Text } from '@mantine/core';
import { IconCalendarTime } from '@tabler/icons-react';
import { useState } from 'react';
import { defineMessages } from 'react-intl';
import { get, send } from '../../../api/client';
import { AdminList } from '../../../components/admin';
import { AdminPage } from '../../../components/admin/AdminPage';
import { NewButton, RowButton } from '../../../components/admin/buttons';
import { ConfirmModal, useConfirmedAct } from '../../../components/admin/ConfirmModal';
import { useItems } from '../../../components/admin/lists';
import { HeaderCells } from '../../../components/admin/table';
import { t } from '../../../i18n/t';
import { CalendarEditor } from './CalendarEditor';
import { PreviewBox } from './PreviewBox';
import { type Calendar, calendarsKey, hoursSummary } from './shared';

const m = defineMessages({
  deleted: { id: 'calendars.deleted', defaultMessage: 'Calendar “{name}” deleted' },
  title: { id: 'calendars.title', defaultMessage: 'Calendars' },
  description: {
    id: 'calendars.description',
    defaultMessage:
      'Business hours per weekday (several intervals a day, for lunch breaks and split shifts), a time zone and holidays. Service-level targets count business time on a calendar; the built-in 24×7 calendar counts every minute.',
  },
  new: { id: 'calendars.new', defaultMessage: 'New calendar' },
  empty: { id: 'calendars.empty', defaultMessage: 'No calendars' },
  calendar: { id: 'calendars.column.calendar', defaultMessage: 'Calendar' },
  hours: { id: 'calendars.column.hours', defaultMessage: 'Hours' },
  builtIn: { id: 'calendars.builtIn', defaultMessage: 'Built in' },
  holidays: {
    id: 'calendars.holidayCount',
    defaultMessage: '{count, plural, one {# holiday} other {# holidays}}',
  },
  view: { id: 'calendars.view', defaultMessage: 'View' },
  viewOne: { id: 'calendars.viewOne', defaultMessage: 'View {name}' },
  edit: { id: 'calendars.edit', defaultMessage: 'Edit' },
  editOne: { id: 'calendars.editOne', defaultMessage: 'Edit {name}' },
  delete: { id: 'calendars.delete', defaultMessage: 'Delete' },
  deleteOne: { id: 'calendars.deleteOne', defaultMessage: 'Delete {name}' },
  deleteTitle: { id: 'calendars.delete.title', defaultMessage: 'Delete “{name}”' },
  deleteConfirm: { id: 'calendars.delete.confirm', defaultMessage: 'Delete the calendar' },
  deleteBody: { id: 'calendars.delete.body', defaultMessage: 'The calendar and its holidays are deleted.' },
});

/** Admin › Calendars: business hours and holidays that service-level targets count on. */
export function CalendarsPage() {
  const list = useItems(calendarsKey, () => get('/calendars'));
  const [editing, setEditing] = useState<Calendar | 'new' | null>(null);
  const removal = useConfirmedAct({
    fn: (c: Calendar) => send('DELETE /calendars/:id', { params: { id: c.id } }),
    invalidate: [calendarsKey],
    success: (c) => t(m.deleted, { name: c.name }),
  });
  // The calendar open in the editor, as the list now has it (after an import, say).
  const open =
    editing === 'new' || editing === null
      ? editing
      : (list.data?.find((c) => c.id === editing.id) ?? editing);
  return (
    <AdminPage
      maw={1000}
      title={t(m.title)}
      description={t(m.description)}
      action={<NewButton onClick={() => setEditing('new')}>{t(m.new)}</NewButton>}
    >
      <AdminList
        query={list}
        items={list.data}
        empty={{ icon: <IconCalendarTime aria-hidden />, title: t(m.empty) }}
        minWidth={320}
        tableProps={{ 'aria-label': t(m.title) }}
        head={<HeaderCells columns={[t(m.calendar), t(m.hours)]} actions={150} />}
      >
        {(c) => (
          <Table.Tr key={c.id}>
            <Table.Td>
              <Text size="sm" fw={500}>
                {c.name}{' '}
                {c.builtin && (
                  <Badge size="xs" variant="light" color="gray">
                    {t(m.builtIn)}
                  </Badge>
                )}
              </Text>
              <Text size="xs" c="dimmed">
                {c.timeZone} · {t(m.holidays, { count: c.holidays.length })}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="xs">{hoursSummary(c)}</Text>
            </Table.Td>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <RowButton
                  label={t(c.builtin ? m.viewOne : m.editOne, { name: c.name })}
                  onClick={() => setEditing(c)}
                >
                  {t(c.builtin ? m.view : m.edit)}
                </RowButton>
                {!c.builtin && (
                  <RowButton label={t(m.deleteOne, { name: c.name })} onClick={() => removal.ask(c)}>
                    {t(m.delete)}
                  </RowButton>
                )}
              </Group>
            </Table.Td>
          </Table.Tr>
        )}
      </AdminList>
      {open !== null && (
        <CalendarEditor
          key={open === 'new' ? 'new' : open.id}
          calendar={open === 'new' ? null : open}
          onSaved={(c) => setEditing(c)}
          onClose={() => setEditing(null)}
        />
      )}
      {open !== null && open !== 'new' && <PreviewBox key={`preview-${open.id}`} calendar={open} />}
      <ConfirmModal
        {...removal.confirm}
        title={t(m.deleteTitle, { name: removal.asking?.name ?? '' })}
        confirmLabel={t(m.deleteConfirm)}
        color="red"
      >
        <Text size="sm">{t(m.deleteBody)}</Text>
      </ConfirmModal>
    </AdminPage>
  );
}
