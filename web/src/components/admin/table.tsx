import { Table } from '@mantine/core';
import type { ComponentProps, ReactNode } from 'react';
import { AdminList } from '../admin';
import { AdminSection } from './AdminSection';

/** The header of a table's last column, which holds each row's buttons. */
function ActionsHeader({ w }: { w?: number }) {
  return (
    <Table.Th scope="col" w={w}>
      <span className="sr-only">Actions</span>
    </Table.Th>
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
