import { Burger, Container } from '@mantine/core';
import { useRouterState } from '@tanstack/react-router';
import { lazy, type ReactNode, Suspense } from 'react';
import { useIntl } from 'react-intl';
import { useMe } from '../api/hooks';
import { useLiveUpdates } from '../api/live';
import { isStaffRole, type Me } from '../api/types';
import { ErrorAlert, PageLoader } from './bits';
import { loginHref, Redirect } from './Redirect';

const SecondFactorRequired = lazy(() =>
  import('../routes/account/SecondFactorRequired').then((m) => ({ default: m.SecondFactorRequired })),
);

/**
 * A layout for one side (the staff workspace or the customer portal), shown once the session is
 * known: nobody signed in goes to the sign-in page (and back here after), someone of the other
 * side to where `elsewhere` says they belong. Live updates run while someone is signed in.
 */
export function SignedIn({
  staff,
  elsewhere,
  children,
}: {
  staff: boolean;
  elsewhere: (pathname: string) => string;
  children: (me: Me) => ReactNode;
}) {
  const me = useMe();
  const intl = useIntl();
  useLiveUpdates(me.isSuccess && !me.data?.secondFactorSetupRequired);
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const href = useRouterState({ select: (s) => s.location.href });

  if (me.isPending)
    return (
      <PageLoader label={intl.formatMessage({ id: 'common.signingIn', defaultMessage: 'Signing you in' })} />
    );
  if (me.isError)
    return (
      <Container size="sm" py="xl">
        <ErrorAlert
          error={me.error}
          title={intl.formatMessage({
            id: 'common.accountLoadError',
            defaultMessage: 'Cannot load your account',
          })}
          onRetry={() => me.refetch()}
        />
      </Container>
    );
  if (!me.data) return <Redirect href={loginHref(href)} />;
  if (isStaffRole(me.data.role) !== staff) return <Redirect href={elsewhere(pathname)} />;
  if (me.data.secondFactorSetupRequired)
    return (
      <Suspense fallback={<PageLoader />}>
        <SecondFactorRequired />
      </Suspense>
    );
  return children(me.data);
}

/** The button that opens the navigation on a phone. */
export function NavBurger({ opened, toggle }: { opened: boolean; toggle: () => void }) {
  const intl = useIntl();
  return (
    <Burger
      opened={opened}
      onClick={toggle}
      hiddenFrom="sm"
      size="sm"
      aria-label={
        opened
          ? intl.formatMessage({ id: 'common.nav.close', defaultMessage: 'Close navigation' })
          : intl.formatMessage({ id: 'common.nav.open', defaultMessage: 'Open navigation' })
      }
    />
  );
}
