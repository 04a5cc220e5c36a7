import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import { FormattedMessage } from 'react-intl';

/** A secret the server gives out once (an API token, a signing secret), with a way to copy it. */
export function ShownOnce({
  title,
  note,
  value,
  testId,
  closeLabel,
  onClose,
}: {
  title: string;
  note: string;
  value: string;
  testId: string;
  closeLabel?: string;
  onClose: () => void;
}) {
  return (
    <Alert color="green" title={title} withCloseButton closeButtonLabel={closeLabel} onClose={onClose}>
      <Stack gap="xs">
        <Text size="sm">{note}</Text>
        <Group gap="xs" wrap="nowrap" align="center">
          <Code
            block
            style={{ flex: 1, overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}
            data-testid={testId}
          >
            {value}
          </Code>
          <CopyButton value={value}>
            {({ copied, copy }) => (
              <Button size="xs" color={copied ? 'teal' : 'indigo'} onClick={copy}>
                {copied ? (
                  <FormattedMessage id="admin.copied" defaultMessage="Copied" />
                ) : (
                  <FormattedMessage id="admin.copy" defaultMessage="Copy" />
                )}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Stack>
    </Alert>
  );
}
