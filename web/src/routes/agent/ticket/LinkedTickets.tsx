import { ActionIcon, Button, Card, Group, NumberInput, Select, Stack, Text, Title } from '@mantine/core';
import { IconLink, IconX } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { defineMessages, FormattedMessage, useIntl } from 'react-intl';
import type { LinkRole } from '../../../../../common/links';
import { get, send } from '../../../api/client';
import { keys } from '../../../api/hooks';
import type { Ticket } from '../../../api/types';
import { useAdminMutation } from '../../../components/admin';
import { StatusBadge } from '../../../components/bits';
import { AnchorLink } from '../../../components/links';
import { ticketRef } from '../../../lib/format';

/** How the other ticket stands to this one, in words. */
export const LINK_LABEL = defineMessages({
  related: { id: 'agent.links.role.related', defaultMessage: 'Related to' },
  duplicate_of: { id: 'agent.links.role.duplicateOf', defaultMessage: 'Duplicate of' },
  duplicated_by: { id: 'agent.links.role.duplicatedBy', defaultMessage: 'Duplicated by' },
  caused_by: { id: 'agent.links.role.causedBy', defaultMessage: 'Caused by' },
  causes: { id: 'agent.links.role.causes', defaultMessage: 'Causes' },
} satisfies Record<LinkRole, unknown>);

/** The same within a sentence: "Linked: duplicate of #12". */
export const LINK_PHRASE = defineMessages({
  related: { id: 'agent.links.phrase.related', defaultMessage: 'related to' },
  duplicate_of: { id: 'agent.links.phrase.duplicateOf', defaultMessage: 'duplicate of' },
  duplicated_by: { id: 'agent.links.phrase.duplicatedBy', defaultMessage: 'duplicated by' },
  caused_by: { id: 'agent.links.phrase.causedBy', defaultMessage: 'caused by' },
  causes: { id: 'agent.links.phrase.causes', defaultMessage: 'causes' },
} satisfies Record<LinkRole, unknown>);

const linksKey = (n: number) => ['ticket', n, 'links'] as const;

/** The tickets linked to this one (both ways), each removable, and a way to link another. */
export function LinkedTickets({ ticket: t }: { ticket: Ticket }) {
  const links = useQuery({
    queryKey: linksKey(t.number),
    queryFn: () => get('/tickets/:number/links', { params: { number: t.number } }),
  });
  const qc = useQueryClient();
  const intl = useIntl();
  // Both ends changed: this ticket's links and timeline, and the other's.
  const refresh = (other: number) => {
    for (const key of [linksKey(t.number), keys.events(t.number), linksKey(other), keys.events(other)])
      void qc.invalidateQueries({ queryKey: key });
  };
  const unlink = useAdminMutation({
    fn: (other: number) =>
      send('DELETE /tickets/:number/links/:other', { params: { number: t.number, other } }),
    invalidate: [],
    success: (_, other) =>
      intl.formatMessage(
        { id: 'agent.links.unlinked', defaultMessage: 'Unlinked from {ticket}' },
        { ticket: ticketRef(other) },
      ),
  });
  const items = links.data?.items ?? [];
  return (
    <Card withBorder radius="md" padding="md">
      <Title order={2} size="h5" mb="sm">
        <FormattedMessage id="agent.links.title" defaultMessage="Linked tickets" />
      </Title>
      <Stack gap="xs">
        {items.length === 0 && (
          <Text size="sm" c="dimmed">
            <FormattedMessage id="agent.links.none" defaultMessage="None yet." />
          </Text>
        )}
        {items.map((l) => (
          <Group key={l.ticket.number} gap="xs" wrap="nowrap" justify="space-between">
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Text size="xs" c="dimmed">
                {intl.formatMessage(LINK_LABEL[l.kind])}
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
                aria-label={intl.formatMessage(
                  { id: 'agent.links.unlink', defaultMessage: 'Unlink {ticket}' },
                  { ticket: ticketRef(l.ticket.number) },
                )}
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
  const intl = useIntl();
  const link = useAdminMutation({
    fn: (body: { ticket: number; kind: LinkRole }) =>
      send('POST /tickets/:number/links', { params: { number: t.number }, body }),
    invalidate: [],
    success: (l) =>
      intl.formatMessage(
        { id: 'agent.links.linked', defaultMessage: 'Linked: {link} {ticket}' },
        { link: intl.formatMessage(LINK_PHRASE[l.kind]), ticket: ticketRef(l.ticket.number) },
      ),
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
          label={intl.formatMessage({ id: 'agent.links.kind', defaultMessage: 'This ticket is' })}
          data={(Object.keys(LINK_LABEL) as LinkRole[]).map((value) => ({
            value,
            label: intl.formatMessage(LINK_LABEL[value]),
          }))}
          value={kind}
          onChange={(v) => v && setKind(v as LinkRole)}
          allowDeselect={false}
          w={140}
        />
        <NumberInput
          label={intl.formatMessage({ id: 'agent.links.number', defaultMessage: 'Ticket no.' })}
          placeholder={intl.formatMessage({ id: 'agent.links.numberPlaceholder', defaultMessage: 'No.' })}
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
          <FormattedMessage id="agent.links.link" defaultMessage="Link" />
        </Button>
      </Group>
    </form>
  );
}
