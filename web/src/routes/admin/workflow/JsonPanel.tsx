import { Button, Group, JsonInput, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { FormattedMessage, useIntl } from 'react-intl';
import { IssuesAlert } from './Problems';

/** The workflow as JSON text; Check parses it into the form (applyJson answers whether it could). */
export function JsonPanel({
  jsonText,
  setJsonText,
  jsonIssues,
  applyJson,
}: {
  jsonText: string;
  setJsonText: (text: string) => void;
  jsonIssues: string[];
  applyJson: () => unknown;
}) {
  const intl = useIntl();
  return (
    <Stack gap="sm">
      <JsonInput
        label={intl.formatMessage({ id: 'admin.workflow.json.label', defaultMessage: 'Workflow document' })}
        description={intl.formatMessage({
          id: 'admin.workflow.json.help',
          defaultMessage:
            "Exactly what GET /api/v1/workflow returns; it is checked against the same schema as the server's.",
        })}
        value={jsonText}
        onChange={setJsonText}
        autosize
        minRows={16}
        maxRows={40}
        formatOnBlur
        validationError={intl.formatMessage({
          id: 'admin.workflow.json.invalid',
          defaultMessage: 'Not valid JSON',
        })}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
      />
      <IssuesAlert
        title={intl.formatMessage({
          id: 'admin.workflow.json.notValid',
          defaultMessage: 'The document is not valid',
        })}
        issues={jsonIssues}
      />
      <Group>
        <Button
          variant="default"
          onClick={() =>
            applyJson() &&
            notifications.show({
              message: intl.formatMessage({
                id: 'admin.workflow.json.applied',
                defaultMessage: 'Valid; applied to the form',
              }),
            })
          }
        >
          <FormattedMessage id="admin.workflow.json.check" defaultMessage="Check" />
        </Button>
      </Group>
    </Stack>
  );
}
