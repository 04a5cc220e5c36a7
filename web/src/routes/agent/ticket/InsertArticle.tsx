import { Badge, Box, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconBook, IconSearch } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { KbHit } from '../../../../../common/kb';
import { errorMessage } from '../../../api/client';
import { ErrorAlert, PageLoader } from '../../../components/bits';
import { visibilityLabel } from '../../../i18n/labels';
import { kbApi, kbKeys, publicArticleUrl } from '../../kb/api';

/**
 * "Insert article" beside the reply box: search the published articles, put a link to one (or its
 * text) in the reply at the cursor, and count it as used on this ticket.
 */
export function InsertArticle({
  ticketNumber,
  insert,
  internal,
}: {
  ticketNumber: number;
  insert: (text: string) => void;
  internal: boolean;
}) {
  const [opened, { open, close }] = useDisclosure(false);
  const intl = useIntl();
  return (
    <>
      <Button variant="default" size="xs" leftSection={<IconBook size={14} aria-hidden />} onClick={open}>
        <FormattedMessage id="agent.insertArticle.button" defaultMessage="Insert article" />
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        title={intl.formatMessage({ id: 'agent.insertArticle.title', defaultMessage: 'Insert an article' })}
        size="lg"
        closeButtonProps={{
          'aria-label': intl.formatMessage({
            id: 'agent.insertArticle.close',
            defaultMessage: 'Close the article search',
          }),
        }}
      >
        {opened && (
          <ArticleSearch
            ticketNumber={ticketNumber}
            internal={internal}
            done={(text) => {
              close();
              insert(text);
            }}
          />
        )}
      </Modal>
    </>
  );
}

function ArticleSearch({
  ticketNumber,
  internal,
  done,
}: {
  ticketNumber: number;
  internal: boolean;
  done: (text: string) => void;
}) {
  const qc = useQueryClient();
  const intl = useIntl();
  const [typed, setTyped] = useState('');
  const [q] = useDebouncedValue(typed.trim(), 250);
  const hits = useQuery({
    queryKey: ['kb', 'search', q],
    queryFn: async () => (await kbApi.search(q)).items.filter((h) => h.status === 'published'),
    enabled: q.length > 0,
  });
  const pick = useMutation({
    mutationFn: async ({ hit, as }: { hit: KbHit; as: 'link' | 'text' }) => {
      const text =
        as === 'link'
          ? `[${hit.title.replace(/[[\]]/g, '')}](${publicArticleUrl(hit.slug)})`
          : (await kbApi.article(hit.id)).body;
      return { hit, text };
    },
    onSuccess: ({ hit, text }) => {
      done(text);
      // The use is counted after the text is in the box: a failure to count loses nothing written.
      kbApi.recordUse(ticketNumber, hit.id).then(
        () => void qc.invalidateQueries({ queryKey: kbKeys.article(hit.id) }),
        (e: unknown) =>
          notifications.show({
            color: 'yellow',
            title: intl.formatMessage({
              id: 'agent.insertArticle.notCounted',
              defaultMessage: 'The use was not counted',
            }),
            message: errorMessage(e),
          }),
      );
    },
  });
  return (
    <Stack gap="sm">
      <TextInput
        label={intl.formatMessage({ id: 'agent.insertArticle.search', defaultMessage: 'Search articles' })}
        placeholder={intl.formatMessage({
          id: 'agent.insertArticle.searchPlaceholder',
          defaultMessage: 'Words from the title or text',
        })}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={typed}
        onChange={(e) => setTyped(e.currentTarget.value)}
        data-autofocus
        type="search"
      />
      {pick.isError && (
        <ErrorAlert
          error={pick.error}
          title={intl.formatMessage({
            id: 'agent.insertArticle.notInserted',
            defaultMessage: 'Not inserted',
          })}
        />
      )}
      {q && hits.isPending && (
        <PageLoader
          label={intl.formatMessage({ id: 'agent.insertArticle.searching', defaultMessage: 'Searching' })}
        />
      )}
      {hits.isError && <ErrorAlert error={hits.error} />}
      {hits.data?.length === 0 && (
        <Text size="sm" c="dimmed">
          <FormattedMessage
            id="agent.insertArticle.noMatch"
            defaultMessage="No published article matches “{q}”."
            values={{ q }}
          />
        </Text>
      )}
      <Stack
        gap="xs"
        component="ul"
        style={{ listStyle: 'none', padding: 0, margin: 0 }}
        aria-label={intl.formatMessage({ id: 'agent.insertArticle.found', defaultMessage: 'Articles found' })}
      >
        {hits.data?.map((h) => {
          // A staff-only article's link would not open for the customer.
          const hidden = !internal && h.visibility === 'staff';
          return (
            <Box
              component="li"
              key={h.id}
              p="xs"
              style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
            >
              <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
                <HitSummary hit={h} hidden={hidden} />
                <Group gap={6} wrap="nowrap">
                  <Button
                    size="xs"
                    variant="default"
                    aria-label={intl.formatMessage(
                      { id: 'agent.insertArticle.insertTextOf', defaultMessage: 'Insert text: {title}' },
                      { title: h.title },
                    )}
                    loading={
                      pick.isPending && pick.variables?.hit.id === h.id && pick.variables.as === 'text'
                    }
                    onClick={() => pick.mutate({ hit: h, as: 'text' })}
                  >
                    <FormattedMessage id="agent.insertArticle.insertText" defaultMessage="Insert text" />
                  </Button>
                  <Button
                    size="xs"
                    aria-label={intl.formatMessage(
                      { id: 'agent.insertArticle.insertLinkOf', defaultMessage: 'Insert link: {title}' },
                      { title: h.title },
                    )}
                    disabled={hidden}
                    onClick={() => pick.mutate({ hit: h, as: 'link' })}
                  >
                    <FormattedMessage id="agent.insertArticle.insertLink" defaultMessage="Insert link" />
                  </Button>
                </Group>
              </Group>
            </Box>
          );
        })}
      </Stack>
    </Stack>
  );
}

/** An article found: its title, a snippet, its category and who may read it. */
function HitSummary({ hit: h, hidden }: { hit: KbHit; hidden: boolean }) {
  return (
    <Stack gap={2} style={{ flex: '1 1 240px', minWidth: 0 }}>
      <Text fw={500}>{h.title}</Text>
      <Text
        size="xs"
        c="dimmed"
        // biome-ignore lint/security/noDangerouslySetInnerHtml: a snippet is safe HTML from the server, <mark> only
        dangerouslySetInnerHTML={{ __html: h.snippet }}
      />
      <Group gap={4}>
        {h.category && (
          <Badge size="xs" variant="light" color="gray" tt="none">
            {h.category.name}
          </Badge>
        )}
        <Badge size="xs" variant="outline" color={h.visibility === 'staff' ? 'yellow' : 'gray'} tt="none">
          {visibilityLabel(h.visibility)}
        </Badge>
      </Group>
      {hidden && (
        <Text size="xs" c="orange.8">
          <FormattedMessage
            id="agent.insertArticle.staffOnly"
            defaultMessage="Staff only: the customer could not open a link. Insert its text instead."
          />
        </Text>
      )}
    </Stack>
  );
}
