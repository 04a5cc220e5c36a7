import { ActionIcon, Alert, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconCategory } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { KbCategory } from '../../../../common/kb';
import { kbCategoryBody } from '../../../../common/kb';
import { errorMessage, isApiError } from '../../api/client';
import { useMe } from '../../api/hooks';
import { AdminList, useAdminMutation } from '../../components/admin';
import { DeleteRowButton, NewButton, RowButton } from '../../components/admin/buttons';
import { ConfirmModal } from '../../components/admin/ConfirmModal';
import { DescriptionInput, type ItemModalProps, NameInput, useItemForm } from '../../components/admin/forms';
import { HeaderCells } from '../../components/admin/table';
import { AnchorLink, ButtonLink } from '../../components/links';
import { ModalForm, useEditing } from '../../components/ModalForm';
import { formatNumber } from '../../lib/format';
import { type CategoryBody, categoryTree, kbApi, kbKeys, useCategories } from './api';
import { KbPage } from './shared';

/** Admins arrange the knowledge base: categories, and sections within them, in the order readers see. */
export function CategoriesPage() {
  const me = useMe();
  const intl = useIntl();
  const categories = useCategories();
  const edit = useEditing<KbCategory>((c) => c.id);
  const move = useAdminMutation({
    fn: async ({ siblings, from, to }: { siblings: KbCategory[]; from: number; to: number }) => {
      // The rows are numbered afresh in their new order: positions never arranged (all equal) work too.
      const order = [...siblings];
      const [moved] = order.splice(from, 1);
      if (moved) order.splice(to, 0, moved);
      for (const [i, c] of order.entries())
        if (c.position !== i) await kbApi.updateCategory(c.id, { position: i });
    },
    invalidate: [kbKeys.categories],
  });
  const removal = useDeleteCategory();
  if (me.data?.role !== 'admin')
    return (
      <Alert
        color="yellow"
        title={intl.formatMessage({ id: 'kb.categories.adminsOnly', defaultMessage: 'Administrators only' })}
        maw={560}
      >
        <FormattedMessage
          id="kb.categories.adminsOnlyText"
          defaultMessage="Categories are arranged by administrators. You can still file articles in them."
        />
      </Alert>
    );
  const tree = categoryTree(categories.data ?? []);
  const rows = tree.flatMap(({ category, sections }, i) => [
    { item: category, siblings: tree.map((t) => t.category), index: i, section: false },
    ...sections.map((s, j) => ({ item: s, siblings: sections, index: j, section: true })),
  ]);
  return (
    <KbPage
      title={intl.formatMessage({ id: 'kb.categories.title', defaultMessage: 'Categories' })}
      description={intl.formatMessage({
        id: 'kb.categories.description',
        defaultMessage:
          'Categories, with sections in them, are how the help centre is arranged. Articles are filed in either.',
      })}
      action={
        <Group gap="xs">
          <ButtonLink to="/agent/kb" variant="default">
            <FormattedMessage id="kb.categories.articles" defaultMessage="Articles" />
          </ButtonLink>
          <NewButton onClick={() => edit.setEditing('new')}>
            <FormattedMessage id="kb.categories.newCategory" defaultMessage="New category" />
          </NewButton>
        </Group>
      }
    >
      <AdminList
        query={categories}
        items={rows}
        empty={{
          icon: <IconCategory aria-hidden />,
          title: intl.formatMessage({ id: 'kb.categories.empty', defaultMessage: 'No categories yet' }),
        }}
        minWidth={640}
        tableProps={
          {
            'aria-label': intl.formatMessage({ id: 'kb.categories.title', defaultMessage: 'Categories' }),
          } as object
        }
        head={
          <HeaderCells
            columns={[
              intl.formatMessage({ id: 'kb.categories.colName', defaultMessage: 'Name' }),
              {
                label: intl.formatMessage({ id: 'kb.categories.articles', defaultMessage: 'Articles' }),
                w: 90,
              },
              {
                label: intl.formatMessage({ id: 'kb.categories.colOrder', defaultMessage: 'Order' }),
                w: 100,
              },
            ]}
            actions
          />
        }
      >
        {({ item: c, siblings, index, section }) => (
          <Table.Tr key={c.id}>
            <Table.Td ps={section ? 40 : undefined}>
              <Text fw={section ? 400 : 600}>{c.name}</Text>
              <Text size="xs" c="dimmed">
                {section ? (
                  <FormattedMessage
                    id="kb.categories.sectionLine"
                    defaultMessage="Section · /{slug}"
                    values={{ slug: c.slug }}
                  />
                ) : (
                  <FormattedMessage
                    id="kb.categories.categoryLine"
                    defaultMessage="Category · /{slug}"
                    values={{ slug: c.slug }}
                  />
                )}
              </Text>
            </Table.Td>
            <Table.Td>{formatNumber(c.articles)}</Table.Td>
            <Table.Td>
              <Group gap={4} wrap="nowrap">
                {(['up', 'down'] as const).map((dir) => {
                  const other = siblings[dir === 'up' ? index - 1 : index + 1];
                  const Icon = dir === 'up' ? IconArrowUp : IconArrowDown;
                  return (
                    <ActionIcon
                      key={dir}
                      variant="default"
                      aria-label={
                        dir === 'up'
                          ? intl.formatMessage(
                              { id: 'kb.categories.moveUp', defaultMessage: 'Move {name} up' },
                              { name: c.name },
                            )
                          : intl.formatMessage(
                              { id: 'kb.categories.moveDown', defaultMessage: 'Move {name} down' },
                              { name: c.name },
                            )
                      }
                      disabled={!other || move.isPending}
                      onClick={() =>
                        move.mutate({ siblings, from: index, to: dir === 'up' ? index - 1 : index + 1 })
                      }
                    >
                      <Icon size={14} aria-hidden />
                    </ActionIcon>
                  );
                })}
              </Group>
            </Table.Td>
            <Table.Td>
              <Group gap={6} wrap="nowrap">
                <RowButton
                  label={intl.formatMessage(
                    { id: 'kb.categories.renameLabel', defaultMessage: 'Rename {name}' },
                    { name: c.name },
                  )}
                  onClick={() => edit.setEditing(c)}
                >
                  <FormattedMessage id="kb.categories.rename" defaultMessage="Rename" />
                </RowButton>
                <DeleteRowButton name={c.name} onClick={() => removal.ask(c)} />
              </Group>
            </Table.Td>
          </Table.Tr>
        )}
      </AdminList>
      <CategoryModal
        key={edit.key}
        editing={edit.editing}
        onClose={edit.close}
        parents={tree.map((t) => t.category)}
      />
      <DeleteCategoryModal removal={removal} />
    </KbPage>
  );
}

