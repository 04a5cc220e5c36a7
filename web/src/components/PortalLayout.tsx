import { AppShell, Box, Container, Group, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus, IconSettings, IconTicket } from '@tabler/icons-react';
import { Outlet, useRouterState } from '@tanstack/react-router';
import { useIntl } from 'react-intl';
import type { Me } from '../api/types';
import { Brand } from './Brand';
import { ButtonLink, NavLinkLink } from './links';
import { NavBurger, SignedIn } from './SignedIn';
import { UserMenu } from './UserMenu';

/** Where a staff member who opens a portal address belongs in the workspace. */
function staffPathFor(pathname: string): string {
  const ticket = /^\/tickets\/(\d+)/.exec(pathname);
  if (ticket) return `/agent/tickets/${ticket[1]}`;
  if (pathname === '/account') return '/agent/account';
  return '/agent';
}

export function PortalLayout() {
  return (
    <SignedIn staff={false} elsewhere={staffPathFor}>
      {(me) => <PortalShell me={me} />}
    </SignedIn>
  );
}

function PortalShell({ me }: { me: Me }) {
  const path = useRouterState({ select: (s) => s.location.pathname });
  const [opened, { toggle, close }] = useDisclosure(false);
  const intl = useIntl();
  const links = [
    {
      to: '/',
      label: intl.formatMessage({ id: 'portal.nav.myTickets', defaultMessage: 'My tickets' }),
      icon: IconTicket,
      active: path === '/' || path.startsWith('/tickets'),
    },
    {
      to: '/new',
      label: intl.formatMessage({ id: 'portal.nav.newTicket', defaultMessage: 'New ticket' }),
      icon: IconPlus,
      active: path === '/new',
    },
    {
      to: '/account',
      label: intl.formatMessage({ id: 'common.nav.accountSettings', defaultMessage: 'Account settings' }),
      icon: IconSettings,
      active: path === '/account',
    },
  ] as const;
  const main = intl.formatMessage({ id: 'common.nav.main', defaultMessage: 'Main' });

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 260, breakpoint: 'sm', collapsed: { desktop: true, mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Container size="lg" h="100%">
          <Group h="100%" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <NavBurger opened={opened} toggle={toggle} />
              <Brand
                to="/"
                subtitle={intl.formatMessage({ id: 'portal.brand.subtitle', defaultMessage: 'Support' })}
              />
              <Box component="nav" aria-label={main} visibleFrom="sm" ms="lg">
                <Group gap={4} wrap="nowrap">
                  {links.slice(0, 2).map((l) => (
                    <ButtonLink
                      key={l.to}
                      to={l.to}
                      activeOptions={{ exact: true }}
                      variant={l.active ? 'light' : 'subtle'}
                      color={l.active ? undefined : 'gray'}
                      aria-current={l.active ? 'page' : undefined}
                    >
                      {l.label}
                    </ButtonLink>
                  ))}
                </Group>
              </Box>
            </Group>
            <UserMenu me={me} accountPath="/account" />
          </Group>
        </Container>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={main}>
        <Stack gap={4} component="nav">
          {links.map((l) => (
            <NavLinkLink
              key={l.to}
              to={l.to}
              activeOptions={{ exact: true }}
              label={l.label}
              leftSection={<l.icon size={18} aria-hidden />}
              active={l.active}
              aria-current={l.active ? 'page' : undefined}
              onClick={close}
            />
          ))}
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Container size="lg" px={0}>
          <Outlet />
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
