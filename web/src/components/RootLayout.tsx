import { Center, Stack, Text, Title } from '@mantine/core';
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
