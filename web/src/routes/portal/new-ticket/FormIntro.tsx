import { Text, Title } from '@mantine/core';
import { AnchorLink } from '../../../components/links';

/** The form's title and what it is for: a customer's own ticket, or one staff open on a customer's behalf. */
export function FormIntro({ staff }: { staff: boolean }) {
  return (
    <div>
      <Title order={1} size="h2">
        {staff ? 'New ticket for a customer' : 'New ticket'}
      </Title>
      {staff ? (
        <Text c="dimmed" size="sm">
          Open a ticket on a customer’s behalf, for a request that came by phone or in person. It is theirs:
          they see it in their portal and get its notifications.
        </Text>
      ) : (
        <Text c="dimmed" size="sm">
          Tell us what is wrong. You get a ticket number at once and can follow the answers in{' '}
          <AnchorLink to="/">My tickets</AnchorLink>.
        </Text>
      )}
    </div>
  );
}
