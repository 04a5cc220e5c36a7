import { ActionIcon, Breadcrumbs, Group, Text, Tooltip, useDirection } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { FormattedMessage, useIntl } from 'react-intl';
import { AnchorLink } from '../../../components/links';
import { ticketRef } from '../../../lib/format';
import type { QueueSearch } from '../../../search';

/** The tickets before and after this one in the queue the agent came from, if it holds this one. */
export function queueNeighbours(numbers: number[], number: number) {
  const at = numbers.indexOf(number);
  return {
    prev: at > 0 ? numbers[at - 1] : undefined,
    next: at >= 0 && at < numbers.length - 1 ? numbers[at + 1] : undefined,
  };
}

/** The way back to the queue, and to the previous and next ticket in it. */
export function QueueNav({
  number,
  search,
  prev,
  next,
  go,
}: {
  number: number;
  search: QueueSearch;
  prev: number | undefined;
  next: number | undefined;
  go: (n: number | undefined) => unknown;
}) {
  const intl = useIntl();
  return (
    <Group justify="space-between" wrap="nowrap" gap="xs">
      <Breadcrumbs>
        <AnchorLink to="/agent" search={search} size="sm">
          <FormattedMessage id="agent.queue.title" defaultMessage="Queue" />
        </AnchorLink>
        <Text size="sm">{ticketRef(number)}</Text>
      </Breadcrumbs>
      <Group gap={4} wrap="nowrap">
        <Step
          tip={intl.formatMessage({
            id: 'agent.ticket.previousTip',
            defaultMessage: 'Previous in queue (k)',
          })}
          label={intl.formatMessage({
            id: 'agent.ticket.previous',
            defaultMessage: 'Previous ticket in the queue',
          })}
          icon={IconChevronLeft}
          to={prev}
          go={go}
        />
        <Step
          tip={intl.formatMessage({ id: 'agent.ticket.nextTip', defaultMessage: 'Next in queue (j)' })}
          label={intl.formatMessage({ id: 'agent.ticket.next', defaultMessage: 'Next ticket in the queue' })}
          icon={IconChevronRight}
          to={next}
          go={go}
        />
      </Group>
    </Group>
  );
}

function Step(props: {
  tip: string;
  label: string;
  icon: typeof IconChevronLeft;
  to: number | undefined;
  go: (n: number | undefined) => unknown;
}) {
  // Previous points to where reading starts: left, or right in a right-to-left language.
  const { dir } = useDirection();
  return (
    <Tooltip label={props.tip}>
      <ActionIcon
        variant="default"
        onClick={() => props.go(props.to)}
        disabled={props.to === undefined}
        aria-label={props.label}
      >
        <props.icon size={16} aria-hidden style={dir === 'rtl' ? { transform: 'scaleX(-1)' } : undefined} />
      </ActionIcon>
    </Tooltip>
  );
}
