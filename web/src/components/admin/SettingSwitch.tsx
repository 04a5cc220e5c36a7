import { Card, Switch } from '@mantine/core';
import { type QueryKey, useQuery } from '@tanstack/react-query';
import { useAdminMutation } from '../admin';
import { ErrorAlert } from '../bits';

/**
 * One on/off setting of the installation on a card: read at `queryKey`, turned on or off at once
 * by the switch (disabled while it loads or saves), and said in words either way.
 */
export function SettingSwitch({
  queryKey,
  read,
  write,
  saved,
  errorTitle,
  label,
  description,
}: {
  queryKey: QueryKey;
  read: () => Promise<boolean>;
  /** Saves the new value; answers the value the server now has. */
  write: (on: boolean) => Promise<boolean>;
  /** The notice once saved, for the value the server now has. */
  saved: (on: boolean) => string;
  errorTitle: string;
  label: string;
  description: string;
}) {
  const setting = useQuery({ queryKey, queryFn: read });
  const save = useAdminMutation({ fn: write, invalidate: [queryKey], success: saved });
  return (
    <Card withBorder radius="md" padding="md">
      {setting.isError ? (
        <ErrorAlert error={setting.error} title={errorTitle} />
      ) : (
        <Switch
          label={label}
          description={description}
          checked={setting.data ?? false}
          disabled={setting.isPending || save.isPending}
          onChange={(e) => save.mutate(e.currentTarget.checked)}
        />
      )}
    </Card>
  );
}
