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
import { defineMessages, FormattedMessage, useIntl } from 'react-intl';
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

const ADMIN_LABEL = defineMessages({
  departments: { id: 'common.staffNav.admin.departments', defaultMessage: 'Departments' },
  users: { id: 'common.staffNav.admin.users', defaultMessage: 'Users' },
  organisations: { id: 'common.staffNav.admin.organisations', defaultMessage: 'Organisations' },
  workflow: { id: 'common.staffNav.admin.workflow', defaultMessage: 'Workflow' },
  ticketTypes: { id: 'common.staffNav.admin.ticketTypes', defaultMessage: 'Ticket types & fields' },
  calendars: { id: 'common.staffNav.admin.calendars', defaultMessage: 'Calendars' },
  sla: { id: 'common.staffNav.admin.sla', defaultMessage: 'Service levels' },
  triggers: { id: 'common.staffNav.admin.triggers', defaultMessage: 'Triggers' },
  automations: { id: 'common.staffNav.admin.automations', defaultMessage: 'Automations' },
  cannedResponses: { id: 'common.staffNav.admin.cannedResponses', defaultMessage: 'Canned responses' },
  tags: { id: 'common.staffNav.admin.tags', defaultMessage: 'Tags' },
  languages: { id: 'common.staffNav.admin.languages', defaultMessage: 'Languages' },
  plans: { id: 'common.staffNav.admin.plans', defaultMessage: 'Plans & subscriptions' },
  channels: { id: 'common.staffNav.admin.channels', defaultMessage: 'Channels' },
  inbound: { id: 'common.staffNav.admin.inbound', defaultMessage: 'Inbound mail' },
  outbox: { id: 'common.staffNav.admin.outbox', defaultMessage: 'Failed deliveries' },
  webhooks: { id: 'common.staffNav.admin.webhooks', defaultMessage: 'Webhooks' },
  signIn: { id: 'common.staffNav.admin.signIn', defaultMessage: 'Sign-in' },
  tokens: { id: 'common.staffNav.admin.tokens', defaultMessage: 'API tokens' },
  imports: { id: 'common.staffNav.admin.imports', defaultMessage: 'Import' },
  audit: { id: 'common.staffNav.admin.audit', defaultMessage: 'Audit trail' },
});

const ADMIN_LINKS = [
  { to: '/admin/departments', label: ADMIN_LABEL.departments, icon: IconBuilding },
  { to: '/admin/users', label: ADMIN_LABEL.users, icon: IconUsers },
  { to: '/admin/organisations', label: ADMIN_LABEL.organisations, icon: IconUsersGroup },
  { to: '/admin/workflow', label: ADMIN_LABEL.workflow, icon: IconGitBranch },
  { to: '/admin/ticket-types', label: ADMIN_LABEL.ticketTypes, icon: IconForms },
  { to: '/admin/calendars', label: ADMIN_LABEL.calendars, icon: IconCalendarTime },
  { to: '/admin/sla', label: ADMIN_LABEL.sla, icon: IconClockExclamation },
  { to: '/admin/triggers', label: ADMIN_LABEL.triggers, icon: IconBolt },
  { to: '/admin/automations', label: ADMIN_LABEL.automations, icon: IconHourglass },
  { to: '/admin/canned-responses', label: ADMIN_LABEL.cannedResponses, icon: IconMessages },
  { to: '/admin/tags', label: ADMIN_LABEL.tags, icon: IconTags },
  { to: '/admin/languages', label: ADMIN_LABEL.languages, icon: IconLanguage },
  { to: '/admin/plans', label: ADMIN_LABEL.plans, icon: IconReceipt },
  { to: '/admin/channels', label: ADMIN_LABEL.channels, icon: IconPlugConnected },
  { to: '/admin/inbound', label: ADMIN_LABEL.inbound, icon: IconMailQuestion },
  { to: '/admin/outbox', label: ADMIN_LABEL.outbox, icon: IconMailExclamation },
  { to: '/admin/webhooks', label: ADMIN_LABEL.webhooks, icon: IconWebhook },
  { to: '/admin/sign-in', label: ADMIN_LABEL.signIn, icon: IconLogin2 },
  { to: '/admin/tokens', label: ADMIN_LABEL.tokens, icon: IconKey },
  { to: '/admin/imports', label: ADMIN_LABEL.imports, icon: IconDatabaseImport },
  { to: '/admin/audit', label: ADMIN_LABEL.audit, icon: IconShieldCheck },
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
  const intl = useIntl();
  const shortcuts = intl.formatMessage({
    id: 'common.staffNav.shortcuts',
    defaultMessage: 'Keyboard shortcuts',
  });

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
            <Brand
              to="/agent"
              subtitle={intl.formatMessage({
                id: 'common.staffNav.subtitle',
                defaultMessage: 'Agent workspace',
              })}
            />
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Tooltip
              label={intl.formatMessage({
                id: 'common.staffNav.shortcutsTip',
                defaultMessage: 'Keyboard shortcuts (?)',
              })}
            >
              <ActionIcon variant="subtle" color="gray" size="lg" onClick={help.open} aria-label={shortcuts}>
                <IconKeyboard size={20} aria-hidden />
              </ActionIcon>
            </Tooltip>
            <NotificationBell />
            <UserMenu me={me} accountPath="/agent/account" />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar
        aria-label={intl.formatMessage({ id: 'common.staffNav.workspace', defaultMessage: 'Workspace' })}
      >
        <AppShell.Section grow component={ScrollArea} p="xs">
          <QueueViewsNav path={path} close={close} />
          <KnowledgeBaseNav path={path} close={close} />
          {isAdmin ? <AdminNav path={path} close={close} /> : <InviteCustomersNav />}
        </AppShell.Section>
        <AppShell.Section p="xs">
          <Button variant="subtle" color="gray" size="xs" fullWidth onClick={help.open}>
            <FormattedMessage
              id="common.staffNav.shortcutsPress"
              defaultMessage="Keyboard shortcuts: press ?"
            />
          </Button>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main id="main" tabIndex={-1}>
        {path.startsWith('/admin') && !isAdmin ? (
          <Alert
            color="yellow"
            title={intl.formatMessage({
              id: 'common.staffNav.adminOnly',
              defaultMessage: 'Administrators only',
            })}
            maw={560}
          >
            <FormattedMessage
              id="common.staffNav.adminOnlyBody"
              defaultMessage="These settings are for administrators. Ask one if something here needs changing."
            />
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
  const intl = useIntl();
  return (
    <Box
      component="nav"
      aria-label={intl.formatMessage({
        id: 'common.staffNav.administration',
        defaultMessage: 'Administration',
      })}
      mt="xs"
    >
      <NavHeading>{intl.formatMessage({ id: 'common.staffNav.admin', defaultMessage: 'Admin' })}</NavHeading>
      {ADMIN_LINKS.map((l) => (
        <NavLinkLink
          key={l.to}
          to={l.to}
          label={intl.formatMessage(l.label)}
          leftSection={<l.icon size={16} aria-hidden />}
          active={path.startsWith(l.to)}
          aria-current={path.startsWith(l.to) ? 'page' : undefined}
          onClick={close}
        />
      ))}
    </Box>
  );
}
