import { Alert, List, Text } from '@mantine/core';
import { useIntl } from 'react-intl';
import { ApiError } from '../../../api/client';
import { ErrorAlert } from '../../../components/bits';

/** The problems found before anything is sent, one a line. */
export function IssuesAlert({ title, issues }: { title: string; issues: string[] }) {
  if (issues.length === 0) return null;
  return (
    <Alert color="red" title={title} role="alert">
      <List size="sm">
        {issues.map((i) => (
          <List.Item key={i}>{i}</List.Item>
        ))}
      </List>
    </Alert>
  );
}

export function ServerError({ error }: { error: unknown }) {
  const intl = useIntl();
  const notSaved = intl.formatMessage({ id: 'admin.notSaved', defaultMessage: 'Not saved' });
  if (!(error instanceof ApiError)) return <ErrorAlert error={error} title={notSaved} />;
  return (
    <Alert
      color="red"
      title={
        error.status === 409
          ? intl.formatMessage({ id: 'admin.workflow.refused', defaultMessage: 'The workflow was refused' })
          : notSaved
      }
      role="alert"
    >
      <Text size="sm">{error.detail}</Text>
      {error.errors.length > 0 && (
        <List size="sm" mt="xs">
          {error.errors.map((x) => (
            <List.Item key={x.path + x.message}>
              <b>{x.path}</b>: {x.message}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
