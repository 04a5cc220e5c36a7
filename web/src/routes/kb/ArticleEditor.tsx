import { Alert, Anchor, Button, Group, Text } from '@mantine/core';
import { type FormErrors, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconEye, IconHistory, IconShieldCheck } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { type KbArticle, kbArticleBody } from '../../../../common/kb';
import { isApiError } from '../../api/client';
import { useMe } from '../../api/hooks';
import { useAttachments } from '../../components/Attachments';
import { ErrorAlert, PageLoader, Time } from '../../components/bits';
import { ButtonLink } from '../../components/links';
import { serverFieldErrors } from '../../components/ModalForm';
import { ticketRef } from '../../lib/format';
import { type DraftFromTicket, kbApi, kbKeys, publicArticleUrl, useArticle } from './api';
import { ConflictAlert } from './ConflictAlert';
import { articleValues, EditorFields, type EditorValues, emptyValues, toBody } from './EditorFields';
import { KbPage, StatusBadge } from './shared';

const newRoute = getRouteApi('/agent/kb/new');
const editRoute = getRouteApi('/agent/kb/articles/$id');

/** A new article: empty, or drafted from a ticket with its personal data taken out. */
export function NewArticlePage() {
  const { fromTicket } = newRoute.useSearch();
  const me = useMe();
  const draft = useQuery({
    queryKey: ['kb', 'draft-from-ticket', fromTicket],
    queryFn: () => kbApi.draftFromTicket(fromTicket ?? 0),
    enabled: fromTicket !== undefined,
    staleTime: Number.POSITIVE_INFINITY,
  });
  if (fromTicket !== undefined && draft.isPending) return <PageLoader label="Drafting from the ticket" />;
  if (draft.isError) return <ErrorAlert error={draft.error} title="The ticket could not be drafted from" />;
  const initial = emptyValues(me.data?.id ?? null);
  if (draft.data)
    Object.assign(initial, { title: draft.data.title, body: draft.data.body, tags: draft.data.tags });
  return (
    <KbPage title={fromTicket ? `New article from ${ticketRef(fromTicket)}` : 'New article'}>
      {draft.data && <RemovedNotice removed={draft.data.removed} />}
      <ArticleForm
        article={null}
        initial={initial}
        sourceTicketNumber={draft.data ? fromTicket : undefined}
      />
    </KbPage>
  );
}

/** An article as staff edit it, at the version it was loaded. */
export function EditArticlePage() {
  const { id } = editRoute.useParams();
  const article = useArticle(id);
  if (article.isPending) return <PageLoader label="Loading the article" />;
  if (article.isError) {
    return isApiError(article.error, 404) ? (
      <Alert color="yellow" title="No such article">
        It was deleted, or the address is wrong.
      </Alert>
    ) : (
      <ErrorAlert error={article.error} onRetry={() => article.refetch()} />
    );
  }
  const a = article.data;
  return (
    <KbPage
      title={a.title}
      description={<ArticleLine article={a} />}
      action={
        <Group gap="xs">
          {a.status === 'published' && a.visibility !== 'staff' && (
            <Button
              component="a"
              href={publicArticleUrl(a.slug)}
              target="_blank"
              variant="default"
              leftSection={<IconEye size={16} aria-hidden />}
            >
              Help centre
            </Button>
          )}
          <ButtonLink
            to="/agent/kb/articles/$id/history"
            params={{ id: a.id }}
            variant="default"
            leftSection={<IconHistory size={16} aria-hidden />}
          >
            History
          </ButtonLink>
        </Group>
      }
    >
      {/* A new key per loaded version: the form starts from what the server holds. */}
      <ArticleForm key={`${a.id}:${a.version}`} article={a} initial={articleValues(a)} />
    </KbPage>
  );
}

function ArticleLine({ article: a }: { article: KbArticle }) {
  return (
    <Group gap={6} component="span" wrap="wrap">
      <StatusBadge status={a.status} />
      <span>
        Version {a.version} · updated <Time iso={a.updatedAt} /> · {a.views} views · used in {a.uses}{' '}
        {a.uses === 1 ? 'ticket' : 'tickets'}
      </span>
      {a.sourceTicketNumber !== null && (
        <Anchor href={`/agent/tickets/${a.sourceTicketNumber}`} size="sm">
          from {ticketRef(a.sourceTicketNumber)}
        </Anchor>
      )}
    </Group>
  );
}

