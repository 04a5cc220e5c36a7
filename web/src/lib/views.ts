import { useSyncExternalStore } from 'react';
import type { QueueSearch } from '../search';

export type QueueView = { id: string; name: string; search: QueueSearch; builtIn?: boolean };

const ACTIVE = 'new,open,pending,on_hold';

export const BUILT_IN_VIEWS: QueueView[] = [
  { id: 'all', name: 'All tickets', search: {}, builtIn: true },
  { id: 'active', name: 'Not solved', search: { category: ACTIVE }, builtIn: true },
  { id: 'mine', name: 'Assigned to me', search: { assignee: 'me', category: ACTIVE }, builtIn: true },
  { id: 'unassigned', name: 'Unassigned', search: { assignee: 'none', category: ACTIVE }, builtIn: true },
];

// Saved views live in this browser for now; a server-side store would share them across devices.
const KEY = 'tessera.queueViews.v1';
const listeners = new Set<() => void>();
let cache: QueueView[] | null = null;

function read(): QueueView[] {
  if (cache) return cache;
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    cache = Array.isArray(parsed)
      ? parsed.filter(
          (v): v is QueueView =>
            typeof v === 'object' && v !== null && typeof v.id === 'string' && typeof v.name === 'string',
        )
      : [];
  } catch {
    cache = [];
  }
  return cache;
}

function write(views: QueueView[]) {
  cache = views;
  try {
    localStorage.setItem(KEY, JSON.stringify(views));
  } catch {
    // Storage full or disabled: the views last for this page only.
  }
  for (const l of listeners) l();
}

function subscribe(fn: () => void) {
  listeners.add(fn);
  const onStorage = (e: StorageEvent) => {
    if (e.key === KEY) {
      cache = null;
      fn();
    }
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(fn);
    window.removeEventListener('storage', onStorage);
  };
}

export const useSavedViews = () => useSyncExternalStore(subscribe, read, read);

export function saveView(name: string, search: QueueSearch): QueueView {
  const view = { id: `v${Date.now().toString(36)}`, name: name.trim(), search: normalise(search) };
  write([...read().filter((v) => v.name !== view.name), view]);
  return view;
}

export const deleteView = (id: string) => write(read().filter((v) => v.id !== id));

/** The search without empty values, so two equal searches compare equal. */
export function normalise(search: QueueSearch): QueueSearch {
  return Object.fromEntries(
    Object.entries(search).filter(([, v]) => v !== undefined && v !== ''),
  ) as QueueSearch;
}

export const sameSearch = (a: QueueSearch, b: QueueSearch) => {
  const x = normalise(a);
  const y = normalise(b);
  const keys = new Set([...Object.keys(x), ...Object.keys(y)]) as Set<keyof QueueSearch>;
  return [...keys].every((k) => x[k] === y[k]);
};

/** The queue the agent last looked at, so j/k on a ticket page walk through it. */
const QUEUE_KEY = 'tessera.lastQueue';
export function rememberQueue(numbers: number[], search: QueueSearch) {
  try {
    sessionStorage.setItem(QUEUE_KEY, JSON.stringify({ numbers, search }));
  } catch {
    // Not essential.
  }
}
export function lastQueue(): { numbers: number[]; search: QueueSearch } {
  try {
    const v = JSON.parse(sessionStorage.getItem(QUEUE_KEY) ?? 'null');
    if (v && Array.isArray(v.numbers)) return v;
  } catch {
    // Fall through.
  }
  return { numbers: [], search: {} };
}
