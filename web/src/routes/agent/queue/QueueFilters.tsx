import { Button, Kbd, MultiSelect, Select, SimpleGrid, TagsInput, TextInput } from '@mantine/core';
import { useDebouncedCallback, useMediaQuery } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { defineMessages, FormattedMessage, useIntl } from 'react-intl';
import { PRIORITIES } from '../../../../../common/api';
import { STATUS_CATEGORIES } from '../../../../../common/workflow';
import { useDepartments, useStaff, useStaffWorkflow } from '../../../api/hooks';
import { selectFilter } from '../../../components/filters';
import { focusRequest } from '../../../components/StaffLayout';
import { PRIORITY_INFO } from '../../../lib/format';
import { csvJoin, csvList, type QueueSearch } from '../../../search';
import { useTagSuggestions } from '../ticket/TicketTags';
import { CATEGORY_PREFIX } from './columns';

/** The search box and the filters; each change goes into the address at once. */
export function QueueFilters({
  search,
  setSearch,
}: {
  search: QueueSearch;
  setSearch: (patch: Partial<QueueSearch>) => unknown;
}) {
  const intl = useIntl();
  const box = useSearchBox(search, setSearch);
  // On a phone the five filters would fill the screen: they wait behind a button.
  const isPhone = useMediaQuery('(max-width: 36em)') ?? false;
  const [showFilters, setShowFilters] = useState(false);
  const activeFilterCount = [
    search.status || search.category,
    search.priority,
    search.department,
    search.assignee,
    search.tag,
    search.breached !== undefined || search.dueWithin !== undefined,
  ].filter(Boolean).length;

  return (
    <form
      aria-label={intl.formatMessage({
        id: 'agent.filters.formLabel',
        defaultMessage: 'Search and filter the queue',
      })}
      onSubmit={box.submit}
    >
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
        <TextInput
          id="queue-search"
          ref={box.ref}
          label={intl.formatMessage({ id: 'agent.filters.search', defaultMessage: 'Search' })}
          placeholder={intl.formatMessage({
            id: 'agent.filters.searchPlaceholder',
            defaultMessage: 'Words in tickets',
          })}
          leftSection={<IconSearch size={16} aria-hidden />}
          rightSection={
            <Kbd
              size="xs"
              visibleFrom="sm"
              title={intl.formatMessage({
                id: 'agent.filters.searchShortcut',
                defaultMessage: 'Press / to jump here',
              })}
            >
              /
            </Kbd>
          }
          value={box.q}
          onChange={(e) => box.type(e.currentTarget.value)}
          onBlur={box.commit}
          onKeyDown={(e) => {
            if (e.key === 'Escape') e.currentTarget.blur();
          }}
          type="search"
        />
        {!isPhone || showFilters ? (
          <FilterSelects search={search} setSearch={setSearch} />
        ) : (
          <Button variant="default" onClick={() => setShowFilters(true)} aria-expanded={false}>
            <FormattedMessage
              id="agent.filters.show"
              defaultMessage="{count, plural, =0 {Filters} other {Filters (# on)}}"
              values={{ count: activeFilterCount }}
            />
          </Button>
        )}
        <button type="submit" hidden>
          <FormattedMessage id="agent.filters.search" defaultMessage="Search" />
        </button>
      </SimpleGrid>
    </form>
  );
}

/**
 * The search box's text: it searches as one types (like the portal's My Tickets), on leaving the
 * box and on Enter, and follows the address; `/` from elsewhere focuses it.
 */
