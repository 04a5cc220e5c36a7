import { Select } from '@mantine/core';
import { useIntl } from 'react-intl';
import { useDepartments } from '../../../api/hooks';
import { DescribedOption, ErrorAlert } from '../../../components/bits';

/** The departments a customer may file under, each with its description. */
export function CategorySelect({
  value,
  onChange,
  error,
}: {
  value: string | null;
  onChange: (id: string | null) => void;
  error?: string;
}) {
  const departments = useDepartments();
  const intl = useIntl();
  if (departments.isError)
    return (
      <ErrorAlert
        error={departments.error}
        title={intl.formatMessage({
          id: 'portal.new.categoriesError',
          defaultMessage: 'Cannot load the categories',
        })}
      />
    );
  return (
    <Select
      label={intl.formatMessage({ id: 'portal.ticket.category', defaultMessage: 'Category' })}
      description={intl.formatMessage({
        id: 'portal.new.categoryHelp',
        defaultMessage: 'The area your issue relates to, so it reaches the right team',
      })}
      placeholder={
        departments.isPending
          ? intl.formatMessage({ id: 'portal.new.loadingChoices', defaultMessage: 'Loading…' })
          : intl.formatMessage({ id: 'portal.new.chooseCategory', defaultMessage: 'Choose a category' })
      }
      required
      data={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
      value={value}
      onChange={onChange}
      error={error}
      renderOption={({ option }) => (
        <DescribedOption
          label={option.label}
          description={departments.data?.find((x) => x.id === option.value)?.description}
        />
      )}
    />
  );
}
