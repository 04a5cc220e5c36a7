import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Priority } from './types';

export type PriorityHelp = Record<Priority, string>;
export const priorityHelpKey = ['settings', 'priority-help'] as const;

/** What each priority means at this installation: set by an admin, neutral by default. */
export const usePriorityHelp = () =>
  useQuery({
    queryKey: priorityHelpKey,
    queryFn: () => api<PriorityHelp>('GET', '/settings/priority-help'),
    staleTime: 5 * 60_000,
  });
