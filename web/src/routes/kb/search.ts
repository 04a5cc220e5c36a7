import { KB_STATUSES, type KbStatus } from '../../../../common/kb';
import type { ArticleFilters } from './api';

/** Reads the list's filters from the address: what a link or the back button brings back. */
export function validateArticleSearch(s: Record<string, unknown>): ArticleFilters {
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  return {
    q: str(s.q),
    categoryId: str(s.categoryId),
    status: KB_STATUSES.includes(s.status as KbStatus) ? (s.status as KbStatus) : undefined,
    tag: str(s.tag),
    reviewDue: s.reviewDue === true || s.reviewDue === 'true' ? true : undefined,
  };
}
