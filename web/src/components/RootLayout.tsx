import { Button, Center, Code, Group, Stack, Text, Title } from '@mantine/core';
import { Outlet } from '@tanstack/react-router';
import { ButtonLink } from './links';

export function RootLayout() {
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
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
        <Title order={1}>This page stopped working</Title>
        <Text c="dimmed" ta="center">
          Something in this page went wrong and it could not be shown. Nothing you saved is lost. Try again,
          or reload the page.
        </Text>
        <Code block>{error instanceof Error ? error.message : String(error)}</Code>
        <Group>
          <Button onClick={reset}>Try again</Button>
          <Button variant="default" onClick={() => window.location.reload()}>
            Reload the page
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
        <Title order={1}>Page not found</Title>
        <Text c="dimmed" ta="center">
          There is nothing at this address. It may have moved, or the link may be mistyped.
        </Text>
        <ButtonLink to="/">Go to the start page</ButtonLink>
      </Stack>
    </Center>
  );
}
