import { Badge, Group } from '@mantine/core';

/** A ticket's tags, small and quiet, under its subject in lists; nothing for none (or for customers). */
export function TagBadges({ tags }: { tags?: string[] }) {
  if (!tags?.length) return null;
  return (
    <Group gap={4} mt={4} aria-label="Tags">
      {tags.map((t) => (
        <Badge key={t} size="xs" variant="light" color="gray" radius="sm" tt="none" fw={500}>
          {t}
        </Badge>
      ))}
    </Group>
  );
}
