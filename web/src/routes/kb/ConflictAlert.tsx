import { Alert, Button, Group, Text } from '@mantine/core';
import { IconGitMerge } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import type { KbArticle } from '../../../../common/kb';
import { Time } from '../../components/bits';
import { kbApi } from './api';

/**
 * Someone saved the article after this page loaded it (409): nothing of mine was saved. Say who won
 * and when, and offer both ways on: take their version (mine is dropped) or save mine over it.
 */
export function ConflictAlert({
  article,
  saving,
  onOverwrite,
  onDiscard,
}: {
  article: KbArticle;
  saving: boolean;
  onOverwrite: (latestVersion: number) => void;
  onDiscard: () => void;
}) {
  const latest = useQuery({
    queryKey: ['kb', 'article', article.id, 'latest'],
    queryFn: () => kbApi.article(article.id),
    staleTime: 0,
  });
  const l = latest.data;
  const intl = useIntl();
  return (
    <Alert
      color="orange"
      icon={<IconGitMerge aria-hidden />}
      title={intl.formatMessage({
        id: 'kb.conflict.title',
        defaultMessage: 'Someone else changed this article while you were editing',
      })}
      role="alert"
      mb="md"
      data-testid="kb-conflict"
    >
      <Text size="sm">
        {l ? (
          <FormattedMessage
            id="kb.conflict.textWithLatest"
            defaultMessage="You opened version {opened}; version {latest} was saved {when}. Your changes are not saved yet. Take theirs (your changes here are dropped), or save yours over theirs: the history keeps both."
            values={{ opened: article.version, latest: l.version, when: <Time iso={l.updatedAt} /> }}
          />
        ) : (
          <FormattedMessage
            id="kb.conflict.text"
            defaultMessage="You opened version {opened}. Your changes are not saved yet. Take theirs (your changes here are dropped), or save yours over theirs: the history keeps both."
            values={{ opened: article.version }}
          />
        )}
      </Text>
      <Group gap="xs" mt="sm">
        <Button size="xs" variant="default" onClick={onDiscard}>
          <FormattedMessage id="kb.conflict.loadLatest" defaultMessage="Load the latest version" />
        </Button>
        <Button
          size="xs"
          color="orange"
          loading={saving}
          disabled={!l}
          onClick={() => l && onOverwrite(l.version)}
        >
          <FormattedMessage id="kb.conflict.saveMine" defaultMessage="Save mine over it" />
        </Button>
      </Group>
    </Alert>
  );
}
