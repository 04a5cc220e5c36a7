import { Avatar, Group, Text, Tooltip } from '@mantine/core';
import { type IntlShape, useIntl } from 'react-intl';
import type { Viewer } from '../../../../../common/drafts';
import { initials } from '../../../lib/format';

/** "Maya is drafting a reply", "… a note", "Maya is viewing". */
const doing = (intl: IntlShape, v: Viewer) =>
  intl.formatMessage(
    {
      id: 'agent.presence.one',
      defaultMessage:
        '{name} {doing, select, reply {is drafting a reply} note {is drafting a note} other {is viewing}}',
    },
    { name: v.user.name, doing: v.drafting ?? 'viewing' },
  );

/** Who else has this ticket open, and who of them is writing: "Maya is drafting a reply". */
export function Presence({ viewers }: { viewers: Viewer[] }) {
  const intl = useIntl();
  if (viewers.length === 0) return null;
  const writing = viewers.filter((v) => v.drafting);
  const shown = writing.length > 0 ? writing : viewers;
  const sentence =
    shown.length === 1
      ? doing(intl, shown[0] as Viewer)
      : intl.formatMessage(
          {
            id: 'agent.presence.many',
            defaultMessage: '{names} {drafting, select, yes {are drafting} other {are viewing}}',
          },
          {
            names: intl.formatList(
              shown.map((v) => v.user.name),
              { type: 'unit', style: 'short' },
            ),
            drafting: writing.length > 0 ? 'yes' : 'no',
          },
        );
  const others = viewers.length - shown.length;
  return (
    <Group gap="xs" wrap="nowrap" role="status" aria-live="polite" data-testid="presence">
      <Avatar.Group spacing="xs">
        {viewers.slice(0, 4).map((v) => (
          <Tooltip key={v.user.id} label={doing(intl, v)} withArrow>
            <Avatar size="sm" radius="xl" color={v.drafting ? 'orange' : 'blue'} name={v.user.name}>
              {initials(v.user.name)}
            </Avatar>
          </Tooltip>
        ))}
      </Avatar.Group>
      <Text
        size="sm"
        c={writing.length > 0 ? 'orange.8' : 'dimmed'}
        fw={writing.length > 0 ? 500 : undefined}
        lineClamp={2}
      >
        {sentence}
        {others > 0
          ? intl.formatMessage(
              { id: 'agent.presence.others', defaultMessage: ' · {count, number} more viewing' },
              { count: others },
            )
          : ''}
      </Text>
    </Group>
  );
}
