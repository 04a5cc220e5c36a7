import { ActionIcon, Badge, Box, Divider, Group, Menu, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconChartBar,
  IconDots,
  IconFilter,
  IconInbox,
  IconPencil,
  IconStar,
  IconStarFilled,
  IconTrash,
} from '@tabler/icons-react';
import { useRouterState } from '@tanstack/react-router';
import { useState } from 'react';
import { defineMessages, FormattedMessage, useIntl } from 'react-intl';
import { errorMessage } from '../../../api/client';
import { NavLinkLink } from '../../../components/links';
import { formatNumber } from '../../../lib/format';
import { filterOfSearch, type QueueView, sameSearch } from '../../../lib/views';
import {
  builtInViews,
  type ShownView,
  useDefaultView,
  useImportLegacyViews,
  useSavedViews,
  useViewCounts,
  useViewMutation,
  viewApi,
} from '../../../lib/views-api';
import { type QueueSearch, validateQueueSearch } from '../../../search';
import { SaveViewModal } from './SaveViewModal';

export function NavHeading({ children }: { children: string }) {
  return (
    <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt="xs" pb={4}>
      {children}
    </Text>
  );
}

const GROUP_TITLE = defineMessages({
  personal: { id: 'agent.views.group.personal', defaultMessage: 'My views' },
  department: { id: 'agent.views.group.department', defaultMessage: 'Department views' },
  everyone: { id: 'agent.views.group.everyone', defaultMessage: 'Shared with everyone' },
});
const GROUPS = (['personal', 'department', 'everyone'] as const).map((scope) => ({
  scope,
  title: GROUP_TITLE[scope],
}));

/**
 * The queue's views, built in and saved (mine, my departments', everyone's), each with the number of
 * tickets it holds for me, kept current as tickets change; the one shown is marked. Then Reports.
 */
export function QueueViewsNav({ path, close }: { path: string; close: () => void }) {
  const locationSearch = useRouterState({ select: (s) => s.location.search });
  const onQueue = path === '/agent' || path === '/agent/';
  const current: QueueSearch = onQueue ? validateQueueSearch(locationSearch as Record<string, unknown>) : {};
  const saved = useSavedViews();
  useImportLegacyViews(saved.isSuccess);
  const counts = useViewCounts().data;
  const defaultId = useDefaultView().data?.id ?? null;
  const all: QueueView[] = [...builtInViews(), ...(saved.data ?? [])];
  const activeId = onQueue ? all.find((v) => sameSearch(v.search, current))?.id : undefined;
  const [editing, setEditing] = useState<ShownView | null>(null);
  const [editOpened, editModal] = useDisclosure(false);
  const intl = useIntl();

  const item = (v: QueueView, saved?: ShownView) => (
    <ViewItem
      key={v.id}
      view={v}
      saved={saved}
      count={counts?.get(v.id)}
      active={activeId === v.id}
      isDefault={defaultId === v.id}
      current={onQueue ? current : null}
      close={close}
      edit={() => {
        setEditing(saved ?? null);
        editModal.open();
      }}
    />
  );
  return (
    <Box
      component="nav"
      aria-label={intl.formatMessage({ id: 'agent.views.navLabel', defaultMessage: 'Queue views' })}
    >
      <NavHeading>{intl.formatMessage({ id: 'agent.queue.title', defaultMessage: 'Queue' })}</NavHeading>
      {builtInViews().map((v) => item(v))}
      {GROUPS.map((g) => {
        const views = (saved.data ?? []).filter((v) => v.saved.scope === g.scope);
        if (views.length === 0) return null;
        const title = intl.formatMessage(g.title);
        return (
          <Box key={g.scope} role="group" aria-label={title}>
            <NavHeading>{title}</NavHeading>
            {views.map((v) => item(v, v))}
          </Box>
        );
      })}
      <Divider my="xs" />
      <NavLinkLink
        to="/agent/reports"
        label={intl.formatMessage({ id: 'agent.reports.title', defaultMessage: 'Reports' })}
        leftSection={<IconChartBar size={16} aria-hidden />}
        active={path.startsWith('/agent/reports')}
        onClick={close}
      />
      {editing && (
        <SaveViewModal opened={editOpened} onClose={editModal.close} search={editing.search} view={editing} />
      )}
    </Box>
  );
}

