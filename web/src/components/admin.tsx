import { Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { errorMessage } from '../api/client';

export function AdminHeader({
  title,
  description,
  action,
}: {
  title: string;
  description: string;
  action?: ReactNode;
}) {
  return (
    <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
      <Stack gap={2}>
        <Title order={1} size="h2">
          {title}
        </Title>
        <Text size="sm" c="dimmed" maw={640}>
          {description}
        </Text>
      </Stack>
      {action}
    </Group>
  );
}

/** A mutation that refreshes `invalidate` and says what happened, in words, either way. */
export function useAdminMutation<TInput, TResult>(opts: {
  fn: (input: TInput) => Promise<TResult>;
  invalidate: QueryKey[];
  success?: (result: TResult, input: TInput) => string;
  onSuccess?: (result: TResult, input: TInput) => void;
  quietErrors?: boolean;
}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: opts.fn,
    onSuccess: (result, input) => {
      for (const key of opts.invalidate) void qc.invalidateQueries({ queryKey: key });
      if (opts.success) notifications.show({ color: 'green', message: opts.success(result, input) });
      opts.onSuccess?.(result, input);
    },
    onError: (e) => {
      if (!opts.quietErrors)
        notifications.show({ color: 'red', title: 'Not saved', message: errorMessage(e) });
    },
  });
}
