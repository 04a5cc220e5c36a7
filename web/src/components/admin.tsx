import { Card, EmptyState, Group, Stack, Table, type TableProps, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { errorMessage } from '../api/client';
import { t } from '../i18n/t';
import { ErrorAlert, PageLoader } from './bits';

export function AdminHeader({
  title,
  description,
  action,
}: {
  title: string;
  description: ReactNode;
  action?: ReactNode;
}) {
  return (
    <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
      <Stack gap={2}>
        <Title order={1} size="h2">
          {title}
        </Title>
        <Text size="sm" c="dimmed" maw={640}>
          {description}
        </Text>
      </Stack>
      {action}
    </Group>
  );
}

/** A mutation that refreshes `invalidate` and says what happened, in words, either way. */
export function useAdminMutation<TInput, TResult>(opts: {
  fn: (input: TInput) => Promise<TResult>;
  invalidate: QueryKey[];
  success?: (result: TResult, input: TInput) => string;
  onSuccess?: (result: TResult, input: TInput) => void;
  quietErrors?: boolean;
}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: opts.fn,
    onSuccess: (result, input) => {
      for (const key of opts.invalidate) void qc.invalidateQueries({ queryKey: key });
      if (opts.success) notifications.show({ color: 'green', message: opts.success(result, input) });
      opts.onSuccess?.(result, input);
    },
    onError: (e) => {
      if (!opts.quietErrors)
        notifications.show({
          color: 'red',
          title: t({ id: 'admin.notSaved', defaultMessage: 'Not saved' }),
          message: errorMessage(e),
        });
    },
  });
}

/**
 * A list's loading, failure and empty states; otherwise a table of its items, one row each, then
 * `footer` (such as "Load more"). On a page of its own the table stands on a card and an empty list
 * shows an icon and words; in a section that is a card already (`inSection`) the table is tighter,
 * with no card of its own, and an empty list is said in a dimmed line.
 */
export function AdminList<T>({
  query,
  items,
  empty,
  minWidth,
  tableProps,
  inSection = false,
  head,
  footer,
  children,
}: {
  query: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };
  items: T[] | undefined;
  /** The dimmed line of a section; on a page, the empty state's icon, title and description. */
  empty: string | { icon: ReactNode; title: string; description?: ReactNode };
  minWidth: number;
  tableProps?: TableProps;
  inSection?: boolean;
  /** The header cells. */
  head: ReactNode;
  footer?: ReactNode;
  /** An item's row, with its key. */
  children: (item: T) => ReactNode;
}) {
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => query.refetch()} />;
  if (!items?.length)
    return typeof empty === 'string' ? (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    ) : (
      <EmptyState {...empty} py="xl" />
    );
  const table = (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table verticalSpacing={inSection ? 'xs' : 'sm'} {...tableProps}>
        <Table.Thead>
          <Table.Tr>{head}</Table.Tr>
        </Table.Thead>
        <Table.Tbody>{items.map((item) => children(item))}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
  return (
    <>
      {inSection ? (
        table
      ) : (
        <Card withBorder padding={0} radius="md">
          {table}
        </Card>
      )}
      {footer}
    </>
  );
}
