import { Text, Title } from '@mantine/core';
import { FormattedMessage } from 'react-intl';
import { AnchorLink } from '../../../components/links';

/** The form's title and what it is for: a customer's own ticket, or one staff open on a customer's behalf. */
export function FormIntro({ staff }: { staff: boolean }) {
  return (
    <div>
      <Title order={1} size="h2">
        {staff ? (
          <FormattedMessage id="portal.new.titleStaff" defaultMessage="New ticket for a customer" />
        ) : (
          <FormattedMessage id="portal.nav.newTicket" defaultMessage="New ticket" />
        )}
      </Title>
      {staff ? (
        <Text c="dimmed" size="sm">
          <FormattedMessage
            id="portal.new.introStaff"
            defaultMessage="Open a ticket on a customer’s behalf, for a request that came by phone or in person. It is theirs: they see it in their portal and get its notifications."
          />
        </Text>
      ) : (
        <Text c="dimmed" size="sm">
          <FormattedMessage
            id="portal.new.intro"
            defaultMessage="Tell us what is wrong. You get a ticket number at once and can follow the answers in <link>My tickets</link>."
            values={{ link: (chunks) => <AnchorLink to="/">{chunks}</AnchorLink> }}
          />
        </Text>
      )}
    </div>
  );
}
