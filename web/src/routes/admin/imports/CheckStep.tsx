import { Button, Group, Stack, Switch, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { ImportSourceBody } from '../../../../../common/imports';
import { LabeledSegments } from '../../../components/admin/forms';
import { ErrorAlert } from '../../../components/bits';
import { SOURCE_LABELS } from './labels';
import { type ImportPreview, PreviewSummary } from './PreviewSummary';
import { StatusMapping } from './StatusMapping';

export type OptionValues = {
  topicsAs: 'types' | 'departments';
  statusMap: Record<string, string>;
  delta: boolean;
};

/** What a source calls what becomes a ticket type or a department. */
const TOPICS: Record<ImportSourceBody['kind'], string> = {
  osticket: 'Help topics become',
  zendesk: 'Ticket types become',
  csv: 'The “Type” column becomes',
};

/**
 * Step 2: what the dry run found, the status mapping and the options, then "Start import". A
 * change of "only changes" checks again, since it changes what there is to read.
 */
export function CheckStep({
  source,
  preview,
  form,
  onRecheck,
  rechecking,
  onStart,
  starting,
  startError,
}: {
  source: ImportSourceBody;
  preview: ImportPreview;
  form: UseFormReturnType<OptionValues>;
  onRecheck: (options: OptionValues) => void;
  rechecking: boolean;
  onStart: (options: OptionValues) => void;
  starting: boolean;
  startError: unknown;
}) {
  const values = form.getValues();
  return (
    <form noValidate onSubmit={form.onSubmit(onStart)}>
      <Stack gap="lg">
        <PreviewSummary preview={preview} delta={values.delta} />
        <StatusMapping
          preview={preview}
          sourceName={SOURCE_LABELS[source.kind]}
          statusMap={values.statusMap}
          onChange={(statusMap) => form.setFieldValue('statusMap', statusMap)}
        />
        <Stack gap="sm">
          <LabeledSegments
            id="import-topics-as"
            label={TOPICS[source.kind]}
            value={values.topicsAs}
            onChange={(v) => form.setFieldValue('topicsAs', v as OptionValues['topicsAs'])}
            data={[
              { value: 'types', label: 'Ticket types' },
              { value: 'departments', label: 'Departments' },
            ]}
          />
          <Switch
            label="Only changes since the last import"
            description="Reads what changed since the last finished import of this source: new tickets and replies, and current statuses."
            checked={values.delta}
            disabled={rechecking}
            onChange={(e) => {
              const delta = e.currentTarget.checked;
              form.setFieldValue('delta', delta);
              onRecheck({ ...form.getValues(), delta });
            }}
          />
        </Stack>
        {startError !== null && startError !== undefined && (
          <ErrorAlert error={startError} title="The import did not start" />
        )}
        <Group justify="space-between" wrap="wrap">
          <Text size="xs" c="dimmed" maw={420}>
            An import sends nothing to anyone and starts no timer. It can be run again: what is here already
            is skipped.
          </Text>
          <Button type="submit" loading={starting} disabled={rechecking}>
            Start import
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
