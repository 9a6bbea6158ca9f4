// The landscape panels: one per divergence the schemes minimise and per chosen panel, all over
// one window (the fitted default, or the user's zoom), with the view's controls above them.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { LandscapeId, MixtureComponent } from '../../config/schema';
import type { LandscapeMinimum } from '../../math/landscape';
import { panelIds, usePlayground } from '../store';
import { ContourPanel } from './ContourPanel';
import { requestMinima } from '../landscapeService';
import { syncViewUrl, useView } from '../viewStore';
import { effectiveRunFilter } from './runFilter';
import { EMPTY_EXTENT, extendExtent, fittedWindow, windowCentre, zoomWindow, type Extent } from '../viewWindow';
import type { LandscapeBounds } from '../../math/landscape';
import type { Trajectory } from '../../engine/trajectory';
import { ZOOM_STEP } from './plotKeys';

export function LandscapePanels() {
  const config = usePlayground((s) => s.config);
  const runs = usePlayground((s) => s.runs);
  const schemeCount = usePlayground((s) => s.runConfig.schemes.length);
  const zoom = useView((s) => s.zoom);
  const filters = useView((s) => s.runFilters);
  useEffect(() => syncViewUrl(), []);
  const ids = useMemo(() => panelIds(config, runs), [config, runs]);
  const minima = useAllMinima(ids, config.target);
  const extent = useTrajectoryExtent();
  const fitted = useMemo(
    () => fittedWindow(config.target, { mu: config.mu0, sigma: config.sigma0 }, minima, extent),
    [config.target, config.mu0, config.sigma0, minima, extent],
  );
  const window = useStableWindow(zoom ?? fitted);
  // one array of runs per panel while the runs and filters stay (the panels are memoised on it)
  const panels = useMemo(() => ids.map((id) => {
    const minimised = runs.some((r) => r.minimises === id);
    const filter = effectiveRunFilter(filters[id], schemeCount, minimised);
    return { id, minimised, filter, runs: filter === 'all' ? runs : runs.filter((r) => r.minimises === id) };
  }), [ids, runs, filters, schemeCount]);
  return (
    <section className="panels-section" aria-label="Divergence landscapes over mu and sigma">
      <ViewControls window={window} zoomed={zoom !== null} />
      <div className="panels">
        {panels.map((p) => <ContourPanel key={p.id} id={p.id} window={window} filter={p.filter} minimised={p.minimised} runs={p.runs} />)}
      </div>
    </section>
  );
}

function ViewControls({ window, zoomed }: { window: LandscapeBounds; zoomed: boolean }) {
  const setZoom = useView((s) => s.setZoom);
  const gradients = useView((s) => s.gradients);
  const setGradients = useView((s) => s.setGradients);
  const zoomBy = (factor: number) => setZoom(zoomWindow(window, factor, windowCentre(window)));
  return (
    <div className="view-controls" role="group" aria-label="Landscape view">
      <button type="button" className="small" onClick={() => zoomBy(1 / ZOOM_STEP)} aria-label="Zoom in" data-testid="zoom-in">+</button>
      <button type="button" className="small" onClick={() => zoomBy(ZOOM_STEP)} aria-label="Zoom out" data-testid="zoom-out">−</button>
      <button type="button" className="small" onClick={() => setZoom(null)} disabled={!zoomed} data-testid="zoom-reset">Fit view</button>
      <label className="check">
        <input type="checkbox" checked={gradients} onChange={(e) => setGradients(e.target.checked)} data-testid="gradient-toggle" />
        arrows of −∇D
      </label>
      <span className="muted view-hint">Drag (two fingers on a touch screen) to pan, wheel or pinch to zoom, click to set the start; a focused panel says its keys.</span>
    </div>
  );
}

/** The same object while the window's edges are the same (panels are memoised on it). */
function useStableWindow(w: LandscapeBounds): LandscapeBounds {
  const last = useRef(w);
  const l = last.current;
  if (l.muMin !== w.muMin || l.muMax !== w.muMax || l.sigmaMin !== w.sigmaMin || l.sigmaMax !== w.sigmaMax) last.current = w;
  return last.current;
}

/** The minima of every panel's divergence over the whole space, as they arrive. */
function useAllMinima(ids: LandscapeId[], target: MixtureComponent[]): LandscapeMinimum[] {
  const [found, setFound] = useState<{ key: string; minima: LandscapeMinimum[] }>({ key: '', minima: [] });
  const key = JSON.stringify([ids, target]);
  useEffect(() => {
    let live = true;
    Promise.allSettled(ids.map((id) => requestMinima(id, target))).then((results) => {
      if (!live) return;
      const minima = results.flatMap((r) => (r.status === 'fulfilled' ? r.value.minima : []));
      setFound({ key, minima });
    });
    return () => { live = false; };
    // key captures ids and target
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return found.key === key ? found.minima : EMPTY_MINIMA;
}

const EMPTY_MINIMA: LandscapeMinimum[] = [];

/**
 * Where the trajectories have been, read incrementally as they grow; a new object only when the
 * extent grows (or the trajectories start over).
 */
function useTrajectoryExtent(): Extent {
  const trajectories = usePlayground((s) => s.training.trajectories);
  const version = usePlayground((s) => s.training.trajectoryVersion);
  const state = useRef<{ source: Trajectory[]; read: number[]; extent: Extent } | null>(null);
  return useMemo(() => {
    if (!state.current || state.current.source !== trajectories) state.current = { source: trajectories, read: [], extent: { ...EMPTY_EXTENT } };
    const s = state.current;
    const next = { ...s.extent };
    trajectories.forEach((t, k) => {
      extendExtent(next, t.mu, t.sigma, s.read[k] ?? 0);
      s.read[k] = Math.min(t.mu.length, t.sigma.length);
    });
    const grew = next.muMin !== s.extent.muMin || next.muMax !== s.extent.muMax || next.sigmaMax !== s.extent.sigmaMax;
    if (grew) s.extent = next;
    return s.extent;
    // version says when the arrays grew in place
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [trajectories, version]);
}
