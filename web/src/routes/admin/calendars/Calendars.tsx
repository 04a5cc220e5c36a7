import { Badge, Group, Table, Text } from '@mantine/core';
import { IconCalendarTime } from '@tabler/icons-react';
import { useState } from 'react';
import { get, send } from '../../../api/client';
import { AdminList } from '../../../components/admin';
import { AdminPage } from '../../../components/admin/AdminPage';
import { NewButton, RowButton } from '../../../components/admin/buttons';
import { ConfirmModal, useConfirmedAct } from '../../../components/admin/ConfirmModal';
import { useItems } from '../../../components/admin/lists';
import { HeaderCells } from '../../../components/admin/table';
import { CalendarEditor } from './CalendarEditor';
import { PreviewBox } from './PreviewBox';
import { type Calendar, calendarsKey, hoursSummary } from './shared';

/** Admin › Calendars: business hours and holidays that service-level targets count on. */
export function CalendarsPage() {
  const list = useItems(calendarsKey, () => get('/calendars'));
  const [editing, setEditing] = useState<Calendar | 'new' | null>(null);
  const removal = useConfirmedAct({
    fn: (c: Calendar) => send('DELETE /calendars/:id', { params: { id: c.id } }),
    invalidate: [calendarsKey],
    success: (c) => `Calendar “${c.name}” deleted`,
  });
  // The calendar open in the editor, as the list now has it (after an import, say).
  const open =
    editing === 'new' || editing === null
      ? editing
      : (list.data?.find((c) => c.id === editing.id) ?? editing);
  return (
    <AdminPage
      maw={1000}
      title="Calendars"
      description="Business hours per weekday (several intervals a day, for lunch breaks and split shifts), a time zone and holidays. Service-level targets count business time on a calendar; the built-in 24×7 calendar counts every minute."
      action={<NewButton onClick={() => setEditing('new')}>New calendar</NewButton>}
    >
      <AdminList
        query={list}
        items={list.data}
        empty={{ icon: <IconCalendarTime aria-hidden />, title: 'No calendars' }}
        minWidth={320}
        tableProps={{ 'aria-label': 'Calendars' }}
        head={<HeaderCells columns={['Calendar', 'Hours']} actions={150} />}
      >
        {(c) => (
          <Table.Tr key={c.id}>
            <Table.Td>
              <Text size="sm" fw={500}>
                {c.name}{' '}
                {c.builtin && (
                  <Badge size="xs" variant="light" color="gray">
                    Built in
                  </Badge>
                )}
              </Text>
              <Text size="xs" c="dimmed">
                {c.timeZone} · {c.holidays.length} holiday{c.holidays.length === 1 ? '' : 's'}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="xs">{hoursSummary(c)}</Text>
            </Table.Td>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <RowButton label={`${c.builtin ? 'View' : 'Edit'} ${c.name}`} onClick={() => setEditing(c)}>
                  {c.builtin ? 'View' : 'Edit'}
                </RowButton>
                {!c.builtin && (
                  <RowButton label={`Delete ${c.name}`} onClick={() => removal.ask(c)}>
                    Delete
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
        title={`Delete “${removal.asking?.name ?? ''}”`}
        confirmLabel="Delete the calendar"
        color="red"
      >
        <Text size="sm">The calendar and its holidays are deleted.</Text>
      </ConfirmModal>
    </AdminPage>
  );
}
