import { Button, Group } from '@mantine/core';
import { defineMessages } from 'react-intl';
import type { ImportSourceBody } from '../../../../../common/imports';
import { t } from '../../../i18n/t';

const m = defineMessages({
  check: { id: 'imports.check', defaultMessage: 'Check' },
});

/** What each source's fields get from step 1. */
export type SourceStepProps = {
  /** Runs the dry run on what was entered. */
  onCheck: (source: ImportSourceBody) => void;
  /** Something was changed since the last check, which no longer holds. */
  onEdited: () => void;
  checking: boolean;
};

/** The "Check" button under a source's fields. */
export function CheckButton({ checking, disabled }: { checking: boolean; disabled?: boolean }) {
  return (
    <Group justify="flex-end">
      <Button type="submit" loading={checking} disabled={disabled}>
        {t(m.check)}
      </Button>
    </Group>
  );
}
