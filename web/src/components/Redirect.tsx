import { useNavigate } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { PageLoader } from './bits';

/**
 * Navigates once, on mount, to `href` (a path with its query string), replacing the entry.
 * Unlike rendering <Navigate> from a layout that re-renders while the navigation is pending,
 * this never starts a second navigation that cancels the first.
 */
export function Redirect({ href }: { href: string }) {
  const navigate = useNavigate();
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void navigate({ href, replace: true });
  }, [href, navigate]);
  return <PageLoader />;
}

export const loginHref = (back: string) => `/login?redirect=${encodeURIComponent(back)}`;