const REMOVED_WORDS: Record<string, [string, string]> = {
  name: ['name', 'names'],
  email: ['email', 'emails'],
  phone: ['phone number', 'phone numbers'],
  phonenumber: ['phone number', 'phone numbers'],
  ticket: ['ticket number', 'ticket numbers'],
  ticketnumber: ['ticket number', 'ticket numbers'],
  link: ['link', 'links'],
};

/** "2 names, 1 email, …" from the scrub's counts by kind. */
export function removedSummary(removed: DraftFromTicket['removed']): string {
  const parts = Object.entries(removed)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => {
      const key = kind
        .toLowerCase()
        .replace(/[^a-z]/g, '')
        .replace(/s$/, '');
      const [one, many] = REMOVED_WORDS[key] ?? [kind, kind];
      return `${n} ${n === 1 ? one : many}`;
    });
  return parts.length ? parts.join(', ') : 'nothing was found';
}

function RemovedNotice({ removed }: { removed: DraftFromTicket['removed'] }) {
  return (
    <Alert color="blue" icon={<IconShieldCheck aria-hidden />} title="Check before saving" role="status">
      <Text size="sm" data-testid="removed-summary">
        Personal data removed: {removedSummary(removed)}. Read the text for anything else that names the
        customer; the article is saved as a draft until you publish it.
      </Text>
    </Alert>
  );
}

/** The form's own rules are the API's: what the server would refuse is shown on the field first. */
function contractErrors(body: unknown): FormErrors {
  const r = kbArticleBody.safeParse(body);
  if (r.success) return {};
  const out: FormErrors = {};
  for (const issue of r.error.issues) out[String(issue.path[0] ?? 'title')] ??= issue.message;
  return out;
}

/** The fields and Save: a new article is created; an edit names the version it was made from. */
function ArticleForm({
  article,
  initial,
  sourceTicketNumber,
}: {
  article: KbArticle | null;
  initial: EditorValues;
  /** The ticket a new article was drafted from, which it then names. */
  sourceTicketNumber?: number;
}) {
  const form = useForm<EditorValues>({ initialValues: initial });
  const attachments = useAttachments();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [conflict, setConflict] = useState(false);
  const save = useMutation({
    mutationFn: async ({ values, version }: { values: EditorValues; version?: number }) => {
      const body = toBody(values, attachments.ids);
      if (!article) return kbApi.createArticle({ ...body, sourceTicketNumber });
      return kbApi.updateArticle(article.id, { ...body, version: version ?? article.version });
    },
    onSuccess: (saved) => {
      attachments.clear();
      setConflict(false);
      void qc.invalidateQueries({ queryKey: ['kb', 'articles'] });
      void qc.invalidateQueries({ queryKey: kbKeys.revisions(saved.id) });
      qc.setQueryData(kbKeys.article(saved.id), saved);
      notifications.show({ color: 'green', message: article ? 'Article saved' : 'Article created' });
      if (!article) void navigate({ to: '/agent/kb/articles/$id', params: { id: saved.id }, replace: true });
    },
    onError: (e) => {
      if (isApiError(e, 409) && article) setConflict(true);
      else form.setErrors(serverFieldErrors(e));
    },
  });
  const submit = (values: EditorValues, version?: number) => {
    const errors = contractErrors(toBody(values, attachments.ids));
    if (Object.keys(errors).length) form.setErrors(errors);
    else save.mutate({ values, version });
  };
  const onFields = Object.keys(serverFieldErrors(save.error)).some((k) => k in initial);
  return (
    <form noValidate onSubmit={form.onSubmit((v) => submit(v))}>
      {conflict && article ? (
        <ConflictAlert
          article={article}
          saving={save.isPending}
          onOverwrite={(latest) => submit(form.getValues(), latest)}
          onDiscard={() => void qc.invalidateQueries({ queryKey: kbKeys.article(article.id) })}
        />
      ) : (
        save.isError && !onFields && <ErrorAlert error={save.error} title="Not saved" />
      )}
      <EditorFields
        form={form}
        attachments={attachments}
        actions={
          <Group gap="xs" justify="flex-end">
            <ButtonLink to="/agent/kb" variant="default">
              Back to the list
            </ButtonLink>
            <Button type="submit" loading={save.isPending} disabled={attachments.uploading}>
              {article ? 'Save' : 'Create article'}
            </Button>
          </Group>
        }
      />
    </form>
  );
}
