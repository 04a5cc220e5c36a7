import { Avatar, Group, Text, Tooltip } from '@mantine/core';
import type { Viewer } from '../../../../../common/drafts';
import { initials } from '../../../lib/format';

const doing = (v: Viewer) =>
  v.drafting === 'reply'
    ? 'is drafting a reply'
    : v.drafting === 'note'
      ? 'is drafting a note'
      : 'is viewing';

/** Who else has this ticket open, and who of them is writing: "Maya is drafting a reply". */
export function Presence({ viewers }: { viewers: Viewer[] }) {
  if (viewers.length === 0) return null;
  const writing = viewers.filter((v) => v.drafting);
  const shown = writing.length > 0 ? writing : viewers;
  const sentence =
    shown.length === 1
      ? `${shown[0]?.user.name} ${doing(shown[0] as Viewer)}`
      : `${shown.map((v) => v.user.name).join(', ')} ${writing.length > 0 ? 'are drafting' : 'are viewing'}`;
  const others = viewers.length - shown.length;
  return (
    <Group gap="xs" wrap="nowrap" role="status" aria-live="polite" data-testid="presence">
      <Avatar.Group spacing="xs">
        {viewers.slice(0, 4).map((v) => (
          <Tooltip key={v.user.id} label={`${v.user.name} ${doing(v)}`} withArrow>
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
        {others > 0 ? ` · ${others} more viewing` : ''}
      </Text>
    </Group>
  );
}
