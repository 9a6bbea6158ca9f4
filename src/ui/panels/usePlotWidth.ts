// The width of an element in whole pixels, following its resizes (0 until measured).
import { useCallback, useEffect, useRef, useState } from 'react';

/** One measure for the first reading and for every resize: clientWidth rounds where this floors,
 * and two measures that disagree by a pixel re-render each other forever. */
function measure(el: Element): number {
  return Math.floor(el.getBoundingClientRect().width);
}

export function usePlotWidth(): [(el: HTMLDivElement | null) => void, number] {
  const [width, setWidth] = useState(0);
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback((el: HTMLDivElement | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!el) return;
    setWidth(measure(el));
    if (typeof ResizeObserver === 'undefined') return;
    observer.current = new ResizeObserver(() => {
      const w = measure(el);
      if (w > 0) setWidth(w);
    });
    observer.current.observe(el);
  }, []);
  useEffect(() => () => observer.current?.disconnect(), []);
  return [ref, width];
}

/** `value`, held back until it has stayed the same for `ms` (the first value passes at once). */
export function useSettled<T>(value: T, ms: number, same: (a: T, b: T) => boolean): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (same(settled, value)) return;
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, settled, ms, same]);
  return settled;
}
