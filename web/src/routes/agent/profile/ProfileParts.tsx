import { Button, Card, Grid, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import type { Subscription } from '../../../api/types';
import { SubscriptionRow } from '../../../components/Subscriptions';

// What the customer's and the organisation's pages share: the heading, the layout, the export
// button and the subscriptions.

export function ProfileHeader({
  kind,
  title,
  badge,
  actions,
}: {
  kind: string;
  title: string;
  badge?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <Group justify="space-between" align="flex-start" gap="sm">
      <div style={{ minWidth: 0 }}>
        <Text size="sm" c="dimmed">
          {kind}
        </Text>
        <Group gap="xs" align="center">
          <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
            {title}
          </Title>
          {badge}
        </Group>
      </div>
      <Group gap="xs">{actions}</Group>
    </Group>
  );
}

/** The tickets beside the details on wide screens; the details first on narrow ones. */
export function ProfileColumns({ tickets, details }: { tickets: ReactNode; details: ReactNode }) {
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 7, lg: 8 }} order={{ base: 2, md: 1 }}>
        {tickets}
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5, lg: 4 }} order={{ base: 1, md: 2 }}>
        <Stack gap="md">{details}</Stack>
      </Grid.Col>
    </Grid>
  );
}

/** The JSON download of everything stored (administrators): a plain link, the session cookie goes with it. */
export function ExportButton({ href }: { href: string }) {
  return (
    <Button component="a" variant="default" size="sm" href={href} download>
      <FormattedMessage id="agent.profile.export" defaultMessage="Export data (JSON)" />
    </Button>
  );
}

export function SubscriptionsCard({ subscriptions }: { subscriptions: Subscription[] }) {
  if (subscriptions.length === 0) return null;
  return (
    <Card withBorder radius="md" padding="md">
      <Title order={2} size="h4" mb="sm">
        <FormattedMessage id="agent.profile.subscriptions" defaultMessage="Subscriptions" />
      </Title>
      <Stack gap="md">
        {subscriptions.map((s) => (
          <SubscriptionRow key={s.id} s={s} />
        ))}
      </Stack>
    </Card>
  );
}
