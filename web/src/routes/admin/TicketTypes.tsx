import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { IconWand } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { get, send } from '../../api/client';
import { useAdminMutation } from '../../components/admin';
import { AdminPage } from '../../components/admin/AdminPage';
import { NewButton, RowButton } from '../../components/admin/buttons';
import { useItems } from '../../components/admin/lists';
import { HeaderCells, SectionList } from '../../components/admin/table';
import { useEditing } from '../../components/ModalForm';
import { PriorityHelpCard } from '../../components/PriorityHelpCard';
import { t } from '../../i18n/t';
import { FieldModal } from './ticket-types/FieldModal';
import { type CustomField, fieldsKey, KIND_LABEL, type TicketType, typesKey } from './ticket-types/shared';
import { TypeModal, UrgentRoutingCard } from './ticket-types/TypeModal';

const byPosition = <T extends { position: number }>(items: T[] | undefined) =>
  items && [...items].sort((a, b) => a.position - b.position);

export function TicketTypesPage() {
  const types = useItems(typesKey, () => get('/ticket-types'));
  const intl = useIntl();
  const install = useAdminMutation({
    fn: () => send('POST /intake/triage'),
    invalidate: [typesKey, fieldsKey],
    success: (r) =>
      intl.formatMessage(
        {
          id: 'admin.ticketTypes.installed',
          defaultMessage:
            'Guided intake installed: {types, plural, one {# type} other {# types}}, {fields, plural, one {# field} other {# fields}}',
        },
        { types: r.types.length, fields: r.fields.length },
      ),
  });

  return (
    <AdminPage
      maw={1000}
      title={intl.formatMessage({ id: 'admin.ticketTypes.title', defaultMessage: 'Ticket types and fields' })}
      description={intl.formatMessage({
        id: 'admin.ticketTypes.description',
        defaultMessage:
          'What customers choose when they open a ticket, and the extra questions asked. The guided intake installs a ready-made set (trading-platform support); installing it again changes nothing.',
      })}
      action={
        <Button
          leftSection={<IconWand size={16} aria-hidden />}
          variant="light"
          loading={install.isPending}
          onClick={() => install.mutate()}
        >
          <FormattedMessage id="admin.ticketTypes.install" defaultMessage="Install the guided intake" />
        </Button>
      }
    >
      <UrgentRoutingCard />
      <PriorityHelpCard />
      <TypesSection types={types} />
      <FieldsSection types={types.data ?? []} />
    </AdminPage>
  );
}

/** The ticket types, in their order, each edited in a modal of its own. */
function TypesSection({ types }: { types: UseQueryResult<TicketType[]> }) {
  const edit = useEditing<TicketType>((t) => t.key);
  const intl = useIntl();
  return (
    <>
      <SectionList
        title={intl.formatMessage({ id: 'admin.ticketTypes.types', defaultMessage: 'Ticket types' })}
        action={
          <NewButton size="xs" onClick={() => edit.setEditing('new')}>
            <FormattedMessage id="admin.ticketTypes.newTypeButton" defaultMessage="New type" />
          </NewButton>
        }
        query={types}
        items={byPosition(types.data)}
        empty={intl.formatMessage({
          id: 'admin.ticketTypes.noTypes',
          defaultMessage: 'No ticket types yet. Create one, or install the guided intake.',
        })}
        minWidth={480}
        head={
          <HeaderCells
            columns={[
              intl.formatMessage({ id: 'admin.name', defaultMessage: 'Name' }),
              intl.formatMessage({ id: 'admin.ticketTypes.key', defaultMessage: 'Key' }),
              intl.formatMessage({ id: 'admin.ticketTypes.flags', defaultMessage: 'Flags' }),
            ]}
            actions={80}
          />
        }
      >
        {(t) => <TypeRow key={t.key} type={t} onEdit={() => edit.setEditing(t)} />}
      </SectionList>
      <TypeModal key={edit.key} editing={edit.editing} onClose={edit.close} />
    </>
  );
}

