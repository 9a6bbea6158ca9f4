// The hints over a landscape plot: its keys while it is focused, and the passing hint after a
// one-finger drag (the page scrolls; two fingers pan).
import { useCallback, useEffect, useRef, useState } from 'react';
import { plotKeysHint } from './plotKeys';

/** How long the one-finger hint stays. */
const TOUCH_HINT_MS = 2500;

/** A flag that a call raises for a while (a later call starts the while again). */
export function useFlash(ms = TOUCH_HINT_MS): [boolean, () => void] {
  const [on, setOn] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => { if (timer.current) clearTimeout(timer.current); }, []);
  const raise = useCallback(() => {
    setOn(true);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => { timer.current = null; setOn(false); }, ms);
  }, [ms]);
  return [on, raise];
}

/** The hints over a plot: its keys while focused, how to pan after a one-finger drag. */
export function PlotHints({ panning, touchHint }: { panning: boolean; touchHint: boolean }) {
  return (
    <>
      <div className="plot-hint keys" aria-hidden="true" data-testid="plot-keys-hint">{plotKeysHint(panning)}</div>
      {touchHint && <div className="plot-hint" role="status" data-testid="touch-hint">Use two fingers to pan</div>}
    </>
  );
}
