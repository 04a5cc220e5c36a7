import { Table, Text } from '@mantine/core';
import type { ComponentProps, ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import { AdminList } from '../admin';
import { Time } from '../bits';
import { AdminPage } from './AdminPage';
import { AdminSection } from './AdminSection';
import { RefreshButton } from './buttons';
import { type PagedQuery, pagedItems } from './lists';

/** The header of a table's last column, which holds each row's buttons. */
function ActionsHeader({ w }: { w?: number }) {
  return (
    <Table.Th scope="col" w={w}>
      <span className="sr-only">
        <FormattedMessage id="admin.actions" defaultMessage="Actions" />
      </span>
    </Table.Th>
  );
}

/** A cell that says when, relative and small ("5 min ago"; exact on hover). */
export function TimeCell({ iso }: { iso: string }) {
  return (
    <Table.Td>
      <Text size="xs">
        <Time iso={iso} />
      </Text>
    </Table.Td>
  );
}

/** A column's heading, with its width where it has one. */
export type Column = string | { label: string; w: number };

/** A table's header cells; `actions` adds the last, unnamed column of each row's buttons (its width, or true). */
export function HeaderCells({ columns, actions }: { columns: Column[]; actions?: number | true }) {
  return (
    <>
      {columns.map((c) =>
        typeof c === 'string' ? (
          <Table.Th key={c} scope="col">
            {c}
          </Table.Th>
        ) : (
          <Table.Th key={c.label} scope="col" w={c.w}>
            {c.label}
          </Table.Th>
        ),
      )}
      {actions !== undefined && <ActionsHeader w={actions === true ? undefined : actions} />}
    </>
  );
}

type ListProps<T> = ComponentProps<typeof AdminList<T>>;

/**
 * A section of a page holding one list: its heading and button, then the list's table, which the
 * heading names. The items are the query's own unless `items` says otherwise (sorted, say).
 */
export function SectionList<T>({
  title,
  action,
  query,
  items = query.data,
  ...list
}: Omit<ListProps<T>, 'inSection' | 'tableProps' | 'items' | 'query'> & {
  title: string;
  action?: ReactNode;
  query: ListProps<T>['query'] & { data?: T[] };
  items?: T[];
}) {
  return (
    <AdminSection title={title} action={action}>
      <AdminList query={query} items={items} tableProps={{ 'aria-label': title }} inSection {...list} />
    </AdminSection>
  );
}

/** A list read a page at a time: the items of the pages read so far, with "Load more" under them. */
export function PagedList<T>({
  query,
  ...list
}: Omit<ListProps<T>, 'items' | 'footer' | 'query'> & { query: ListProps<T>['query'] & PagedQuery<T> }) {
  const { items, footer } = pagedItems(query);
  return <AdminList query={query} items={items} footer={footer} {...list} />;
}

/**
 * A page of one list that changes on its own, read a page at a time (failed deliveries, inbound
 * mail, the audit trail): Refresh on the page's header, what narrows the list (`filter`) above it,
 * then its table, which the page's title names.
 */
export function LiveListPage<T>({
  title,
  description,
  maw = 1100,
  filter,
  query,
  ...list
}: Omit<ListProps<T>, 'items' | 'footer' | 'query' | 'tableProps'> & {
  title: string;
  description: string;
  maw?: number;
  filter?: ReactNode;
  query: ListProps<T>['query'] & PagedQuery<T> & { isRefetching: boolean };
}) {
  return (
    <AdminPage maw={maw} title={title} description={description} action={<RefreshButton query={query} />}>
      {filter}
      <PagedList query={query} tableProps={{ 'aria-label': title }} {...list} />
    </AdminPage>
  );
}
