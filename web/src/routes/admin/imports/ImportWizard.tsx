import { Box, Card, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { type ImportRun, type ImportSourceBody, importOptionsBody } from '../../../../../common/imports';
import { send } from '../../../api/client';
import { ErrorAlert } from '../../../components/bits';
import { useContractForm } from '../../../components/ModalForm';
import { CheckStep, type OptionValues } from './CheckStep';
import { importsKey, SOURCE_LABELS } from './labels';
import type { ImportPreview } from './PreviewSummary';
import { SourceStep } from './SourceStep';

/** One step of the import on a card of its own, named by its heading. */
function Step({ n, title, children }: { n: number; title: string; children: ReactNode }) {
  const id = `import-step-${n}`;
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="sm">
        {n}. {title}
      </Title>
      {children}
    </Card>
  );
}

type Checked = { source: ImportSourceBody; preview: ImportPreview };

/**
 * Choosing a source and checking it (a dry run), then the mapping and "Start import". An edit of
 * the source drops the check, so what is started is always what was checked.
 */
export function ImportWizard({ onStarted }: { onStarted: (run: ImportRun) => void }) {
  const qc = useQueryClient();
  const [checked, setChecked] = useState<Checked | null>(null);
  const options = useContractForm<OptionValues>(importOptionsBody, {
    topicsAs: 'types',
    statusMap: {},
    delta: false,
  });
  const check = useMutation({
    mutationFn: async ({ source, opts }: { source: ImportSourceBody; opts: OptionValues }) => ({
      source,
      preview: await send('POST /imports/preview', { body: { source, options: opts } }),
    }),
    onSuccess: setChecked,
  });
  const start = useMutation({
    mutationFn: (opts: OptionValues) =>
      send('POST /imports', { body: { source: (checked as Checked).source, options: opts } }),
    onSuccess: (run) => {
      void qc.invalidateQueries({ queryKey: importsKey });
      onStarted(run);
    },
  });
  const recheck = (opts: OptionValues) => checked && check.mutate({ source: checked.source, opts });
  return (
    <Stack gap="md">
      <Step n={1} title="Source">
        <SourceStep
          checking={check.isPending}
          onCheck={(source) => check.mutate({ source, opts: options.getValues() })}
          onEdited={() => {
            setChecked(null);
            check.reset();
            start.reset();
          }}
        />
        {check.isError && (
          <Box mt="sm">
            <ErrorAlert error={check.error} title="The source could not be checked" />
          </Box>
        )}
      </Step>
      <Step n={2} title="Check">
        {checked ? (
          <CheckStep
            source={checked.source}
            preview={checked.preview}
            form={options}
            onRecheck={recheck}
            rechecking={check.isPending}
            onStart={(opts) => start.mutate(opts)}
            starting={start.isPending}
            startError={start.error}
          />
        ) : (
          <Text size="sm" c="dimmed">
            “Check” reads the source without writing anything, and shows what there is to import and how its
            statuses map onto the workflow.
          </Text>
        )}
      </Step>
      <Step n={3} title="Import">
        <Text size="sm" c="dimmed">
          {checked
            ? `“Start import” brings the ${SOURCE_LABELS[checked.source.kind]} data over in the background; you can follow it here, or leave and come back.`
            : 'The import runs in the background; you can follow it here, or leave and come back.'}
        </Text>
      </Step>
    </Stack>
  );
}
