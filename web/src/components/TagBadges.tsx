import { Badge, Group } from '@mantine/core';
import { useIntl } from 'react-intl';

/** A ticket's tags, small and quiet, under its subject in lists; nothing for none (or for customers). */
export function TagBadges({ tags }: { tags?: string[] }) {
  const intl = useIntl();
  if (!tags?.length) return null;
  return (
    <Group
      gap={4}
      mt={4}
      aria-label={intl.formatMessage({ id: 'common.tags.label', defaultMessage: 'Tags' })}
    >
      {tags.map((t) => (
        <Badge key={t} size="xs" variant="light" color="gray" radius="sm" tt="none" fw={500}>
          {t}
        </Badge>
      ))}
    </Group>
  );
}
