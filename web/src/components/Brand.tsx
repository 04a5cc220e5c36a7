import { Group, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useIntl } from 'react-intl';

export function Logo({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden focusable="false">
      <rect width="32" height="32" rx="7" fill="var(--mantine-color-indigo-6)" />
      <path fill="#fff" d="M8 8h7v7H8zM17 8h7v7h-7zM8 17h7v7H8z" />
      <path fill="var(--mantine-color-indigo-2)" d="M17 17h7v7h-7z" />
    </svg>
  );
}

export function Brand({ to, subtitle }: { to: '/' | '/agent'; subtitle: string }) {
  const intl = useIntl();
  return (
    <Link
      to={to}
      style={{ textDecoration: 'none', color: 'inherit' }}
      title={intl.formatMessage({ id: 'common.brand.home', defaultMessage: 'Home' })}
    >
      <Group gap="xs" wrap="nowrap">
        <Logo />
        <div>
          <Text fw={700} lh={1.1}>
            Tessera
          </Text>
          <Text size="xs" c="dimmed" lh={1.1}>
            {subtitle}
          </Text>
        </div>
      </Group>
    </Link>
  );
}
