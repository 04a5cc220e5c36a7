import { ActionIcon, Box, Group, Loader, SegmentedControl, Stack, Text, Tooltip } from '@mantine/core';
import {
  IconBlockquote,
  IconBold,
  IconCode,
  IconItalic,
  IconLink,
  IconList,
  IconListNumbers,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import { defineMessages, FormattedMessage, type MessageDescriptor, useIntl } from 'react-intl';
import { send } from '../api/client';
import { t as translate } from '../i18n/t';
import type { AttachmentsState } from './Attachments';
import classes from './Thread.module.css';

type Edit = { text: string; from: number; to: number };

/** Wraps the selection (or a placeholder word) in `before`/`after`, keeping it selected. */
function wrap(value: string, from: number, to: number, before: string, after: string, word: string): Edit {
  const picked = value.slice(from, to) || word;
  return {
    text: value.slice(0, from) + before + picked + after + value.slice(to),
    from: from + before.length,
    to: from + before.length + picked.length,
  };
}

/** Starts each selected line with `prefix` (numbered lists count up). */
function prefixLines(value: string, from: number, to: number, prefix: (i: number) => string): Edit {
  const start = value.lastIndexOf('\n', from - 1) + 1;
  const lines = value.slice(start, to).split('\n');
  const block = lines.map((l, i) => prefix(i) + l).join('\n');
  return { text: value.slice(0, start) + block + value.slice(to), from: start, to: start + block.length };
}

const LABEL = defineMessages({
  bold: { id: 'common.format.bold', defaultMessage: 'Bold' },
  italic: { id: 'common.format.italic', defaultMessage: 'Italic' },
  link: { id: 'common.format.link', defaultMessage: 'Insert link' },
  bullets: { id: 'common.format.bullets', defaultMessage: 'Bulleted list' },
  numbers: { id: 'common.format.numbers', defaultMessage: 'Numbered list' },
  quote: { id: 'common.format.quote', defaultMessage: 'Quote' },
  code: { id: 'common.format.code', defaultMessage: 'Code' },
});
const WORD = defineMessages({
  bold: { id: 'common.format.boldText', defaultMessage: 'bold text' },
  italic: { id: 'common.format.italicText', defaultMessage: 'italic text' },
  link: { id: 'common.format.linkText', defaultMessage: 'link text' },
  code: { id: 'common.format.codeText', defaultMessage: 'code' },
});

const ACTIONS = {
  bold: {
    label: LABEL.bold,
    keys: 'Ctrl+B',
    icon: IconBold,
    edit: (v, f, t) => wrap(v, f, t, '**', '**', translate(WORD.bold)),
  },
  italic: {
    label: LABEL.italic,
    keys: 'Ctrl+I',
    icon: IconItalic,
    edit: (v, f, t) => wrap(v, f, t, '_', '_', translate(WORD.italic)),
  },
  link: {
    label: LABEL.link,
    keys: 'Ctrl+K',
    icon: IconLink,
    edit: (v, f, t) => {
      const text = v.slice(f, t) || translate(WORD.link);
      const url = 'https://';
      const next = `${v.slice(0, f)}[${text}](${url})${v.slice(t)}`;
      // The address is what is left to type: selected, ready to be replaced.
      const at = f + text.length + 3;
      return { text: next, from: at, to: at + url.length };
    },
  },
  bullets: { label: LABEL.bullets, icon: IconList, edit: (v, f, t) => prefixLines(v, f, t, () => '- ') },
  numbers: {
    label: LABEL.numbers,
    icon: IconListNumbers,
    edit: (v, f, t) => prefixLines(v, f, t, (i) => `${i + 1}. `),
  },
  quote: { label: LABEL.quote, icon: IconBlockquote, edit: (v, f, t) => prefixLines(v, f, t, () => '> ') },
  code: {
    label: LABEL.code,
    icon: IconCode,
    edit: (v, f, t) =>
      v.slice(f, t).includes('\n')
        ? wrap(v, f, t, '```\n', '\n```', '')
        : wrap(v, f, t, '`', '`', translate(WORD.code)),
  },
} satisfies Record<
  string,
  {
    label: MessageDescriptor;
    keys?: string;
    icon: typeof IconBold;
    edit: (v: string, f: number, t: number) => Edit;
  }
>;
type ActionKey = keyof typeof ACTIONS;
const SHORTCUTS: Record<string, ActionKey> = { b: 'bold', i: 'italic', k: 'link' };

const isImage = (f: File) => f.type.startsWith('image/');
/** Markdown link text may not hold brackets or line breaks. */
const altText = (name: string) => name.replace(/[[\]\r\n]/g, ' ').trim() || 'image';

/**
 * Formatting for a Markdown text box, put just above it: buttons and Ctrl/⌘+B, I, K that wrap the
 * selection, images pasted or dropped uploaded as attachments and put in at the cursor, and a
 * preview the server renders (the same renderer as the sent message), shown in the box's place.
 */
export function FormatToolbar({
  textarea,
  onChange,
  attachments,
  disabled,
}: {
  textarea: RefObject<HTMLTextAreaElement | null>;
  onChange: (text: string) => void;
  /** Where pasted and dropped images go; without it they are left to the browser. */
  attachments?: AttachmentsState;
  disabled?: boolean;
}) {
  const [mode, setMode] = useState<'write' | 'preview'>('write');
  const intl = useIntl();
  const latest = useRef({ onChange, attachments });
  latest.current = { onChange, attachments };

  const apply = useCallback(
    (edit: Edit) => {
      latest.current.onChange(edit.text);
      requestAnimationFrame(() => {
        const el = textarea.current;
        el?.focus();
        el?.setSelectionRange(edit.from, edit.to);
      });
    },
    [textarea],
  );
  const run = (key: ActionKey) => {
    const el = textarea.current;
    if (!el) return;
    apply(ACTIONS[key].edit(el.value, el.selectionStart, el.selectionEnd));
  };
  const runRef = useRef(run);
  runRef.current = run;

  useEffect(() => {
    const el = textarea.current;
    if (!el) return;
    const onKey = (e: KeyboardEvent) => {
      const key = SHORTCUTS[e.key.toLowerCase()];
      if (!key || !(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      e.preventDefault();
      runRef.current(key);
    };
    const putImages = (files: File[], e: Event) => {
      const state = latest.current.attachments;
      const images = files.filter(isImage);
      if (!state || images.length === 0) return;
      e.preventDefault();
      void state.add(images).then((uploaded) => {
        const box = textarea.current;
        if (!box || uploaded.length === 0) return;
        const text = uploaded.map((f) => `![${altText(f.filename)}](/api/v1/attachments/${f.id})`).join('\n');
        const at = box.selectionEnd;
        const next = box.value.slice(0, at) + text + box.value.slice(at);
        apply({ text: next, from: at + text.length, to: at + text.length });
      });
    };
    const onPaste = (e: ClipboardEvent) => putImages([...(e.clipboardData?.files ?? [])], e);
    const onDrop = (e: DragEvent) => putImages([...(e.dataTransfer?.files ?? [])], e);
    el.addEventListener('keydown', onKey);
    el.addEventListener('paste', onPaste);
    el.addEventListener('drop', onDrop);
    return () => {
      el.removeEventListener('keydown', onKey);
      el.removeEventListener('paste', onPaste);
      el.removeEventListener('drop', onDrop);
    };
  }, [textarea, apply]);

  const writing = mode === 'write';
  // The box keeps its text, cursor and handlers while the preview stands in its place.
  useEffect(() => {
    const box = textarea.current?.closest<HTMLElement>('.mantine-Textarea-root');
    if (box) box.style.display = writing ? '' : 'none';
  }, [writing, textarea]);
  return (
    <Stack gap={4}>
      <Group gap={4} justify="space-between" wrap="wrap">
        <Group
          gap={2}
          role="toolbar"
          aria-label={intl.formatMessage({ id: 'common.format.toolbar', defaultMessage: 'Formatting' })}
        >
          {(Object.keys(ACTIONS) as ActionKey[]).map((key) => {
            const a: { label: MessageDescriptor; keys?: string; icon: typeof IconBold } = ACTIONS[key];
            const Icon = a.icon;
            const label = intl.formatMessage(a.label);
            const title = a.keys
              ? intl.formatMessage(
                  { id: 'common.format.withKeys', defaultMessage: '{label} ({keys})' },
                  { label, keys: a.keys },
                )
              : label;
            return (
              <Tooltip key={key} label={title} openDelay={400}>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  size="md"
                  aria-label={label}
                  disabled={disabled || !writing}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => run(key)}
                >
                  <Icon size={16} aria-hidden />
                </ActionIcon>
              </Tooltip>
            );
          })}
        </Group>
        <SegmentedControl
          size="xs"
          value={mode}
          onChange={(v) => setMode(v === 'preview' ? 'preview' : 'write')}
          data={[
            {
              value: 'write',
              label: intl.formatMessage({ id: 'common.format.write', defaultMessage: 'Write' }),
            },
            {
              value: 'preview',
              label: intl.formatMessage({ id: 'common.format.preview', defaultMessage: 'Preview' }),
            },
          ]}
          aria-label={intl.formatMessage({ id: 'common.format.mode', defaultMessage: 'Write or preview' })}
          disabled={disabled}
        />
      </Group>
      {!writing && <Preview body={textarea.current?.value ?? ''} attachmentIds={attachments?.ids ?? []} />}
    </Stack>
  );
}

/** The text as it will be shown, rendered and sanitised by the server. */
function Preview({ body, attachmentIds }: { body: string; attachmentIds: string[] }) {
  const intl = useIntl();
  const q = useQuery({
    queryKey: ['format-preview', body, attachmentIds],
    queryFn: () =>
      send('POST /format/preview', {
        body: { body, format: 'markdown', ...(attachmentIds.length ? { attachmentIds } : {}) },
      }),
  });
  if (q.isPending)
    return (
      <Loader
        size="sm"
        aria-label={intl.formatMessage({
          id: 'common.format.rendering',
          defaultMessage: 'Rendering the preview',
        })}
      />
    );
  if (q.isError)
    return (
      <Text size="sm" c="red" role="alert">
        <FormattedMessage id="common.format.previewFailed" defaultMessage="The preview could not be shown." />
      </Text>
    );
  if (!body.trim())
    return (
      <Text size="sm" c="dimmed">
        <FormattedMessage id="common.format.previewEmpty" defaultMessage="Nothing to preview yet." />
      </Text>
    );
  return (
    <Box
      className={classes.body}
      data-testid="format-preview"
      p="sm"
      mih={96}
      style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 4 }}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised on the server with the message allow-list
      dangerouslySetInnerHTML={{ __html: q.data.html }}
    />
  );
}
