import {
  ActionIcon,
  Button,
  Card,
  type ComboboxItem,
  Select,
  type SelectProps,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { FormattedMessage, type MessageDescriptor } from 'react-intl';

/** A select option drawn as its label over a dimmed hint, the hint looked up by the option's value. */
export const hintedOption =
  (hints: Record<string, MessageDescriptor>) =>
  ({ option }: { option: ComboboxItem }) => (
    <div>
      <Text size="sm">{option.label}</Text>
      <Text size="xs" c="dimmed">
        {hints[option.value] && <FormattedMessage {...hints[option.value]} />}
      </Text>
    </div>
  );

/** The bin at the end of a rule's or timer's row. */
export function RemoveRowButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <ActionIcon variant="subtle" color="red" aria-label={label} onClick={onClick} mb={4}>
      <IconTrash size={16} aria-hidden />
    </ActionIcon>
  );
}

/** "Add rule", "Add timer": appends a row under a list. */
export function AddRowButton({ children, onClick }: { children: ReactNode; onClick: () => void }) {
  return (
    <Button
      size="xs"
      variant="default"
      w="fit-content"
      leftSection={<IconPlus size={14} aria-hidden />}
      onClick={onClick}
    >
      {children}
    </Button>
  );
}

/** One section of the workflow form: a card with a heading and a line on what it sets. */
export function WorkflowCard({
  title,
  description,
  children,
}: {
  title: ReactNode;
  description: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card withBorder radius="md" padding="md">
      <Title order={2} size="h4">
        {title}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {description}
      </Text>
      {children}
    </Card>
  );
}

/** Rows of a list (rules, timers) with a line in their place when there are none, and a button to add one. */
export function RowList({
  empty,
  none,
  addLabel,
  onAdd,
  children,
}: {
  /** Whether there are no rows; `none` then says what that means. */
  empty: boolean;
  none: string;
  addLabel: string;
  onAdd: () => void;
  children: ReactNode;
}) {
  return (
    <Stack gap="xs">
      {empty && (
        <Text size="sm" c="dimmed" fs="italic">
          {none}
        </Text>
      )}
      {children}
      <AddRowButton onClick={onAdd}>{addLabel}</AddRowButton>
    </Stack>
  );
}

/** A small select that always holds a value: clearing is not offered, and `onPick` gets only a value. */
export function PickSelect({
  onPick,
  ...props
}: Omit<SelectProps, 'onChange' | 'allowDeselect' | 'size'> & { onPick: (value: string) => void }) {
  return <Select {...props} onChange={(v) => v && onPick(v)} allowDeselect={false} size="xs" />;
}
