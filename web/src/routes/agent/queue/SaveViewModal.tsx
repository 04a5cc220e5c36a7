import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { saveView } from '../../../lib/views';
import type { QueueSearch } from '../../../search';

export function SaveViewModal({
  opened,
  onClose,
  search,
}: {
  opened: boolean;
  onClose: () => void;
  search: QueueSearch;
}) {
  const [name, setName] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    saveView(name, search);
    notifications.show({ color: 'green', message: `View “${name.trim()}” saved` });
    setName('');
    onClose();
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Save this view">
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            Keeps the current filters, search and sort under a name in the sidebar. Saved views are kept in
            this browser.
          </Text>
          <TextInput
            label="Name"
            required
            maxLength={60}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={!name.trim()}>
              Save view
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
