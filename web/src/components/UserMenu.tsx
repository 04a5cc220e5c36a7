import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconLogout, IconSettings } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { FormattedMessage } from 'react-intl';
import { useSignOut } from '../api/hooks';
import type { Me } from '../api/types';
import { initials } from '../lib/format';

export function UserMenu({ me, accountPath }: { me: Me; accountPath: '/account' | '/agent/account' }) {
  const navigate = useNavigate();
  const signOut = useSignOut();
  return (
    <Menu position="bottom-end" width={220} withinPortal>
      <Menu.Target>
        <UnstyledButton p={4}>
          <Group gap={6} wrap="nowrap">
            <Avatar radius="xl" size="sm" color="indigo" aria-hidden>
              {initials(me.name)}
            </Avatar>
            {/* The button's name is its text, "Account menu for" read before it; on a phone the name is read, not shown. */}
            <FormattedMessage
              id="common.userMenu.label"
              defaultMessage="<hidden>Account menu for </hidden>{name}"
              values={{
                name: (
                  <>
                    <Text size="sm" fw={500} visibleFrom="sm" maw={160} truncate>
                      {me.name}
                    </Text>
                    <Text hiddenFrom="sm" className="sr-only">
                      {me.name}
                    </Text>
                  </>
                ),
                hidden: (chunks) => <span className="sr-only">{chunks}</span>,
              }}
            />
            <IconChevronDown size={14} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="xs" truncate>
            {me.email}
          </Text>
        </Menu.Label>
        <Menu.Item
          leftSection={<IconSettings size={16} aria-hidden />}
          onClick={() => navigate({ to: accountPath })}
        >
          <FormattedMessage id="common.nav.accountSettings" defaultMessage="Account settings" />
        </Menu.Item>
        <Menu.Item
          leftSection={<IconLogout size={16} aria-hidden />}
          onClick={() =>
            signOut.mutate(undefined, { onSettled: () => navigate({ to: '/login', search: {} }) })
          }
        >
          <FormattedMessage id="common.userMenu.signOut" defaultMessage="Sign out" />
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
