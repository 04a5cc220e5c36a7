import { Button, Group } from '@mantine/core';
import type { ImportSourceBody } from '../../../../../common/imports';

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
        Check
      </Button>
    </Group>
  );
}
