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
import { errorMessage } from '../../../api/client';
import { NavLinkLink } from '../../../components/links';
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

const GROUPS = [
  { scope: 'personal', title: 'My views' },
  { scope: 'department', title: 'Department views' },
  { scope: 'everyone', title: 'Shared with everyone' },
] as const;

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
  const all: QueueView[] = [...builtInViews, ...(saved.data ?? [])];
  const activeId = onQueue ? all.find((v) => sameSearch(v.search, current))?.id : undefined;
  const [editing, setEditing] = useState<ShownView | null>(null);
  const [editOpened, editModal] = useDisclosure(false);

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
    <Box component="nav" aria-label="Queue views">
      <NavHeading>Queue</NavHeading>
      {builtInViews.map((v) => item(v))}
      {GROUPS.map((g) => {
        const views = (saved.data ?? []).filter((v) => v.saved.scope === g.scope);
        if (views.length === 0) return null;
        return (
          <Box key={g.scope} role="group" aria-label={g.title}>
            <NavHeading>{g.title}</NavHeading>
            {views.map((v) => item(v, v))}
          </Box>
        );
      })}
      <Divider my="xs" />
      <NavLinkLink
        to="/agent/reports"
        label="Reports"
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
              aria-label={`${count ?? 'unknown'} tickets`}
            >
              {count === null ? '–' : count.toLocaleString()}
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
        <ActionIcon variant="subtle" color="gray" size="md" aria-label={`Actions for view ${v.name}`}>
          {isDefault ? <IconStarFilled size={14} aria-hidden /> : <IconDots size={14} aria-hidden />}
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item
          leftSection={<IconStar size={14} aria-hidden />}
          onClick={() =>
            setDefault.mutate(isDefault ? null : v.id, {
              onSuccess: done(
                isDefault ? 'The queue opens on All tickets' : `The queue opens on “${v.name}”`,
              ),
              onError: failed,
            })
          }
        >
          {isDefault ? 'Stop opening on this view' : 'Open the queue on this view'}
        </Menu.Item>
        {canEdit && saved && (
          <>
            <Menu.Item leftSection={<IconPencil size={14} aria-hidden />} onClick={edit}>
              Rename, share or choose columns…
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
                    { onSuccess: done(`“${v.name}” now shows the current filters`), onError: failed },
                  )
                }
              >
                Use the current filters and sort
              </Menu.Item>
            )}
            <Menu.Item
              color="red"
              leftSection={<IconTrash size={14} aria-hidden />}
              onClick={() =>
                remove.mutate(v.id, { onSuccess: done(`View “${v.name}” deleted`), onError: failed })
              }
            >
              Delete view
            </Menu.Item>
          </>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
