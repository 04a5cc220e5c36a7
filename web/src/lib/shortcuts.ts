import { useEffect, useRef } from 'react';

const TYPING = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

/** Whether a key press belongs to a text field, a menu or a dialog rather than to the page. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (TYPING.has(target.tagName) || target.isContentEditable) return true;
  return Boolean(target.closest('[role="dialog"], [role="listbox"], [role="menu"]'));
}

export type ShortcutMap = Record<string, (e: KeyboardEvent) => void>;

/**
 * Single-key shortcuts (`j`, `?`, `/`, `Enter`), matched on KeyboardEvent.key. They never fire
 * while the user types in a field, with Ctrl/Alt/Meta held, or inside an open dialog or menu.
 */
export function useShortcuts(map: ShortcutMap, enabled = true) {
  const ref = useRef(map);
  ref.current = map;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
      if (isTyping(e.target)) return;
      const fn = ref.current[e.key];
      if (!fn) return;
      e.preventDefault();
      fn(e);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}

export const SHORTCUT_HELP: { section: string; keys: { keys: string[]; what: string }[] }[] = [
  {
    section: 'Anywhere in the workspace',
    keys: [
      { keys: ['?'], what: 'Show or hide this help' },
      { keys: ['/'], what: 'Search the queue' },
      { keys: ['g'], what: 'Go to the queue' },
    ],
  },
  {
    section: 'Queue',
    keys: [
      { keys: ['j'], what: 'Next ticket' },
      { keys: ['k'], what: 'Previous ticket' },
      { keys: ['Enter'], what: 'Open the selected ticket (o does too)' },
    ],
  },
  {
    section: 'Ticket',
    keys: [
      { keys: ['r'], what: 'Write a reply' },
      { keys: ['n'], what: 'Write an internal note' },
      { keys: ['Ctrl', 'Enter'], what: 'Send (while writing)' },
      { keys: ['Esc'], what: 'Leave the text box' },
      { keys: ['a'], what: 'Assign to me' },
      { keys: ['s'], what: 'Change the status' },
      { keys: ['j'], what: 'Next ticket in the queue' },
      { keys: ['k'], what: 'Previous ticket in the queue' },
      { keys: ['u'], what: 'Back to the queue' },
    ],
  },
];
