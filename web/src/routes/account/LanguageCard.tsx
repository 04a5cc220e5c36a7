import { Button, Card, Group, Select, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { createIntl, defineMessage, FormattedMessage, useIntl } from 'react-intl';
import { languageName, timeZoneNames } from '../../../../common/i18n';
import { send } from '../../api/client';
import { keys, meQuery } from '../../api/hooks';
import type { Me } from '../../api/types';
import { ErrorAlert } from '../../components/bits';
import { APP_LOCALES, loadMessages } from '../../i18n';

const SAVED = defineMessage({ id: 'account.language.saved', defaultMessage: 'Language and time zone saved' });

/** The Select's value for "the installation's default" (the API's null). */
const DEFAULT = '';

/**
 * One's own language and time zone. Saving invalidates `/me`, whose `display` the whole app reads,
 * so every page switches at once.
 */
export function LanguageCard({ me }: { me: Me }) {
  const intl = useIntl();
  const qc = useQueryClient();
  const [locale, setLocale] = useState(me.locale ?? DEFAULT);
  const [timeZone, setTimeZone] = useState(me.timeZone ?? DEFAULT);
  const defaultLabel = intl.formatMessage({
    id: 'account.language.default',
    defaultMessage: 'Installation default',
  });
  const languages = useMemo(
    () => [
      { value: DEFAULT, label: defaultLabel },
      ...APP_LOCALES.map((l) => ({ value: l, label: languageName(l) })),
    ],
    [defaultLabel],
  );
  const zones = useMemo(
    () => [{ value: DEFAULT, label: defaultLabel }, ...timeZoneNames().map((z) => ({ value: z, label: z }))],
    [defaultLabel],
  );
  const save = useMutation({
    mutationFn: () =>
      send('PATCH /me', {
        body: {
          locale: locale === DEFAULT ? null : locale,
          timeZone: timeZone === DEFAULT ? null : timeZone,
        },
      }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: keys.me });
      // Said in the language just chosen, which the page is only now switching to.
      const shown = (await qc.ensureQueryData(meQuery))?.display.locale ?? intl.locale;
      const said = createIntl({ locale: shown, messages: await loadMessages(shown) });
      notifications.show({ color: 'green', message: said.formatMessage(SAVED) });
    },
  });
  const changed = locale !== (me.locale ?? DEFAULT) || timeZone !== (me.timeZone ?? DEFAULT);
  return (
    <Card withBorder padding="lg" radius="md">
      <Title order={2} size="h4">
        <FormattedMessage id="account.language.title" defaultMessage="Language and time zone" />
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        <FormattedMessage
          id="account.language.intro"
          defaultMessage="The language of the pages and of the mail we send you, and the time zone of every date."
        />
      </Text>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          {save.isError && (
            <ErrorAlert
              error={save.error}
              title={intl.formatMessage({ id: 'account.notSaved', defaultMessage: 'Not saved' })}
            />
          )}
          <Select
            label={intl.formatMessage({ id: 'account.language.language', defaultMessage: 'Language' })}
            data={languages}
            value={locale}
            onChange={(v) => setLocale(v ?? DEFAULT)}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label={intl.formatMessage({ id: 'account.language.timeZone', defaultMessage: 'Time zone' })}
            data={zones}
            value={timeZone}
            onChange={(v) => setTimeZone(v ?? DEFAULT)}
            allowDeselect={false}
            searchable
            limit={50}
            nothingFoundMessage={intl.formatMessage({
              id: 'account.language.noZone',
              defaultMessage: 'No time zone of that name',
            })}
            comboboxProps={{ withinPortal: true }}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} disabled={!changed}>
              <FormattedMessage id="account.language.save" defaultMessage="Save language and time zone" />
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
