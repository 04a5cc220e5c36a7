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
import { defineMessages, FormattedMessage, useIntl } from 'react-intl';
import { languageName } from '../../../../../common/i18n';
import { parseInvitees } from '../../../../../common/invitees';
import { send } from '../../../api/client';
import { keys, useDepartments, useOrganisations } from '../../../api/hooks';
import type { User } from '../../../api/types';
import { ErrorAlert } from '../../../components/bits';
import { APP_LOCALES } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { ROLE_LABEL } from './UserModal';

const TITLES = defineMessages({
  customers: { id: 'admin.users.inviteCustomers', defaultMessage: 'Invite customers' },
  people: { id: 'admin.users.invitePeople', defaultMessage: 'Invite people' },
});

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
  const [locale, setLocale] = useState<string | null>(null);
  const parsed = parseInvitees(text);
  const intl = useIntl();
  const invite = useMutation({
    mutationFn: () =>
      send('POST /users/invitations', {
        body: {
          invitees: parsed.invitees,
          role,
          ...(role === 'customer' && organisationId ? { organisationId } : {}),
          ...(role !== 'customer' && departmentIds.length ? { departmentIds } : {}),
          ...(locale ? { locale } : {}),
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
      title={intl.formatMessage(customersOnly ? TITLES.customers : TITLES.people)}
      size="lg"
    >
      {invite.isSuccess ? (
        <InviteResults results={invite.data.results} onDone={close} />
      ) : (
        <Stack gap="md">
          {invite.isError && (
            <ErrorAlert
              error={invite.error}
              title={intl.formatMessage({ id: 'admin.users.cannotInvite', defaultMessage: 'Cannot invite' })}
            />
          )}
          <Addresses text={text} onChange={setText} parsed={parsed} />
          {!customersOnly && (
            <Select
              label={intl.formatMessage({ id: 'admin.users.role', defaultMessage: 'Role' })}
              data={(Object.keys(ROLE_LABEL) as User['role'][]).map((value) => ({
                value,
                label: intl.formatMessage(ROLE_LABEL[value]),
              }))}
              value={role}
              allowDeselect={false}
              onChange={(v) => setRole((v ?? 'customer') as User['role'])}
            />
          )}
          {role === 'customer' ? (
            <Select
              label={intl.formatMessage({ id: 'admin.users.organisation', defaultMessage: 'Organisation' })}
              placeholder={
                customersOnly
                  ? intl.formatMessage({
                      id: 'admin.users.chooseOrganisation',
                      defaultMessage: 'Choose their organisation',
                    })
                  : intl.formatMessage({
                      id: 'admin.users.inviteNoOrganisation',
                      defaultMessage: 'None: they see only their own tickets',
                    })
              }
              description={
                customersOnly
                  ? intl.formatMessage({
                      id: 'admin.users.chooseOrganisationHelp',
                      defaultMessage: 'One whose tickets your departments handle',
                    })
                  : undefined
              }
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
                label={intl.formatMessage({ id: 'admin.users.departments', defaultMessage: 'Departments' })}
                placeholder={intl.formatMessage({
                  id: 'admin.users.chooseDepartments',
                  defaultMessage: 'Choose departments',
                })}
                data={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
                value={departmentIds}
                onChange={setDepartments}
                searchable
              />
            )
          )}
          <InviteLanguage value={locale} onChange={setLocale} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              <FormattedMessage id="admin.cancel" defaultMessage="Cancel" />
            </Button>
            <Button
              loading={invite.isPending}
              disabled={parsed.invitees.length === 0 || (customersOnly && !organisationId)}
              onClick={() => invite.mutate()}
            >
              <FormattedMessage
                id="admin.users.send"
                defaultMessage="{count, plural, one {Send invitation} other {Send # invitations}}"
                values={{ count: parsed.invitees.length }}
              />
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

/** The invitees' language: of the invitation, and of the app until they choose; none: the installation's. */
function InviteLanguage({ value, onChange }: { value: string | null; onChange: (v: string | null) => void }) {
  const intl = useIntl();
  return (
    <Select
      label={intl.formatMessage({ id: 'admin.users.inviteLanguage', defaultMessage: 'Language' })}
      description={intl.formatMessage({
        id: 'admin.users.inviteLanguageHelp',
        defaultMessage: 'Of the invitation, and of the app until they choose their own',
      })}
      placeholder={intl.formatMessage({
        id: 'admin.users.inviteLanguageDefault',
        defaultMessage: 'Installation default',
      })}
      data={APP_LOCALES.map((l) => ({ value: l, label: languageName(l) }))}
      value={value}
      onChange={onChange}
      clearable
    />
  );
}

type Result = { email: string; outcome: 'invited' | 'exists'; expiresAt: string | null };

function InviteResults({ results, onDone }: { results: Result[]; onDone: () => void }) {
  const invited = results.filter((r) => r.outcome === 'invited');
  const existing = results.filter((r) => r.outcome === 'exists');
  const intl = useIntl();
  return (
    <Stack gap="md">
      <Alert
        color="green"
        variant="light"
        title={intl.formatMessage(
          { id: 'admin.users.invitedCount', defaultMessage: '{count, number} invited' },
          { count: invited.length },
        )}
        role="status"
      >
        {invited[0]?.expiresAt
          ? intl.formatMessage(
              { id: 'admin.users.linksUntil', defaultMessage: 'Their links work until {date}.' },
              { date: formatDateTime(invited[0].expiresAt) },
            )
          : intl.formatMessage({ id: 'admin.users.nobodyNew', defaultMessage: 'Nobody new to invite.' })}
      </Alert>
      {existing.length > 0 && (
        <Alert
          color="blue"
          variant="light"
          title={intl.formatMessage({
            id: 'admin.users.alreadyHave',
            defaultMessage: 'Already have an account (left as they are)',
          })}
        >
          <List size="sm">
            {existing.map((r) => (
              <List.Item key={r.email}>{r.email}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      <Group justify="flex-end">
        <Button onClick={onDone}>
          <FormattedMessage id="admin.users.done" defaultMessage="Done" />
        </Button>
      </Group>
    </Stack>
  );
}

/** The addresses to invite: typed, pasted or read from a CSV file, and the lines that are not addresses. */
function Addresses({
  text,
  onChange: setText,
  parsed,
}: {
  text: string;
  onChange: (text: string) => void;
  parsed: ReturnType<typeof parseInvitees>;
}) {
  const intl = useIntl();
  return (
    <>
      <Textarea
        label={intl.formatMessage({
          id: 'admin.users.emailAddresses',
          defaultMessage: 'Email addresses',
        })}
        description={intl.formatMessage({
          id: 'admin.users.emailAddressesHelp',
          defaultMessage:
            "One per line: ana@example.com, Ana Lima '<'ana@example.com'>', or CSV rows (address and name)",
        })}
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
              <FormattedMessage id="admin.users.uploadCsv" defaultMessage="Upload a CSV file" />
            </Button>
          )}
        </FileButton>
        <Text size="sm" c="dimmed" aria-live="polite">
          <FormattedMessage
            id="admin.users.toInvite"
            defaultMessage="{count, number} to invite"
            values={{ count: parsed.invitees.length }}
          />
        </Text>
      </Group>
      {parsed.invalid.length > 0 && (
        <Alert
          color="yellow"
          variant="light"
          title={intl.formatMessage({
            id: 'admin.users.invalidLines',
            defaultMessage: 'These lines are not addresses and will be left out',
          })}
        >
          <List size="sm">
            {parsed.invalid.slice(0, 10).map((l) => (
              <List.Item key={l.line}>
                <FormattedMessage
                  id="admin.users.invalidLine"
                  defaultMessage="Line {line}: {text}"
                  values={{ line: l.line, text: l.text }}
                />
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
    </>
  );
}
