import { Button, Center, Code, Group, Stack, Text, Title } from '@mantine/core';
import { Outlet } from '@tanstack/react-router';
import { FormattedMessage } from 'react-intl';
import { ButtonLink } from './links';

export function RootLayout() {
  return (
    <>
      <a href="#main" className="skip-link">
        <FormattedMessage id="common.skipToContent" defaultMessage="Skip to content" />
      </a>
      <Outlet />
    </>
  );
}

/** What a page that failed to draw shows instead of a blank screen: what happened and a way on. */
export function PageError({ error, reset }: { error: unknown; reset: () => void }) {
  return (
    <Center mih="60vh" p="md">
      <Stack align="center" gap="sm" maw={560}>
        <Title order={1}>
          <FormattedMessage id="common.pageError.title" defaultMessage="This page stopped working" />
        </Title>
        <Text c="dimmed" ta="center">
          <FormattedMessage
            id="common.pageError.text"
            defaultMessage="Something in this page went wrong and it could not be shown. Nothing you saved is lost. Try again, or reload the page."
          />
        </Text>
        <Code block>{error instanceof Error ? error.message : String(error)}</Code>
        <Group>
          <Button onClick={reset}>
            <FormattedMessage id="common.error.retry" defaultMessage="Try again" />
          </Button>
          <Button variant="default" onClick={() => window.location.reload()}>
            <FormattedMessage id="common.pageError.reload" defaultMessage="Reload the page" />
          </Button>
        </Group>
      </Stack>
    </Center>
  );
}

export function NotFound() {
  return (
    <Center mih="60vh" p="md">
      <Stack align="center" gap="sm">
        <Title order={1}>
          <FormattedMessage id="common.notFound.title" defaultMessage="Page not found" />
        </Title>
        <Text c="dimmed" ta="center">
          <FormattedMessage
            id="common.notFound.text"
            defaultMessage="There is nothing at this address. It may have moved, or the link may be mistyped."
          />
        </Text>
        <ButtonLink to="/">
          <FormattedMessage id="common.notFound.home" defaultMessage="Go to the start page" />
        </ButtonLink>
      </Stack>
    </Center>
  );
}
