import { Card, Group, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** One part of an admin page on a card of its own: a heading, a button beside it, then its list. */
export function AdminSection({
  title,
  action,
  children,
}: {
  title: string;
  action?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card withBorder radius="md" padding="md">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={2} size="h4">
          {title}
        </Title>
        {action}
      </Group>
      {children}
    </Card>
  );
}
