import { ActionIcon, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconBell, IconBellOff, IconPlus, IconX } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { MAX_CC, type Participants } from '../../../../../common/participants';
import { get, send } from '../../../api/client';
import type { Ticket } from '../../../api/types';
import { useAdminMutation } from '../../../components/admin';

const participantsKey = (n: number) => ['ticket', n, 'participants'] as const;

/**
 * Who is on the ticket besides its requester: the staff following it (and a button to follow or
 * stop), and the CC addresses that get its public replies by mail, which staff may change.
 */
export function ParticipantsPanel({ ticket: t }: { ticket: Ticket }) {
  const participants = useQuery({
    queryKey: participantsKey(t.number),
    queryFn: () => get('/tickets/:number/participants', { params: { number: t.number } }),
  });
  const qc = useQueryClient();
  const intl = useIntl();
  const store = (p: Participants) => qc.setQueryData(participantsKey(t.number), p);
  const follow = useAdminMutation({
    fn: (on: boolean) =>
      on
        ? send('POST /tickets/:number/followers', { params: { number: t.number }, body: {} })
        : send('DELETE /tickets/:number/followers', { params: { number: t.number } }),
    invalidate: [],
    success: (_, on) =>
      on
        ? intl.formatMessage({ id: 'agent.people.followed', defaultMessage: 'You follow this ticket' })
        : intl.formatMessage({
            id: 'agent.people.unfollowed',
            defaultMessage: 'You no longer follow this ticket',
          }),
    onSuccess: store,
  });
  const setCc = useAdminMutation({
    fn: (addresses: string[]) =>
      send('PUT /tickets/:number/cc', { params: { number: t.number }, body: { addresses } }),
    invalidate: [],
    success: () => intl.formatMessage({ id: 'agent.people.ccSaved', defaultMessage: 'CC list saved' }),
    onSuccess: store,
  });
  const p = participants.data;
  const cc = p?.cc.map((c) => c.address) ?? [];
  return (
    <Card withBorder radius="md" padding="md">
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Title order={2} size="h5">
          <FormattedMessage id="agent.people.title" defaultMessage="People" />
        </Title>
        <Button
          size="xs"
          variant={p?.following ? 'light' : 'default'}
          aria-pressed={p?.following ?? false}
          leftSection={
            p?.following ? <IconBellOff size={14} aria-hidden /> : <IconBell size={14} aria-hidden />
          }
          loading={follow.isPending}
          disabled={!p}
          onClick={() => follow.mutate(!p?.following)}
        >
          {p?.following ? (
            <FormattedMessage id="agent.people.unfollow" defaultMessage="Unfollow" />
          ) : (
            <FormattedMessage id="agent.people.follow" defaultMessage="Follow" />
          )}
        </Button>
      </Group>
      <Stack gap="xs">
        <div>
          <Text size="xs" c="dimmed">
            <FormattedMessage id="agent.people.followers" defaultMessage="Followers" />
          </Text>
          <Text size="sm" data-testid="followers">
            {p && p.followers.length > 0 ? (
              intl.formatList(
                p.followers.map((f) => f.name),
                { type: 'unit', style: 'short' },
              )
            ) : (
              <FormattedMessage id="agent.people.noFollowers" defaultMessage="Nobody follows it." />
            )}
          </Text>
        </div>
        <div>
          <Text size="xs" c="dimmed" id={`cc-${t.number}`}>
            <FormattedMessage
              id="agent.people.cc"
              defaultMessage="CC (each gets the public replies by mail)"
            />
          </Text>
          <Stack
            gap={4}
            component="ul"
            aria-labelledby={`cc-${t.number}`}
            m={0}
            p={0}
            style={{ listStyle: 'none' }}
          >
            {cc.length === 0 && (
              <Text size="sm" c="dimmed" component="li">
                <FormattedMessage id="agent.people.noCc" defaultMessage="Nobody is on CC." />
              </Text>
            )}
            {p?.cc.map((c) => (
              <Group key={c.userId} component="li" gap="xs" wrap="nowrap" justify="space-between">
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {c.name !== c.address.split('@')[0] ? `${c.name} <${c.address}>` : c.address}
                </Text>
                {t.abilities.update && (
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    aria-label={intl.formatMessage(
                      { id: 'agent.people.removeCc', defaultMessage: 'Remove {address} from CC' },
                      { address: c.address },
                    )}
                    disabled={setCc.isPending}
                    onClick={() => setCc.mutate(cc.filter((a) => a !== c.address))}
                  >
                    <IconX size={16} aria-hidden />
                  </ActionIcon>
                )}
              </Group>
            ))}
          </Stack>
        </div>
        {t.abilities.update && p && (
          <AddCc
            full={cc.length >= MAX_CC}
            pending={setCc.isPending}
            onAdd={(address, done) => setCc.mutate([...cc, address], { onSuccess: done })}
          />
        )}
      </Stack>
    </Card>
  );
}

function AddCc({
  full,
  pending,
  onAdd,
}: {
  full: boolean;
  pending: boolean;
  onAdd: (address: string, done: () => void) => void;
}) {
  const [address, setAddress] = useState('');
  const intl = useIntl();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const a = address.trim();
        if (a) onAdd(a, () => setAddress(''));
      }}
    >
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <TextInput
          label={intl.formatMessage({ id: 'agent.people.addCc', defaultMessage: 'Add to CC' })}
          type="email"
          placeholder={intl.formatMessage({
            id: 'agent.people.ccPlaceholder',
            defaultMessage: 'name@example.com',
          })}
          value={address}
          onChange={(e) => setAddress(e.currentTarget.value)}
          disabled={full}
          style={{ flex: 1 }}
        />
        <Button
          type="submit"
          variant="default"
          leftSection={<IconPlus size={16} aria-hidden />}
          loading={pending}
          disabled={full || !address.trim()}
        >
          <FormattedMessage id="agent.people.add" defaultMessage="Add" />
        </Button>
      </Group>
    </form>
  );
}
