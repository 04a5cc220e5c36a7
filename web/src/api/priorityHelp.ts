import { useQuery } from '@tanstack/react-query';
import { get } from './client';

export type { PriorityHelp } from '../../../common/intake';
export const priorityHelpKey = ['settings', 'priority-help'] as const;

/** What each priority means at this installation: set by an admin, neutral by default. */
export const usePriorityHelp = () =>
  useQuery({
    queryKey: priorityHelpKey,
    queryFn: () => get('/settings/priority-help'),
    staleTime: 5 * 60_000,
  });
