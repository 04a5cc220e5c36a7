import { AdminPage } from '../../components/admin/AdminPage';
import { AccountsCard } from './sign-in/AccountsCard';

/** Admin › Sign-in: how people get and use their accounts. */
export function SignInSettingsPage() {
  return (
    <AdminPage
      title="Sign-in"
      description="How staff and customers get accounts and sign in. Changes take effect at once."
      maw={760}
    >
      <AccountsCard />
    </AdminPage>
  );
}
