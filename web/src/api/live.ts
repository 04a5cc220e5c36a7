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
    };
    source.addEventListener('ticket', onTicket);
    return () => {
      source.removeEventListener('ticket', onTicket);
      source.close();
    };
  }, [enabled, qc]);
}
