import {
  Grid,
  MultiSelect,
  SegmentedControl,
  Select,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useRef } from 'react';
import { useIntl } from 'react-intl';
import {
  KB_STATUSES,
  KB_VISIBILITIES,
  type KbArticle,
  type KbStatus,
  type KbVisibility,
} from '../../../../common/kb';
import { get } from '../../api/client';
import { useOrganisations, useStaff } from '../../api/hooks';
import { AttachmentPicker, type AttachmentsState } from '../../components/Attachments';
import { FormatToolbar } from '../../components/FormatToolbar';
import type { ArticleBody } from './api';
import { categoryOptions, useCategories } from './api';
import { statusLabel, visibilityLabel } from './shared';

export type EditorValues = {
  title: string;
  slug: string;
  categoryId: string | null;
  body: string;
  status: KbStatus;
  visibility: KbVisibility;
  /** `organisation:<id>` or `plan:<id>`, as the audience picker holds them. */
  audiences: string[];
  tags: string[];
  ownerId: string | null;
  reviewBy: string;
  note: string;
};

export const emptyValues = (ownerId: string | null): EditorValues => ({
  title: '',
  slug: '',
  categoryId: null,
  body: '',
  status: 'draft',
  visibility: 'staff',
  audiences: [],
  tags: [],
  ownerId,
  reviewBy: '',
  note: '',
});

export const articleValues = (a: KbArticle): EditorValues => ({
  title: a.title,
  slug: a.slug,
  categoryId: a.category?.id ?? null,
  body: a.body,
  status: a.status,
  visibility: a.visibility,
  audiences: a.audiences.map((x) => `${x.kind}:${x.id}`),
  tags: a.tags,
  ownerId: a.owner?.id ?? null,
  reviewBy: a.reviewBy ?? '',
  note: '',
});

/** The request body the form's values make; empty optional fields are left to the server. */
export function toBody(v: EditorValues, attachmentIds: string[]): ArticleBody {
  return {
    title: v.title,
    body: v.body,
    ...(v.slug.trim() ? { slug: v.slug.trim() } : {}),
    categoryId: v.categoryId,
    status: v.status,
    visibility: v.visibility,
    audiences:
      v.visibility === 'restricted'
        ? v.audiences.map((a) => {
            const [kind, id] = a.split(':') as ['organisation' | 'plan', string];
            return { kind, id };
          })
        : [],
    tags: v.tags,
    ownerId: v.ownerId,
    reviewBy: v.reviewBy || null,
    ...(attachmentIds.length ? { attachmentIds } : {}),
    ...(v.note.trim() ? { note: v.note.trim() } : {}),
  };
}

type Form = UseFormReturnType<EditorValues>;

/** Title, address and category; the text with its formatting, preview and images; then how it is shown. */
export function EditorFields({
  form,
  attachments,
  actions,
}: {
  form: Form;
  attachments: AttachmentsState;
  /** Save and the way back: at the head of the side column, clear of notices at the foot of the screen. */
  actions: ReactNode;
}) {
  const intl = useIntl();
  const categories = useCategories();
  const box = useRef<HTMLTextAreaElement>(null);
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Stack gap="sm">
          <TextInput
            label={intl.formatMessage({ id: 'kb.editor.title', defaultMessage: 'Title' })}
            required
            maxLength={200}
            {...form.getInputProps('title')}
          />
          <TextInput
            label={intl.formatMessage({ id: 'kb.editor.address', defaultMessage: 'Address' })}
            description={intl.formatMessage({
              id: 'kb.editor.addressDescription',
              defaultMessage:
                "The end of the help centre's address, such as reset-your-password; made from the title when left empty",
            })}
            {...form.getInputProps('slug')}
          />
          <Select
            label={intl.formatMessage({ id: 'kb.editor.category', defaultMessage: 'Category or section' })}
            placeholder={intl.formatMessage({ id: 'kb.editor.noCategory', defaultMessage: 'None' })}
            clearable
            searchable
            data={categoryOptions(categories.data ?? [])}
            {...form.getInputProps('categoryId')}
          />
          <Stack gap={4}>
            <FormatToolbar
              textarea={box}
              onChange={(text) => form.setFieldValue('body', text)}
              attachments={attachments}
            />
            <Textarea
              ref={box}
              label={intl.formatMessage({ id: 'kb.editor.text', defaultMessage: 'Text' })}
              description={intl.formatMessage({
                id: 'kb.editor.textDescription',
                defaultMessage:
                  'Markdown, as in replies: headings, lists, code, tables. Paste or drop images to put them in.',
              })}
              autosize
              minRows={12}
              maxRows={40}
              {...form.getInputProps('body')}
            />
            <AttachmentPicker state={attachments} />
          </Stack>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Stack gap="md">
          {actions}
          <PublishingFields form={form} />
        </Stack>
      </Grid.Col>
    </Grid>
  );
}

