// The critic on the plane: heatmaps of the selected run's learned critic d(x) and of the optimal
// critic d*(x) = log p - log q, on one shared diverging colour scale (a colour bar below), with
// p's contours drawn thinly over both.
import { memo, useId, useMemo } from 'react';
import { expandPlanarRuns } from '../../config/planar';
import type { PlanarSnapshot } from '../../engine/planar/protocol';
import type { PlanarGrid } from '../../math/planar/landscape2';
import { ChartPanel } from '../ChartPanel';
import { PlanarFigureDownloads } from './PlanarExports';
import { criticEstimatesLogRatio } from '../CriticOptions';
import { formatTick } from '../chartKit';
import { PlaneAxes } from './DataPlane';
import { usePlanar } from './planarStore';
import { contourPaths, densityLevels, divergingColour, heatmapPixels, occupiedCells, planeLayout, planeScale, rgb, symmetricRange } from './planeGeometry';
import './planarViews.css';
import { Term } from '../Term';

/** Below this width the two maps stack. */
const SIDE_BY_SIDE = 520;
const GAP = 12;
const MAX_MAP = 440;

interface CriticMap {
  key: 'learned' | 'optimal';
  title: string;
  values: number[];
}

export function CriticMaps() {
  const snapshot = usePlanar((s) => s.snapshot);
  const info = usePlanar((s) => s.runs[s.selectedRun]);
  const selected = usePlanar((s) => s.selectedRun);
  const config = usePlanar((s) => s.config);
  const scheme = useMemo(() => expandPlanarRuns(config).runs[selected]?.scheme, [config, selected]);
  const run = snapshot?.runs[selected];
  const maps = useMemo(() => {
    const out: CriticMap[] = [];
    if (run?.critic) out.push({ key: 'learned', title: 'Learned critic d(x)', values: run.critic });
    if (run?.optimal) out.push({ key: 'optimal', title: 'Optimal critic d*(x) = log p − log q', values: run.optimal });
    return out;
  }, [run]);
  // the colour range is read where the critic is used: the cells that hold real or generated samples
  const scale = useMemo(() => {
    const cells = snapshot && run ? occupiedCells([...snapshot.realSamples, ...run.samples], snapshot.grid) : [];
    return symmetricRange(maps.map((m) => m.values), { cells });
  }, [snapshot, run, maps]);
  const label = info?.label ?? `run ${selected + 1}`;
  const note = snapshot && run
    ? <>{label} at step {snapshot.step}.{' '}
      {info?.critic === 'optimal' ? 'This run trains against the optimal critic, so its critic is d* itself. ' : ''}
      {!run.optimal ? 'The generator has no closed-form density, so no d*: only the learned critic is shown. ' : ''}
      {run.critic && scheme && !criticEstimatesLogRatio(scheme) ? 'This scheme\'s critic does not estimate log p/q: compare the shapes, not the values. ' : ''}
      {maps.length > 1 ? 'One colour scale for both maps, clamped' : 'Colours clamped'} to ±{formatTick(scale.range)} (the 95th percentile of |d| over the cells that hold real or generated samples); grey lines: the target p's contours.</>
    : <>The <Term id="learned-critic" />(x) and the <Term id="optimal-critic" />(x) = log p − log q over the plane.</>;
  return (
    <ChartPanel title="Critic" testId="planar-critic-maps" label="Critic maps" note={note}
      actions={<PlanarFigureDownloads view="critic" name="Critic maps" />}>
      {(width) => (snapshot && maps.length
        ? <CriticPlot snapshot={snapshot} maps={maps} range={scale.range} ticks={scale.ticks} label={label} width={width} />
        : <p className="muted chart-empty planar-waiting">Waiting for the first snapshot…</p>)}
    </ChartPanel>
  );
}

interface PlotProps {
  snapshot: PlanarSnapshot;
  maps: CriticMap[];
  range: number;
  ticks: number[];
  label: string;
  width: number;
}

