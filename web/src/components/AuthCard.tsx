import { Center, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Logo } from './Brand';

/** The centred card of the pages one reaches before signing in: sign-in and first set-up. */
export function AuthCard(props: { title: string; subtitle: string; width: number; children: ReactNode }) {
  return (
    <Center mih="100vh" p="md" bg="gray.0" component="main" id="main">
      <Paper withBorder shadow="sm" p="xl" radius="lg" w="100%" maw={props.width}>
        <Stack gap="lg">
          <Stack gap={6} align="center">
            <Logo size={40} />
            <Title order={1} size="h2">
              {props.title}
            </Title>
            <Text c="dimmed" size="sm" ta="center">
              {props.subtitle}
            </Text>
          </Stack>
          {props.children}
        </Stack>
      </Paper>
    </Center>
  );
}