/** Deleting asks first; the server refuses (409) while articles or sections are still in it, and the question then says so. */
function useDeleteCategory() {
  const qc = useQueryClient();
  const intl = useIntl();
  const [asking, setAsking] = useState<KbCategory | null>(null);
  const del = useMutation({
    mutationFn: (c: KbCategory) => kbApi.deleteCategory(c.id),
    onSuccess: (_r, c) => {
      void qc.invalidateQueries({ queryKey: kbKeys.categories });
      notifications.show({
        color: 'green',
        message: intl.formatMessage(
          { id: 'kb.categories.deleted', defaultMessage: '“{name}” deleted' },
          { name: c.name },
        ),
      });
      setAsking(null);
    },
  });
  const close = () => {
    del.reset();
    setAsking(null);
  };
  return { asking, ask: setAsking, close, del };
}

function DeleteCategoryModal({
  removal: { asking: c, close, del },
}: {
  removal: ReturnType<typeof useDeleteCategory>;
}) {
  const intl = useIntl();
  return (
    <ConfirmModal
      opened={c !== null}
      onClose={close}
      title={intl.formatMessage(
        { id: 'kb.categories.deleteTitle', defaultMessage: 'Delete “{name}”?' },
        { name: c?.name ?? '' },
      )}
      confirmLabel={intl.formatMessage({ id: 'kb.categories.delete', defaultMessage: 'Delete' })}
      color="red"
      pending={del.isPending}
      onConfirm={() => c && del.mutate(c)}
    >
      {del.isError ? (
        <Alert
          color="red"
          title={intl.formatMessage({ id: 'kb.categories.notDeleted', defaultMessage: 'Not deleted' })}
          role="alert"
        >
          <Text size="sm">{errorMessage(del.error)}</Text>
          {isApiError(del.error, 409) && c && (
            <AnchorLink to="/agent/kb" search={{ categoryId: c.id }} size="sm" onClick={close}>
              <FormattedMessage id="kb.categories.showArticles" defaultMessage="Show its articles" />
            </AnchorLink>
          )}
        </Alert>
      ) : (
        <Text size="sm">
          <FormattedMessage
            id="kb.categories.deleteText"
            defaultMessage="Only an empty category can be deleted: one with no articles and no sections in it."
          />
        </Text>
      )}
    </ConfirmModal>
  );
}

