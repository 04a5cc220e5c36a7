import { Group, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconTags } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { z } from 'zod';
import { tagRenameBody, type tagSchema } from '../../../../common/tags';
import { get, send } from '../../api/client';
import { AdminList } from '../../components/admin';
import { AdminPage } from '../../components/admin/AdminPage';
import { RowButton } from '../../components/admin/buttons';
import { ConfirmModal, useConfirmedAct } from '../../components/admin/ConfirmModal';
import { type ItemModalProps, NameInput, useModalSave } from '../../components/admin/forms';
import { HeaderCells } from '../../components/admin/table';
import { ModalForm, useContractForm, useEditing } from '../../components/ModalForm';

type Tag = z.infer<typeof tagSchema>;

/** Admin › Tags: the tags in use, most used first; rename (or merge into another) and remove across tickets. */
export function TagsPage() {
  const [typed, setTyped] = useState('');
  const [prefix] = useDebouncedValue(typed.trim(), 200);
  const list = useQuery({
    queryKey: ['tags', 'all', prefix],
    queryFn: () => get('/tags', { query: { q: prefix, limit: 500 } }),
  });
  const edit = useEditing<Tag>((t) => t.name);
  const intl = useIntl();
  const removal = useConfirmedAct({
    fn: (t: Tag) => send('DELETE /tags/:name', { params: { name: t.name } }),
    invalidate: [['tags'], ['tickets']],
    success: (t) =>
      intl.formatMessage(
        {
          id: 'admin.tags.removed',
          defaultMessage: '“{name}” removed from {count, plural, one {# ticket} other {# tickets}}',
        },
        { name: t.name, count: t.tickets },
      ),
  });
  return (
    <AdminPage
      maw={760}
      title={intl.formatMessage({ id: 'admin.tags.title', defaultMessage: 'Tags' })}
      description={intl.formatMessage({
        id: 'admin.tags.description',
        defaultMessage:
          'Agents tag tickets on the ticket page, and filter the queue by tag. Rename a tag to fix or merge it, or remove it from every ticket.',
      })}
    >
      <TextInput
        label={intl.formatMessage({ id: 'admin.tags.find', defaultMessage: 'Find a tag' })}
        placeholder={intl.formatMessage({
          id: 'admin.tags.findPlaceholder',
          defaultMessage: 'The start of its name',
        })}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={typed}
        onChange={(e) => setTyped(e.currentTarget.value)}
        maw={320}
      />
      <AdminList
        query={list}
        items={list.data?.items}
        empty={{
          icon: <IconTags aria-hidden />,
          title: prefix
            ? intl.formatMessage({ id: 'admin.tags.noneFound', defaultMessage: 'No tag starts so' })
            : intl.formatMessage({ id: 'admin.tags.emptyTitle', defaultMessage: 'No tags yet' }),
          description: prefix
            ? undefined
            : intl.formatMessage({
                id: 'admin.tags.emptyDescription',
                defaultMessage: 'Tags added to tickets are listed here, with how many tickets carry each.',
              }),
        }}
        minWidth={420}
        head={
          <HeaderCells
            columns={[
              intl.formatMessage({ id: 'admin.tags.tag', defaultMessage: 'Tag' }),
              { label: intl.formatMessage({ id: 'admin.tags.tickets', defaultMessage: 'Tickets' }), w: 100 },
            ]}
            actions={200}
          />
        }
      >
        {(t) => (
          <Table.Tr key={t.name}>
            <Table.Td fw={500}>{t.name}</Table.Td>
            <Table.Td>{t.tickets}</Table.Td>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <RowButton
                  label={intl.formatMessage(
                    { id: 'admin.renameNamed', defaultMessage: 'Rename {name}' },
                    { name: t.name },
                  )}
                  onClick={() => edit.setEditing(t)}
                >
                  <FormattedMessage id="admin.rename" defaultMessage="Rename" />
                </RowButton>
                <RowButton
                  label={intl.formatMessage(
                    { id: 'admin.removeNamed', defaultMessage: 'Remove {name}' },
                    { name: t.name },
                  )}
                  onClick={() => removal.ask(t)}
                >
                  <FormattedMessage id="admin.remove" defaultMessage="Remove" />
                </RowButton>
              </Group>
            </Table.Td>
          </Table.Tr>
        )}
      </AdminList>
      <RenameModal key={edit.key} editing={edit.editing} onClose={edit.close} />
      <ConfirmModal
        {...removal.confirm}
        title={intl.formatMessage(
          { id: 'admin.tags.removeTitle', defaultMessage: 'Remove “{name}”' },
          { name: removal.asking?.name ?? '' },
        )}
        confirmLabel={intl.formatMessage({
          id: 'admin.tags.removeConfirm',
          defaultMessage: 'Remove the tag',
        })}
        color="red"
      >
        <Text size="sm">
          <FormattedMessage
            id="admin.tags.removeBody"
            defaultMessage="The tag is taken off {count, plural, one {# ticket} other {# tickets}}. The tickets themselves stay as they are."
            values={{ count: removal.asking?.tickets ?? 0 }}
          />
        </Text>
      </ConfirmModal>
    </AdminPage>
  );
}

function RenameModal({ editing, onClose }: ItemModalProps<Tag>) {
  const current = editing === 'new' ? null : editing;
  const form = useContractForm(tagRenameBody, { name: current?.name ?? '' });
  const intl = useIntl();
  const save = useModalSave({
    fn: (body: { name: string }) =>
      send('PATCH /tags/:name', { params: { name: current?.name ?? '' }, body }),
    invalidate: [['tags'], ['tickets']],
    success: (t) =>
      intl.formatMessage(
        {
          id: 'admin.tags.renamed',
          defaultMessage:
            'Renamed; {count, plural, one {# ticket now carries} other {# tickets now carry}} “{name}”',
        },
        { name: t.name, count: t.tickets },
      ),
    onClose,
  });
  return (
    <ModalForm
      opened={current !== null}
      onClose={onClose}
      title={intl.formatMessage(
        { id: 'admin.tags.renameTitle', defaultMessage: 'Rename “{name}”' },
        { name: current?.name ?? '' },
      )}
      form={form}
      save={save}
      toBody={(v) => (v.name.trim().toLowerCase() === current?.name ? null : { name: v.name })}
      submitLabel={intl.formatMessage({ id: 'admin.rename', defaultMessage: 'Rename' })}
      canSubmit={form.values.name.trim() !== ''}
    >
      <NameInput
        form={form}
        label={intl.formatMessage({ id: 'admin.tags.newName', defaultMessage: 'New name' })}
        description={intl.formatMessage({
          id: 'admin.tags.newNameHelp',
          defaultMessage: 'The name of another tag merges the two: its tickets keep one tag.',
        })}
        maxLength={50}
      />
    </ModalForm>
  );
}
