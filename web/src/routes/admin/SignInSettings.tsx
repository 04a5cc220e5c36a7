import { useIntl } from 'react-intl';
import { AdminPage } from '../../components/admin/AdminPage';
import { AccountsCard } from './sign-in/AccountsCard';
import { SignUpCard } from './sign-in/SignUpCard';
import { SsoCard } from './sign-in/SsoCard';

/** Admin › Sign-in: how people get and use their accounts. */
export function SignInSettingsPage() {
  const intl = useIntl();
  return (
    <AdminPage
      title={intl.formatMessage({ id: 'admin.signIn.title', defaultMessage: 'Sign-in' })}
      description={intl.formatMessage({
        id: 'admin.signIn.description',
        defaultMessage: 'How staff and customers get accounts and sign in. Changes take effect at once.',
      })}
      maw={760}
    >
      <AccountsCard />
      <SsoCard audience="staff" />
      <SsoCard audience="customers" />
      <SignUpCard />
    </AdminPage>
  );
}