type CategoryValues = { name: string; slug: string; description: string; parentId: string | null };

function CategoryModal({ parents, ...props }: ItemModalProps<KbCategory> & { parents: KbCategory[] }) {
  const intl = useIntl();
  const { current, form, modal } = useItemForm(props, {
    // Slug and description are checked as they are sent (an empty one is left out), not as typed.
    schema: kbCategoryBody.omit({ slug: true, description: true }).loose(),
    values: (c): CategoryValues => ({
      name: c?.name ?? '',
      slug: c?.slug ?? '',
      description: c?.description ?? '',
      parentId: c?.parentId ?? null,
    }),
    create: (body: CategoryBody) => kbApi.createCategory(body),
    update: (c, body: CategoryBody) => kbApi.updateCategory(c.id, body),
    invalidate: [kbKeys.categories],
    success: (saved, c) =>
      c
        ? intl.formatMessage(
            { id: 'kb.categories.saved', defaultMessage: '“{name}” saved' },
            { name: saved.name },
          )
        : intl.formatMessage(
            { id: 'kb.categories.created', defaultMessage: '“{name}” created' },
            { name: saved.name },
          ),
  });
  return (
    <ModalForm
      {...modal}
      title={
        current
          ? intl.formatMessage(
              { id: 'kb.categories.renameLabel', defaultMessage: 'Rename {name}' },
              { name: current.name },
            )
          : intl.formatMessage({ id: 'kb.categories.newTitle', defaultMessage: 'New category or section' })
      }
      submitLabel={
        current
          ? intl.formatMessage({ id: 'kb.categories.save', defaultMessage: 'Save' })
          : intl.formatMessage({ id: 'kb.categories.create', defaultMessage: 'Create' })
      }
      toBody={(v): CategoryBody => ({
        name: v.name.trim(),
        ...(v.slug.trim() ? { slug: v.slug.trim() } : {}),
        description: v.description.trim() || null,
        ...(current ? {} : { parentId: v.parentId }),
      })}
    >
      <NameInput form={form} maxLength={200} />
      <TextInput
        label={intl.formatMessage({ id: 'kb.categories.address', defaultMessage: 'Address' })}
        description={intl.formatMessage({
          id: 'kb.categories.addressDescription',
          defaultMessage: "In the help centre's address, such as billing; made from the name when left empty",
        })}
        {...form.getInputProps('slug')}
      />
      <DescriptionInput {...form.getInputProps('description')} maxLength={1000} />
      {!current && (
        <Select
          label={intl.formatMessage({ id: 'kb.categories.inside', defaultMessage: 'Inside' })}
          description={intl.formatMessage({
            id: 'kb.categories.insideDescription',
            defaultMessage: 'Leave empty for a category; pick one to make this a section of it',
          })}
          placeholder={intl.formatMessage({
            id: 'kb.categories.insidePlaceholder',
            defaultMessage: 'Nothing: a category',
          })}
          clearable
          data={parents.map((p) => ({ value: p.id, label: p.name }))}
          {...form.getInputProps('parentId')}
        />
      )}
    </ModalForm>
  );
}
