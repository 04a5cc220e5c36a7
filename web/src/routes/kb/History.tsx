import { Badge, Box, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { defineMessages, FormattedMessage, useIntl } from 'react-intl';
import type { KbRevision } from '../../../../common/kb';
import { AdminList, useAdminMutation } from '../../components/admin';
import { RowButton } from '../../components/admin/buttons';
import { ConfirmModal } from '../../components/admin/ConfirmModal';
import { HeaderCells, TimeCell } from '../../components/admin/table';
import { ErrorAlert, PageLoader } from '../../components/bits';
import { ButtonLink } from '../../components/links';
import { type KbDiff, kbApi, kbKeys, useArticle } from './api';
import { KbPage, StatusBadge } from './shared';

const route = getRouteApi('/agent/kb/articles/$id/history');

/** Every saved version of an article: who, when and why; a diff against the current one; restore. */
export function ArticleHistoryPage() {
  const { id } = route.useParams();
  const article = useArticle(id);
  const revisions = useQuery({
    queryKey: kbKeys.revisions(id),
    queryFn: async () => (await kbApi.revisions(id)).items.sort((a, b) => b.version - a.version),
  });
  const intl = useIntl();
  const [comparing, setComparing] = useState<number | null>(null);
  const [restoring, setRestoring] = useState<KbRevision | null>(null);
  const restore = useAdminMutation({
    fn: (r: KbRevision) => kbApi.restore(id, r.version),
    invalidate: [kbKeys.article(id), kbKeys.revisions(id), ['kb', 'articles']],
    success: (saved, r) =>
      intl.formatMessage(
        { id: 'kb.history.restored', defaultMessage: 'Version {from} restored as version {to}' },
        { from: r.version, to: saved.version },
      ),
    onSuccess: () => {
      setRestoring(null);
      setComparing(null);
    },
  });
  if (article.isPending)
    return (
      <PageLoader
        label={intl.formatMessage({ id: 'kb.history.loading', defaultMessage: 'Loading the history' })}
      />
    );
  if (article.isError) return <ErrorAlert error={article.error} onRetry={() => article.refetch()} />;
  const current = article.data.version;
  return (
    <KbPage
      title={intl.formatMessage(
        { id: 'kb.history.title', defaultMessage: 'History of “{title}”' },
        { title: article.data.title },
      )}
      description={intl.formatMessage(
        {
          id: 'kb.history.description',
          defaultMessage:
            'The article is at version {version}. Restoring an older version saves it again as a new one; nothing is lost.',
        },
        { version: current },
      )}
      action={
        <ButtonLink to="/agent/kb/articles/$id" params={{ id }} variant="default">
          <FormattedMessage id="kb.history.backToArticle" defaultMessage="Back to the article" />
        </ButtonLink>
      }
    >
      <AdminList
        query={revisions}
        items={revisions.data}
        empty={{
          icon: <IconHistory aria-hidden />,
          title: intl.formatMessage({ id: 'kb.history.empty', defaultMessage: 'No versions saved yet' }),
        }}
        minWidth={760}
        tableProps={
          {
            'aria-label': intl.formatMessage({ id: 'kb.history.versions', defaultMessage: 'Versions' }),
          } as object
        }
        head={
          <HeaderCells
            columns={[
              { label: intl.formatMessage({ id: 'kb.history.version', defaultMessage: 'Version' }), w: 90 },
              intl.formatMessage({ id: 'kb.history.savedBy', defaultMessage: 'Saved by' }),
              { label: intl.formatMessage({ id: 'kb.history.when', defaultMessage: 'When' }), w: 130 },
              intl.formatMessage({ id: 'kb.history.note', defaultMessage: 'Note' }),
              intl.formatMessage({ id: 'kb.history.status', defaultMessage: 'Status' }),
            ]}
            actions
          />
        }
      >
        {(r) => (
          <Table.Tr key={r.id} bg={comparing === r.version ? 'var(--mantine-color-blue-light)' : undefined}>
            <Table.Td>
              {r.version}
              {r.version === current && (
                <Badge ms={6} size="xs" variant="outline">
                  <FormattedMessage id="kb.history.current" defaultMessage="current" />
                </Badge>
              )}
            </Table.Td>
            <Table.Td>{r.author?.name ?? '—'}</Table.Td>
            <TimeCell iso={r.createdAt} />
            <Table.Td>
              <Text size="sm">{r.note ?? ''}</Text>
            </Table.Td>
            <Table.Td>
              <StatusBadge status={r.status} />
            </Table.Td>
            <Table.Td>
              {r.version !== current && (
                <Group gap={6} wrap="nowrap">
                  <RowButton
                    label={intl.formatMessage(
                      {
                        id: 'kb.history.compareLabel',
                        defaultMessage: 'Compare version {version} with the current one',
                      },
                      { version: r.version },
                    )}
                    onClick={() => setComparing(r.version)}
                  >
                    <FormattedMessage id="kb.history.compare" defaultMessage="Compare" />
                  </RowButton>
                  <RowButton
                    label={intl.formatMessage(
                      {
                        id: 'kb.history.restoreLabel',
                        defaultMessage: 'Restore this version (version {version})',
                      },
                      { version: r.version },
                    )}
                    onClick={() => setRestoring(r)}
                  >
                    <FormattedMessage id="kb.history.restoreThis" defaultMessage="Restore this version" />
                  </RowButton>
                </Group>
              )}
            </Table.Td>
          </Table.Tr>
        )}
      </AdminList>
      {comparing !== null && <DiffCard id={id} from={comparing} to={current} />}
      <ConfirmModal
        opened={restoring !== null}
        onClose={() => setRestoring(null)}
        title={intl.formatMessage(
          { id: 'kb.history.restoreTitle', defaultMessage: 'Restore version {version}?' },
          { version: restoring?.version ?? '' },
        )}
        confirmLabel={intl.formatMessage({ id: 'kb.history.restore', defaultMessage: 'Restore' })}
        pending={restore.isPending}
        onConfirm={() => restoring && restore.mutate(restoring)}
      >
        <Text size="sm">
          {restoring?.status === 'published' ? (
            <FormattedMessage
              id="kb.history.restoreTextPublished"
              defaultMessage="Its title, text, status and visibility become the article's again, saved as version {version}. It is published as it was then."
              values={{ version: current + 1 }}
            />
          ) : (
            <FormattedMessage
              id="kb.history.restoreText"
              defaultMessage="Its title, text, status and visibility become the article's again, saved as version {version}."
              values={{ version: current + 1 }}
            />
          )}
        </Text>
      </ConfirmModal>
    </KbPage>
  );
}

/** What changed between an old version and the current one, line by line. */
function DiffCard({ id, from, to }: { id: string; from: number; to: number }) {
  const intl = useIntl();
  const diff = useQuery({ queryKey: kbKeys.diff(id, from, to), queryFn: () => kbApi.diff(id, from) });
  return (
    <Card withBorder radius="md" p="md" data-testid="kb-diff">
      <Stack gap="sm">
        <Title order={2} size="h4">
          <FormattedMessage
            id="kb.history.diffTitle"
            defaultMessage="Version {from} → version {to} (current)"
            values={{ from, to }}
          />
        </Title>
        {diff.isPending && (
          <PageLoader
            label={intl.formatMessage({ id: 'kb.history.comparing', defaultMessage: 'Comparing' })}
          />
        )}
        {diff.isError && <ErrorAlert error={diff.error} />}
        {diff.data && <DiffLines diff={diff.data} />}
      </Stack>
    </Card>
  );
}

const LINE_STYLE = {
  same: { sign: ' ', bg: undefined },
  added: { sign: '+', bg: 'var(--mantine-color-green-light)' },
  removed: { sign: '−', bg: 'var(--mantine-color-red-light)' },
} as const;

const LINE_LABELS = defineMessages({
  same: { id: 'kb.history.lineSame', defaultMessage: 'unchanged:' },
  added: { id: 'kb.history.lineAdded', defaultMessage: 'added:' },
  removed: { id: 'kb.history.lineRemoved', defaultMessage: 'removed:' },
});

function DiffLines({ diff }: { diff: KbDiff }) {
  const intl = useIntl();
  if (!diff.lines.some((l) => l.op !== 'same'))
    return (
      <Text size="sm" c="dimmed">
        <FormattedMessage
          id="kb.history.noChanges"
          defaultMessage="The title and text are the same in both versions."
        />
      </Text>
    );
  return (
    <Box
      component="ol"
      aria-label={intl.formatMessage({ id: 'kb.history.changedLines', defaultMessage: 'Changed lines' })}
      m={0}
      p={0}
      style={{
        listStyle: 'none',
        fontFamily: 'var(--mantine-font-family-monospace)',
        fontSize: 13,
        overflowX: 'auto',
      }}
    >
      {diff.lines.map((l, i) => {
        const s = LINE_STYLE[l.op];
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: a diff's lines have no identity but their place
          <li key={i} data-op={l.op} style={{ background: s.bg, whiteSpace: 'pre-wrap', padding: '0 8px' }}>
            <span aria-hidden>{s.sign}</span>
            <span className="sr-only">{intl.formatMessage(LINE_LABELS[l.op])} </span> {l.text}
          </li>
        );
      })}
    </Box>
  );
}
