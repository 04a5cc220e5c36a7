import { Group, Text } from '@mantine/core';

/** One line of a definition list (`<dl>`): a label and what it says, wrapping on narrow screens. */
export function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Group gap="md" wrap="nowrap" align="baseline">
      <Text component="dt" size="sm" c="dimmed" w={{ base: 96, sm: 130 }} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere', minWidth: 0, flex: 1 }}>
        {children}
      </Text>
    </Group>
  );
}