/** The custom fields, in their order, each edited in a modal that offers the ticket types. */
function FieldsSection({ types }: { types: TicketType[] }) {
  const fields = useItems(fieldsKey, () => get('/fields'));
  const edit = useEditing<CustomField>((f) => f.key);
  const intl = useIntl();
  return (
    <>
      <SectionList
        title={intl.formatMessage({ id: 'admin.ticketTypes.fields', defaultMessage: 'Custom fields' })}
        action={
          <NewButton size="xs" onClick={() => edit.setEditing('new')}>
            <FormattedMessage id="admin.ticketTypes.newField" defaultMessage="New field" />
          </NewButton>
        }
        query={fields}
        items={byPosition(fields.data)}
        empty={intl.formatMessage({
          id: 'admin.ticketTypes.noFields',
          defaultMessage: 'No custom fields yet.',
        })}
        minWidth={560}
        head={
          <HeaderCells
            columns={[
              intl.formatMessage({ id: 'admin.ticketTypes.label', defaultMessage: 'Label' }),
              intl.formatMessage({ id: 'admin.ticketTypes.kind', defaultMessage: 'Kind' }),
              intl.formatMessage({ id: 'admin.ticketTypes.askedFor', defaultMessage: 'Asked for' }),
              intl.formatMessage({ id: 'admin.ticketTypes.flags', defaultMessage: 'Flags' }),
            ]}
            actions={80}
          />
        }
      >
        {(f) => <FieldRow key={f.key} field={f} onEdit={() => edit.setEditing(f)} />}
      </SectionList>
      <FieldModal key={edit.key} editing={edit.editing} types={types} onClose={edit.close} />
    </>
  );
}

function TypeRow({ type: t, onEdit }: { type: TicketType; onEdit: () => void }) {
  const intl = useIntl();
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={500}>
          {t.name}
        </Text>
        {t.description && (
          <Text size="xs" c="dimmed">
            {t.description}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="xs" ff="monospace">
          {t.key}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {t.urgent && (
            <Badge color="red" variant="filled" size="sm">
              <FormattedMessage id="admin.ticketTypes.urgent" defaultMessage="Urgent" />
            </Badge>
          )}
          {!t.active && (
            <Badge color="gray" variant="light" size="sm">
              <FormattedMessage id="admin.ticketTypes.inactive" defaultMessage="Inactive" />
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td>
        <RowButton
          label={intl.formatMessage(
            { id: 'admin.ticketTypes.editType', defaultMessage: 'Edit type {name}' },
            { name: t.name },
          )}
          onClick={onEdit}
        />
      </Table.Td>
    </Table.Tr>
  );
}

/** "Every type", or the types' keys, and how many departments it is limited to. */
function askedFor(f: CustomField): string {
  const types =
    f.typeKeys.length === 0
      ? t({ id: 'admin.ticketTypes.everyType', defaultMessage: 'Every type' })
      : f.typeKeys.join(', ');
  const n = f.departmentIds.length;
  return n > 0
    ? t(
        {
          id: 'admin.ticketTypes.askedForDepartments',
          defaultMessage: '{types} · {count, plural, one {# department} other {# departments}}',
        },
        { types, count: n },
      )
    : types;
}

function FieldRow({ field: f, onEdit }: { field: CustomField; onEdit: () => void }) {
  const intl = useIntl();
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={500}>
          {f.label}
        </Text>
        <Text size="xs" ff="monospace" c="dimmed">
          {f.key}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">
          {f.kind === 'select'
            ? intl.formatMessage(
                { id: 'admin.ticketTypes.selectCount', defaultMessage: '{kind} ({count, number})' },
                { kind: intl.formatMessage(KIND_LABEL.select), count: f.options.length },
              )
            : intl.formatMessage(KIND_LABEL[f.kind])}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="xs">{askedFor(f)}</Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {f.required && (
            <Badge size="sm" variant="light">
              <FormattedMessage id="admin.ticketTypes.required" defaultMessage="Required" />
            </Badge>
          )}
          {!f.active && (
            <Badge size="sm" color="gray" variant="light">
              <FormattedMessage id="admin.ticketTypes.inactive" defaultMessage="Inactive" />
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td>
        <RowButton
          label={intl.formatMessage(
            { id: 'admin.ticketTypes.editField', defaultMessage: 'Edit field {name}' },
            { name: f.label },
          )}
          onClick={onEdit}
        />
      </Table.Td>
    </Table.Tr>
  );
}
