import { Button, Group, Menu, Paper, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconFileTypeCsv } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { PRIORITIES } from '../../../../../common/api';
import { errorMessage, get, type SendBody, send, toQueryString } from '../../../api/client';
import { useDepartments, useStaff, useStaffWorkflow } from '../../../api/hooks';
import type { TicketFilters } from '../../../api/types';
import { useTicketTypes } from '../../../components/IntakeFields';
import { PRIORITY_INFO } from '../../../lib/format';
import { BulkDialog, type DialogKind } from './BulkDialogs';
import type { BulkSelection } from './BulkSelection';

export type BulkAction = SendBody<'POST /tickets/bulk'>['action'];

/** The list's filter as the bulk request takes it: the list's query parameters, as text. */
function filterParams(filters: TicketFilters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(filters)) {
    // As toQueryString leaves them out: an empty value or list filters nothing.
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) out[key] = value.join(',');
    } else out[key] = String(value);
  }
  return out;
}

/**
 * What to do with the checked tickets: each menu starts a bulk change at once; tags, a note or
 * reply, a merge and a delete ask first. Shown while any ticket is checked.
 */
export function BulkBar({
  selection,
  filters,
  isAdmin,
  onStarted,
}: {
  selection: BulkSelection;
  filters: TicketFilters;
  isAdmin: boolean;
  onStarted: (jobId: string) => void;
}) {
  const intl = useIntl();
  const [dialog, setDialog] = useState<DialogKind | null>(null);
  const count = useQuery({
    queryKey: ['tickets-count', filters],
    queryFn: () => get('/tickets/count', { query: filters }),
    enabled: selection.page === 'all',
  });
  const start = useMutation({
    mutationFn: (action: BulkAction) =>
      send('POST /tickets/bulk', {
        body: selection.all
          ? { filter: filterParams(filters), action }
          : { numbers: [...selection.numbers], action },
      }),
    onSuccess: (job) => {
      setDialog(null);
      selection.clear();
      onStarted(job.id);
    },
    onError: (e) =>
      notifications.show({
        color: 'red',
        title: intl.formatMessage({ id: 'agent.bulk.notStarted', defaultMessage: 'Not started' }),
        message: errorMessage(e),
      }),
  });
  const n = selection.all ? (count.data?.count ?? 0) : selection.numbers.size;
  if (n === 0 && !selection.all) return null;
  const run = (action: BulkAction) => start.mutate(action);
  const exportHref = selection.all
    ? `/api/v1/tickets/export${toQueryString(filters)}`
    : `/api/v1/tickets/export${toQueryString({ numbers: [...selection.numbers].map(String) })}`;
  return (
    <Paper
      withBorder
      p="xs"
      data-testid="bulk-bar"
      aria-label={intl.formatMessage({ id: 'agent.bulk.label', defaultMessage: 'Bulk actions' })}
      component="section"
    >
      <Group gap="xs" wrap="wrap">
        <Text size="sm" fw={600} data-testid="bulk-count">
          {selection.all ? (
            <FormattedMessage
              id="agent.bulk.allMatching"
              defaultMessage="All {count, number} matching this filter"
              values={{ count: n }}
            />
          ) : (
            <FormattedMessage
              id="agent.bulk.selected"
              defaultMessage="{count, number} selected"
              values={{ count: n }}
            />
          )}
        </Text>
        {!selection.all && selection.page === 'all' && (count.data?.count ?? 0) > selection.numbers.size && (
          <Button variant="subtle" size="compact-sm" onClick={selection.selectAll}>
            <FormattedMessage
              id="agent.bulk.selectAll"
              defaultMessage="Select all {count, number} matching this filter"
              values={{ count: count.data?.count ?? 0 }}
            />
          </Button>
        )}
        <FieldMenus run={run} busy={start.isPending} />
        <Button size="compact-sm" variant="default" onClick={() => setDialog('tags')}>
          <FormattedMessage id="agent.bulk.tags" defaultMessage="Tags…" />
        </Button>
        <Button size="compact-sm" variant="default" onClick={() => setDialog('message')}>
          <FormattedMessage id="agent.bulk.message" defaultMessage="Note or reply…" />
        </Button>
        <Button size="compact-sm" variant="default" onClick={() => setDialog('macro')}>
          <FormattedMessage id="agent.bulk.macro" defaultMessage="Macro…" />
        </Button>
        <Button size="compact-sm" variant="default" onClick={() => setDialog('merge')}>
          <FormattedMessage id="agent.bulk.merge" defaultMessage="Merge…" />
        </Button>
        {isAdmin && (
          <Button size="compact-sm" variant="default" color="red" onClick={() => setDialog('delete')}>
            <FormattedMessage id="agent.bulk.delete" defaultMessage="Delete…" />
          </Button>
        )}
        <Button
          component="a"
          href={exportHref}
          download
          size="compact-sm"
          variant="default"
          leftSection={<IconFileTypeCsv size={14} aria-hidden />}
        >
          <FormattedMessage id="agent.bulk.export" defaultMessage="Export selected" />
        </Button>
        <Button size="compact-sm" variant="subtle" color="gray" onClick={selection.clear}>
          <FormattedMessage id="agent.bulk.clear" defaultMessage="Clear" />
        </Button>
      </Group>
      <BulkDialog kind={dialog} count={n} onClose={() => setDialog(null)} run={run} busy={start.isPending} />
    </Paper>
  );
}

