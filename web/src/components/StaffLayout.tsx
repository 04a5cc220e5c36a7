import {
  ActionIcon,
  Alert,
  AppShell,
  Box,
  Burger,
  Button,
  CloseButton,
  Container,
  Divider,
  Group,
  ScrollArea,
  Text,
  Tooltip,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconBuilding,
  IconChartBar,
  IconForms,
  IconGitBranch,
  IconInbox,
  IconKey,
  IconKeyboard,
  IconMailExclamation,
  IconMailQuestion,
  IconMessages,
  IconPlugConnected,
  IconReceipt,
  IconUsers,
  IconUsersGroup,
} from '@tabler/icons-react';
import { Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { useMe } from '../api/hooks';
import { useLiveUpdates } from '../api/live';
import { isStaffRole } from '../api/types';
import { useShortcuts } from '../lib/shortcuts';
import { BUILT_IN_VIEWS, deleteView, sameSearch, useSavedViews } from '../lib/views';
import { type QueueSearch, validateQueueSearch } from '../search';
import { Brand } from './Brand';
import { ErrorAlert, PageLoader } from './bits';
import { NavLinkLink } from './links';
import { loginHref, Redirect } from './Redirect';
import { ShortcutHelp, useShortcutHelp } from './ShortcutHelp';
import { UserMenu } from './UserMenu';

/** Where a customer who opens a workspace address belongs in the portal. */
function portalPathFor(pathname: string): string {
  const ticket = /^\/agent\/tickets\/(\d+)/.exec(pathname);
  return ticket ? `/tickets/${ticket[1]}` : '/';
}

/** Set before navigating to the queue with `/`, so the queue focuses its search box once shown. */
export const focusRequest = { search: false };

export function StaffLayout() {
  const me = useMe();
  useLiveUpdates(me.isSuccess);
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const href = useRouterState({ select: (s) => s.location.href });
  const locationSearch = useRouterState({ select: (s) => s.location.search });
  const navigate = useNavigate();
  const [opened, { toggle, close }] = useDisclosure(false);
  const help = useShortcutHelp();
  const savedViews = useSavedViews();
  const signedInStaff = Boolean(me.data && isStaffRole(me.data.role));

  useShortcuts(
    {
      '?': help.toggle,
      '/': () => {
        const box = document.getElementById('queue-search');
        if (box) box.focus();
        else {
          focusRequest.search = true;
          void navigate({ to: '/agent', search: {} });
        }
      },
      g: () => void navigate({ to: '/agent', search: {} }),
    },
    signedInStaff,
  );

  if (me.isPending) return <PageLoader label="Signing you in" />;
  if (me.isError)
    return (
      <Container size="sm" py="xl">
        <ErrorAlert error={me.error} title="Cannot load your account" onRetry={() => me.refetch()} />
      </Container>
    );
  if (!me.data) return <Redirect href={loginHref(href)} />;
  if (!isStaffRole(me.data.role)) return <Redirect href={portalPathFor(pathname)} />;

  const path = pathname;
  const isAdmin = me.data.role === 'admin';
  const onQueue = path === '/agent' || path === '/agent/';
  const currentSearch: QueueSearch = onQueue
    ? validateQueueSearch(locationSearch as Record<string, unknown>)
    : {};
  const views = [...BUILT_IN_VIEWS, ...savedViews];
  const activeView = onQueue ? views.find((v) => sameSearch(v.search, currentSearch)) : undefined;

  const adminLinks = [
    { to: '/admin/departments', label: 'Departments', icon: IconBuilding },
    { to: '/admin/users', label: 'Users', icon: IconUsers },
    { to: '/admin/organisations', label: 'Organisations', icon: IconUsersGroup },
    { to: '/admin/workflow', label: 'Workflow', icon: IconGitBranch },
    { to: '/admin/ticket-types', label: 'Ticket types & fields', icon: IconForms },
    { to: '/admin/canned-responses', label: 'Canned responses', icon: IconMessages },
    { to: '/admin/plans', label: 'Plans & subscriptions', icon: IconReceipt },
    { to: '/admin/channels', label: 'Channels', icon: IconPlugConnected },
    { to: '/admin/inbound', label: 'Inbound mail', icon: IconMailQuestion },
    { to: '/admin/outbox', label: 'Failed deliveries', icon: IconMailExclamation },
    { to: '/admin/tokens', label: 'API tokens', icon: IconKey },
  ] as const;

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: { sm: 220, lg: 240 }, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? 'Close navigation' : 'Open navigation'}
            />
            <Brand to="/agent" subtitle="Agent workspace" />
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Tooltip label="Keyboard shortcuts (?)">
              <ActionIcon
                variant="subtle"
                color="gray"
                size="lg"
                onClick={help.open}
                aria-label="Keyboard shortcuts"
              >
                <IconKeyboard size={20} aria-hidden />
              </ActionIcon>
            </Tooltip>
            <UserMenu me={me.data} accountPath="/agent/account" />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar aria-label="Workspace">
        <AppShell.Section grow component={ScrollArea} p="xs">
          <Box component="nav" aria-label="Queue views">
            <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt="xs" pb={4}>
              Queue
            </Text>
            {views.map((v) => (
              <Group key={v.id} gap={0} wrap="nowrap">
                <NavLinkLink
                  to="/agent"
                  search={v.search}
                  activeOptions={{ exact: true, includeSearch: true }}
                  label={v.name}
                  leftSection={v.builtIn ? <IconInbox size={16} aria-hidden /> : undefined}
                  active={activeView?.id === v.id}
                  aria-current={activeView?.id === v.id ? 'page' : undefined}
                  onClick={close}
                  style={{ flex: 1 }}
                />
                {!v.builtIn && (
                  <CloseButton
                    size="sm"
                    aria-label={`Delete saved view ${v.name}`}
                    onClick={() => deleteView(v.id)}
                  />
                )}
              </Group>
            ))}
            <Divider my="xs" />
            <NavLinkLink
              to="/agent/reports"
              label="Reports"
              leftSection={<IconChartBar size={16} aria-hidden />}
              active={path.startsWith('/agent/reports')}
              onClick={close}
            />
          </Box>
          {isAdmin && (
            <Box component="nav" aria-label="Administration" mt="xs">
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt="xs" pb={4}>
                Admin
              </Text>
              {adminLinks.map((l) => (
                <NavLinkLink
                  key={l.to}
                  to={l.to}
                  label={l.label}
                  leftSection={<l.icon size={16} aria-hidden />}
                  active={path.startsWith(l.to)}
                  aria-current={path.startsWith(l.to) ? 'page' : undefined}
                  onClick={close}
                />
              ))}
            </Box>
          )}
        </AppShell.Section>
        <AppShell.Section p="xs">
          <Button variant="subtle" color="gray" size="xs" fullWidth onClick={help.open}>
            Keyboard shortcuts: press ?
          </Button>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main id="main" tabIndex={-1}>
        {path.startsWith('/admin') && !isAdmin ? (
          <Alert color="yellow" title="Administrators only" maw={560}>
            These settings are for administrators. Ask one if something here needs changing.
          </Alert>
        ) : (
          <Outlet />
        )}
      </AppShell.Main>
      <ShortcutHelp opened={help.opened} onClose={help.close} />
    </AppShell>
  );
}
