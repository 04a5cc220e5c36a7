import { Button, Modal, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../../../api/client';
import { ModalButtons } from '../../../components/ModalForm';
import { ServerError } from './Problems';

export type Stranded = { status: string; message: string };

/** Where tickets in statuses that disappear should go: the server's 409 lists them. */
export function MappingModal({
  mapping,
  targets,
  pending,
  error,
  onCancel,
  onSubmit,
}: {
  mapping: { stranded: Stranded[] };
  /** The statuses of the document or preset being saved. */
  targets: string[];
  pending: boolean;
  error: unknown;
  onCancel: () => void;
  onSubmit: (m: Record<string, string>) => void;
}) {
  const [values, setValues] = useState<Record<string, string>>({});
  const complete = mapping.stranded.every((s) => values[s.status]);
  const intl = useIntl();
  return (
    <Modal
      opened
      onClose={onCancel}
      title={intl.formatMessage({
        id: 'admin.workflow.mapping.title',
        defaultMessage: 'Where should these tickets go?',
      })}
      size="lg"
    >
      <Stack gap="sm">
        <Text size="sm">
          <FormattedMessage
            id="admin.workflow.mapping.body"
            defaultMessage="Some tickets are in statuses the new workflow does not have. Choose a new status for each; every ticket moved gets a timeline entry."
          />
        </Text>
        {error instanceof ApiError && !error.errors.some((x) => x.path.startsWith('statusMapping.')) && (
          <ServerError error={error} />
        )}
        {mapping.stranded.map((s) => (
          <Stack key={s.status} gap={4}>
            <Select
              label={intl.formatMessage(
                { id: 'admin.workflow.mapping.ticketsIn', defaultMessage: 'Tickets in “{status}”' },
                { status: s.status },
              )}
              description={s.message}
              data={targets.filter(Boolean)}
              value={values[s.status] ?? null}
              onChange={(v) => setValues((old) => ({ ...old, [s.status]: v ?? '' }))}
            />
          </Stack>
        ))}
        <ModalButtons onCancel={onCancel}>
          <Button disabled={!complete} loading={pending} onClick={() => onSubmit(values)}>
            <FormattedMessage id="admin.workflow.mapping.submit" defaultMessage="Move them and save" />
          </Button>
        </ModalButtons>
      </Stack>
    </Modal>
  );
}
