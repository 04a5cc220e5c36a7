import { useQuery } from '@tanstack/react-query';
import { type Dispatch, type SetStateAction, useCallback, useEffect, useRef, useState } from 'react';
import type { Draft, DraftKind } from '../../../common/drafts';
import { get, send } from '../api/client';

/** How long typing pauses before the draft is saved. */
const SAVE_AFTER_MS = 800;

export type DraftStatus = 'idle' | 'saving' | 'saved' | 'error';

/**
 * A reply or note kept on the server as it is typed (staff): restored into an empty box when the
 * page opens, on this device or another; saved 800 ms after typing pauses and when the box goes
 * away; emptied once the message is sent (the server removes it with the message; a save still
 * under way then is undone after it lands).
 */
export function useServerDraft(
  number: number,
  kind: DraftKind,
  enabled: boolean,
  setBody: Dispatch<SetStateAction<string>>,
) {
  const saved = useQuery({
    queryKey: ['draft', number, kind],
    queryFn: () => get('/tickets/:number/draft', { params: { number }, query: { kind } }),
    enabled: enabled && number > 0,
    staleTime: 0,
    gcTime: 0,
  });
  const restored = useRef(false);
  useEffect(() => {
    if (restored.current || !saved.data) return;
    restored.current = true;
    const text = saved.data.body;
    if (text) setBody((current) => current || text);
  }, [saved.data, setBody]);

  const [status, setStatus] = useState<DraftStatus>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pending = useRef<string | null>(null);
  const inflight = useRef<Promise<unknown> | null>(null);
  const put = useCallback(
    (text: string) => {
      setStatus('saving');
      const p = send('PUT /tickets/:number/draft', { params: { number }, body: { kind, body: text } }).then(
        (d: Draft) => setStatus(d.updatedAt ? 'saved' : 'idle'),
        () => setStatus('error'),
      );
      inflight.current = p;
      void p.finally(() => {
        if (inflight.current === p) inflight.current = null;
      });
      return p;
    },
    [number, kind],
  );
  const flush = useCallback(() => {
    clearTimeout(timer.current);
    const text = pending.current;
    pending.current = null;
    if (text !== null) void put(text);
  }, [put]);
  useEffect(() => () => flush(), [flush]);

  return {
    status,
    /** Restored from the server: when it was saved. */
    restoredAt: saved.data?.body ? saved.data.updatedAt : null,
    changed(text: string) {
      if (!enabled) return;
      pending.current = text;
      clearTimeout(timer.current);
      timer.current = setTimeout(flush, SAVE_AFTER_MS);
    },
    /** The message went: nothing is left to save, and a save under way is undone. */
    sent() {
      clearTimeout(timer.current);
      pending.current = null;
      setStatus('idle');
      if (enabled && inflight.current) void inflight.current.finally(() => put(''));
    },
    discard() {
      if (!enabled) return;
      clearTimeout(timer.current);
      pending.current = null;
      void put('');
    },
  };
}
