import { IconBookUpload } from '@tabler/icons-react';
import { FormattedMessage } from 'react-intl';
import { ButtonLink } from '../../../components/links';

/** Opens the article editor with a draft made from this ticket, its personal data taken out for review. */
export function CreateArticleButton({ number }: { number: number }) {
  return (
    <ButtonLink
      to="/agent/kb/new"
      search={{ fromTicket: number }}
      size="compact-sm"
      variant="default"
      leftSection={<IconBookUpload size={14} aria-hidden />}
      ml="auto"
    >
      <FormattedMessage id="agent.ticket.createArticle" defaultMessage="Create article from this ticket" />
    </ButtonLink>
  );
}
