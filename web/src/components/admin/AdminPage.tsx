import { Stack, type StackProps } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { AdminHeader } from '../admin';

/** An admin page: its title (in the browser's tab too), what it is for, a button beside them, then the page. */
export function AdminPage({
  title,
  description,
  action,
  gap = 'md',
  maw,
  children,
}: {
  title: string;
  description: string;
  action?: ReactNode;
  gap?: StackProps['gap'];
  maw?: number;
  children: ReactNode;
}) {
  const intl = useIntl();
  useDocumentTitle(
    intl.formatMessage({ id: 'admin.documentTitle', defaultMessage: '{title} · Admin · Tessera' }, { title }),
  );
  return (
    <Stack gap={gap} maw={maw}>
      <AdminHeader title={title} description={description} action={action} />
      {children}
    </Stack>
  );
}
