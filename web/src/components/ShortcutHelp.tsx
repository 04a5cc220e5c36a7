import { Group, Kbd, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Fragment } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { SHORTCUT_HELP } from '../lib/shortcuts';

export function useShortcutHelp() {
  const [opened, { open, close, toggle }] = useDisclosure(false);
  return { opened, open, close, toggle };
}

export function ShortcutHelp({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const intl = useIntl();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={intl.formatMessage({ id: 'common.shortcuts.title', defaultMessage: 'Keyboard shortcuts' })}
      size="lg"
    >
      <Stack gap="md">
        {SHORTCUT_HELP.map((section) => (
          <div key={section.section.id}>
            <Title order={3} size="h5" mb={4}>
              {intl.formatMessage(section.section)}
            </Title>
            <Table verticalSpacing={4}>
              <Table.Tbody>
                {section.keys.map((k) => (
                  <Table.Tr key={k.what.id}>
                    <Table.Td w={130}>
                      <Group gap={4} wrap="nowrap">
                        {k.keys.map((key, i) => (
                          <Fragment key={key}>
                            {i > 0 && (
                              <Text span size="xs">
                                +
                              </Text>
                            )}
                            <Kbd>{key}</Kbd>
                          </Fragment>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{intl.formatMessage(k.what)}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        ))}
        <Text size="xs" c="dimmed">
          <FormattedMessage
            id="common.shortcuts.typing"
            defaultMessage="Shortcuts do nothing while you type in a field; press Esc to leave it first."
          />
        </Text>
      </Stack>
    </Modal>
  );
}
