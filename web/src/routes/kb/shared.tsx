import { Badge, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { KB_VISIBILITY_LABELS, type KbStatus, type KbVisibility } from '../../../../common/kb';
import { AdminHeader } from '../../components/admin';

export const STATUS_LABELS: Record<KbStatus, string> = {
  draft: 'Draft',
  published: 'Published',
  archived: 'Archived',
};
const STATUS_COLORS: Record<KbStatus, string> = { draft: 'gray', published: 'green', archived: 'orange' };

export function StatusBadge({ status }: { status: KbStatus }) {
  return (
    <Badge variant="light" color={STATUS_COLORS[status]} radius="sm">
      {STATUS_LABELS[status]}
    </Badge>
  );
}

export function VisibilityText({ visibility }: { visibility: KbVisibility }) {
  return (
    <Text size="sm" c={visibility === 'staff' ? 'yellow.8' : undefined}>
      {KB_VISIBILITY_LABELS[visibility]}
    </Text>
  );
}

/** A knowledge-base page: its title (in the tab too), a line on what it is for, buttons beside them. */
export function KbPage({
  title,
  description,
  action,
  children,
}: {
  title: string;
  description?: ReactNode;
  action?: ReactNode;
  children: ReactNode;
}) {
  useDocumentTitle(`${title} · Knowledge base · Tessera`);
  return (
    <Stack gap="md" maw={1200}>
      <AdminHeader title={title} description={description} action={action} />
      {children}
    </Stack>
  );
}

/** "2026-12-31" as the reader's calendar writes it. */
export const formatDay = (day: string) =>
  new Date(`${day}T00:00:00`).toLocaleDateString(undefined, { dateStyle: 'medium' });

/** Today, YYYY-MM-DD, on the reader's calendar. */
export const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
