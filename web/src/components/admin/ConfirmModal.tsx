import { Button, Modal, Stack } from '@mantine/core';
import type { QueryKey } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useIntl } from 'react-intl';
import { useAdminMutation } from '../admin';
import { ModalButtons } from '../ModalForm';

/**
 * An act on one item of a list that is asked about first (delete, remove, revoke): the item asked
 * about (null when none), `ask` to ask about one, and `confirm`, ConfirmModal's props, whose act
 * runs `fn` on the item, says `success` and closes the question.
 */
export function useConfirmedAct<T, Result>(opts: {
  fn: (item: T) => Promise<Result>;
  invalidate: QueryKey[];
  success: (item: T) => string;
}) {
  const [asking, setAsking] = useState<T | null>(null);
  const act = useAdminMutation({
    fn: opts.fn,
    invalidate: opts.invalidate,
    success: (_result, item) => opts.success(item),
    onSuccess: () => setAsking(null),
  });
  const confirm = {
    opened: asking !== null,
    onClose: () => setAsking(null),
    pending: act.isPending,
    onConfirm: () => {
      if (asking !== null) act.mutate(asking);
    },
  };
  return { asking, ask: (item: T) => setAsking(item), confirm };
}

/**
 * A question before something that cannot be taken back (revoke, delete, replace): what it does,
 * then a way out and the act itself (red, `color="red"`, where it destroys something).
 */
export function ConfirmModal({
  opened,
  onClose,
  title,
  children,
  confirmLabel,
  cancelLabel,
  color,
  pending,
  onConfirm,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  color?: string;
  pending: boolean;
  onConfirm: () => void;
}) {
  const intl = useIntl();
  return (
    <Modal opened={opened} onClose={onClose} title={title}>
      <Stack gap="sm">
        {children}
        <ModalButtons
          onCancel={onClose}
          cancelLabel={cancelLabel ?? intl.formatMessage({ id: 'admin.cancel', defaultMessage: 'Cancel' })}
        >
          <Button color={color} loading={pending} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </ModalButtons>
      </Stack>
    </Modal>
  );
}
