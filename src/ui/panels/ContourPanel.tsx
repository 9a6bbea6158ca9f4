// One contour plot of an exact divergence landscape over (mu, sigma), drawn at its real pixel
// size: the landscape with its colour bar, the minima over the whole space (an arrow at the edge
// for those outside the view), the generator start, the live trajectories of the runs it draws
// and optionally the field of -grad D. Click sets the start, drag pans (two fingers on a touch
// screen), wheel and pinch zoom, hover reads D and |grad D| at the pointer; focused, the keys
// move the start, zoom and pan (panels/plotKeys.ts).
import { forwardRef, memo, useCallback, useMemo, useRef } from 'react';
import type { LandscapeId } from '../../config/schema';
import type { RunSpec } from '../../config/runs';
import { usePlayground } from '../store';
import { useLandscape, useMinima } from '../landscapeService';
import { plotScale, type PlotScale } from '../contour';
import { LANDSCAPE_NAMES } from '../../math/catalog';
import { useView } from '../viewStore';
import type { RunFilter } from './runFilter';
import { panelLayout, type PanelLayout } from './layout';
import { usePlotGestures } from './usePlotGestures';
import { usePlotWidth, useSettled } from './usePlotWidth';
import { Trajectories } from './Trajectories';
import { GradientField } from './GradientField';
import { RunDirections } from './RunDirections';
import { gradientReference } from './layout';
import { MinimaList, MinimumMarkers, StartMarker } from './Markers';
import { LandscapeLayer } from './LandscapeLayer';
import { PanelHeader } from './PanelHeader';
import { Readout, useReading } from './Readout';
import { PlotHints, useFlash } from './PlotHints';
import { usePlotKeys } from './usePlotKeys';
import { plotKeysHint } from './plotKeys';
import type { LandscapeGridResult } from '../landscapeTypes';
import type { LandscapeBounds, LandscapeMinimum, LandscapeWindow } from '../../math/landscape';

/** Grid points per axis: 101 x 101 is fine at any panel size the page draws. */
const GRID_POINTS = 101;
/** A window must rest this long (zoom, pan) before its landscape is computed. */
const SETTLE_MS = 200;

interface Props {
  id: LandscapeId;
  window: LandscapeBounds;
  /** The runs this panel draws (its filter applied). */
  runs: RunSpec[];
  filter: RunFilter;
  /** True when a configured scheme minimises this divergence. */
  minimised: boolean;
}

const sameWindow = (a: LandscapeBounds, b: LandscapeBounds) => a.muMin === b.muMin && a.muMax === b.muMax && a.sigmaMin === b.sigmaMin && a.sigmaMax === b.sigmaMax;

