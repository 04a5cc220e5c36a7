import { ActionIcon, Button, type ComboboxItem, Text } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/** A select option drawn as its label over a dimmed hint, the hint looked up by the option's value. */
export const hintedOption =
  (hints: Record<string, string>) =>
  ({ option }: { option: ComboboxItem }) => (
    <div>
      <Text size="sm">{option.label}</Text>
      <Text size="xs" c="dimmed">
        {hints[option.value]}
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
