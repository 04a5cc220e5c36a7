import { ActionIcon, Button, Card, Group, NumberInput, Select, Stack, Text, Title } from '@mantine/core';
import { IconLink, IconX } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { LinkRole } from '../../../../../common/links';
import { get, send } from '../../../api/client';
import { keys } from '../../../api/hooks';
import type { Ticket } from '../../../api/types';
import { useAdminMutation } from '../../../components/admin';
import { StatusBadge } from '../../../components/bits';
import { AnchorLink } from '../../../components/links';
import { ticketRef } from '../../../lib/format';

/** How the other ticket stands to this one, in words. */
export const LINK_LABEL: Record<LinkRole, string> = {
  related: 'Related to',
  duplicate_of: 'Duplicate of',
  duplicated_by: 'Duplicated by',
  caused_by: 'Caused by',
  causes: 'Causes',
};

const linksKey = (n: number) => ['ticket', n, 'links'] as const;

/** The tickets linked to this one (both ways), each removable, and a way to link another. */
export function LinkedTickets({ ticket: t }: { ticket: Ticket }) {
  const links = useQuery({
    queryKey: linksKey(t.number),
    queryFn: () => get('/tickets/:number/links', { params: { number: t.number } }),
  });
  const qc = useQueryClient();
  // Both ends changed: this ticket's links and timeline, and the other's.
  const refresh = (other: number) => {
    for (const key of [linksKey(t.number), keys.events(t.number), linksKey(other), keys.events(other)])
      void qc.invalidateQueries({ queryKey: key });
  };
  const unlink = useAdminMutation({
    fn: (other: number) =>
      send('DELETE /tickets/:number/links/:other', { params: { number: t.number, other } }),
    invalidate: [],
    success: (_, other) => `Unlinked from ${ticketRef(other)}`,
  });
  const items = links.data?.items ?? [];
  return (
    <Card withBorder radius="md" padding="md">
      <Title order={2} size="h5" mb="sm">
        Linked tickets
      </Title>
      <Stack gap="xs">
        {items.length === 0 && (
          <Text size="sm" c="dimmed">
            None yet.
          </Text>
        )}
        {items.map((l) => (
          <Group key={l.ticket.number} gap="xs" wrap="nowrap" justify="space-between">
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Text size="xs" c="dimmed">
                {LINK_LABEL[l.kind]}
              </Text>
              <AnchorLink
                to="/agent/tickets/$number"
                params={{ number: String(l.ticket.number) }}
                size="sm"
                style={{ overflowWrap: 'anywhere' }}
              >
                {ticketRef(l.ticket.number)} {l.ticket.subject}
              </AnchorLink>
              <div>
                <StatusBadge label={l.ticket.status.label} category={l.ticket.status.category} />
              </div>
            </Stack>
            {t.abilities.update && (
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={`Unlink ${ticketRef(l.ticket.number)}`}
                loading={unlink.isPending && unlink.variables === l.ticket.number}
                onClick={() => unlink.mutate(l.ticket.number, { onSuccess: () => refresh(l.ticket.number) })}
              >
                <IconX size={16} aria-hidden />
              </ActionIcon>
            )}
          </Group>
        ))}
        {t.abilities.update && <LinkForm ticket={t} onLinked={refresh} />}
      </Stack>
    </Card>
  );
}

function LinkForm({ ticket: t, onLinked }: { ticket: Ticket; onLinked: (other: number) => void }) {
  const [other, setOther] = useState<number | string>('');
  const [kind, setKind] = useState<LinkRole>('related');
  const link = useAdminMutation({
    fn: (body: { ticket: number; kind: LinkRole }) =>
      send('POST /tickets/:number/links', { params: { number: t.number }, body }),
    invalidate: [],
    success: (l) => `Linked: ${LINK_LABEL[l.kind].toLowerCase()} ${ticketRef(l.ticket.number)}`,
    onSuccess: (l) => {
      setOther('');
      onLinked(l.ticket.number);
    },
  });
  const number = typeof other === 'number' ? other : null;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (number) link.mutate({ ticket: number, kind });
      }}
    >
      <Group gap="xs" align="flex-end" wrap="wrap" mt="xs">
        <Select
          label="This ticket is"
          data={Object.entries(LINK_LABEL).map(([value, label]) => ({ value, label }))}
          value={kind}
          onChange={(v) => v && setKind(v as LinkRole)}
          allowDeselect={false}
          w={140}
        />
        <NumberInput
          label="Ticket no."
          placeholder="No."
          min={1}
          hideControls
          value={other}
          onChange={setOther}
          w={90}
        />
        <Button
          type="submit"
          variant="default"
          leftSection={<IconLink size={16} aria-hidden />}
          loading={link.isPending}
          disabled={!number}
        >
          Link
        </Button>
      </Group>
    </form>
  );
}
