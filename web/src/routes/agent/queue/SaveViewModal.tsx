import { Button, Checkbox, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useEffect, useState } from 'react';
import { defineMessages, FormattedMessage, useIntl } from 'react-intl';
import type { ViewColumn, ViewScope } from '../../../../../common/views';
import { errorMessage } from '../../../api/client';
import { useDepartments, useMe } from '../../../api/hooks';
import { filterOfSearch, searchOfView } from '../../../lib/views';
import { type ShownView, useViewMutation, viewApi } from '../../../lib/views-api';
import type { QueueSearch } from '../../../search';
import { COLUMNS, columnsOf } from './columns';

const SCOPE_LABEL = defineMessages({
  personal: { id: 'agent.views.scope.personal', defaultMessage: 'Only me' },
  department: { id: 'agent.views.scope.department', defaultMessage: 'Everyone in a department' },
  everyone: { id: 'agent.views.scope.everyone', defaultMessage: 'Everyone' },
} satisfies Record<ViewScope, unknown>);

/**
 * Saves the queue's search (filters, sort) as a view with a name, who it is shared with and its
 * columns; or, given `view`, renames it, shares it otherwise or changes its columns.
 */
export function SaveViewModal({
  opened,
  onClose,
  search,
  view,
}: {
  opened: boolean;
  onClose: () => void;
  search: QueueSearch;
  view?: ShownView;
}) {
  const form = useViewForm(search, view, opened);
  const create = useViewMutation(viewApi.create);
  const update = useViewMutation(viewApi.update);
  const pending = create.isPending || update.isPending;
  const navigate = useNavigate();
  const intl = useIntl();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const name = form.name.trim();
    if (!name || form.columns.length === 0) return;
    const shared = {
      name,
      scope: form.scope,
      departmentId: form.scope === 'department' ? (form.departmentId ?? undefined) : undefined,
      columns: form.columns,
    };
    const onSuccess = (saved: Parameters<typeof searchOfView>[0]) => {
      notifications.show({
        color: 'green',
        message: intl.formatMessage(
          { id: 'agent.views.saved', defaultMessage: 'View “{name}” saved' },
          { name },
        ),
      });
      onClose();
      // The queue shows the view as saved, its columns included.
      if (!view) void navigate({ to: '/agent', search: searchOfView(saved), replace: true });
    };
    const onError = (err: unknown) => notifications.show({ color: 'red', message: errorMessage(err) });
    if (view) {
      update.mutate(
        { id: view.id, ...shared, departmentId: shared.departmentId ?? null },
        { onSuccess, onError },
      );
    } else {
      create.mutate(
        {
          ...shared,
          filter: filterOfSearch(search),
          sort: search.sort ?? 'lastActivityAt',
          order: search.order ?? 'desc',
        },
        { onSuccess, onError },
      );
    }
  };
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={
        view
          ? intl.formatMessage(
              { id: 'agent.views.editTitle', defaultMessage: 'Edit view “{name}”' },
              { name: view.name },
            )
          : intl.formatMessage({ id: 'agent.views.saveTitle', defaultMessage: 'Save this view' })
      }
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          {!view && (
            <Text size="sm" c="dimmed">
              <FormattedMessage
                id="agent.views.saveHelp"
                defaultMessage="Keeps the current filters, search and sort under a name in the sidebar, with the number of tickets it holds."
              />
            </Text>
          )}
          <TextInput
            label={intl.formatMessage({ id: 'agent.views.name', defaultMessage: 'Name' })}
            required
            maxLength={60}
            value={form.name}
            onChange={(e) => form.setName(e.currentTarget.value)}
            data-autofocus
          />
          <ShareFields form={form} />
          <Checkbox.Group
            label={intl.formatMessage({ id: 'agent.views.columns', defaultMessage: 'Columns' })}
            description={intl.formatMessage({
              id: 'agent.views.columnsHelp',
              defaultMessage: "What the queue's table shows for this view",
            })}
            value={form.columns}
            onChange={(v) => form.setColumns(v as ViewColumn[])}
            error={
              form.columns.length === 0
                ? intl.formatMessage({
                    id: 'agent.views.noColumns',
                    defaultMessage: 'Choose at least one column',
                  })
                : undefined
            }
          >
            <SimpleGrid cols={{ base: 2, xs: 3 }} spacing="xs" mt="xs">
              {COLUMNS.map((c) => (
                <Checkbox key={c.sort} value={c.sort} label={c.label} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              <FormattedMessage id="agent.views.cancel" defaultMessage="Cancel" />
            </Button>
            <Button type="submit" loading={pending} disabled={!form.valid}>
              <FormattedMessage id="agent.views.save" defaultMessage="Save view" />
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

type ViewForm = ReturnType<typeof useViewForm>;

/** The form's state, from the view being edited or the current search, reset each time it opens. */
function useViewForm(search: QueueSearch, view: ShownView | undefined, opened: boolean) {
  const [name, setName] = useState('');
  const [scope, setScope] = useState<ViewScope>('personal');
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const [columns, setColumns] = useState<ViewColumn[]>([]);
  useEffect(() => {
    if (!opened) return;
    setName(view?.name ?? '');
    setScope(view?.saved.scope ?? 'personal');
    setDepartmentId(view?.saved.department?.id ?? null);
    setColumns(view ? [...view.saved.columns] : columnsOf(search.columns));
  }, [opened, view, search.columns]);
  const valid =
    Boolean(name.trim()) && columns.length > 0 && (scope !== 'department' || Boolean(departmentId));
  return { name, setName, scope, setScope, departmentId, setDepartmentId, columns, setColumns, valid };
}

/** Who sees the view: only me, a department I am in (any, for administrators), or everyone (administrators). */
function ShareFields({ form }: { form: ViewForm }) {
  const me = useMe().data;
  const departments = useDepartments().data ?? [];
  const isAdmin = me?.role === 'admin';
  const intl = useIntl();
  const mine = isAdmin ? departments : departments.filter((d) => me?.departmentIds.includes(d.id));
  const scopes = (['personal', 'department', 'everyone'] as const).filter(
    (s) => (s !== 'everyone' || isAdmin) && (s !== 'department' || mine.length > 0),
  );
  return (
    <>
      <Select
        label={intl.formatMessage({ id: 'agent.views.sharedWith', defaultMessage: 'Shared with' })}
        data={scopes.map((s) => ({ value: s, label: intl.formatMessage(SCOPE_LABEL[s]) }))}
        value={form.scope}
        onChange={(v) => v && form.setScope(v as ViewScope)}
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
      />
      {form.scope === 'department' && (
        <Select
          label={intl.formatMessage({ id: 'agent.views.department', defaultMessage: 'Department' })}
          required
          placeholder={intl.formatMessage({
            id: 'agent.views.chooseDepartment',
            defaultMessage: 'Choose a department',
          })}
          data={mine.map((d) => ({ value: d.id, label: d.name }))}
          value={form.departmentId}
          onChange={form.setDepartmentId}
          comboboxProps={{ withinPortal: true }}
        />
      )}
    </>
  );
}
