import { Select } from '@mantine/core';
import { useIntl } from 'react-intl';
import { languageName } from '../../../../../common/i18n';
import { M } from './messages';

/** A language's own name, with its tag where two would read alike ("Português (pt-BR)"). */
export const languageLabel = (locale: string) => `${languageName(locale)} (${locale})`;

/** The language a list of texts is shown and edited in. */
export function LanguagePicker({
  locales,
  value,
  onChange,
}: {
  locales: readonly string[];
  value: string;
  onChange: (locale: string) => void;
}) {
  const intl = useIntl();
  return (
    <Select
      label={intl.formatMessage(M.language)}
      data={locales.map((l) => ({ value: l, label: languageLabel(l) }))}
      value={value}
      onChange={(v) => v && onChange(v)}
      allowDeselect={false}
      w={220}
    />
  );
}
