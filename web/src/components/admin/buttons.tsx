import { Button } from '@mantine/core';
import { IconPlus, IconRefresh } from '@tabler/icons-react';
import { type ComponentType, type ReactNode, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

/** "New department", "New plan": on a page's header, or smaller (`size="xs"`) on a section's. */
export function NewButton({
  children,
  onClick,
  size,
  disabled,
}: {
  children: ReactNode;
  onClick: () => void;
  size?: 'xs';
  disabled?: boolean;
}) {
  return (
    <Button
      size={size}
      leftSection={<IconPlus size={size === 'xs' ? 14 : 16} aria-hidden />}
      onClick={onClick}
      disabled={disabled}
    >
      {children}
    </Button>
  );
}

/** Fetches a list again, for lists that change on their own (failed deliveries, inbound mail). */
export function RefreshButton({ query }: { query: { refetch: () => unknown; isRefetching: boolean } }) {
  return (
    <Button
      variant="default"
      leftSection={<IconRefresh size={16} aria-hidden />}
      onClick={() => query.refetch()}
      loading={query.isRefetching}
    >
      <FormattedMessage id="admin.refresh" defaultMessage="Refresh" />
    </Button>
  );
}

/** A row's "Edit" or "Rename", named for what it edits (`label`) so each row's button is told apart. */
export function RowButton({
  label,
  onClick,
  children = <FormattedMessage id="admin.edit" defaultMessage="Edit" />,
}: {
  label: string;
  onClick: () => void;
  children?: ReactNode;
}) {
  return (
    <Button size="xs" variant="default" onClick={onClick} aria-label={label}>
      {children}
    </Button>
  );
}

/** A row's Delete button, named for what it deletes; the page asks before it deletes. */
export function DeleteRowButton({ name, onClick }: { name: string; onClick: () => void }) {
  const intl = useIntl();
  return (
    <Button
      size="xs"
      color="red"
      variant="light"
      onClick={onClick}
      aria-label={intl.formatMessage({ id: 'admin.deleteNamed', defaultMessage: 'Delete {name}' }, { name })}
    >
      <FormattedMessage id="admin.delete" defaultMessage="Delete" />
    </Button>
  );
}

/**
 * A "New …" button with the form it opens, for a list whose form needs nothing from the page: the
 * form starts empty each time it opens.
 */
export function NewWithForm({
  label,
  form: Form,
}: {
  label: string;
  form: ComponentType<{ opened: boolean; onClose: () => void }>;
}) {
  const [opened, setOpened] = useState(false);
  return (
    <>
      <NewButton size="xs" onClick={() => setOpened(true)}>
        {label}
      </NewButton>
      <Form key={opened ? 'open' : 'closed'} opened={opened} onClose={() => setOpened(false)} />
    </>
  );
}
