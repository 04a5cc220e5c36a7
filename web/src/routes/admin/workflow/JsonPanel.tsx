import { Button, Group, JsonInput, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
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
  return (
    <Stack gap="sm">
      <JsonInput
        label="Workflow document"
        description="Exactly what GET /api/v1/workflow returns; it is checked against the same schema as the server's."
        value={jsonText}
        onChange={setJsonText}
        autosize
        minRows={16}
        maxRows={40}
        formatOnBlur
        validationError="Not valid JSON"
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
      />
      <IssuesAlert title="The document is not valid" issues={jsonIssues} />
      <Group>
        <Button
          variant="default"
          onClick={() => applyJson() && notifications.show({ message: 'Valid; applied to the form' })}
        >
          Check
        </Button>
      </Group>
    </Stack>
  );
}