/** Status, who may read it, tags, owner, review date and the change note. */
function PublishingFields({ form }: { form: Form }) {
  const intl = useIntl();
  const staff = useStaff();
  const v = form.getValues();
  return (
    <Stack gap="sm">
      <Stack gap={4}>
        <Text size="sm" fw={500} id="kb-status-label">
          {intl.formatMessage({ id: 'kb.editor.status', defaultMessage: 'Status' })}
        </Text>
        <SegmentedControl
          aria-labelledby="kb-status-label"
          fullWidth
          data={KB_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))}
          {...form.getInputProps('status')}
        />
      </Stack>
      <Select
        label={intl.formatMessage({ id: 'kb.editor.visibility', defaultMessage: 'Visibility' })}
        allowDeselect={false}
        data={KB_VISIBILITIES.map((x) => ({ value: x, label: visibilityLabel(x) }))}
        {...form.getInputProps('visibility')}
      />
      {v.visibility === 'restricted' && <AudiencePicker form={form} />}
      <TagsInput
        label={intl.formatMessage({ id: 'kb.editor.tags', defaultMessage: 'Tags' })}
        description={intl.formatMessage({
          id: 'kb.editor.tagsDescription',
          defaultMessage: 'Press Enter after each',
        })}
        maxTags={30}
        {...form.getInputProps('tags')}
        onChange={(tags) =>
          form.setFieldValue('tags', tags.map((t) => t.trim().toLowerCase()).filter(Boolean))
        }
      />
      <Select
        label={intl.formatMessage({ id: 'kb.editor.owner', defaultMessage: 'Owner' })}
        description={intl.formatMessage({
          id: 'kb.editor.ownerDescription',
          defaultMessage: 'Who keeps it up to date',
        })}
        placeholder={intl.formatMessage({ id: 'kb.editor.nobody', defaultMessage: 'Nobody' })}
        clearable
        searchable
        data={(staff.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
        {...form.getInputProps('ownerId')}
      />
      <TextInput
        label={intl.formatMessage({ id: 'kb.editor.reviewBy', defaultMessage: 'Review by' })}
        type="date"
        {...form.getInputProps('reviewBy')}
      />
      <TextInput
        label={intl.formatMessage({ id: 'kb.editor.changeNote', defaultMessage: 'Change note' })}
        description={intl.formatMessage({
          id: 'kb.editor.changeNoteDescription',
          defaultMessage: 'What changed, kept in the history',
        })}
        maxLength={500}
        {...form.getInputProps('note')}
      />
    </Stack>
  );
}

/** For "Chosen organisations and plans": whose customers may read it. */
function AudiencePicker({ form }: { form: Form }) {
  const intl = useIntl();
  const organisations = useOrganisations();
  const plans = useQuery({
    queryKey: ['plans'],
    queryFn: async () => (await get('/plans')).items,
    staleTime: 60_000,
  });
  const data = [
    {
      group: intl.formatMessage({ id: 'kb.editor.organisations', defaultMessage: 'Organisations' }),
      items: (organisations.data ?? []).map((o) => ({ value: `organisation:${o.id}`, label: o.name })),
    },
    {
      group: intl.formatMessage({ id: 'kb.editor.plans', defaultMessage: 'Plans' }),
      items: (plans.data ?? []).map((p) => ({ value: `plan:${p.id}`, label: p.name })),
    },
  ];
  return (
    <MultiSelect
      label={intl.formatMessage({ id: 'kb.editor.audiences', defaultMessage: 'Organisations and plans' })}
      description={intl.formatMessage({
        id: 'kb.editor.audiencesDescription',
        defaultMessage: 'Their customers may read it once published; staff always can',
      })}
      placeholder={intl.formatMessage({
        id: 'kb.editor.audiencesPlaceholder',
        defaultMessage: 'Pick at least one',
      })}
      searchable
      data={data}
      {...form.getInputProps('audiences')}
    />
  );
}
