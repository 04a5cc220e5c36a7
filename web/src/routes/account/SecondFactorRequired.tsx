import { Button, Container, Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { FormattedMessage, useIntl } from 'react-intl';
import { keys, useSignOut } from '../../api/hooks';
import { SecondFactorCard } from './SecondFactorCard';

/**
 * What staff see instead of the workspace while two-factor sign-in is required of their role and
 * they have not set it up: the set-up itself, and a way out. The server refuses everything else.
 */
export function SecondFactorRequired() {
  const intl = useIntl();
  useDocumentTitle(
    intl.formatMessage({
      id: 'account.secondFactor.requiredDocumentTitle',
      defaultMessage: 'Set up two-factor sign-in · Tessera',
    }),
  );
  const qc = useQueryClient();
  const navigate = useNavigate();
  const signOut = useSignOut();
  return (
    <Container size="sm" py="xl">
      <Stack gap="md">
        <Title order={1} size="h2">
          <FormattedMessage
            id="account.secondFactor.requiredTitle"
            defaultMessage="Set up two-factor sign-in"
          />
        </Title>
        <Text size="sm">
          <FormattedMessage
            id="account.secondFactor.requiredText"
            defaultMessage="Your administrator requires a second step when you sign in: a code from an authenticator app on your phone (such as Google Authenticator, Microsoft Authenticator, 1Password or Aegis). Set it up once here to go on to your work."
          />
        </Text>
        <SecondFactorCard onEnabled={() => void qc.invalidateQueries({ queryKey: keys.me })} />
        <Group>
          <Button
            variant="subtle"
            onClick={() =>
              signOut.mutate(undefined, { onSettled: () => navigate({ to: '/login', search: {} }) })
            }
          >
            <FormattedMessage id="common.userMenu.signOut" defaultMessage="Sign out" />
          </Button>
        </Group>
      </Stack>
    </Container>
  );
}
