import {
  createRootRoute,
  createRoute,
  createRouter,
  lazyRouteComponent,
  redirect,
} from '@tanstack/react-router';
import { ticketListQuery } from './api/hooks';
import { queryClient } from './api/queryClient';
import type { TicketFilters } from './api/types';
import { PortalLayout } from './components/PortalLayout';
import { NotFound, PageError, RootLayout } from './components/RootLayout';
import { StaffLayout } from './components/StaffLayout';
import { validateArticleSearch } from './routes/kb/search';
import {
  portalFilters,
  queueFilters,
  validateLoginSearch,
  validatePortalSearch,
  validateQueueSearch,
} from './search';

/** A ticket list's loader: the first page is asked for while the page's code is still loading. */
const prefetchTickets = (filters: TicketFilters) => {
  void queryClient.prefetchInfiniteQuery(ticketListQuery(filters));
};

const rootRoute = createRootRoute({ component: RootLayout, notFoundComponent: NotFound });

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: validateLoginSearch,
  component: lazyRouteComponent(() => import('./routes/SignIn'), 'SignInPage'),
});

const setupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/setup',
  validateSearch: (s: Record<string, unknown>): { token?: string } => ({
    token: typeof s.token === 'string' ? s.token : undefined,
  }),
  component: lazyRouteComponent(() => import('./routes/Setup'), 'SetupPage'),
});

/** The pages of mailed links (invitation, password reset) and of asking for a reset link. */
const tokenSearch = (s: Record<string, unknown>): { token?: string } => ({
  token: typeof s.token === 'string' ? s.token : undefined,
});
const accountLinkRoute = <P extends string>(path: P, page: keyof typeof import('./routes/AccountLinks')) =>
  createRoute({
    getParentRoute: () => rootRoute,
    path,
    validateSearch: tokenSearch,
    component: lazyRouteComponent(() => import('./routes/AccountLinks'), page),
  });
const inviteRoute = accountLinkRoute('/invite', 'AcceptInvitationPage');
const resetPasswordRoute = accountLinkRoute('/reset-password', 'ResetPasswordPage');
const forgotPasswordRoute = accountLinkRoute('/forgot-password', 'ForgotPasswordPage');
const signUpRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-up',
  component: lazyRouteComponent(() => import('./routes/SignUp'), 'SignUpPage'),
});
const verifyEmailRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/verify-email',
  validateSearch: tokenSearch,
  component: lazyRouteComponent(() => import('./routes/SignUp'), 'VerifyEmailPage'),
});

// ---- customer portal ----
const portalRoute = createRoute({ getParentRoute: () => rootRoute, id: 'portal', component: PortalLayout });
const myTicketsRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: '/',
  validateSearch: validatePortalSearch,
  loaderDeps: ({ search }) => search,
  loader: ({ deps }) => prefetchTickets(portalFilters(deps)),
  component: lazyRouteComponent(() => import('./routes/portal/MyTickets'), 'MyTicketsPage'),
});
const newTicketRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: '/new',
  validateSearch: (s: Record<string, unknown>): { ref?: number } => {
    const ref = Number(s.ref);
    return { ref: Number.isSafeInteger(ref) && ref > 0 ? ref : undefined };
  },
  component: lazyRouteComponent(() => import('./routes/portal/NewTicket'), 'NewTicketPage'),
});
const portalTicketRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: '/tickets/$number',
  component: lazyRouteComponent(() => import('./routes/portal/PortalTicket'), 'PortalTicketPage'),
});
const accountRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: '/account',
  component: lazyRouteComponent(() => import('./routes/Account'), 'AccountPage'),
});

