import { Button, FileButton, Group, Pill, Stack, Text } from '@mantine/core';
import { IconPaperclip } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage, type UploadedFile, uploadFile } from '../api/client';
import { formatBytes } from '../lib/format';

/** Files picked for a message: uploaded at once, sent as attachmentIds with the message. */
export function useAttachments() {
  const [files, setFiles] = useState<UploadedFile[]>([]);
  const [uploading, setUploading] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const add = async (picked: File[]) => {
    setError(null);
    setUploading((n) => n + picked.length);
    for (const file of picked) {
      try {
        const uploaded = await uploadFile(file);
        setFiles((old) => [...old, uploaded]);
      } catch (e) {
        setError(`${file.name}: ${errorMessage(e)}`);
      } finally {
        setUploading((n) => n - 1);
      }
    }
  };
  return {
    files,
    ids: files.map((f) => f.id),
    uploading: uploading > 0,
    error,
    add,
    remove: (id: string) => setFiles((old) => old.filter((f) => f.id !== id)),
    clear: () => {
      setFiles([]);
      setError(null);
    },
  };
}

export type AttachmentsState = ReturnType<typeof useAttachments>;

export function AttachmentPicker({ state, disabled }: { state: AttachmentsState; disabled?: boolean }) {
  return (
    <Stack gap={6}>
      <Group gap="xs" wrap="wrap">
        <FileButton onChange={(files) => void state.add(files)} multiple disabled={disabled}>
          {(props) => (
            <Button
              {...props}
              variant="default"
              size="xs"
              leftSection={<IconPaperclip size={14} aria-hidden />}
              loading={state.uploading}
              disabled={disabled}
            >
              Attach files
            </Button>
          )}
        </FileButton>
        {state.files.map((f) => (
          <Pill
            key={f.id}
            withRemoveButton
            onRemove={() => state.remove(f.id)}
            removeButtonProps={{ 'aria-label': `Remove ${f.filename}` }}
          >
            {f.filename} · {formatBytes(f.size)}
          </Pill>
        ))}
      </Group>
      {state.error && (
        <Text size="xs" c="red" role="alert">
          {state.error}
        </Text>
      )}
    </Stack>
  );
}
