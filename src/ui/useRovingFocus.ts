// A toolbar that is one Tab stop: the arrow keys (and Home, End) move focus among its enabled,
// shown buttons, and Tab leaves it. The button last focused keeps the Tab stop; while it is
// disabled or hidden, the first one that can take focus has it.
import { useCallback, useLayoutEffect, useRef, type KeyboardEvent, type RefObject } from 'react';

const NEXT: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

/** The buttons that can take focus now, in page order. */
function reachable(container: HTMLElement): HTMLButtonElement[] {
  return [...container.querySelectorAll<HTMLButtonElement>('button')].filter((b) => !b.disabled && b.getClientRects().length > 0);
}

/**
 * Makes the buttons inside the returned ref's element one Tab stop; put `onKeyDown` and
 * `onFocus` on the same element (role="toolbar").
 */
export function useRovingFocus<T extends HTMLElement>(): { ref: RefObject<T | null>; onKeyDown: (e: KeyboardEvent) => void; onFocus: (e: { target: EventTarget }) => void } {
  const ref = useRef<T>(null);
  const current = useRef<HTMLButtonElement | null>(null);
  const sync = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    const items = reachable(el);
    const stop = current.current && items.includes(current.current) ? current.current : items[0];
    for (const b of el.querySelectorAll<HTMLButtonElement>('button')) b.tabIndex = b === stop ? 0 : -1;
  }, []);
  // every render: a button may have been disabled, hidden or swapped
  useLayoutEffect(sync);
  useLayoutEffect(() => {
    // a button hidden or shown by a media query or a resize changes who holds the Tab stop
    const observer = new ResizeObserver(() => sync());
    if (ref.current) observer.observe(ref.current);
    return () => observer.disconnect();
  }, [sync]);
  const onKeyDown = useCallback((e: KeyboardEvent) => {
    const el = ref.current;
    if (!el || e.altKey || e.ctrlKey || e.metaKey) return;
    const items = reachable(el);
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0 || items.length === 0) return;
    let next: number;
    if (e.key in NEXT) next = (at + NEXT[e.key] + items.length) % items.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = items.length - 1;
    else return;
    e.preventDefault();
    current.current = items[next];
    sync();
    items[next].focus();
  }, [sync]);
  const onFocus = useCallback((e: { target: EventTarget }) => {
    if (e.target instanceof HTMLButtonElement) { current.current = e.target; sync(); }
  }, [sync]);
  return { ref, onKeyDown, onFocus };
}
