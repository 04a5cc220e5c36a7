import {
  Alert,
  Button,
  FileButton,
  Group,
  List,
  Modal,
  MultiSelect,
  Select,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { parseInvitees } from '../../../../../common/invitees';
import { send } from '../../../api/client';
import { keys, useDepartments, useOrganisations } from '../../../api/hooks';
import type { User } from '../../../api/types';
import { ErrorAlert } from '../../../components/bits';
import { formatDateTime } from '../../../lib/format';
import { ROLE_LABEL } from './UserModal';

/**
 * Invite people by email: paste addresses (or a CSV, or upload one); each gets a single-use link to
 * choose a name and password. Addresses that already have an account are listed, not changed.
 */
export function InviteModal({
  opened,
  onClose,
  customersOnly = false,
}: {
  opened: boolean;
  onClose: () => void;
  /** An agent's invitation: customers only, into an organisation their departments serve. */
  customersOnly?: boolean;
}) {
  const qc = useQueryClient();
  const organisations = useOrganisations(opened);
  const departments = useDepartments();
  const [text, setText] = useState('');
  const [role, setRole] = useState<User['role']>('customer');
  const [organisationId, setOrganisation] = useState<string | null>(null);
  const [departmentIds, setDepartments] = useState<string[]>([]);
  const parsed = parseInvitees(text);
  const invite = useMutation({
    mutationFn: () =>
      send('POST /users/invitations', {
        body: {
          invitees: parsed.invitees,
          role,
          ...(role === 'customer' && organisationId ? { organisationId } : {}),
          ...(role !== 'customer' && departmentIds.length ? { departmentIds } : {}),
        },
      }),
    onSuccess: () =>
      void qc
        .invalidateQueries({ queryKey: ['users'] })
        .then(() => qc.invalidateQueries({ queryKey: keys.staff })),
  });
  const close = () => {
    setText('');
    invite.reset();
    onClose();
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={customersOnly ? 'Invite customers' : 'Invite people'}
      size="lg"
    >
      {invite.isSuccess ? (
        <InviteResults results={invite.data.results} onDone={close} />
      ) : (
        <Stack gap="md">
          {invite.isError && <ErrorAlert error={invite.error} title="Cannot invite" />}
          <Textarea
            label="Email addresses"
            description="One per line: ana@example.com, Ana Lima <ana@example.com>, or CSV rows (address and name)"
            autosize
            minRows={4}
            maxRows={12}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            data-autofocus
          />
          <Group gap="sm">
            <FileButton accept=".csv,text/csv,text/plain" onChange={(f) => void f?.text().then(setText)}>
              {(props) => (
                <Button variant="default" size="xs" {...props}>
                  Upload a CSV file
                </Button>
              )}
            </FileButton>
            <Text size="sm" c="dimmed" aria-live="polite">
              {parsed.invitees.length} to invite
            </Text>
          </Group>
          {parsed.invalid.length > 0 && (
            <Alert color="yellow" variant="light" title="These lines are not addresses and will be left out">
              <List size="sm">
                {parsed.invalid.slice(0, 10).map((l) => (
                  <List.Item key={l.line}>
                    Line {l.line}: {l.text}
                  </List.Item>
                ))}
              </List>
            </Alert>
          )}
          {!customersOnly && (
            <Select
              label="Role"
              data={Object.entries(ROLE_LABEL).map(([value, label]) => ({ value, label }))}
              value={role}
              allowDeselect={false}
              onChange={(v) => setRole((v ?? 'customer') as User['role'])}
            />
          )}
          {role === 'customer' ? (
            <Select
              label="Organisation"
              placeholder={
                customersOnly ? 'Choose their organisation' : 'None: they see only their own tickets'
              }
              description={customersOnly ? 'One whose tickets your departments handle' : undefined}
              required={customersOnly}
              data={(organisations.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
              value={organisationId}
              onChange={setOrganisation}
              clearable={!customersOnly}
              searchable
            />
          ) : (
            role === 'agent' && (
              <MultiSelect
                label="Departments"
                placeholder="Choose departments"
                data={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
                value={departmentIds}
                onChange={setDepartments}
                searchable
              />
            )
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button
              loading={invite.isPending}
              disabled={parsed.invitees.length === 0 || (customersOnly && !organisationId)}
              onClick={() => invite.mutate()}
            >
              Send {parsed.invitees.length === 1 ? 'invitation' : `${parsed.invitees.length} invitations`}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

type Result = { email: string; outcome: 'invited' | 'exists'; expiresAt: string | null };

function InviteResults({ results, onDone }: { results: Result[]; onDone: () => void }) {
  const invited = results.filter((r) => r.outcome === 'invited');
  const existing = results.filter((r) => r.outcome === 'exists');
  return (
    <Stack gap="md">
      <Alert color="green" variant="light" title={`${invited.length} invited`} role="status">
        {invited[0]?.expiresAt
          ? `Their links work until ${formatDateTime(invited[0].expiresAt)}.`
          : 'Nobody new to invite.'}
      </Alert>
      {existing.length > 0 && (
        <Alert color="blue" variant="light" title="Already have an account (left as they are)">
          <List size="sm">
            {existing.map((r) => (
              <List.Item key={r.email}>{r.email}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      <Group justify="flex-end">
        <Button onClick={onDone}>Done</Button>
      </Group>
    </Stack>
  );
}
