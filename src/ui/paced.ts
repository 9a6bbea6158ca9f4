// Store values for the heavy views (the charts), delivered at a pace the main thread can
// afford: at most one view takes its new value per animation frame (a queue shared by all views),
// each view at most every `minIntervalMs`, and a view off screen not at all until it scrolls into
// view. A view re-renders only when its own paced value changes, never on every engine batch.
import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import { shallow } from 'zustand/shallow';
import type { StoreApi } from 'zustand';
import { usePlayground, type PlaygroundState } from './store';

type Job = () => void;
const queue: Job[] = [];
let pumping = false;

function pump() {
  const job = queue.shift();
  job?.();
  if (queue.length > 0) requestAnimationFrame(pump);
  else pumping = false;
}

function enqueue(job: Job) {
  if (queue.includes(job)) return;
  queue.push(job);
  if (!pumping) {
    pumping = true;
    requestAnimationFrame(pump);
  }
}

function dequeue(job: Job) {
  const k = queue.indexOf(job);
  if (k >= 0) queue.splice(k, 1);
}

export interface PaceOptions {
  /** False while the view is off screen: it keeps its last value until it is visible again. */
  visible?: boolean;
  /** Least time between two updates of this view. */
  minIntervalMs?: number;
}

/**
 * A selection of the store that follows the store at the views' pace (see above). The selector
 * may return a fresh object or array each time: values are compared shallowly. It must not
 * close over props (it is read from the store's subscription).
 */
export function usePacedStore<T>(selector: (s: PlaygroundState) => T, options: PaceOptions = {}): T {
  return usePacedSelection(usePlayground, selector, options);
}

/** usePacedStore over any zustand store (the 2-D page's). */
export function usePacedSelection<S, T>(store: Pick<StoreApi<S>, 'getState' | 'subscribe'>, selector: (s: S) => T, { visible = true, minIntervalMs = 0 }: PaceOptions = {}): T {
  const [value, setValue] = useState(() => selector(store.getState()));
  const selectorRef = useRef(selector);
  const visibleRef = useRef(visible);
  const request = useRef<() => void>(() => undefined);
  /** The value last handed to React. */
  const shown = useRef(value);
  useEffect(() => {
    selectorRef.current = selector;
  });
  useEffect(() => {
    let seen = selectorRef.current(store.getState());
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const job: Job = () => {
      last = performance.now();
      const next = seen;
      shown.current = next;
      // a transition: React renders the chart in slices between frames instead of one long task
      startTransition(() => setValue(() => next));
    };
    request.current = () => {
      if (!visibleRef.current || timer || shallow(seen, shown.current)) return;
      const wait = last + minIntervalMs - performance.now();
      if (wait > 0) {
        timer = setTimeout(() => { timer = null; request.current(); }, wait);
        return;
      }
      enqueue(job);
    };
    const unsubscribe = store.subscribe((state) => {
      const next = selectorRef.current(state);
      if (shallow(next, seen)) return;
      seen = next;
      request.current();
    });
    // what changed between the first render and this subscription
    request.current();
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
      dequeue(job);
      request.current = () => undefined;
    };
  }, [store, minIntervalMs]);
  useEffect(() => {
    visibleRef.current = visible;
    if (visible) request.current();
  }, [visible]);
  return value;
}

/** Whether an element is on screen (true where IntersectionObserver is missing). */
export function useOnScreen<E extends Element>(rootMargin = '0px'): [(el: E | null) => void, boolean] {
  const [visible, setVisible] = useState(typeof IntersectionObserver === 'undefined');
  const observer = useRef<IntersectionObserver | null>(null);
  const ref = useCallback((el: E | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    observer.current = new IntersectionObserver((entries) => {
      for (const e of entries) setVisible(e.isIntersecting);
    }, { rootMargin });
    observer.current.observe(el);
  }, [rootMargin]);
  return [ref, visible];
}
