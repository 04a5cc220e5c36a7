import { useEffect, useRef, useState } from 'react';
import type { Ticket } from '../../../api/types';

/** How much of the shown page is checked: the header checkbox shows it. */
export type PageChecked = 'all' | 'some' | 'none';

/**
 * The queue's checked tickets: by number (click toggles one, shift-click the range from the last
 * one clicked), or "all" — every ticket the filter matches, beyond the loaded pages. A new filter
 * starts afresh.
 */
export function useBulkSelection(tickets: Ticket[], filterKey: string) {
  const [numbers, setNumbers] = useState<ReadonlySet<number>>(new Set());
  const [all, setAll] = useState(false);
  const anchor = useRef<number | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the filter's key is what starts afresh
  useEffect(() => {
    setNumbers(new Set());
    setAll(false);
    anchor.current = null;
  }, [filterKey]);

  const toggle = (index: number, range: boolean) => {
    const clicked = tickets[index];
    if (!clicked) return;
    const on = !numbers.has(clicked.number);
    const from = range && anchor.current !== null ? Math.min(anchor.current, index) : index;
    const to = range && anchor.current !== null ? Math.max(anchor.current, index) : index;
    const next = new Set(numbers);
    for (const t of tickets.slice(from, to + 1)) {
      if (on) next.add(t.number);
      else next.delete(t.number);
    }
    anchor.current = index;
    setAll(false);
    setNumbers(next);
  };

  const checkedOnPage = tickets.filter((t) => numbers.has(t.number)).length;
  const page: PageChecked =
    tickets.length > 0 && checkedOnPage === tickets.length ? 'all' : checkedOnPage > 0 ? 'some' : 'none';
  const togglePage = () => {
    const next = new Set(numbers);
    for (const t of tickets) {
      if (page === 'all') next.delete(t.number);
      else next.add(t.number);
    }
    setAll(false);
    setNumbers(next);
  };
  const clear = () => {
    setNumbers(new Set());
    setAll(false);
    anchor.current = null;
  };
  return { numbers, all, selectAll: () => setAll(true), toggle, page, togglePage, clear };
}

export type BulkSelection = ReturnType<typeof useBulkSelection>;
