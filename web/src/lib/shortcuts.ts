import { useEffect, useRef } from 'react';
import type { MessageDescriptor } from 'react-intl';

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

/** The shortcuts by where they work, in words the help dialog translates when it is shown. */
export const SHORTCUT_HELP: {
  section: MessageDescriptor;
  keys: { keys: string[]; what: MessageDescriptor }[];
}[] = [
  {
    section: { id: 'common.shortcuts.anywhere', defaultMessage: 'Anywhere in the workspace' },
    keys: [
      { keys: ['?'], what: { id: 'common.shortcuts.help', defaultMessage: 'Show or hide this help' } },
      { keys: ['/'], what: { id: 'common.shortcuts.search', defaultMessage: 'Search the queue' } },
      { keys: ['g'], what: { id: 'common.shortcuts.goQueue', defaultMessage: 'Go to the queue' } },
    ],
  },
  {
    section: { id: 'common.shortcuts.queue', defaultMessage: 'Queue' },
    keys: [
      { keys: ['j'], what: { id: 'common.shortcuts.next', defaultMessage: 'Next ticket' } },
      { keys: ['k'], what: { id: 'common.shortcuts.previous', defaultMessage: 'Previous ticket' } },
      {
        keys: ['Enter'],
        what: { id: 'common.shortcuts.open', defaultMessage: 'Open the selected ticket (o does too)' },
      },
    ],
  },
  {
    section: { id: 'common.shortcuts.ticket', defaultMessage: 'Ticket' },
    keys: [
      { keys: ['r'], what: { id: 'common.shortcuts.reply', defaultMessage: 'Write a reply' } },
      { keys: ['n'], what: { id: 'common.shortcuts.note', defaultMessage: 'Write an internal note' } },
      {
        keys: ['Ctrl', 'Enter'],
        what: { id: 'common.shortcuts.send', defaultMessage: 'Send (while writing)' },
      },
      { keys: ['Esc'], what: { id: 'common.shortcuts.leave', defaultMessage: 'Leave the text box' } },
      { keys: ['a'], what: { id: 'common.shortcuts.assign', defaultMessage: 'Assign to me' } },
      { keys: ['s'], what: { id: 'common.shortcuts.status', defaultMessage: 'Change the status' } },
      {
        keys: ['j'],
        what: { id: 'common.shortcuts.nextInQueue', defaultMessage: 'Next ticket in the queue' },
      },
      {
        keys: ['k'],
        what: { id: 'common.shortcuts.previousInQueue', defaultMessage: 'Previous ticket in the queue' },
      },
      { keys: ['u'], what: { id: 'common.shortcuts.back', defaultMessage: 'Back to the queue' } },
    ],
  },
];
