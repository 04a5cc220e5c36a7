import { Select } from '@mantine/core';
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
  if (departments.isError) return <ErrorAlert error={departments.error} title="Cannot load the categories" />;
  return (
    <Select
      label="Category"
      description="The area your issue relates to, so it reaches the right team"
      placeholder={departments.isPending ? 'Loading…' : 'Choose a category'}
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
