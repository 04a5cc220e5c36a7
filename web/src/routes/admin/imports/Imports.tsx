import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { defineMessages } from 'react-intl';
import { AdminPage } from '../../../components/admin/AdminPage';
import { t } from '../../../i18n/t';
import { ImportWizard } from './ImportWizard';
import { RunList } from './RunList';
import { RunPanel } from './RunPanel';

const route = getRouteApi('/admin/imports');

const m = defineMessages({
  title: { id: 'imports.title', defaultMessage: 'Import' },
  description: {
    id: 'imports.description',
    defaultMessage:
      'Bring organisations, people, departments and tickets with their whole history over from osTicket, Zendesk or spreadsheets. Nothing is sent to anyone, and running an import again brings only what is missing.',
  },
  new: { id: 'imports.new', defaultMessage: 'New import' },
});

/**
 * Admin › Import: moving in from osTicket, Zendesk or spreadsheets. The steps (source, check,
 * start) stay filled in while a run is shown (`?run=`), so "Run it again" finds them as they were.
 */
export function ImportsPage() {
  const { run } = route.useSearch();
  const navigate = useNavigate();
  const toSteps = () => void navigate({ to: '/admin/imports', search: {} });
  return (
    <AdminPage
      maw={1000}
      title={t(m.title)}
      description={t(m.description)}
      action={
        run && (
          <Button variant="default" leftSection={<IconPlus size={16} aria-hidden />} onClick={toSteps}>
            {t(m.new)}
          </Button>
        )
      }
    >
      <div hidden={run !== undefined}>
        <ImportWizard onStarted={(r) => void navigate({ to: '/admin/imports', search: { run: r.id } })} />
      </div>
      {run && <RunPanel key={run} id={run} onAgain={toSteps} />}
      <RunList current={run} />
    </AdminPage>
  );
}
