// A landscape panel by keyboard: the keys of a focused panel (plotKeys.ts) applied to the start,
// the zoom and the panel's pan mode.
import { useCallback, useState, type KeyboardEvent } from 'react';
import { usePlayground } from '../store';
import { useView } from '../viewStore';
import { plotKeyAction } from './plotKeys';
import type { LandscapeBounds } from '../../math/landscape';

/** The keys of a focused panel over `window`, and whether it is in pan mode. */
export function usePlotKeys(window: LandscapeBounds): { panning: boolean; onKeyDown: (e: KeyboardEvent) => void } {
  const [panning, setPanning] = useState(false);
  const onKeyDown = useCallback((e: KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const { config, setStart } = usePlayground.getState();
    const action = plotKeyAction(e, { window, start: { mu: config.mu0, sigma: config.sigma0 }, panning });
    if (!action) return;
    e.preventDefault();
    if (action.kind === 'start') setStart(action.start.mu, action.start.sigma);
    else if (action.kind === 'window') useView.getState().setZoom(action.window);
    else if (action.kind === 'fit') useView.getState().setZoom(null);
    else setPanning(action.on);
  }, [window, panning]);
  return { panning, onKeyDown };
}