function CriticPlot({ snapshot, maps, range, ticks, label, width }: PlotProps) {
  const sideBySide = maps.length > 1 && width >= SIDE_BY_SIDE;
  const mapWidth = Math.floor(Math.min(MAX_MAP, sideBySide ? (width - GAP) / 2 : width));
  const contours = useMemo(() => {
    const layout = planeLayout(mapWidth, mapWidth);
    const levels = densityLevels(snapshot.logP, [0.99, 0.75, 0.25]);
    return contourPaths(snapshot.logP, snapshot.grid.n, levels.map((l) => l.threshold), layout);
  }, [snapshot, mapWidth]);
  return (
    <div className="planar-critic">
      <div className={sideBySide ? 'planar-maps planar-maps-row' : 'planar-maps'}>
        {maps.map((m) => (
          <div className="planar-map" key={m.key} data-testid={`planar-critic-${m.key}`}>
            <div className="planar-map-title">{m.title}</div>
            <MapSvg grid={snapshot.grid} values={m.values} range={range} contours={contours} width={mapWidth}
              label={`${m.title} of ${label} at step ${snapshot.step}: a heatmap over the plane, clamped to ±${formatTick(range)}`} />
          </div>
        ))}
      </div>
      <ColourBar range={range} ticks={ticks} width={Math.min(width, sideBySide ? 2 * mapWidth + GAP : mapWidth, 2 * MAX_MAP)} />
    </div>
  );
}

interface MapProps {
  grid: PlanarGrid;
  values: number[];
  range: number;
  contours: string[];
  width: number;
  label: string;
}

/** One heatmap: the grid's cells as an image stretched over the plot square, p's contours, axes. */
const MapSvg = memo(function MapSvg({ grid, values, range, contours, width, label }: MapProps) {
  const layout = useMemo(() => planeLayout(width, width), [width]);
  const scale = useMemo(() => planeScale(grid, layout), [grid, layout]);
  const href = useMemo(() => heatmapUrl(values, grid.n, range), [values, grid.n, range]);
  const clip = `planar-map-clip-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  return (
    <svg className="planar-svg" width={layout.width} height={layout.height} role="img" aria-label={label}>
      <defs><clipPath id={clip}><rect x={layout.left} y={layout.top} width={layout.side} height={layout.side} /></clipPath></defs>
      <rect x={layout.left} y={layout.top} width={layout.side} height={layout.side} fill={rgb(divergingColour(0, range))} />
      {href && <image href={href} x={layout.left} y={layout.top} width={layout.side} height={layout.side} preserveAspectRatio="none" />}
      <g clipPath={`url(#${clip})`} fill="none" stroke="#1f2937" strokeOpacity={0.4} strokeWidth={0.8}>
        {contours.map((d, k) => <path key={k} d={d} />)}
      </g>
      <PlaneAxes box={grid} layout={layout} scale={scale} />
    </svg>
  );
});

/** A PNG data URL of the grid's heatmap, one pixel per cell ('' outside a browser). */
function heatmapUrl(values: number[], n: number, range: number): string {
  if (typeof document === 'undefined' || n < 1) return '';
  const canvas = document.createElement('canvas');
  canvas.width = n;
  canvas.height = n;
  const ctx = canvas.getContext('2d');
  if (!ctx) return '';
  const image = ctx.createImageData(n, n);
  image.data.set(heatmapPixels(values, n, range));
  ctx.putImageData(image, 0, 0);
  return canvas.toDataURL('image/png');
}

/** The shared colour scale: a horizontal gradient from -range to range, its ticks, and what each side means. */
function ColourBar({ range, ticks, width }: { range: number; ticks: number[]; width: number }) {
  const id = `planar-bar-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const pad = 18;
  const barWidth = Math.max(40, width - 2 * pad);
  const x = (v: number) => pad + ((v + range) / (2 * range)) * barWidth;
  const stops = Array.from({ length: 17 }, (_, k) => k / 16);
  return (
    <div className="planar-colour-bar" style={{ width }} data-testid="planar-colour-bar">
      <svg width={width} height={34} role="img" aria-label={`Colour scale of the critic maps, from −${formatTick(range)} (purple) to ${formatTick(range)} (green)`}>
        <defs>
          <linearGradient id={id}>
            {stops.map((t) => <stop key={t} offset={t} stopColor={rgb(divergingColour(-range + 2 * range * t, range))} />)}
          </linearGradient>
        </defs>
        <rect x={pad} y={2} width={barWidth} height={12} fill={`url(#${id})`} stroke="#4b5563" strokeWidth={0.6} />
        <g fontSize={11} fill="#374151">
          {ticks.map((t) => (
            <g key={t} transform={`translate(${x(t).toFixed(1)},14)`}>
              <line y2={4} stroke="#4b5563" />
              <text y={16} textAnchor="middle">{formatTick(t)}</text>
            </g>
          ))}
        </g>
      </svg>
      <div className="planar-colour-sides">
        <span>← d &lt; 0: q above p (looks fake)</span>
        <span>d &gt; 0: p above q (looks real) →</span>
      </div>
    </div>
  );
}
