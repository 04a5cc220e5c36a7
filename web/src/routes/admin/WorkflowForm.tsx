import {
  ActionIcon,
  Button,
  Card,
  Checkbox,
  Group,
  MultiSelect,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { z } from 'zod';
import { STATUS_CATEGORIES, type workflowDocumentSchema } from '../../../../common/workflow';
import { STATUS_CATEGORY_INFO } from '../../lib/format';

export type WorkflowDoc = z.input<typeof workflowDocumentSchema>;
type Status = WorkflowDoc['statuses'][number];
type Rule = NonNullable<WorkflowDoc['onCustomerReply']>[number];
type Timer = NonNullable<WorkflowDoc['timers']>[number];

const CATEGORY_HINT: Record<string, string> = {
  new: 'Not looked at yet',
  open: 'Support is working on it',
  pending: 'Waiting on the customer',
  on_hold: 'Waiting on someone else',
  solved: 'Solved; may still close by timer',
  closed: 'Finished',
};
const CATEGORY_DATA = STATUS_CATEGORIES.map((c) => ({
  value: c,
  label: STATUS_CATEGORY_INFO[c]?.label ?? c,
}));

/** "P7D" → "7 days", "PT12H" → "12 hours"; null when it is no duration this reads. */
export function describeDuration(iso: string): string | null {
  const m = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(iso.trim());
  if (!m || iso.trim() === 'P' || iso.trim().endsWith('T')) return null;
  const parts = [
    [m[1], 'week'],
    [m[2], 'day'],
    [m[3], 'hour'],
    [m[4], 'minute'],
    [m[5], 'second'],
  ]
    .filter(([n]) => n !== undefined)
    .map(([n, unit]) => `${n} ${unit}${n === '1' ? '' : 's'}`);
  return parts.length ? parts.join(' ') : null;
}

export function WorkflowForm({ doc, onChange }: { doc: WorkflowDoc; onChange: (doc: WorkflowDoc) => void }) {
  const statusData = doc.statuses
    .filter((s) => s.key)
    .map((s) => ({ value: s.key, label: `${s.staffLabel || s.key} (${s.key})` }));
  const withAny = [{ value: '*', label: 'Any status' }, ...statusData];
  const setStatus = (i: number, patch: Partial<Status>) =>
    onChange({ ...doc, statuses: doc.statuses.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  const rules = (which: 'onCustomerReply' | 'onStaffReply') => doc[which] ?? [];
  const setRules = (which: 'onCustomerReply' | 'onStaffReply', list: Rule[]) =>
    onChange({ ...doc, [which]: list });
  const timers = doc.timers ?? [];
  const setTimer = (i: number, patch: Partial<Timer>) =>
    onChange({ ...doc, timers: timers.map((t, j) => (j === i ? { ...t, ...patch } : t)) });

  return (
    <Stack gap="md">
      <Card withBorder radius="md" padding="md">
        <Title order={2} size="h4">
          Statuses
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          Each status sits in one fixed category. Staff see the staff label, customers the customer label.
          “Set by hand” off means only rules may move a ticket there.
        </Text>
        <Table.ScrollContainer minWidth={900}>
          <Table verticalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Key</Table.Th>
                <Table.Th scope="col">Staff label</Table.Th>
                <Table.Th scope="col">Customer label</Table.Th>
                <Table.Th scope="col">Category</Table.Th>
                <Table.Th scope="col">Customer can reply</Table.Th>
                <Table.Th scope="col">Set by hand</Table.Th>
                <Table.Th scope="col">
                  <span className="sr-only">Remove</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {doc.statuses.map((s, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; a key edit must not remount the row
                <Table.Tr key={i}>
                  <Table.Td>
                    <TextInput
                      aria-label={`Key of status ${i + 1}`}
                      value={s.key}
                      onChange={(e) => setStatus(i, { key: e.currentTarget.value })}
                      ff="monospace"
                      size="xs"
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={`Staff label of ${s.key || `status ${i + 1}`}`}
                      value={s.staffLabel}
                      onChange={(e) => setStatus(i, { staffLabel: e.currentTarget.value })}
                      size="xs"
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={`Customer label of ${s.key || `status ${i + 1}`}`}
                      value={s.customerLabel}
                      onChange={(e) => setStatus(i, { customerLabel: e.currentTarget.value })}
                      size="xs"
                    />
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={`Category of ${s.key || `status ${i + 1}`}`}
                      data={CATEGORY_DATA}
                      value={s.category}
                      onChange={(v) => v && setStatus(i, { category: v as Status['category'] })}
                      allowDeselect={false}
                      size="xs"
                      w={150}
                      renderOption={({ option }) => (
                        <div>
                          <Text size="sm">{option.label}</Text>
                          <Text size="xs" c="dimmed">
                            {CATEGORY_HINT[option.value]}
                          </Text>
                        </div>
                      )}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Checkbox
                      aria-label={`Customers can reply in ${s.key || `status ${i + 1}`}`}
                      checked={s.customerCanReply}
                      onChange={(e) => setStatus(i, { customerCanReply: e.currentTarget.checked })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Checkbox
                      aria-label={`Staff may set ${s.key || `status ${i + 1}`} by hand`}
                      checked={s.manual ?? true}
                      onChange={(e) => setStatus(i, { manual: e.currentTarget.checked })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Remove status ${s.key || i + 1}`}
                      onClick={() => onChange({ ...doc, statuses: doc.statuses.filter((_, j) => j !== i) })}
                      disabled={doc.statuses.length <= 1}
                    >
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Group mt="sm" justify="space-between" wrap="wrap">
          <Button
            size="xs"
            variant="default"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() =>
              onChange({
                ...doc,
                statuses: [
                  ...doc.statuses,
                  {
                    key: '',
                    staffLabel: '',
                    customerLabel: '',
                    category: 'open',
                    customerCanReply: true,
                    manual: true,
                  },
                ],
              })
            }
          >
            Add status
          </Button>
          <Select
            label="New tickets start in"
            data={statusData}
            value={doc.initialStatus}
            onChange={(v) => v && onChange({ ...doc, initialStatus: v })}
            allowDeselect={false}
            size="xs"
            w={260}
          />
        </Group>
      </Card>

      {(['onCustomerReply', 'onStaffReply'] as const).map((which) => (
        <Card key={which} withBorder radius="md" padding="md">
          <Title order={2} size="h4">
            {which === 'onCustomerReply' ? 'When the customer replies' : 'When staff reply publicly'}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            The first rule whose “from” holds the ticket's status moves it; with none, the status stays.
          </Text>
          <Stack gap="xs">
            {rules(which).length === 0 && (
              <Text size="sm" c="dimmed" fs="italic">
                No rule: the status stays as it is.
              </Text>
            )}
            {rules(which).map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rules have no identity of their own
              <Group key={i} gap="xs" align="flex-end" wrap="wrap">
                <MultiSelect
                  label="From"
                  data={withAny}
                  value={r.from}
                  onChange={(from) =>
                    setRules(
                      which,
                      rules(which).map((x, j) => (j === i ? { ...x, from } : x)),
                    )
                  }
                  size="xs"
                  style={{ flex: '2 1 260px' }}
                />
                <Select
                  label="Move to"
                  data={statusData}
                  value={r.to || null}
                  onChange={(to) =>
                    to &&
                    setRules(
                      which,
                      rules(which).map((x, j) => (j === i ? { ...x, to } : x)),
                    )
                  }
                  allowDeselect={false}
                  size="xs"
                  style={{ flex: '1 1 180px' }}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label="Remove this rule"
                  onClick={() =>
                    setRules(
                      which,
                      rules(which).filter((_, j) => j !== i),
                    )
                  }
                  mb={4}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              </Group>
            ))}
            <Button
              size="xs"
              variant="default"
              w="fit-content"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() =>
                setRules(which, [...rules(which), { from: ['*'], to: doc.statuses[0]?.key ?? '' }])
              }
            >
              Add rule
            </Button>
          </Stack>
        </Card>
      ))}

      <Card withBorder radius="md" padding="md">
        <Title order={2} size="h4">
          Timers
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          After a time in a status (ISO 8601: P7D is 7 days, PT12H 12 hours), send a reminder or move the
          ticket.
        </Text>
        <Stack gap="xs">
          {timers.length === 0 && (
            <Text size="sm" c="dimmed" fs="italic">
              No timers.
            </Text>
          )}
          {timers.map((t, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: timers have no identity of their own
            <Group key={i} gap="xs" align="flex-end" wrap="wrap">
              <Select
                label="In status"
                data={withAny}
                value={t.status}
                onChange={(v) => v && setTimer(i, { status: v })}
                allowDeselect={false}
                size="xs"
                w={200}
              />
              <TextInput
                label="After"
                value={t.after}
                onChange={(e) => setTimer(i, { after: e.currentTarget.value })}
                size="xs"
                w={150}
                ff="monospace"
                error={describeDuration(t.after) ? undefined : 'Such as P7D or PT12H'}
                description={describeDuration(t.after) ?? ' '}
              />
              <Select
                label="Since"
                data={[
                  { value: 'entered', label: 'Entering the status' },
                  { value: 'lastActivity', label: 'Last activity' },
                ]}
                value={t.since ?? 'entered'}
                onChange={(v) => v && setTimer(i, { since: v as Timer['since'] })}
                allowDeselect={false}
                size="xs"
                w={170}
              />
              <Select
                label="Then"
                data={[
                  { value: 'remind', label: 'Send a reminder' },
                  { value: 'transition', label: 'Move to a status' },
                ]}
                value={t.action}
                onChange={(v) =>
                  v &&
                  setTimer(i, v === 'remind' ? { action: 'remind', to: undefined } : { action: 'transition' })
                }
                allowDeselect={false}
                size="xs"
                w={170}
              />
              {t.action === 'transition' && (
                <Select
                  label="Move to"
                  data={statusData}
                  value={t.to ?? null}
                  onChange={(v) => v && setTimer(i, { to: v })}
                  allowDeselect={false}
                  size="xs"
                  w={200}
                />
              )}
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label="Remove this timer"
                onClick={() => onChange({ ...doc, timers: timers.filter((_, j) => j !== i) })}
                mb={4}
              >
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            </Group>
          ))}
          <Button
            size="xs"
            variant="default"
            w="fit-content"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() =>
              onChange({
                ...doc,
                timers: [...timers, { status: doc.statuses[0]?.key ?? '*', after: 'P7D', action: 'remind' }],
              })
            }
          >
            Add timer
          </Button>
        </Stack>
      </Card>

      <Card withBorder radius="md" padding="md">
        <Title order={2} size="h4" mb="sm">
          Options
        </Title>
        <Stack gap="sm">
          <Switch
            label="A reply reopens a closed ticket"
            description="Otherwise customers open a new ticket referencing the old one"
            checked={doc.reopenClosedOnReply ?? false}
            onChange={(e) => onChange({ ...doc, reopenClosedOnReply: e.currentTarget.checked })}
          />
          <Switch
            label="Send a satisfaction survey when a ticket closes"
            checked={doc.surveyOnClose ?? false}
            onChange={(e) => onChange({ ...doc, surveyOnClose: e.currentTarget.checked })}
          />
        </Stack>
      </Card>
    </Stack>
  );
}