type Item = { key: string; label: string; action: BulkAction };

/** The properties set from a menu: status, priority, assignee, department, type. */
function FieldMenus({ run, busy }: { run: (a: BulkAction) => void; busy: boolean }) {
  const workflow = useStaffWorkflow();
  const departments = useDepartments();
  const staff = useStaff();
  const types = useTicketTypes();
  const intl = useIntl();
  const update = (changes: Extract<BulkAction, { kind: 'update' }>['changes']): BulkAction => ({
    kind: 'update',
    changes,
  });
  const menus: [string, Item[]][] = [
    [
      intl.formatMessage({ id: 'agent.bulk.menu.status', defaultMessage: 'Status' }),
      (workflow.data?.statuses ?? [])
        .filter((s) => s.manual)
        .map((s) => ({ key: s.key, label: s.staffLabel, action: update({ status: s.key }) })),
    ],
    [
      intl.formatMessage({ id: 'agent.bulk.menu.priority', defaultMessage: 'Priority' }),
      PRIORITIES.map((p) => ({ key: p, label: PRIORITY_INFO[p].label, action: update({ priority: p }) })),
    ],
    [
      intl.formatMessage({ id: 'agent.bulk.menu.assign', defaultMessage: 'Assign' }),
      [
        {
          key: 'none',
          label: intl.formatMessage({ id: 'agent.bulk.unassigned', defaultMessage: 'Unassigned' }),
          action: update({ assigneeId: null }),
        },
        ...(staff.data ?? []).map((u) => ({
          key: u.id,
          label: u.name,
          action: update({ assigneeId: u.id }),
        })),
      ],
    ],
    [
      intl.formatMessage({ id: 'agent.bulk.menu.department', defaultMessage: 'Department' }),
      (departments.data ?? []).map((d) => ({
        key: d.id,
        label: d.name,
        action: update({ departmentId: d.id }),
      })),
    ],
    [
      intl.formatMessage({ id: 'agent.bulk.menu.type', defaultMessage: 'Type' }),
      (types.data ?? [])
        .filter((t) => t.active)
        .map((t) => ({ key: t.key, label: t.name, action: update({ type: t.key }) })),
    ],
  ];
  return (
    <>
      {menus
        .filter(([, items]) => items.length > 0)
        .map(([label, items]) => (
          <Menu key={label} shadow="md" position="bottom-start" withinPortal>
            <Menu.Target>
              <Button
                size="compact-sm"
                variant="default"
                rightSection={<IconChevronDown size={14} aria-hidden />}
                loading={busy}
              >
                {label}
              </Button>
            </Menu.Target>
            <Menu.Dropdown mah={320} style={{ overflowY: 'auto' }}>
              {items.map((i) => (
                <Menu.Item key={i.key} onClick={() => run(i.action)}>
                  {i.label}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        ))}
    </>
  );
}