// ---- agent workspace ----
const agentRoute = createRoute({ getParentRoute: () => rootRoute, path: '/agent', component: StaffLayout });
const queueRoute = createRoute({
  getParentRoute: () => agentRoute,
  path: '/',
  validateSearch: validateQueueSearch,
  loaderDeps: ({ search }) => search,
  loader: ({ deps }) => prefetchTickets(queueFilters(deps)),
  component: lazyRouteComponent(() => import('./routes/agent/Queue'), 'QueuePage'),
});
const agentTicketRoute = createRoute({
  getParentRoute: () => agentRoute,
  path: '/tickets/$number',
  component: lazyRouteComponent(() => import('./routes/agent/AgentTicket'), 'AgentTicketPage'),
});
const customerProfileRoute = createRoute({
  getParentRoute: () => agentRoute,
  path: '/customers/$id',
  component: lazyRouteComponent(
    () => import('./routes/agent/profile/CustomerProfile'),
    'CustomerProfilePage',
  ),
});
const organisationProfileRoute = createRoute({
  getParentRoute: () => agentRoute,
  path: '/organisations/$id',
  component: lazyRouteComponent(
    () => import('./routes/agent/profile/OrganisationProfile'),
    'OrganisationProfilePage',
  ),
});
const reportsRoute = createRoute({
  getParentRoute: () => agentRoute,
  path: '/reports',
  component: lazyRouteComponent(() => import('./routes/agent/Reports'), 'ReportsPage'),
});
const agentNewTicketRoute = createRoute({
  getParentRoute: () => agentRoute,
  path: '/new',
  component: lazyRouteComponent(() => import('./routes/portal/NewTicket'), 'StaffNewTicketPage'),
});
const agentAccountRoute = createRoute({
  getParentRoute: () => agentRoute,
  path: '/account',
  component: lazyRouteComponent(() => import('./routes/Account'), 'AccountPage'),
});

// ---- knowledge base (staff) ----
const kbPage = (page: keyof typeof import('./routes/kb/pages')) =>
  lazyRouteComponent(() => import('./routes/kb/pages'), page);
const kbArticlesRoute = createRoute({
  getParentRoute: () => agentRoute,
  path: '/kb',
  validateSearch: validateArticleSearch,
  component: kbPage('ArticlesPage'),
});
const kbNewArticleRoute = createRoute({
  getParentRoute: () => agentRoute,
  path: '/kb/new',
  validateSearch: (s: Record<string, unknown>): { fromTicket?: number } => {
    const n = Number(s.fromTicket);
    return { fromTicket: Number.isSafeInteger(n) && n > 0 ? n : undefined };
  },
  component: kbPage('NewArticlePage'),
});
const kbArticleRoute = createRoute({
  getParentRoute: () => agentRoute,
  path: '/kb/articles/$id',
  component: kbPage('EditArticlePage'),
});
const kbHistoryRoute = createRoute({
  getParentRoute: () => agentRoute,
  path: '/kb/articles/$id/history',
  component: kbPage('ArticleHistoryPage'),
});
const kbCategoriesRoute = createRoute({
  getParentRoute: () => agentRoute,
  path: '/kb/categories',
  component: kbPage('CategoriesPage'),
});

// ---- admin ----
const adminRoute = createRoute({ getParentRoute: () => rootRoute, path: '/admin', component: StaffLayout });
const adminIndexRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/admin/departments' });
  },
});
const adminDepartmentsRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/departments',
  component: lazyRouteComponent(() => import('./routes/admin/Departments'), 'DepartmentsPage'),
});
const adminUsersRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/users',
  validateSearch: (
    s: Record<string, unknown>,
  ): { role?: 'customer' | 'agent' | 'admin'; organisation?: string } => ({
    role: s.role === 'customer' || s.role === 'agent' || s.role === 'admin' ? s.role : undefined,
    organisation: typeof s.organisation === 'string' && s.organisation ? s.organisation : undefined,
  }),
  component: lazyRouteComponent(() => import('./routes/admin/Users'), 'UsersPage'),
});
const adminOrganisationsRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/organisations',
  component: lazyRouteComponent(() => import('./routes/admin/Organisations'), 'OrganisationsPage'),
});
const adminWorkflowRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/workflow',
  component: lazyRouteComponent(() => import('./routes/admin/Workflow'), 'WorkflowPage'),
});
const adminTokensRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/tokens',
  component: lazyRouteComponent(() => import('./routes/admin/Tokens'), 'TokensPage'),
});

const adminTicketTypesRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/ticket-types',
  component: lazyRouteComponent(() => import('./routes/admin/TicketTypes'), 'TicketTypesPage'),
});
const adminCalendarsRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/calendars',
  component: lazyRouteComponent(() => import('./routes/admin/calendars/Calendars'), 'CalendarsPage'),
});
const adminSlaRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/sla',
  component: lazyRouteComponent(() => import('./routes/admin/sla/SlaPolicies'), 'SlaPoliciesPage'),
});
const adminTriggersRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/triggers',
  component: lazyRouteComponent(() => import('./routes/admin/triggers/Triggers'), 'TriggersPage'),
});
const adminAutomationsRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/automations',
  component: lazyRouteComponent(() => import('./routes/admin/triggers/Triggers'), 'AutomationsPage'),
});
const adminCannedRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/canned-responses',
  component: lazyRouteComponent(() => import('./routes/admin/CannedResponses'), 'CannedResponsesPage'),
});
const adminPlansRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/plans',
  component: lazyRouteComponent(() => import('./routes/admin/Plans'), 'PlansPage'),
});
const adminWebhooksRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/webhooks',
  component: lazyRouteComponent(() => import('./routes/admin/webhooks/Webhooks'), 'WebhooksPage'),
});
const adminImportsRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/imports',
  // The run shown (?run=), so a run's page can be reloaded and linked to.
  validateSearch: (s: Record<string, unknown>): { run?: string } => ({
    run: typeof s.run === 'string' && /^[\w-]{1,64}$/.test(s.run) ? s.run : undefined,
  }),
  component: lazyRouteComponent(() => import('./routes/admin/imports/Imports'), 'ImportsPage'),
});
const adminOutboxRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/outbox',
  component: lazyRouteComponent(() => import('./routes/admin/Outbox'), 'OutboxPage'),
});
const adminAuditRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/audit',
  component: lazyRouteComponent(() => import('./routes/admin/Audit'), 'AuditPage'),
});
const adminInboundRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/inbound',
  component: lazyRouteComponent(() => import('./routes/admin/Inbound'), 'InboundPage'),
});
const adminTagsRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/tags',
  component: lazyRouteComponent(() => import('./routes/admin/Tags'), 'TagsPage'),
});
const adminLanguagesRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/languages',
  component: lazyRouteComponent(() => import('./routes/admin/languages/Languages'), 'LanguagesPage'),
});
const adminSignInRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/sign-in',
  component: lazyRouteComponent(() => import('./routes/admin/SignInSettings'), 'SignInSettingsPage'),
});
const adminChannelsRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/channels',
  component: lazyRouteComponent(() => import('./routes/admin/Channels'), 'ChannelsPage'),
});

const routeTree = rootRoute.addChildren([
  loginRoute,
  setupRoute,
  inviteRoute,
  resetPasswordRoute,
  forgotPasswordRoute,
  signUpRoute,
  verifyEmailRoute,
  portalRoute.addChildren([myTicketsRoute, newTicketRoute, portalTicketRoute, accountRoute]),
  agentRoute.addChildren([
    queueRoute,
    agentTicketRoute,
    agentNewTicketRoute,
    customerProfileRoute,
    organisationProfileRoute,
    reportsRoute,
    agentAccountRoute,
    kbArticlesRoute,
    kbNewArticleRoute,
    kbArticleRoute,
    kbHistoryRoute,
    kbCategoriesRoute,
  ]),
  adminRoute.addChildren([
    adminIndexRoute,
    adminDepartmentsRoute,
    adminUsersRoute,
    adminOrganisationsRoute,
    adminWorkflowRoute,
    adminTokensRoute,
    adminTicketTypesRoute,
    adminCalendarsRoute,
    adminSlaRoute,
    adminTriggersRoute,
    adminAutomationsRoute,
    adminCannedRoute,
    adminPlansRoute,
    adminOutboxRoute,
    adminWebhooksRoute,
    adminImportsRoute,
    adminAuditRoute,
    adminInboundRoute,
    adminChannelsRoute,
    adminSignInRoute,
    adminTagsRoute,
    adminLanguagesRoute,
  ]),
]);

export const router = createRouter({
  routeTree,
  defaultPreload: 'intent',
  defaultErrorComponent: PageError,
  scrollRestoration: true,
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