function useSearchBox(search: QueueSearch, setSearch: (patch: Partial<QueueSearch>) => unknown) {
  const [q, setQ] = useState(search.q ?? '');
  // From the address (back, a saved view) into the box, unless it is what is typed already: a
  // search that arrived while typing must not eat the space after the last word.
  useEffect(
    () => setQ((typed) => (typed.trim() === (search.q ?? '') ? typed : (search.q ?? ''))),
    [search.q],
  );
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (focusRequest.search) {
      focusRequest.search = false;
      ref.current?.focus();
    }
  }, []);
  const searchSoon = useDebouncedCallback((value: string) => {
    if ((search.q ?? '') !== value.trim()) void setSearch({ q: value.trim() || undefined });
  }, 350);
  return {
    q,
    ref,
    type: (value: string) => {
      setQ(value);
      searchSoon(value);
    },
    commit: () => {
      if ((search.q ?? '') !== q.trim()) void setSearch({ q: q.trim() || undefined });
    },
    submit: (e: FormEvent) => {
      e.preventDefault();
      void setSearch({ q: q.trim() || undefined });
    },
  };
}

const ANY_IN_CATEGORY = defineMessages({
  new: { id: 'agent.filters.anyCategory.new', defaultMessage: 'Any new status' },
  open: { id: 'agent.filters.anyCategory.open', defaultMessage: 'Any open status' },
  pending: { id: 'agent.filters.anyCategory.pending', defaultMessage: 'Any pending status' },
  on_hold: { id: 'agent.filters.anyCategory.onHold', defaultMessage: 'Any on hold status' },
  solved: { id: 'agent.filters.anyCategory.solved', defaultMessage: 'Any solved status' },
  closed: { id: 'agent.filters.anyCategory.closed', defaultMessage: 'Any closed status' },
} satisfies Record<(typeof STATUS_CATEGORIES)[number], unknown>);

/** Status (statuses and groups of them), priority, department, assignee, tags and service level. */
function FilterSelects({
  search,
  setSearch,
}: {
  search: QueueSearch;
  setSearch: (patch: Partial<QueueSearch>) => unknown;
}) {
  const workflow = useStaffWorkflow();
  const departments = useDepartments();
  const staff = useStaff();
  const intl = useIntl();
  const any = intl.formatMessage({ id: 'agent.filters.any', defaultMessage: 'Any' });
  const statusValues = [
    ...csvList(search.category).map((c) => CATEGORY_PREFIX + c),
    ...csvList(search.status),
  ];
  // A group is offered only where it gathers several statuses: a one-status group ("Open" beside
  // the status "Open") would list the same thing twice.
  const statuses = workflow.data?.statuses ?? [];
  const statusData = [
    {
      group: intl.formatMessage({ id: 'agent.filters.statusGroups', defaultMessage: 'Status groups' }),
      items: STATUS_CATEGORIES.filter(
        (c) => statuses.filter((s) => s.category === c).length > 1 || csvList(search.category).includes(c),
      ).map((c) => ({
        value: CATEGORY_PREFIX + c,
        label: intl.formatMessage(ANY_IN_CATEGORY[c]),
      })),
    },
    {
      group: intl.formatMessage({ id: 'agent.filters.statuses', defaultMessage: 'Statuses' }),
      items: statuses.map((s) => ({ value: s.key, label: s.staffLabel })),
    },
  ];
  const filter = selectFilter(search, setSearch);
  const assigneeData = [
    { value: 'me', label: intl.formatMessage({ id: 'agent.filters.me', defaultMessage: 'Me' }) },
    {
      value: 'none',
      label: intl.formatMessage({ id: 'agent.filters.unassigned', defaultMessage: 'Unassigned' }),
    },
    ...(staff.data ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: u.name })),
  ];
  return (
    <>
      <MultiSelect
        label={intl.formatMessage({ id: 'agent.filters.status', defaultMessage: 'Status' })}
        placeholder={statusValues.length ? undefined : any}
        data={statusData}
        value={statusValues}
        onChange={(values) =>
          setSearch({
            category: csvJoin(
              values.filter((v) => v.startsWith(CATEGORY_PREFIX)).map((v) => v.slice(CATEGORY_PREFIX.length)),
            ),
            status: csvJoin(values.filter((v) => !v.startsWith(CATEGORY_PREFIX))),
          })
        }
        clearable
      />
      <MultiSelect
        label={intl.formatMessage({ id: 'agent.filters.priority', defaultMessage: 'Priority' })}
        placeholder={search.priority ? undefined : any}
        data={PRIORITIES.map((p) => ({ value: p, label: PRIORITY_INFO[p].label }))}
        value={csvList(search.priority)}
        onChange={(values) => setSearch({ priority: csvJoin(values) })}
        clearable
      />
      <Select
        label={intl.formatMessage({ id: 'agent.filters.department', defaultMessage: 'Department' })}
        placeholder={any}
        data={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
        {...filter('department')}
        searchable
      />
      <Select
        label={intl.formatMessage({ id: 'agent.filters.assignee', defaultMessage: 'Assignee' })}
        placeholder={intl.formatMessage({ id: 'agent.filters.anyone', defaultMessage: 'Anyone' })}
        data={assigneeData}
        {...filter('assignee')}
        searchable
      />
      <TagFilter value={csvList(search.tag)} onChange={(tags) => setSearch({ tag: csvJoin(tags) })} />
      <SlaFilter search={search} setSearch={setSearch} />
    </>
  );
}

