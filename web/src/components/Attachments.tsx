import { Button, FileButton, Group, Pill, Stack, Text } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { IconPaperclip, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { errorMessage, type UploadedFile, uploadFile } from '../api/client';
import { t } from '../i18n/t';
import { formatBytes } from '../lib/format';

/** Files picked for a message: uploaded at once, sent as attachmentIds with the message. */
export function useAttachments() {
  const [files, setFiles] = useState<UploadedFile[]>([]);
  const [uploading, setUploading] = useState(0);
  const [error, setError] = useState<string | null>(null);
  /** Uploads the files; resolves to those that were (an image pasted in a text is then linked). */
  const add = async (picked: File[]) => {
    setError(null);
    setUploading((n) => n + picked.length);
    const done: UploadedFile[] = [];
    for (const file of picked) {
      try {
        const uploaded = await uploadFile(file);
        done.push(uploaded);
        setFiles((old) => [...old, uploaded]);
      } catch (e) {
        setError(
          t(
            { id: 'common.attachments.failed', defaultMessage: '{file}: {reason}' },
            { file: file.name, reason: errorMessage(e) },
          ),
        );
      } finally {
        setUploading((n) => n - 1);
      }
    }
    return done;
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

/** The files picked so far, each removable, and what went wrong with the last one. */
function PickedFiles({ state }: { state: AttachmentsState }) {
  const intl = useIntl();
  return (
    <>
      {state.files.length > 0 && (
        <Group gap="xs" wrap="wrap">
          {state.files.map((f) => (
            <Pill
              key={f.id}
              withRemoveButton
              onRemove={() => state.remove(f.id)}
              removeButtonProps={{
                'aria-label': intl.formatMessage(
                  { id: 'common.attachments.remove', defaultMessage: 'Remove {file}' },
                  { file: f.filename },
                ),
              }}
            >
              {f.filename} · {formatBytes(f.size)}
            </Pill>
          ))}
        </Group>
      )}
      {state.error && (
        <Text size="xs" c="red" role="alert">
          {state.error}
        </Text>
      )}
    </>
  );
}

/** A compact "Attach files" button, for a reply box. */
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
              <FormattedMessage id="common.attachments.attach" defaultMessage="Attach files" />
            </Button>
          )}
        </FileButton>
      </Group>
      <PickedFiles state={state} />
    </Stack>
  );
}

/** An area files are dropped on (or clicked, or reached with the keyboard, to choose them). */
export function AttachmentDropzone({ state, label }: { state: AttachmentsState; label: string }) {
  const intl = useIntl();
  return (
    <Stack gap={6}>
      <Dropzone
        onDrop={(files) => void state.add(files)}
        multiple
        loading={state.uploading}
        radius="md"
        p="md"
        aria-label={intl.formatMessage(
          {
            id: 'common.attachments.dropLabel',
            defaultMessage: '{label}: drop files here, or press Enter to choose them',
          },
          { label },
        )}
        data-testid="attachment-dropzone"
      >
        <Group justify="center" gap="sm" wrap="nowrap" style={{ pointerEvents: 'none' }}>
          <IconUpload size={28} stroke={1.5} aria-hidden />
          <div>
            <Text size="sm" fw={500}>
              <FormattedMessage
                id="common.attachments.drop"
                defaultMessage="Drag files here, or click to choose them"
              />
            </Text>
            <Text size="xs" c="dimmed">
              <FormattedMessage
                id="common.attachments.dropHint"
                defaultMessage="Screenshots, logs, PDFs or archives; each up to the size the server allows"
              />
            </Text>
          </div>
        </Group>
      </Dropzone>
      <PickedFiles state={state} />
    </Stack>
  );
}
