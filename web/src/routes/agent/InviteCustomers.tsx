import { NavLink } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconUserPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { get } from '../../api/client';
import { accountSettingsKey } from '../admin/sign-in/AccountsCard';
import { InviteModal } from '../admin/users/InviteModal';

/** An agent's way to invite customers, shown when the account settings allow it. */
export function InviteCustomersNav() {
  const settings = useQuery({ queryKey: accountSettingsKey, queryFn: () => get('/settings/accounts') });
  const [opened, { open, close }] = useDisclosure(false);
  const intl = useIntl();
  if (!settings.data?.agentsInviteCustomers) return null;
  return (
    <>
      <NavLink
        component="button"
        label={intl.formatMessage({ id: 'agent.nav.inviteCustomers', defaultMessage: 'Invite customers' })}
        leftSection={<IconUserPlus size={16} aria-hidden />}
        onClick={open}
      />
      <InviteModal opened={opened} onClose={close} customersOnly />
    </>
  );
}
