import { Badge, Button, Card, Group, Select, Stack, Text, Title } from '@mantine/core';
import { WORKFLOW_PRESETS } from '../../../../../common/workflow';
import type { StaffWorkflow } from '../../../api/types';

import { Time } from '../../../components/bits';
import { hintedOption } from './controls';

const PRESET_INFO: Record<string, string> = {
  portal: 'A customer portal: resolved tickets are read-only and close after 7 days.',
  classic:
    'Staff replies mark a ticket Answered, customer replies Customer Reply; answered tickets close after 7 days without the customer.',
  escalation: 'Escalation teams, reminders while waiting on the customer, a survey on close; replies reopen.',
  subscription: 'Any customer reply reopens; staff replies keep the status.',
};

/** Which preset the workflow is based on, and the choice of one to load in its place. */
export function PresetCard({
  current,
  preset,
  setPreset,
  onLoad,
}: {
  current: StaffWorkflow;
  preset: string | null;
  setPreset: (preset: string | null) => void;
  onLoad: () => void;
}) {
  return (
    <Card withBorder radius="md" padding="md">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <Stack gap={4}>
          <Title order={2} size="h4">
            Preset
          </Title>
          <Text size="sm">
            Based on <Badge variant="light">{current.preset}</Badge>
            {current.updatedAt && (
              <Text span size="sm" c="dimmed">
                {' '}
                · last saved <Time iso={current.updatedAt} />
              </Text>
            )}
          </Text>
        </Stack>
        <Group gap="xs" align="flex-end" wrap="wrap">
          <Select
            label="Load a preset"
            placeholder="Choose"
            data={WORKFLOW_PRESETS.map((p) => ({ value: p, label: p }))}
            value={preset}
            onChange={setPreset}
            w={200}
            renderOption={hintedOption(PRESET_INFO)}
          />
          <Button variant="default" disabled={!preset} onClick={onLoad}>
            Load preset
          </Button>
        </Group>
      </Group>
      {preset && PRESET_INFO[preset] && (
        <Text size="sm" c="dimmed" mt="xs">
          {preset}: {PRESET_INFO[preset]}
        </Text>
      )}
    </Card>
  );
}
