import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { IconWand } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import { get, send } from '../../api/client';
import { useAdminMutation } from '../../components/admin';
import { AdminPage } from '../../components/admin/AdminPage';
import { NewButton, RowButton } from '../../components/admin/buttons';
import { useItems } from '../../components/admin/lists';
import { HeaderCells, SectionList } from '../../components/admin/table';
import { useEditing } from '../../components/ModalForm';
import { PriorityHelpCard } from '../../components/PriorityHelpCard';
import { FieldModal } from './ticket-types/FieldModal';
import { type CustomField, fieldsKey, KIND_LABEL, type TicketType, typesKey } from './ticket-types/shared';
import { TypeModal, UrgentRoutingCard } from './ticket-types/TypeModal';

const byPosition = <T extends { position: number }>(items: T[] | undefined) =>
  items && [...items].sort((a, b) => a.position - b.position);

export function TicketTypesPage() {
  const types = useItems(typesKey, () => get('/ticket-types'));
  const install = useAdminMutation({
    fn: () => send('POST /intake/triage'),
    invalidate: [typesKey, fieldsKey],
    success: (r) => `Guided intake installed: ${r.types.length} types, ${r.fields.length} fields`,
  });

  return (
    <AdminPage
      maw={1000}
      title="Ticket types and fields"
      description="What customers choose when they open a ticket, and the extra questions asked. The guided intake installs a ready-made set (trading-platform support); installing it again changes nothing."
      action={
        <Button
          leftSection={<IconWand size={16} aria-hidden />}
          variant="light"
          loading={install.isPending}
          onClick={() => install.mutate()}
        >
          Install the guided intake
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
  return (
    <>
      <SectionList
        title="Ticket types"
        action={
          <NewButton size="xs" onClick={() => edit.setEditing('new')}>
            New type
          </NewButton>
        }
        query={types}
        items={byPosition(types.data)}
        empty="No ticket types yet. Create one, or install the guided intake."
        minWidth={480}
        head={<HeaderCells columns={['Name', 'Key', 'Flags']} actions={80} />}
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
  return (
    <>
      <SectionList
        title="Custom fields"
        action={
          <NewButton size="xs" onClick={() => edit.setEditing('new')}>
            New field
          </NewButton>
        }
        query={fields}
        items={byPosition(fields.data)}
        empty="No custom fields yet."
        minWidth={560}
        head={<HeaderCells columns={['Label', 'Kind', 'Asked for', 'Flags']} actions={80} />}
      >
        {(f) => <FieldRow key={f.key} field={f} onEdit={() => edit.setEditing(f)} />}
      </SectionList>
      <FieldModal key={edit.key} editing={edit.editing} types={types} onClose={edit.close} />
    </>
  );
}

function TypeRow({ type: t, onEdit }: { type: TicketType; onEdit: () => void }) {
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
              Urgent
            </Badge>
          )}
          {!t.active && (
            <Badge color="gray" variant="light" size="sm">
              Inactive
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td>
        <RowButton label={`Edit type ${t.name}`} onClick={onEdit} />
      </Table.Td>
    </Table.Tr>
  );
}

/** "Every type", or the types' keys, and how many departments it is limited to. */
function askedFor(f: CustomField): string {
  const types = f.typeKeys.length === 0 ? 'Every type' : f.typeKeys.join(', ');
  const n = f.departmentIds.length;
  return n > 0 ? `${types} · ${n} department${n === 1 ? '' : 's'}` : types;
}

function FieldRow({ field: f, onEdit }: { field: CustomField; onEdit: () => void }) {
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
          {KIND_LABEL[f.kind]}
          {f.kind === 'select' ? ` (${f.options.length})` : ''}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="xs">{askedFor(f)}</Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {f.required && (
            <Badge size="sm" variant="light">
              Required
            </Badge>
          )}
          {!f.active && (
            <Badge size="sm" color="gray" variant="light">
              Inactive
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td>
        <RowButton label={`Edit field ${f.label}`} onClick={onEdit} />
      </Table.Td>
    </Table.Tr>
  );
}
