import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { DraftKind, Viewer } from '../../../common/drafts';
import { send } from './client';

const presenceKey = (number: number) => ['presence', number] as const;
/** How often an open ticket page says so; the server forgets a page after 30 s without. */
const HEARTBEAT_MS = 10_000;

function parse(e: MessageEvent<string>): Record<string, unknown> | null {
  try {
    const data: unknown = JSON.parse(e.data);
    return data && typeof data === 'object' ? (data as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Keeps what is on screen current: the server's event stream names each ticket that changed
 * (only those this user may see), and the queries showing it are refetched; for staff it also
 * says who else is on a ticket. The browser reconnects by itself; the slow polling of the pages
 * stays as a fallback.
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
      const number = parse(e)?.number;
      if (typeof number !== 'number') return;
      void qc.invalidateQueries({ queryKey: ['ticket', number] });
      void qc.invalidateQueries({ queryKey: ['tickets'] });
      onAnyChange();
    };
    const onPresence = (e: MessageEvent<string>) => {
      const data = parse(e);
      if (typeof data?.number === 'number' && Array.isArray(data.viewers))
        qc.setQueryData(presenceKey(data.number), data.viewers as Viewer[]);
    };
    const onInbox = () => void qc.invalidateQueries({ queryKey: ['notifications'] });
    source.addEventListener('ticket', onTicket);
    source.addEventListener('inbox', onInbox);
    source.addEventListener('counts', onAnyChange);
    source.addEventListener('presence', onPresence);
    return () => {
      clearTimeout(countsTimer);
      source.removeEventListener('ticket', onTicket);
      source.removeEventListener('counts', onAnyChange);
      source.removeEventListener('presence', onPresence);
      source.removeEventListener('inbox', onInbox);
      source.close();
    };
  }, [enabled, qc]);
}

const newClientId = () =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

/** Tells the server this page has left; sent so that it still goes out while the page unloads. */
function leave(number: number, clientId: string) {
  void fetch(`/api/v1/tickets/${number}/presence`, {
    method: 'PUT',
    credentials: 'same-origin',
    keepalive: true,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ clientId, state: 'left' }),
  }).catch(() => {});
}

/**
 * Who else (staff) is on ticket `number`, while this page says it is there too, and what it writes:
 * a heartbeat now, whenever `drafting` changes and every 10 s; `left` when the page goes.
 */
export function usePresence(number: number, drafting: DraftKind | null): Viewer[] {
  const qc = useQueryClient();
  const [clientId] = useState(newClientId);
  useEffect(() => {
    if (number <= 0) return;
    let live = true;
    const beat = () =>
      send('PUT /tickets/:number/presence', {
        params: { number },
        body: { clientId, state: 'viewing', drafting },
      }).then(
        (p) => live && qc.setQueryData(presenceKey(number), p.viewers),
        () => {},
      );
    void beat();
    const timer = setInterval(beat, HEARTBEAT_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [number, drafting, clientId, qc]);
  useEffect(() => {
    if (number <= 0) return;
    const onHide = () => leave(number, clientId);
    window.addEventListener('pagehide', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      leave(number, clientId);
    };
  }, [number, clientId]);
  const { data } = useQuery({
    queryKey: presenceKey(number),
    queryFn: () => qc.getQueryData<Viewer[]>(presenceKey(number)) ?? [],
    initialData: [] as Viewer[],
    staleTime: Number.POSITIVE_INFINITY,
  });
  return data;
}
