import { Alert, Badge, Button, Center, Group, Loader, Text, Tooltip } from '@mantine/core';
import { IconAlertCircle, IconFlame } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { errorMessage } from '../api/client';
import type { Priority } from '../api/types';
import { formatDateTime, formatRelative, PRIORITY_INFO, statusColor } from '../lib/format';

/** A time shown relative ("5 min ago"), exact on hover and for screen readers via dateTime. */
export function Time({ iso, relative = true }: { iso: string; relative?: boolean }) {
  const exact = formatDateTime(iso);
  return (
    <Tooltip label={exact} openDelay={400} withinPortal>
      <time dateTime={iso} title={relative ? exact : undefined}>
        {relative ? formatRelative(iso) : exact}
      </time>
    </Tooltip>
  );
}

export function StatusBadge({ label, category }: { label: string; category: string }) {
  return (
    <Badge color={statusColor(category)} variant="light" radius="sm">
      {label}
    </Badge>
  );
}

export function PriorityBadge({ priority }: { priority: Priority }) {
  const info = PRIORITY_INFO[priority];
  return (
    <Badge color={info.color} variant={priority === 'urgent' ? 'filled' : 'outline'} radius="sm">
      {info.label}
    </Badge>
  );
}

/** The red flag of a ticket that needs immediate attention (an urgent type or priority). */
export function UrgentBadge() {
  const intl = useIntl();
  return (
    <Badge
      color="red"
      variant="filled"
      radius="sm"
      leftSection={<IconFlame size={12} aria-hidden />}
      title={intl.formatMessage({
        id: 'common.urgent.title',
        defaultMessage: 'Flagged for immediate attention',
      })}
    >
      <FormattedMessage id="common.urgent.badge" defaultMessage="Urgent" />
    </Badge>
  );
}

/** The priority, and the urgent flag where set; one red badge where both say "urgent". */
export function PriorityBadges({ priority, urgent }: { priority: Priority; urgent: boolean }) {
  if (urgent && priority === 'urgent') return <UrgentBadge />;
  return (
    <Group gap={4} wrap="nowrap">
      <PriorityBadge priority={priority} />
      {urgent && <UrgentBadge />}
    </Group>
  );
}

/** The server's problem `detail`, or a plain message, in an alert; with a retry where it helps. */
export function ErrorAlert({
  error,
  title,
  onRetry,
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}) {
  const intl = useIntl();
  return (
    <Alert
      color="red"
      variant="light"
      title={
        title ?? intl.formatMessage({ id: 'common.error.title', defaultMessage: 'Something went wrong' })
      }
      icon={<IconAlertCircle aria-hidden />}
      role="alert"
    >
      <Text size="sm">{errorMessage(error)}</Text>
      {onRetry && (
        <Button mt="sm" size="xs" variant="white" color="red" onClick={onRetry}>
          <FormattedMessage id="common.error.retry" defaultMessage="Try again" />
        </Button>
      )}
    </Alert>
  );
}

export function PageLoader({ label }: { label?: string }) {
  const intl = useIntl();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Group gap="xs">
        <Loader size="sm" />
        <Text c="dimmed" size="sm">
          {intl.formatMessage(
            { id: 'common.loading', defaultMessage: '{what}…' },
            { what: label ?? intl.formatMessage({ id: 'common.loadingDefault', defaultMessage: 'Loading' }) },
          )}
        </Text>
      </Group>
    </Center>
  );
}

/** What a query gives a screen: nothing yet, a failure, or its data. */
export type QueryState<T> = {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: T | undefined;
  refetch: () => unknown;
};

/**
 * A query's data through `children`; a loader while it comes, the error (with a retry where `retry`)
 * where it failed.
 */
export function Loaded<T>({
  query,
  loading,
  errorTitle,
  retry = false,
  children,
}: {
  query: QueryState<T>;
  loading?: string;
  errorTitle?: string;
  retry?: boolean;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <PageLoader label={loading} />;
  if (query.isError || query.data === undefined)
    return (
      <ErrorAlert
        error={query.error}
        title={errorTitle}
        onRetry={retry ? () => query.refetch() : undefined}
      />
    );
  return children(query.data);
}

/** A select option with a dimmed line of description under its label, where it has one. */
export function DescribedOption({ label, description }: { label: string; description?: string | null }) {
  return (
    <div>
      <Text size="sm">{label}</Text>
      {description && (
        <Text size="xs" c="dimmed">
          {description}
        </Text>
      )}
    </div>
  );
}

export function LoadMore({
  hasNextPage,
  isFetchingNextPage,
  fetchNextPage,
  shown,
}: {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
  shown: number;
}) {
  return (
    <Group justify="center" mt="md" gap="sm">
      <Text size="sm" c="dimmed" aria-live="polite">
        {hasNextPage ? (
          <FormattedMessage
            id="common.list.shown"
            defaultMessage="{count, number} shown"
            values={{ count: shown }}
          />
        ) : (
          <FormattedMessage
            id="common.list.shownAll"
            defaultMessage="{count, number} shown — that is all"
            values={{ count: shown }}
          />
        )}
      </Text>
      {hasNextPage && (
        <Button variant="default" onClick={() => fetchNextPage()} loading={isFetchingNextPage}>
          <FormattedMessage id="common.list.loadMore" defaultMessage="Load more" />
        </Button>
      )}
    </Group>
  );
}
