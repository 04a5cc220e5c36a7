import { Paper, Text, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type KeyboardEvent, type RefObject, useId, useState } from 'react';
import { useIntl } from 'react-intl';
import type { Mentionable } from '../../../common/notifications';
import { get } from '../api/client';

// `@` in an internal note offers the staff who may see the ticket (the server decides who); picking
// one writes their handle. Only what follows an `@` at the start or after a space, up to the cursor,
// is asked about.

/** The `@word` being typed just before the cursor: where it starts and what follows the @. */
function typedMention(body: string, cursor: number): { start: number; query: string } | null {
  const m = /(?:^|\s)@([\w.+-]{0,40})$/.exec(body.slice(0, cursor));
  if (!m) return null;
  const query = m[1] ?? '';
  return { start: cursor - query.length - 1, query };
}

/**
 * Suggestions for the box `box` holding `body`, while `enabled` (an internal note). `onKeyDown`
 * takes the arrow keys, Enter, Tab and Escape while suggestions are shown and says so; `list` is
 * what to render under the box.
 */
export function useMentionSuggest(opts: {
  number: number;
  enabled: boolean;
  body: string;
  setBody: (text: string) => void;
  box: RefObject<HTMLTextAreaElement | null>;
}) {
  const { number, enabled, body, setBody, box } = opts;
  const listId = useId();
  const intl = useIntl();
  const cursor = box.current?.selectionStart ?? body.length;
  const typed = enabled ? typedMention(body, cursor) : null;
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const showing = typed !== null && typed.start !== dismissedAt;
  const [query] = useDebouncedValue(typed?.query ?? '', 150);
  const found = useQuery({
    queryKey: ['ticket', number, 'mentionable', query],
    queryFn: () => get('/tickets/:number/mentionable', { params: { number }, query: { q: query } }),
    enabled: showing,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
  const items = showing ? (found.data?.items ?? []) : [];
  const at = Math.min(active, Math.max(items.length - 1, 0));

  const pick = (person: Mentionable) => {
    if (!typed) return;
    const written = `@${person.handle} `;
    setBody(body.slice(0, typed.start) + written + body.slice(cursor));
    const caret = typed.start + written.length;
    setActive(0);
    requestAnimationFrame(() => {
      box.current?.focus();
      box.current?.setSelectionRange(caret, caret);
    });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!showing || items.length === 0) return false;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length);
      return true;
    }
    if ((e.key === 'Enter' && !e.ctrlKey && !e.metaKey) || e.key === 'Tab') {
      const person = items[at];
      if (!person) return false;
      e.preventDefault();
      pick(person);
      return true;
    }
    if (e.key === 'Escape' && typed) {
      e.preventDefault();
      setDismissedAt(typed.start);
      return true;
    }
    return false;
  };

  const optionId = (i: number) => `${listId}-${i}`;
  const list =
    showing && items.length > 0 ? (
      <Paper
        withBorder
        shadow="sm"
        p={4}
        role="listbox"
        id={listId}
        aria-label={intl.formatMessage({ id: 'common.mention.label', defaultMessage: 'Mention a colleague' })}
      >
        {items.map((person, i) => (
          <UnstyledButton
            key={person.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === at}
            display="block"
            w="100%"
            px="xs"
            py={4}
            style={{ borderRadius: 4, background: i === at ? 'var(--mantine-color-blue-light)' : undefined }}
            // Keeps the focus (and the cursor) in the note while a suggestion is clicked.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => pick(person)}
          >
            <Text size="sm" span fw={500}>
              {person.name}
            </Text>{' '}
            <Text size="xs" span c="dimmed">
              @{person.handle}
            </Text>
          </UnstyledButton>
        ))}
      </Paper>
    ) : null;

  /** What the box says to assistive technology about the suggestions. */
  const boxProps = showing
    ? {
        'aria-controls': listId,
        'aria-activedescendant': items.length > 0 ? optionId(at) : undefined,
        'aria-autocomplete': 'list' as const,
      }
    : {};
  return { onKeyDown, list, boxProps };
}
