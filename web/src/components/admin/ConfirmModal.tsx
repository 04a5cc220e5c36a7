import { Button, Modal, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { ModalButtons } from '../ModalForm';

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
  cancelLabel = 'Cancel',
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
  return (
    <Modal opened={opened} onClose={onClose} title={title}>
      <Stack gap="sm">
        {children}
        <ModalButtons onCancel={onClose} cancelLabel={cancelLabel}>
          <Button color={color} loading={pending} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </ModalButtons>
      </Stack>
    </Modal>
  );
}
