import { Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconPlus, IconWand } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { get, send } from '../../api/client';
import { AdminHeader, AdminList, useAdminMutation } from '../../components/admin';
import { PriorityHelpCard } from '../../components/PriorityHelpCard';
import { FieldModal } from './ticket-types/FieldModal';
import { type CustomField, fieldsKey, KIND_LABEL, type TicketType, typesKey } from './ticket-types/shared';
import { TypeModal, UrgentRoutingCard } from './ticket-types/TypeModal';

export function TicketTypesPage() {
  useDocumentTitle('Ticket types and fields · Admin · Tessera');
  const types = useQuery({
    queryKey: typesKey,
    queryFn: async () => (await get('/ticket-types')).items,
  });
  const fields = useQuery({
    queryKey: fieldsKey,
    queryFn: async () => (await get('/fields')).items,
  });
  const install = useAdminMutation({
    fn: () => send('POST /intake/triage'),
    invalidate: [typesKey, fieldsKey],
    success: (r) => `Guided intake installed: ${r.types.length} types, ${r.fields.length} fields`,
  });
  const [editType, setEditType] = useState<TicketType | 'new' | null>(null);
  const [editField, setEditField] = useState<CustomField | 'new' | null>(null);

  return (
    <Stack gap="md" maw={1000}>
      <AdminHeader
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
      />
      <UrgentRoutingCard />
      <PriorityHelpCard />

      <Card withBorder radius="md" padding="md">
        <Group justify="space-between" mb="sm" wrap="wrap">
          <Title order={2} size="h4">
            Ticket types
          </Title>
          <Button
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => setEditType('new')}
          >
            New type
          </Button>
        </Group>
        <AdminList
          query={types}
          items={types.data && [...types.data].sort((a, b) => a.position - b.position)}
          empty="No ticket types yet. Create one, or install the guided intake."
          minWidth={480}
          tableProps={{ 'aria-label': 'Ticket types' }}
          inSection
          head={
            <>
              <Table.Th scope="col">Name</Table.Th>
              <Table.Th scope="col">Key</Table.Th>
              <Table.Th scope="col">Flags</Table.Th>
              <Table.Th scope="col" w={80}>
                <span className="sr-only">Actions</span>
              </Table.Th>
            </>
          }
        >
          {(t) => (
            <Table.Tr key={t.key}>
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
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => setEditType(t)}
                  aria-label={`Edit type ${t.name}`}
                >
                  Edit
                </Button>
              </Table.Td>
            </Table.Tr>
          )}
        </AdminList>
      </Card>

      <Card withBorder radius="md" padding="md">
        <Group justify="space-between" mb="sm" wrap="wrap">
          <Title order={2} size="h4">
            Custom fields
          </Title>
          <Button
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => setEditField('new')}
          >
            New field
          </Button>
        </Group>
        <AdminList
          query={fields}
          items={fields.data && [...fields.data].sort((a, b) => a.position - b.position)}
          empty="No custom fields yet."
          minWidth={560}
          tableProps={{ 'aria-label': 'Custom fields' }}
          inSection
          head={
            <>
              <Table.Th scope="col">Label</Table.Th>
              <Table.Th scope="col">Kind</Table.Th>
              <Table.Th scope="col">Asked for</Table.Th>
              <Table.Th scope="col">Flags</Table.Th>
              <Table.Th scope="col" w={80}>
                <span className="sr-only">Actions</span>
              </Table.Th>
            </>
          }
        >
          {(f) => (
            <Table.Tr key={f.key}>
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
                <Text size="xs">
                  {f.typeKeys.length === 0 ? 'Every type' : f.typeKeys.join(', ')}
                  {f.departmentIds.length > 0
                    ? ` · ${f.departmentIds.length} department${f.departmentIds.length === 1 ? '' : 's'}`
                    : ''}
                </Text>
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
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => setEditField(f)}
                  aria-label={`Edit field ${f.label}`}
                >
                  Edit
                </Button>
              </Table.Td>
            </Table.Tr>
          )}
        </AdminList>
      </Card>

      <TypeModal
        key={editType === null ? 'closed' : editType === 'new' ? 'new' : editType.key}
        editing={editType}
        onClose={() => setEditType(null)}
      />
      <FieldModal
        key={editField === null ? 'closed' : editField === 'new' ? 'new' : editField.key}
        editing={editField}
        types={types.data ?? []}
        onClose={() => setEditField(null)}
      />
    </Stack>
  );
}
