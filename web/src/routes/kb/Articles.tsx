import { Card, Checkbox, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconBook, IconCategory, IconPlus, IconSearch } from '@tabler/icons-react';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { KB_STATUSES, type KbStatus } from '../../../../common/kb';
import { useMe } from '../../api/hooks';
import { AdminList } from '../../components/admin';
import { pagedItems } from '../../components/admin/lists';
import { HeaderCells, TimeCell } from '../../components/admin/table';
import { AnchorLink, ButtonLink } from '../../components/links';
import { formatNumber } from '../../lib/format';
import { type ArticleFilters, categoryOptions, useArticleList, useCategories } from './api';
import { formatDay, KbPage, StatusBadge, statusLabel, today, VisibilityText } from './shared';

const route = getRouteApi('/agent/kb');

/** The knowledge base's articles, drafts too, filtered and searched; each opens in the editor. */
export function ArticlesPage() {
  const filters = route.useSearch();
  const navigate = useNavigate();
  const me = useMe();
  const set = (patch: Partial<ArticleFilters>) =>
    void navigate({ to: '/agent/kb', search: { ...filters, ...patch }, replace: true });
  const list = useArticleList(filters);
  const { items, footer } = pagedItems(list);
  const categories = useCategories();
  const intl = useIntl();

  return (
    <KbPage
      title={intl.formatMessage({ id: 'kb.articles.title', defaultMessage: 'Knowledge base' })}
      description={intl.formatMessage({
        id: 'kb.articles.description',
        defaultMessage:
          'Articles for customers and for colleagues. Drafts are seen by staff only; a published article reaches whoever its visibility allows.',
      })}
      action={
        <Group gap="xs">
          {me.data?.role === 'admin' && (
            <ButtonLink to="/agent/kb/categories" variant="default" leftSection={<IconCategory size={16} />}>
              <FormattedMessage id="kb.articles.categories" defaultMessage="Categories" />
            </ButtonLink>
          )}
          <ButtonLink to="/agent/kb/new" leftSection={<IconPlus size={16} />}>
            <FormattedMessage id="kb.articles.newArticle" defaultMessage="New article" />
          </ButtonLink>
        </Group>
      }
    >
      <Card withBorder radius="md" p="sm">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <SearchBox value={filters.q ?? ''} onChange={(q) => set({ q: q || undefined })} />
          <Select
            label={intl.formatMessage({ id: 'kb.articles.category', defaultMessage: 'Category' })}
            placeholder={intl.formatMessage({ id: 'kb.articles.allCategories', defaultMessage: 'All' })}
            clearable
            searchable
            w={220}
            data={categoryOptions(categories.data ?? [])}
            value={filters.categoryId ?? null}
            onChange={(v) => set({ categoryId: v ?? undefined })}
          />
          <Select
            label={intl.formatMessage({ id: 'kb.articles.status', defaultMessage: 'Status' })}
            placeholder={intl.formatMessage({ id: 'kb.articles.anyStatus', defaultMessage: 'Any' })}
            clearable
            w={140}
            data={KB_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))}
            value={filters.status ?? null}
            onChange={(v) => set({ status: (v as KbStatus | null) ?? undefined })}
          />
          <TextInput
            label={intl.formatMessage({ id: 'kb.articles.tag', defaultMessage: 'Tag' })}
            w={140}
            defaultValue={filters.tag ?? ''}
            key={filters.tag ?? ''}
            onBlur={(e) => set({ tag: e.currentTarget.value.trim().toLowerCase() || undefined })}
            onKeyDown={(e) => {
              if (e.key === 'Enter') set({ tag: e.currentTarget.value.trim().toLowerCase() || undefined });
            }}
          />
          <Checkbox
            label={intl.formatMessage({ id: 'kb.articles.reviewDue', defaultMessage: 'Review due' })}
            mb={8}
            checked={Boolean(filters.reviewDue)}
            onChange={(e) => set({ reviewDue: e.currentTarget.checked || undefined })}
          />
        </Group>
      </Card>
      <AdminList
        query={list}
        items={items}
        footer={footer}
        empty={{
          icon: <IconBook aria-hidden />,
          title: Object.values(filters).some(Boolean)
            ? intl.formatMessage({ id: 'kb.articles.noMatch', defaultMessage: 'No article matches' })
            : intl.formatMessage({ id: 'kb.articles.empty', defaultMessage: 'No articles yet' }),
          description: intl.formatMessage({
            id: 'kb.articles.emptyDescription',
            defaultMessage: 'Write one with “New article”, or from a solved ticket with “Create article”.',
          }),
        }}
        minWidth={980}
        tableProps={
          {
            'aria-label': intl.formatMessage({ id: 'kb.articles.tableLabel', defaultMessage: 'Articles' }),
          } as object
        }
        head={
          <HeaderCells
            columns={[
              intl.formatMessage({ id: 'kb.articles.colTitle', defaultMessage: 'Title' }),
              intl.formatMessage({ id: 'kb.articles.category', defaultMessage: 'Category' }),
              { label: intl.formatMessage({ id: 'kb.articles.status', defaultMessage: 'Status' }), w: 110 },
              intl.formatMessage({ id: 'kb.articles.colVisibility', defaultMessage: 'Visibility' }),
              intl.formatMessage({ id: 'kb.articles.colOwner', defaultMessage: 'Owner' }),
              {
                label: intl.formatMessage({ id: 'kb.articles.colReviewBy', defaultMessage: 'Review by' }),
                w: 120,
              },
              {
                label: intl.formatMessage({ id: 'kb.articles.colUpdated', defaultMessage: 'Updated' }),
                w: 120,
              },
              { label: intl.formatMessage({ id: 'kb.articles.colViews', defaultMessage: 'Views' }), w: 70 },
            ]}
          />
        }
      >
        {(a) => (
          <Table.Tr key={a.id}>
            <Table.Td>
              <AnchorLink to="/agent/kb/articles/$id" params={{ id: a.id }} fw={500}>
                {a.title}
              </AnchorLink>
              {a.tags.length > 0 && (
                <Text size="xs" c="dimmed">
                  {a.tags.join(', ')}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Text size="sm">{a.category?.name ?? '—'}</Text>
            </Table.Td>
            <Table.Td>
              <StatusBadge status={a.status} />
            </Table.Td>
            <Table.Td>
              <VisibilityText visibility={a.visibility} />
            </Table.Td>
            <Table.Td>
              <Text size="sm">{a.owner?.name ?? '—'}</Text>
            </Table.Td>
            <Table.Td>
              {a.reviewBy ? (
                <Text size="sm" c={a.status === 'published' && a.reviewBy <= today() ? 'red' : undefined}>
                  {formatDay(a.reviewBy)}
                </Text>
              ) : (
                '—'
              )}
            </Table.Td>
            <TimeCell iso={a.updatedAt} />
            <Table.Td>{formatNumber(a.views)}</Table.Td>
          </Table.Tr>
        )}
      </AdminList>
    </KbPage>
  );
}

/** The search box: asks once typing pauses, and keeps up with the address (back, links). */
function SearchBox({ value, onChange }: { value: string; onChange: (q: string) => void }) {
  const [typed, setTyped] = useState(value);
  const [settled] = useDebouncedValue(typed.trim(), 300);
  useEffect(() => setTyped(value), [value]);
  // Only a pause in typing asks again; a changed address has already set `typed`.
  const intl = useIntl();
  const latest = useRef({ value, onChange });
  latest.current = { value, onChange };
  useEffect(() => {
    if (settled !== latest.current.value) latest.current.onChange(settled);
  }, [settled]);
  return (
    <TextInput
      label={intl.formatMessage({ id: 'kb.articles.search', defaultMessage: 'Search' })}
      placeholder={intl.formatMessage({
        id: 'kb.articles.searchPlaceholder',
        defaultMessage: 'Words in the title, text or tags',
      })}
      leftSection={<IconSearch size={16} aria-hidden />}
      value={typed}
      onChange={(e) => setTyped(e.currentTarget.value)}
      style={{ flex: '1 1 220px' }}
      type="search"
    />
  );
}
