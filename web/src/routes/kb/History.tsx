import { Badge, Box, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
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
  const [comparing, setComparing] = useState<number | null>(null);
  const [restoring, setRestoring] = useState<KbRevision | null>(null);
  const restore = useAdminMutation({
    fn: (r: KbRevision) => kbApi.restore(id, r.version),
    invalidate: [kbKeys.article(id), kbKeys.revisions(id), ['kb', 'articles']],
    success: (saved, r) => `Version ${r.version} restored as version ${saved.version}`,
    onSuccess: () => {
      setRestoring(null);
      setComparing(null);
    },
  });
  if (article.isPending) return <PageLoader label="Loading the history" />;
  if (article.isError) return <ErrorAlert error={article.error} onRetry={() => article.refetch()} />;
  const current = article.data.version;
  return (
    <KbPage
      title={`History of “${article.data.title}”`}
      description={`The article is at version ${current}. Restoring an older version saves it again as a new one; nothing is lost.`}
      action={
        <ButtonLink to="/agent/kb/articles/$id" params={{ id }} variant="default">
          Back to the article
        </ButtonLink>
      }
    >
      <AdminList
        query={revisions}
        items={revisions.data}
        empty={{ icon: <IconHistory aria-hidden />, title: 'No versions saved yet' }}
        minWidth={760}
        tableProps={{ 'aria-label': 'Versions' } as object}
        head={
          <HeaderCells
            columns={[{ label: 'Version', w: 90 }, 'Saved by', { label: 'When', w: 130 }, 'Note', 'Status']}
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
                  current
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
                    label={`Compare version ${r.version} with the current one`}
                    onClick={() => setComparing(r.version)}
                  >
                    Compare
                  </RowButton>
                  <RowButton
                    label={`Restore this version (version ${r.version})`}
                    onClick={() => setRestoring(r)}
                  >
                    Restore this version
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
        title={`Restore version ${restoring?.version}?`}
        confirmLabel="Restore"
        pending={restore.isPending}
        onConfirm={() => restoring && restore.mutate(restoring)}
      >
        <Text size="sm">
          Its title, text, status and visibility become the article's again, saved as version {current + 1}.
          {restoring?.status === 'published' && ' It is published as it was then.'}
        </Text>
      </ConfirmModal>
    </KbPage>
  );
}

/** What changed between an old version and the current one, line by line. */
function DiffCard({ id, from, to }: { id: string; from: number; to: number }) {
  const diff = useQuery({ queryKey: kbKeys.diff(id, from, to), queryFn: () => kbApi.diff(id, from) });
  return (
    <Card withBorder radius="md" p="md" data-testid="kb-diff">
      <Stack gap="sm">
        <Title order={2} size="h4">
          Version {from} → version {to} (current)
        </Title>
        {diff.isPending && <PageLoader label="Comparing" />}
        {diff.isError && <ErrorAlert error={diff.error} />}
        {diff.data && <DiffLines diff={diff.data} />}
      </Stack>
    </Card>
  );
}

const LINE_STYLE = {
  same: { sign: ' ', bg: undefined, label: 'unchanged' },
  added: { sign: '+', bg: 'var(--mantine-color-green-light)', label: 'added' },
  removed: { sign: '−', bg: 'var(--mantine-color-red-light)', label: 'removed' },
} as const;

function DiffLines({ diff }: { diff: KbDiff }) {
  if (!diff.lines.some((l) => l.op !== 'same'))
    return (
      <Text size="sm" c="dimmed">
        The title and text are the same in both versions.
      </Text>
    );
  return (
    <Box
      component="ol"
      aria-label="Changed lines"
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
            <span className="sr-only">{s.label}: </span> {l.text}
          </li>
        );
      })}
    </Box>
  );
}
