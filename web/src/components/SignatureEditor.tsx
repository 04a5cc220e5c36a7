import { Button, Card, Group, Modal, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { MAX_SIGNATURE, SIGNATURE_PLACEHOLDERS } from '../../../common/signatures';
import { get, send } from '../api/client';
import { ErrorAlert, PageLoader } from './bits';

// Signatures added to public replies: one's own (Account settings) and a department's (Admin ›
// Departments). The reply box puts them under a new public reply, where they can still be edited.

type Owner = { departmentId: string } | null;

const signatureKey = (owner: Owner) => ['signature', owner?.departmentId ?? 'me'] as const;

function useSignature(owner: Owner) {
  return useQuery({
    queryKey: signatureKey(owner),
    queryFn: () =>
      owner
        ? get('/departments/:id/signature', { params: { id: owner.departmentId } })
        : get('/me/signature'),
  });
}

const PLACEHOLDERS = SIGNATURE_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ');

/** The textarea and Save of a signature, loaded from and saved to the server. */
function SignatureForm({ owner, onSaved }: { owner: Owner; onSaved?: () => void }) {
  const current = useSignature(owner);
  const intl = useIntl();
  if (current.isPending)
    return (
      <PageLoader
        label={intl.formatMessage({
          id: 'common.signature.loading',
          defaultMessage: 'Loading the signature',
        })}
      />
    );
  if (current.isError) return <ErrorAlert error={current.error} onRetry={() => current.refetch()} />;
  return <LoadedForm owner={owner} initial={current.data.body} onSaved={onSaved} />;
}

function LoadedForm({ owner, initial, onSaved }: { owner: Owner; initial: string; onSaved?: () => void }) {
  const [body, setBody] = useState(initial);
  const qc = useQueryClient();
  const intl = useIntl();
  const save = useMutation({
    mutationFn: () =>
      owner
        ? send('PUT /departments/:id/signature', { params: { id: owner.departmentId }, body: { body } })
        : send('PUT /me/signature', { body: { body } }),
    onSuccess: (saved) => {
      qc.setQueryData(signatureKey(owner), saved);
      void qc.invalidateQueries({ queryKey: ['ticket-signature'] });
      notifications.show({
        color: 'green',
        message: saved.body
          ? intl.formatMessage({ id: 'common.signature.saved', defaultMessage: 'Signature saved' })
          : intl.formatMessage({ id: 'common.signature.removed', defaultMessage: 'Signature removed' }),
      });
      onSaved?.();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <Textarea
          label={intl.formatMessage({ id: 'common.signature.label', defaultMessage: 'Signature' })}
          description={intl.formatMessage(
            {
              id: 'common.signature.hint',
              defaultMessage:
                'Added under your public replies (never under internal notes), and editable before sending. Placeholders: {placeholders}.',
            },
            { placeholders: PLACEHOLDERS },
          )}
          autosize
          minRows={3}
          maxLength={MAX_SIGNATURE}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
        />
        {save.isError && <ErrorAlert error={save.error} />}
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} disabled={body.trim() === initial}>
            <FormattedMessage id="common.signature.save" defaultMessage="Save signature" />
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Account settings: the staff member's own signature. */
export function SignatureCard() {
  return (
    <Card withBorder padding="lg" radius="md">
      <Title order={2} size="h4" mb="xs">
        <FormattedMessage id="common.signature.title" defaultMessage="Reply signature" />
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        <FormattedMessage
          id="common.signature.intro"
          defaultMessage="Your own signature comes first; your ticket's department may add the team's below it."
        />
      </Text>
      <SignatureForm owner={null} />
    </Card>
  );
}

/** Admin › Departments: a department's signature, in a dialog. */
export function DepartmentSignatureModal({
  department,
  onClose,
}: {
  department: { id: string; name: string };
  onClose: () => void;
}) {
  const intl = useIntl();
  return (
    <Modal
      opened
      onClose={onClose}
      title={intl.formatMessage(
        { id: 'common.signature.ofDepartment', defaultMessage: 'Signature of {name}' },
        { name: department.name },
      )}
      size="lg"
    >
      <SignatureForm owner={{ departmentId: department.id }} onSaved={onClose} />
    </Modal>
  );
}
