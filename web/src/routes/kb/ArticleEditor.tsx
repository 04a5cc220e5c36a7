import { Alert, Anchor, Button, Group, Text } from '@mantine/core';
import { type FormErrors, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconEye, IconHistory, IconShieldCheck } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { defineMessages, FormattedMessage, useIntl } from 'react-intl';
import { type KbArticle, kbArticleBody } from '../../../../common/kb';
import { isApiError } from '../../api/client';
import { useMe } from '../../api/hooks';
import { useAttachments } from '../../components/Attachments';
import { ErrorAlert, PageLoader, Time } from '../../components/bits';
import { ButtonLink } from '../../components/links';
import { serverFieldErrors } from '../../components/ModalForm';
import { currentIntl, t } from '../../i18n/t';
import { ticketRef } from '../../lib/format';
import { validationText } from '../../lib/zodLocale';
import { type DraftFromTicket, kbApi, kbKeys, publicArticleUrl, useArticle } from './api';
import { ConflictAlert } from './ConflictAlert';
import { articleValues, EditorFields, type EditorValues, emptyValues, toBody } from './EditorFields';
import { KbPage, StatusBadge } from './shared';

const newRoute = getRouteApi('/agent/kb/new');
const editRoute = getRouteApi('/agent/kb/articles/$id');

/** A new article: empty, or drafted from a ticket with its personal data taken out. */
export function NewArticlePage() {
  const { fromTicket } = newRoute.useSearch();
  const intl = useIntl();
  const me = useMe();
  const draft = useQuery({
    queryKey: ['kb', 'draft-from-ticket', fromTicket],
    queryFn: () => kbApi.draftFromTicket(fromTicket ?? 0),
    enabled: fromTicket !== undefined,
    staleTime: Number.POSITIVE_INFINITY,
  });
  if (fromTicket !== undefined && draft.isPending)
    return (
      <PageLoader
        label={intl.formatMessage({ id: 'kb.editor.drafting', defaultMessage: 'Drafting from the ticket' })}
      />
    );
  if (draft.isError)
    return (
      <ErrorAlert
        error={draft.error}
        title={intl.formatMessage({
          id: 'kb.editor.draftFailed',
          defaultMessage: 'The ticket could not be drafted from',
        })}
      />
    );
  const initial = emptyValues(me.data?.id ?? null);
  if (draft.data)
    Object.assign(initial, { title: draft.data.title, body: draft.data.body, tags: draft.data.tags });
  return (
    <KbPage
      title={
        fromTicket
          ? intl.formatMessage(
              { id: 'kb.editor.newFromTicket', defaultMessage: 'New article from {ticket}' },
              { ticket: ticketRef(fromTicket) },
            )
          : intl.formatMessage({ id: 'kb.editor.newArticle', defaultMessage: 'New article' })
      }
    >
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
  const intl = useIntl();
  const article = useArticle(id);
  if (article.isPending)
    return (
      <PageLoader
        label={intl.formatMessage({ id: 'kb.editor.loading', defaultMessage: 'Loading the article' })}
      />
    );
  if (article.isError) {
    return isApiError(article.error, 404) ? (
      <Alert
        color="yellow"
        title={intl.formatMessage({ id: 'kb.editor.notFound', defaultMessage: 'No such article' })}
      >
        <FormattedMessage
          id="kb.editor.notFoundText"
          defaultMessage="It was deleted, or the address is wrong."
        />
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
              <FormattedMessage id="kb.editor.helpCentre" defaultMessage="Help centre" />
            </Button>
          )}
          <ButtonLink
            to="/agent/kb/articles/$id/history"
            params={{ id: a.id }}
            variant="default"
            leftSection={<IconHistory size={16} aria-hidden />}
          >
            <FormattedMessage id="kb.editor.history" defaultMessage="History" />
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
        <FormattedMessage
          id="kb.editor.articleLine"
          defaultMessage="Version {version} · updated {when} · {views, plural, one {# view} other {# views}} · used in {uses, plural, one {# ticket} other {# tickets}}"
          values={{ version: a.version, when: <Time iso={a.updatedAt} />, views: a.views, uses: a.uses }}
        />
      </span>
      {a.sourceTicketNumber !== null && (
        <Anchor href={`/agent/tickets/${a.sourceTicketNumber}`} size="sm">
          <FormattedMessage
            id="kb.editor.fromTicket"
            defaultMessage="from {ticket}"
            values={{ ticket: ticketRef(a.sourceTicketNumber) }}
          />
        </Anchor>
      )}
    </Group>
  );
}

