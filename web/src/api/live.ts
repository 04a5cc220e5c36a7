import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

/**
 * Keeps what is on screen current: the server's event stream names each ticket that changed
 * (only those this user may see), and the queries showing it are refetched. The browser
 * reconnects by itself; the slow polling of the pages stays as a fallback.
 */
export function useLiveUpdates(enabled: boolean) {
  const qc = useQueryClient();
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/v1/stream');
    // The sidebar's view counts: read again once changes pause for a moment, not after each one.
    let countsTimer: ReturnType<typeof setTimeout> | undefined;
    const onAnyChange = () => {
      clearTimeout(countsTimer);
      countsTimer = setTimeout(() => void qc.invalidateQueries({ queryKey: ['views', 'counts'] }), 800);
    };
    const onTicket = (e: MessageEvent<string>) => {
      let number: unknown;
      try {
        number = (JSON.parse(e.data) as { number?: unknown }).number;
      } catch {
        return;
      }
      if (typeof number !== 'number') return;
      void qc.invalidateQueries({ queryKey: ['ticket', number] });
      void qc.invalidateQueries({ queryKey: ['tickets'] });
      onAnyChange();
    };
    source.addEventListener('ticket', onTicket);
    source.addEventListener('counts', onAnyChange);
    return () => {
      clearTimeout(countsTimer);
      source.removeEventListener('ticket', onTicket);
      source.removeEventListener('counts', onAnyChange);
      source.close();
    };
  }, [enabled, qc]);
}
