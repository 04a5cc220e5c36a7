import { Button, Card, Group, Text } from '@mantine/core';
import { FormattedMessage } from 'react-intl';

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
          {dirty ? (
            <FormattedMessage id="admin.workflow.unsaved" defaultMessage="You have unsaved changes." />
          ) : (
            <FormattedMessage id="admin.workflow.noUnsaved" defaultMessage="No unsaved changes." />
          )}
        </Text>
        <Group gap="xs">
          <Button variant="default" disabled={disabled} onClick={onDiscard}>
            <FormattedMessage id="admin.channels.discard" defaultMessage="Discard changes" />
          </Button>
          <Button onClick={onSave} loading={pending} disabled={disabled}>
            <FormattedMessage id="admin.workflow.save" defaultMessage="Save workflow" />
          </Button>
        </Group>
      </Group>
    </Card>
  );
}
