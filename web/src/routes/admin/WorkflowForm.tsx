import { Card, Stack, Switch, Title } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import type { SectionProps } from './workflow/doc';
import { ReplyRulesCard } from './workflow/ReplyRulesCard';
import { StatusesCard } from './workflow/StatusesCard';
import { TimersCard } from './workflow/TimersCard';

export function WorkflowForm({ doc, onChange }: SectionProps) {
  const intl = useIntl();
  return (
    <Stack gap="md">
      <StatusesCard doc={doc} onChange={onChange} />
      {(['onCustomerReply', 'onStaffReply', 'onCustomerClose', 'onCustomerReopen'] as const).map((which) => (
        <ReplyRulesCard key={which} which={which} doc={doc} onChange={onChange} />
      ))}
      <TimersCard doc={doc} onChange={onChange} />
      <Card withBorder radius="md" padding="md">
        <Title order={2} size="h4" mb="sm">
          <FormattedMessage id="admin.workflow.options" defaultMessage="Options" />
        </Title>
        <Stack gap="sm">
          <Switch
            label={intl.formatMessage({
              id: 'admin.workflow.reopenOnReply',
              defaultMessage: 'A reply reopens a closed ticket',
            })}
            description={intl.formatMessage({
              id: 'admin.workflow.reopenOnReplyHelp',
              defaultMessage: 'Otherwise customers open a new ticket referencing the old one',
            })}
            checked={doc.reopenClosedOnReply ?? false}
            onChange={(e) => onChange({ ...doc, reopenClosedOnReply: e.currentTarget.checked })}
          />
          <Switch
            label={intl.formatMessage({
              id: 'admin.workflow.surveyOnClose',
              defaultMessage: 'Send a satisfaction survey when a ticket closes',
            })}
            checked={doc.surveyOnClose ?? false}
            onChange={(e) => onChange({ ...doc, surveyOnClose: e.currentTarget.checked })}
          />
        </Stack>
      </Card>
    </Stack>
  );
}
