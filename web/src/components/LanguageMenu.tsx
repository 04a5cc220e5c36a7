import { Button, Menu } from '@mantine/core';
import { IconCheck, IconLanguage } from '@tabler/icons-react';
import { useIntl } from 'react-intl';
import { languageName } from '../../../common/i18n';
import { APP_LOCALES, chooseVisitorLocale } from '../i18n';

/**
 * A visitor's choice of language on the pages before signing in; remembered in this browser. Each
 * language is named in itself, so a reader finds theirs whatever the page is in now.
 */
export function LanguageMenu() {
  const intl = useIntl();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          size="compact-sm"
          leftSection={<IconLanguage size={16} aria-hidden />}
          aria-label={intl.formatMessage(
            { id: 'common.language.menu', defaultMessage: 'Language: {language}' },
            { language: languageName(intl.locale) },
          )}
        >
          {languageName(intl.locale)}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {APP_LOCALES.map((l) => (
          <Menu.Item
            key={l}
            lang={l}
            onClick={() => chooseVisitorLocale(l)}
            rightSection={l === intl.locale ? <IconCheck size={14} aria-hidden /> : null}
            aria-current={l === intl.locale ? 'true' : undefined}
          >
            {languageName(l)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