function ViewItem({
  view: v,
  saved,
  count,
  active,
  isDefault,
  current,
  close,
  edit,
}: {
  view: QueueView;
  saved?: ShownView;
  count: number | null | undefined;
  active: boolean;
  isDefault: boolean;
  current: QueueSearch | null;
  close: () => void;
  edit: () => void;
}) {
  const department = saved?.saved.department?.name;
  const intl = useIntl();
  return (
    <Group gap={0} wrap="nowrap" data-view={v.name}>
      <NavLinkLink
        to="/agent"
        search={v.search}
        activeOptions={{ exact: true, includeSearch: true }}
        label={
          department ? (
            <>
              {v.name}{' '}
              <Text span size="xs" c="inherit">
                · {department}
              </Text>
            </>
          ) : (
            v.name
          )
        }
        leftSection={saved ? undefined : <IconInbox size={16} aria-hidden />}
        rightSection={
          count === undefined ? undefined : (
            <Badge
              size="sm"
              variant="light"
              color="gray"
              data-count
              aria-label={
                count === null
                  ? intl.formatMessage({ id: 'agent.views.countUnknown', defaultMessage: 'unknown tickets' })
                  : intl.formatMessage(
                      {
                        id: 'agent.views.count',
                        defaultMessage: '{count, plural, one {# ticket} other {# tickets}}',
                      },
                      { count },
                    )
              }
            >
              {count === null ? '–' : formatNumber(count)}
            </Badge>
          )
        }
        active={active}
        aria-current={active ? 'page' : undefined}
        onClick={close}
        style={{ flex: 1, minWidth: 0 }}
      />
      <ViewMenu view={v} saved={saved} isDefault={isDefault} current={current} edit={edit} />
    </Group>
  );
}

function ViewMenu({
  view: v,
  saved,
  isDefault,
  current,
  edit,
}: {
  view: QueueView;
  saved?: ShownView;
  isDefault: boolean;
  current: QueueSearch | null;
  edit: () => void;
}) {
  const intl = useIntl();
  const done = (message: string) => () => notifications.show({ color: 'green', message });
  const failed = (e: unknown) => notifications.show({ color: 'red', message: errorMessage(e) });
  const setDefault = useViewMutation(viewApi.setDefault);
  const remove = useViewMutation(viewApi.remove);
  const update = useViewMutation(viewApi.update);
  const canEdit = saved?.saved.abilities.edit ?? false;
  const replaceable = canEdit && current !== null && !sameSearch(current, v.search);
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon
          variant="subtle"
          color="gray"
          size="md"
          aria-label={intl.formatMessage(
            { id: 'agent.views.actions', defaultMessage: 'Actions for view {name}' },
            { name: v.name },
          )}
        >
          {isDefault ? <IconStarFilled size={14} aria-hidden /> : <IconDots size={14} aria-hidden />}
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item
          leftSection={<IconStar size={14} aria-hidden />}
          onClick={() =>
            setDefault.mutate(isDefault ? null : v.id, {
              onSuccess: done(
                isDefault
                  ? intl.formatMessage({
                      id: 'agent.views.opensOnAll',
                      defaultMessage: 'The queue opens on All tickets',
                    })
                  : intl.formatMessage(
                      { id: 'agent.views.opensOn', defaultMessage: 'The queue opens on “{name}”' },
                      { name: v.name },
                    ),
              ),
              onError: failed,
            })
          }
        >
          {isDefault ? (
            <FormattedMessage id="agent.views.stopDefault" defaultMessage="Stop opening on this view" />
          ) : (
            <FormattedMessage id="agent.views.makeDefault" defaultMessage="Open the queue on this view" />
          )}
        </Menu.Item>
        {canEdit && saved && (
          <>
            <Menu.Item leftSection={<IconPencil size={14} aria-hidden />} onClick={edit}>
              <FormattedMessage id="agent.views.edit" defaultMessage="Rename, share or choose columns…" />
            </Menu.Item>
            {replaceable && (
              <Menu.Item
                leftSection={<IconFilter size={14} aria-hidden />}
                onClick={() =>
                  update.mutate(
                    {
                      id: v.id,
                      filter: filterOfSearch(current),
                      sort: current.sort ?? 'lastActivityAt',
                      order: current.order ?? 'desc',
                    },
                    {
                      onSuccess: done(
                        intl.formatMessage(
                          {
                            id: 'agent.views.replaced',
                            defaultMessage: '“{name}” now shows the current filters',
                          },
                          { name: v.name },
                        ),
                      ),
                      onError: failed,
                    },
                  )
                }
              >
                <FormattedMessage
                  id="agent.views.replace"
                  defaultMessage="Use the current filters and sort"
                />
              </Menu.Item>
            )}
            <Menu.Item
              color="red"
              leftSection={<IconTrash size={14} aria-hidden />}
              onClick={() =>
                remove.mutate(v.id, {
                  onSuccess: done(
                    intl.formatMessage(
                      { id: 'agent.views.deleted', defaultMessage: 'View “{name}” deleted' },
                      { name: v.name },
                    ),
                  ),
                  onError: failed,
                })
              }
            >
              <FormattedMessage id="agent.views.delete" defaultMessage="Delete view" />
            </Menu.Item>
          </>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
