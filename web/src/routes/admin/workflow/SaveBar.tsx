import { Button, Card, Group, Text } from '@mantine/core';

/** The sticky bar that says whether there are unsaved changes, with discard and save. */
export function SaveBar({
  dirty,
  disabled,
  pending,
  onDiscard,
  onSave,
}: {
  dirty: boolean;
  /** Never on the JSON tab, whose text may differ from the saved document. */
  disabled: boolean;
  pending: boolean;
  onDiscard: () => void;
  onSave: () => void;
}) {
  return (
    <Card
      withBorder
      radius="md"
      padding="sm"
      pos="sticky"
      bottom={8}
      style={{ zIndex: 2 }}
      shadow={dirty ? 'md' : undefined}
    >
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text size="sm" c={dirty ? undefined : 'dimmed'}>
          {dirty ? 'You have unsaved changes.' : 'No unsaved changes.'}
        </Text>
        <Group gap="xs">
          <Button variant="default" disabled={disabled} onClick={onDiscard}>
            Discard changes
          </Button>
          <Button onClick={onSave} loading={pending} disabled={disabled}>
            Save workflow
          </Button>
        </Group>
      </Group>
    </Card>
  );
}