const REMOVED_MESSAGES = defineMessages({
  name: { id: 'kb.removed.names', defaultMessage: '{count, plural, one {# name} other {# names}}' },
  email: { id: 'kb.removed.emails', defaultMessage: '{count, plural, one {# email} other {# emails}}' },
  phone: {
    id: 'kb.removed.phoneNumbers',
    defaultMessage: '{count, plural, one {# phone number} other {# phone numbers}}',
  },
  ticket: {
    id: 'kb.removed.ticketNumbers',
    defaultMessage: '{count, plural, one {# ticket number} other {# ticket numbers}}',
  },
  link: { id: 'kb.removed.links', defaultMessage: '{count, plural, one {# link} other {# links}}' },
  other: { id: 'kb.removed.other', defaultMessage: '{count} {kind}' },
});

const REMOVED_KINDS: Record<string, keyof typeof REMOVED_MESSAGES> = {
  name: 'name',
  email: 'email',
  phone: 'phone',
  phonenumber: 'phone',
  ticket: 'ticket',
  ticketnumber: 'ticket',
  link: 'link',
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
      return t(REMOVED_MESSAGES[REMOVED_KINDS[key] ?? 'other'], { count: n, kind });
    });
  return parts.length
    ? currentIntl().formatList(parts, { type: 'unit', style: 'short' })
    : t({ id: 'kb.removed.nothing', defaultMessage: 'nothing was found' });
}

function RemovedNotice({ removed }: { removed: DraftFromTicket['removed'] }) {
  const intl = useIntl();
  return (
    <Alert
      color="blue"
      icon={<IconShieldCheck aria-hidden />}
      title={intl.formatMessage({ id: 'kb.editor.checkBeforeSaving', defaultMessage: 'Check before saving' })}
      role="status"
    >
      <Text size="sm" data-testid="removed-summary">
        <FormattedMessage
          id="kb.editor.removedText"
          defaultMessage="Personal data removed: {summary}. Read the text for anything else that names the customer; the article is saved as a draft until you publish it."
          values={{ summary: removedSummary(removed) }}
        />
      </Text>
    </Alert>
  );
}

/** The form's own rules are the API's: what the server would refuse is shown on the field first. */
function contractErrors(body: unknown): FormErrors {
  const r = kbArticleBody.safeParse(body);
  if (r.success) return {};
  const out: FormErrors = {};
  for (const issue of r.error.issues) out[String(issue.path[0] ?? 'title')] ??= validationText(issue.message);
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
  const intl = useIntl();
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
      notifications.show({
        color: 'green',
        message: article
          ? intl.formatMessage({ id: 'kb.editor.saved', defaultMessage: 'Article saved' })
          : intl.formatMessage({ id: 'kb.editor.created', defaultMessage: 'Article created' }),
      });
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
        save.isError &&
        !onFields && (
          <ErrorAlert
            error={save.error}
            title={intl.formatMessage({ id: 'kb.editor.notSaved', defaultMessage: 'Not saved' })}
          />
        )
      )}
      <EditorFields
        form={form}
        attachments={attachments}
        actions={
          <Group gap="xs" justify="flex-end">
            <ButtonLink to="/agent/kb" variant="default">
              <FormattedMessage id="kb.editor.backToList" defaultMessage="Back to the list" />
            </ButtonLink>
            <Button type="submit" loading={save.isPending} disabled={attachments.uploading}>
              {article ? (
                <FormattedMessage id="kb.editor.save" defaultMessage="Save" />
              ) : (
                <FormattedMessage id="kb.editor.createArticle" defaultMessage="Create article" />
              )}
            </Button>
          </Group>
        }
      />
    </form>
  );
}
