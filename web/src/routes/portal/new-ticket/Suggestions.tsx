import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCircleCheck, IconExternalLink } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { KbSuggestion } from '../../../../../common/kb';
import { get, send } from '../../../api/client';
import { AnchorLink } from '../../../components/links';

/** Fewer letters suggest nothing (the server says the same); a pause of this long asks. */
const MIN_CHARS = 3;
const DEBOUNCE_MS = 300;

type Kind = 'suggested' | 'clicked' | 'deflected';

/** Counts what became of suggestions; a count lost to a network error is not worth a message. */
const report = (kind: Kind, articleIds: string[]) =>
  send('POST /help/deflections', { body: { kind, articleIds } }).catch(() => undefined);

/** The articles suggested for the subject being typed; each shown set is counted once. */
function useSuggestions(subject: string) {
  const [q] = useDebouncedValue(subject.trim(), DEBOUNCE_MS);
  const query = useQuery({
    queryKey: ['help', 'suggestions', q],
    queryFn: () => get('/help/suggestions', { query: { q } }),
    enabled: q.length >= MIN_CHARS,
    staleTime: 60_000,
  });
  const items = q.length >= MIN_CHARS ? (query.data?.items ?? []) : [];
  const counted = useRef(new Set<string>());
  const key = items.map((i) => i.id).join(',');
  useEffect(() => {
    if (!key || counted.current.has(key)) return;
    counted.current.add(key);
    void report('suggested', key.split(','));
  }, [key]);
  return items;
}

/**
 * Help-centre articles that may answer what the customer is about to ask, under the subject as
 * it is typed. Announced politely to screen readers; "This solved my problem" ends the form.
 */
export function Suggestions({ subject, onSolved }: { subject: string; onSolved: () => void }) {
  const items = useSuggestions(subject);
  return (
    <div aria-live="polite" aria-atomic="false">
      {items.length > 0 && (
        <Paper withBorder radius="md" p="sm" bg="var(--mantine-color-blue-light)">
          <Stack gap="xs">
            <Title order={2} size="h5">
              <FormattedMessage
                id="portal.suggestions.title"
                defaultMessage="These articles may answer your question"
              />
            </Title>
            <Stack gap="sm" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {items.map((a) => (
                <Suggestion key={a.id} article={a} onSolved={onSolved} />
              ))}
            </Stack>
          </Stack>
        </Paper>
      )}
    </div>
  );
}

function Suggestion({ article, onSolved }: { article: KbSuggestion; onSolved: () => void }) {
  const intl = useIntl();
  return (
    <li>
      <Stack gap={2}>
        <Anchor
          href={`/help/articles/${article.slug}`}
          target="_blank"
          rel="noopener"
          fw={500}
          onClick={() => void report('clicked', [article.id])}
          onAuxClick={() => void report('clicked', [article.id])}
        >
          {article.title}{' '}
          <IconExternalLink
            size={14}
            aria-label={intl.formatMessage({
              id: 'portal.suggestions.newTab',
              defaultMessage: '(opens in a new tab)',
            })}
            style={{ verticalAlign: 'middle' }}
          />
        </Anchor>
        <Text
          size="sm"
          c="dimmed"
          lineClamp={2}
          // biome-ignore lint/security/noDangerouslySetInnerHtml: the server escapes the article's text and adds only <mark> (kb.search.ts)
          dangerouslySetInnerHTML={{ __html: article.snippet }}
        />
        <Group>
          <Button
            size="compact-sm"
            variant="light"
            color="green"
            leftSection={<IconCircleCheck size={16} aria-hidden />}
            aria-label={intl.formatMessage(
              { id: 'portal.suggestions.solvedBy', defaultMessage: 'This solved my problem: {title}' },
              { title: article.title },
            )}
            onClick={() => {
              void report('deflected', [article.id]);
              onSolved();
            }}
          >
            <FormattedMessage id="portal.suggestions.solved" defaultMessage="This solved my problem" />
          </Button>
        </Group>
      </Stack>
    </li>
  );
}

/** What the form becomes when an article answered the question: no ticket, and a kind word. */
export function Solved({ onBack }: { onBack: () => void }) {
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md" role="status">
      <Stack gap="sm" align="flex-start">
        <Group gap="xs" wrap="nowrap">
          <IconCircleCheck size={28} color="var(--mantine-color-green-6)" aria-hidden />
          <Title order={2} size="h3">
            <FormattedMessage id="portal.solved.title" defaultMessage="Glad that helped!" />
          </Title>
        </Group>
        <Text>
          <FormattedMessage
            id="portal.solved.text"
            defaultMessage="No ticket was opened. If the problem comes back, you can always write to us."
          />
        </Text>
        <Group gap="sm">
          <AnchorLink to="/">
            <FormattedMessage id="portal.ticket.backToList" defaultMessage="Back to my tickets" />
          </AnchorLink>
          <Anchor component="button" type="button" onClick={onBack}>
            <FormattedMessage id="portal.solved.stillNeedHelp" defaultMessage="I still need help" />
          </Anchor>
        </Group>
      </Stack>
    </Paper>
  );
}