const DUE_HOURS = [1, 4, 8, 24];

/**
 * Service level: overdue tickets, or those due within some hours (and not overdue yet). One choice
 * at a time, as the two together would ask for tickets overdue on one clock and soon due on another.
 */
function SlaFilter({
  search,
  setSearch,
}: {
  search: QueueSearch;
  setSearch: (patch: Partial<QueueSearch>) => unknown;
}) {
  const intl = useIntl();
  const hours = [...DUE_HOURS];
  // A view saved with other hours (through the API) still shows what it filters by.
  if (search.dueWithin !== undefined && !hours.includes(search.dueWithin)) hours.push(search.dueWithin);
  const data = [
    {
      value: 'breached',
      label: intl.formatMessage({ id: 'agent.filters.slaBreached', defaultMessage: 'SLA breached' }),
    },
    {
      value: 'not-breached',
      label: intl.formatMessage({ id: 'agent.filters.slaNotBreached', defaultMessage: 'SLA not breached' }),
    },
    ...hours
      .sort((a, b) => a - b)
      .map((h) => ({
        value: `due:${h}`,
        label: intl.formatMessage(
          {
            id: 'agent.filters.dueWithin',
            defaultMessage: '{hours, plural, one {Due within # hour} other {Due within # hours}}',
          },
          { hours: h },
        ),
      })),
  ];
  const value =
    search.breached === true
      ? 'breached'
      : search.breached === false
        ? 'not-breached'
        : search.dueWithin !== undefined
          ? `due:${search.dueWithin}`
          : null;
  return (
    <Select
      label={intl.formatMessage({ id: 'agent.filters.serviceLevel', defaultMessage: 'Service level' })}
      placeholder={intl.formatMessage({ id: 'agent.filters.any', defaultMessage: 'Any' })}
      data={data}
      value={value}
      onChange={(v) =>
        setSearch({
          breached: v === 'breached' ? true : v === 'not-breached' ? false : undefined,
          dueWithin: v?.startsWith('due:') ? Number(v.slice(4)) : undefined,
        })
      }
      clearable
    />
  );
}

/** Tickets with every one of these tags; those in use are suggested as one types. */
function TagFilter({ value, onChange }: { value: string[]; onChange: (tags: string[]) => void }) {
  const [typed, setTyped] = useState('');
  const suggestions = useTagSuggestions(typed);
  const intl = useIntl();
  return (
    <TagsInput
      label={intl.formatMessage({ id: 'agent.filters.tags', defaultMessage: 'Tags' })}
      placeholder={
        value.length ? undefined : intl.formatMessage({ id: 'agent.filters.any', defaultMessage: 'Any' })
      }
      data={suggestions}
      value={value}
      onChange={(tags) => onChange(tags.map((t) => t.trim().replace(/\s+/g, ' ').toLowerCase()))}
      searchValue={typed}
      onSearchChange={setTyped}
      splitChars={[',']}
      maxTags={10}
      clearable
    />
  );
}
