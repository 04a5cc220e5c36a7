import { Badge, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { defineMessages, useIntl } from 'react-intl';
import type { KbStatus, KbVisibility } from '../../../../common/kb';
import { AdminHeader } from '../../components/admin';
import { visibilityLabel } from '../../i18n/labels';
import { currentIntl, t } from '../../i18n/t';

const STATUS_MESSAGES = defineMessages<KbStatus>({
  draft: { id: 'kb.status.draft', defaultMessage: 'Draft' },
  published: { id: 'kb.status.published', defaultMessage: 'Published' },
  archived: { id: 'kb.status.archived', defaultMessage: 'Archived' },
});

/** An article's status in the reader's language. */
export const statusLabel = (status: KbStatus) => t(STATUS_MESSAGES[status]);

export { visibilityLabel };

const STATUS_COLORS: Record<KbStatus, string> = { draft: 'gray', published: 'green', archived: 'orange' };

export function StatusBadge({ status }: { status: KbStatus }) {
  return (
    <Badge variant="light" color={STATUS_COLORS[status]} radius="sm">
      {statusLabel(status)}
    </Badge>
  );
}

export function VisibilityText({ visibility }: { visibility: KbVisibility }) {
  return (
    <Text size="sm" c={visibility === 'staff' ? 'yellow.8' : undefined}>
      {visibilityLabel(visibility)}
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
  const intl = useIntl();
  useDocumentTitle(
    intl.formatMessage(
      { id: 'kb.page.documentTitle', defaultMessage: '{title} · Knowledge base · Tessera' },
      { title },
    ),
  );
  return (
    <Stack gap="md" maw={1200}>
      <AdminHeader title={title} description={description} action={action} />
      {children}
    </Stack>
  );
}

/** "2026-12-31" as the reader's calendar writes it. */
export const formatDay = (day: string) =>
  currentIntl().formatDate(`${day}T00:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' });

/** Today, YYYY-MM-DD, on the reader's calendar. */
export const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
