import { ActionIcon, Alert, AppShell, Box, Button, Group, ScrollArea, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconBolt,
  IconBuilding,
  IconCalendarTime,
  IconClockExclamation,
  IconDatabaseImport,
  IconForms,
  IconGitBranch,
  IconHourglass,
  IconKey,
  IconKeyboard,
  IconLanguage,
  IconLogin2,
  IconMailExclamation,
  IconMailQuestion,
  IconMessages,
  IconPlugConnected,
  IconReceipt,
  IconShieldCheck,
  IconTags,
  IconUsers,
  IconUsersGroup,
  IconWebhook,
} from '@tabler/icons-react';
import { Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import type { Me } from '../api/types';
import { useShortcuts } from '../lib/shortcuts';
import { InviteCustomersNav } from '../routes/agent/InviteCustomers';
import { NavHeading, QueueViewsNav } from '../routes/agent/queue/ViewsNav';
import { KnowledgeBaseNav } from '../routes/kb/Nav';
import { Brand } from './Brand';
import { NavLinkLink } from './links';
import { NotificationBell } from './NotificationBell';
import { ShortcutHelp, useShortcutHelp } from './ShortcutHelp';
import { NavBurger, SignedIn } from './SignedIn';
import { UserMenu } from './UserMenu';

/** Where a customer who opens a workspace address belongs in the portal. */
function portalPathFor(pathname: string): string {
  const ticket = /^\/agent\/tickets\/(\d+)/.exec(pathname);
  return ticket ? `/tickets/${ticket[1]}` : '/';
}

/** Set before navigating to the queue with `/`, so the queue focuses its search box once shown. */
export const focusRequest = { search: false };

const ADMIN_LINKS = [
  { to: '/admin/departments', label: 'Departments', icon: IconBuilding },
  { to: '/admin/users', label: 'Users', icon: IconUsers },
  { to: '/admin/organisations', label: 'Organisations', icon: IconUsersGroup },
  { to: '/admin/workflow', label: 'Workflow', icon: IconGitBranch },
  { to: '/admin/ticket-types', label: 'Ticket types & fields', icon: IconForms },
  { to: '/admin/calendars', label: 'Calendars', icon: IconCalendarTime },
  { to: '/admin/sla', label: 'Service levels', icon: IconClockExclamation },
  { to: '/admin/triggers', label: 'Triggers', icon: IconBolt },
  { to: '/admin/automations', label: 'Automations', icon: IconHourglass },
  { to: '/admin/canned-responses', label: 'Canned responses', icon: IconMessages },
  { to: '/admin/tags', label: 'Tags', icon: IconTags },
  { to: '/admin/languages', label: 'Languages', icon: IconLanguage },
  { to: '/admin/plans', label: 'Plans & subscriptions', icon: IconReceipt },
  { to: '/admin/channels', label: 'Channels', icon: IconPlugConnected },
  { to: '/admin/inbound', label: 'Inbound mail', icon: IconMailQuestion },
  { to: '/admin/outbox', label: 'Failed deliveries', icon: IconMailExclamation },
  { to: '/admin/webhooks', label: 'Webhooks', icon: IconWebhook },
  { to: '/admin/sign-in', label: 'Sign-in', icon: IconLogin2 },
  { to: '/admin/tokens', label: 'API tokens', icon: IconKey },
  { to: '/admin/imports', label: 'Import', icon: IconDatabaseImport },
  { to: '/admin/audit', label: 'Audit trail', icon: IconShieldCheck },
] as const;

export function StaffLayout() {
  return (
    <SignedIn staff elsewhere={portalPathFor}>
      {(me) => <StaffShell me={me} />}
    </SignedIn>
  );
}

function StaffShell({ me }: { me: Me }) {
  const path = useRouterState({ select: (s) => s.location.pathname });
  const navigate = useNavigate();
  const [opened, { toggle, close }] = useDisclosure(false);
  const help = useShortcutHelp();
  const isAdmin = me.role === 'admin';

  useShortcuts({
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
  });

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: { sm: 220, lg: 240 }, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <NavBurger opened={opened} toggle={toggle} />
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
            <NotificationBell />
            <UserMenu me={me} accountPath="/agent/account" />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar aria-label="Workspace">
        <AppShell.Section grow component={ScrollArea} p="xs">
          <QueueViewsNav path={path} close={close} />
          <KnowledgeBaseNav path={path} close={close} />
          {isAdmin ? <AdminNav path={path} close={close} /> : <InviteCustomersNav />}
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

function AdminNav({ path, close }: { path: string; close: () => void }) {
  return (
    <Box component="nav" aria-label="Administration" mt="xs">
      <NavHeading>Admin</NavHeading>
      {ADMIN_LINKS.map((l) => (
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
  );
}
