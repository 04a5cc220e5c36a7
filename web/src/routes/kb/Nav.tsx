import { IconBook } from '@tabler/icons-react';
import { FormattedMessage } from 'react-intl';
import { NavLinkLink } from '../../components/links';

/** The workspace's way into the knowledge base, for agents and admins alike. */
export function KnowledgeBaseNav({ path, close }: { path: string; close: () => void }) {
  const here = path.startsWith('/agent/kb');
  return (
    <NavLinkLink
      to="/agent/kb"
      label={<FormattedMessage id="kb.nav.knowledgeBase" defaultMessage="Knowledge base" />}
      leftSection={<IconBook size={16} aria-hidden />}
      active={here}
      aria-current={here ? 'page' : undefined}
      onClick={close}
    />
  );
}
