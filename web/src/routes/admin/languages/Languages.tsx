import { Button, Card, Group, Select, Stack, Tabs, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { fallbackChain, SOURCE_LOCALE, timeZoneNames } from '../../../../../common/i18n';
import { errorMessage, get, send } from '../../../api/client';
import { AdminPage } from '../../../components/admin/AdminPage';
import { PageLoader } from '../../../components/bits';
import { APP_LOCALES } from '../../../i18n';
import { ConfiguredTexts } from './ConfiguredTexts';
import { languageLabel } from './LanguagePicker';
import { M } from './messages';
import { ProductStrings } from './ProductStrings';

/** Configured texts are written in the source language; variants go to the others and their base languages. */
const variantLocales = [...new Set(APP_LOCALES.flatMap(fallbackChain))]
  .filter((l) => l !== SOURCE_LOCALE)
  .sort();

/** Admin › Languages: the installation's defaults, configured texts and product strings per language. */
export function LanguagesPage() {
  const intl = useIntl();
  return (
    <AdminPage maw={1100} title={intl.formatMessage(M.title)} description={intl.formatMessage(M.description)}>
      <Defaults />
      <Tabs defaultValue="texts" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="texts">{intl.formatMessage(M.textsTab)}</Tabs.Tab>
          <Tabs.Tab value="strings">{intl.formatMessage(M.stringsTab)}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="texts" pt="md">
          <ConfiguredTexts locales={variantLocales} />
        </Tabs.Panel>
        <Tabs.Panel value="strings" pt="md">
          <ProductStrings locales={APP_LOCALES} />
        </Tabs.Panel>
      </Tabs>
    </AdminPage>
  );
}

function Defaults() {
  const current = useQuery({ queryKey: ['settings', 'language'], queryFn: () => get('/settings/language') });
  if (!current.data) return <PageLoader />;
  return <DefaultsForm key={`${current.data.locale} ${current.data.timeZone}`} {...current.data} />;
}

function DefaultsForm(props: { locale: string; timeZone: string }) {
  const intl = useIntl();
  const qc = useQueryClient();
  const [locale, setLocale] = useState(props.locale);
  const [timeZone, setTimeZone] = useState(props.timeZone);
  const save = useMutation({
    mutationFn: () => send('PUT /settings/language', { body: { locale, timeZone } }),
    onSuccess: () => {
      // Whoever chose no language of their own now reads in this one.
      void qc.invalidateQueries({ queryKey: ['settings', 'language'] });
      void qc.invalidateQueries({ queryKey: ['me'] });
      notifications.show({ color: 'green', message: intl.formatMessage(M.saved) });
    },
    onError: (e) =>
      notifications.show({ color: 'red', title: intl.formatMessage(M.notSaved), message: errorMessage(e) }),
  });
  const changed = locale !== props.locale || timeZone !== props.timeZone;
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {intl.formatMessage(M.defaultsTitle)}
        </Title>
        <Group gap="md" align="flex-end" wrap="wrap">
          <Select
            label={intl.formatMessage(M.defaultLanguage)}
            data={APP_LOCALES.map((l) => ({ value: l, label: languageLabel(l) }))}
            value={locale}
            onChange={(v) => v && setLocale(v)}
            allowDeselect={false}
            w={240}
          />
          <Select
            label={intl.formatMessage(M.defaultZone)}
            data={timeZoneNames()}
            value={timeZone}
            onChange={(v) => v && setTimeZone(v)}
            searchable
            allowDeselect={false}
            w={280}
          />
          <Button disabled={!changed} loading={save.isPending} onClick={() => save.mutate()}>
            {intl.formatMessage(M.save)}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