export const ContourPanel = memo(function ContourPanel({ id, window, runs, filter, minimised }: Props) {
  const target = usePlayground((s) => s.config.target);
  const setStart = usePlayground((s) => s.setStart);
  const setZoom = useView((s) => s.setZoom);
  const [plotRef, measured] = usePlotWidth();
  const layout = useMemo(() => panelLayout(measured || 300), [measured]);
  const settled = useSettled(window, SETTLE_MS, sameWindow);
  const gridWindow = useMemo<LandscapeWindow>(() => ({ ...settled, nMu: GRID_POINTS, nSigma: GRID_POINTS }), [settled]);
  const landscape = useLandscape(id, target, gridWindow);
  const minimaStatus = useMinima(id, target);
  const minima = minimaStatus.state === 'done' ? minimaStatus.result.minima : [];
  const grid = landscape.state === 'done' ? landscape.result : landscape.state === 'computing' ? landscape.last : null;
  const scale = useMemo(() => plotScale(window, layout.box), [window, layout]);
  const [reading, onHover] = useReading(id, target);
  const element = useRef<HTMLDivElement>(null);
  // a stable ref: a new one each render would detach and re-measure the plot on every render
  const attachPlot = useCallback((el: HTMLDivElement | null) => { element.current = el; plotRef(el); }, [plotRef]);
  const svgRef = useRef<SVGSVGElement>(null);
  const overlayRef = useRef<SVGSVGElement>(null);
  const keys = usePlotKeys(window);
  const [touchHint, flashTouchHint] = useFlash();
  usePlotGestures(element, { window, box: layout.box, width: layout.width }, {
    onClick: (p) => setStart(p.mu, p.sigma),
    onHover,
    onWindow: setZoom,
    onOneFingerDrag: flashTouchHint,
  });
  const name = LANDSCAPE_NAMES[id];
  const clipId = `clip-${id}`;
  const viewBox = `0 0 ${layout.width} ${layout.height}`;

  return (
    <figure className="panel contour-panel" data-testid="contour-panel" data-divergence={id} data-filter={filter} aria-label={`${name} landscape`}>
      <PanelHeader id={id} filter={filter} minimised={minimised} runs={runs} minima={minima} layers={() => (svgRef.current && overlayRef.current ? [svgRef.current, overlayRef.current] : null)} />
      {/* Two layers: the landscape is drawn once per window; the live overlay (trajectories,
          minima, start) sits on its own compositing layer, so that a growing trajectory does not
          repaint the filled contour bands (costly where the browser rasterises in software). */}
      <div className="contour-plot" ref={attachPlot} tabIndex={0} role="application" onKeyDown={keys.onKeyDown}
        aria-label={`${name} plot. ${plotKeysHint(keys.panning)}`} data-panning={keys.panning}>
        <svg
          ref={svgRef} xmlns="http://www.w3.org/2000/svg" viewBox={viewBox} width={layout.width} height={layout.height}
          className="contour-svg" role="img"
          data-window={`${window.muMin},${window.muMax},${window.sigmaMin},${window.sigmaMax}`}
          data-box={`${layout.box.left},${layout.box.top},${layout.box.width},${layout.box.height}`}
          aria-label={`Contour plot of ${name} over mu and sigma; click to set the generator start, drag (two fingers on a touch screen) to pan, wheel or pinch to zoom`}
        >
          <LandscapeLayer id={id} grid={grid} window={window} scale={scale} layout={layout} clipId={clipId} />
        </svg>
        <PanelOverlay ref={overlayRef} id={id} window={window} layout={layout} scale={scale} clipId={clipId} runs={runs} minima={minima} grid={grid}
          failed={landscape.state === 'failed' ? landscape.error : null} />
        <PlotHints panning={keys.panning} touchHint={touchHint} />
      </div>
      <Readout id={id} reading={reading} />
      <MinimaList minima={minima} window={window} infiniteCells={grid?.infiniteCells ?? 0} />
    </figure>
  );
});

interface OverlayProps {
  id: LandscapeId;
  window: LandscapeBounds;
  layout: PanelLayout;
  scale: PlotScale;
  clipId: string;
  runs: RunSpec[];
  minima: LandscapeMinimum[];
  grid: LandscapeGridResult | null;
  failed: string | null;
}

/** The live layer: gradient arrows, minima, trajectories and the start, and the panel's state. */
const PanelOverlay = forwardRef<SVGSVGElement, OverlayProps>(function PanelOverlay({ id, window, layout, scale, clipId, runs, minima, grid, failed }, ref) {
  const mu0 = usePlayground((s) => s.config.mu0);
  const sigma0 = usePlayground((s) => s.config.sigma0);
  const gradients = useView((s) => s.gradients);
  const { box } = layout;
  const reference = useMemo(() => (grid ? gradientReference(grid.arrows) : 0), [grid]);
  const note = failed !== null ? `failed: ${failed}` : grid ? null : 'computing…';
  return (
    <svg ref={ref} xmlns="http://www.w3.org/2000/svg" viewBox={`0 0 ${layout.width} ${layout.height}`} width={layout.width} height={layout.height}
      className="contour-svg contour-overlay" aria-hidden="true">
      <g clipPath={`url(#${clipId})`}>
        {gradients && grid && <GradientField arrows={grid.arrows} window={window} box={box} scale={scale} />}
      </g>
      <MinimumMarkers minima={minima} window={window} box={box} scale={scale} />
      <g clipPath={`url(#${clipId})`}>
        <Trajectories scale={scale} runs={runs} />
        {gradients && grid && <RunDirections id={id} runs={runs} window={window} box={box} scale={scale} gradientReference={reference} />}
      </g>
      <StartMarker mu0={mu0} sigma0={sigma0} window={window} box={box} scale={scale} />
      {note && <text x={box.left + box.width / 2} y={box.top + box.height / 2} textAnchor="middle" className="svg-note">{note}</text>}
    </svg>
  );
});
