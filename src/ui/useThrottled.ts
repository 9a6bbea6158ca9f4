// Store values that follow the store at most every `ms` milliseconds (the last change always
// lands). The component re-renders only when the throttled value changes, not on every store
// update: the charts cost tens of milliseconds per render.
import { useEffect, useRef, useState } from 'react';
import { usePlayground, type PlaygroundState } from './store';

export function useThrottledStore<T>(selector: (s: PlaygroundState) => T, ms: number): T {
  const [value, setValue] = useState(() => selector(usePlayground.getState()));
  const selectorRef = useRef(selector);
  selectorRef.current = selector;
  useEffect(() => {
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let seen = selectorRef.current(usePlayground.getState());
    const publish = () => {
      timer = null;
      last = Date.now();
      setValue(() => seen);
    };
    const unsubscribe = usePlayground.subscribe((state) => {
      const next = selectorRef.current(state);
      if (Object.is(next, seen)) return;
      seen = next;
      if (timer) return;
      const wait = last + ms - Date.now();
      if (wait <= 0) publish();
      else timer = setTimeout(publish, wait);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [ms]);
  return value;
}
