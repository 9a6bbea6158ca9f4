// The landscape over q's mean (isotropic family only): D_f(p, N(m, s^2 I)) over a grid of means m
// at the selected run's current scale s, computed by the 2-D worker (~1 s), as filled contour
// bands with the run's mean path on top. The 2-D analogue of the paper's Figure 5: reverse KL
// has a basin at every mode of a circle of modes, KL one in the middle.
import { memo, useEffect, useId, useMemo, useState } from 'react';
import type { PlanarPoint } from '../../engine/planar/protocol';
import type { PlanarLandscape } from '../../math/planar/landscape2';
import { LANDSCAPE_NAMES, LANDSCAPE_SHORT_NAMES } from '../../math/catalog';
import type { DivergenceId } from '../../math/criticBasis';
import { ChartPanel } from '../ChartPanel';
import { PlanarFigureDownloads } from './PlanarExports';
import { bandColour } from '../colors';
import { formatValue } from '../contour';
import { PlaneAxes } from './DataPlane';
import { requestLandscape, usePlanar, type PlanarRunInfo } from './planarStore';
import { contourPaths, planeLayout, planeScale, polylineData } from './planeGeometry';
import { isotropicScale, landscapeLevels, landscapeMinimum, meanPath } from './planarChartData';
import './planarCharts.css';

const MAX_WIDTH = 480;
const FALLBACK_COLOUR = '#6b7280';

export function PlanarLandscapeView() {
  const isotropic = usePlanar((s) => s.config.family.kind === 'isotropic');
  return isotropic ? <LandscapePanel /> : null;
}

/** What was last asked of the worker: for which run, divergence and experiment (its runs list), and the landscape shown then. */
interface Request { run: number; id: DivergenceId; runs: PlanarRunInfo[]; before: PlanarLandscape | null }

function LandscapePanel() {
  const snapshot = usePlanar((s) => s.snapshot);
  const landscape = usePlanar((s) => s.landscape);
  const landscapeId = usePlanar((s) => s.landscapeId);
  const ids = usePlanar((s) => s.monitorIds);
  const runs = usePlanar((s) => s.runs);
  const selected = usePlanar((s) => s.selectedRun);
  const points = usePlanar((s) => s.points);
  // points grow in place: the count re-renders the path
  const pointCount = usePlanar((s) => s.points.length);
  const target = usePlanar((s) => s.config.target);
  const [request, setRequest] = useState<Request | null>(null);
  const current = landscape && landscape.id === landscapeId && landscape.run === selected ? landscape : null;
  const asked = request !== null && request.run === selected && request.id === landscapeId && request.runs === runs;
  const computing = asked && (current === null || landscape === request.before);

  const ask = () => {
    setRequest({ run: selected, id: landscapeId, runs, before: landscape });
    requestLandscape();
  };
  // the first landscape of a run and divergence is asked for as soon as there is a snapshot
  useEffect(() => {
    if (snapshot && !current && !asked) ask();
  });

  const last = points.at(-1)?.runs[selected] ?? snapshot?.runs[selected]?.moments;
  const scaleNow = last ? isotropicScale(last) : null;
  const minimum = useMemo(() => (current ? landscapeMinimum(current) : null), [current]);
  const name = LANDSCAPE_NAMES[landscapeId] ?? landscapeId;
  const info = runs[selected];
  const note = current && minimum
    ? <>{name} between p and N(m, s²I) over q&apos;s mean m, at the fixed scale s = {formatValue(current.scale)}
      {scaleNow !== null && Math.abs(scaleNow - current.scale) > 0.01 * current.scale ? <> (q&apos;s scale is now {formatValue(scaleNow)}: compute again to follow it)</> : ''}.
      Lowest on the grid ({formatValue(minimum.value)}) at m = ({formatValue(minimum.x)}, {formatValue(minimum.y)}), marked ✕. Line: {info?.label ?? 'the run'}&apos;s
      mean path, ● its current mean; +: the target&apos;s component means.</>
    : <>D<sub>f</sub>(p, q) over q&apos;s mean at the selected run&apos;s current scale: where the isotropic generator&apos;s mean would settle if its scale were held.</>;
  return (
    <ChartPanel title="Landscape over the mean" testId="planar-landscape" label="Landscape over the mean" note={note}
      actions={<PlanarFigureDownloads view="landscape" name="Landscape over the mean" />}
      footer={<LandscapeControls ids={ids} id={landscapeId} computing={computing} disabled={!snapshot} onCompute={ask} />}>
      {(width) => (current
        ? <LandscapePlot landscape={current} points={points} pointCount={pointCount} run={selected} colour={info?.colour ?? FALLBACK_COLOUR}
          modes={target.map((c) => c.mean)} minimum={minimum} width={width} computing={computing} />
        : <p className="muted chart-empty planar-waiting" aria-live="polite">
          {snapshot ? 'Computing… (about a second, in the landscape worker)' : 'Waiting for the first snapshot…'}</p>)}
    </ChartPanel>
  );
}

interface ControlProps { ids: readonly DivergenceId[]; id: DivergenceId; computing: boolean; disabled: boolean; onCompute: () => void }

/** The divergence chooser, the compute button and the computing status. */
function LandscapeControls({ ids, id, computing, disabled, onCompute }: ControlProps) {
  const selectId = useId();
  return (
    <div className="planar-landscape-controls">
      <label htmlFor={selectId}>Divergence</label>
      <select id={selectId} value={id} data-testid="planar-landscape-divergence"
        onChange={(e) => usePlanar.getState().setLandscapeId(e.target.value as DivergenceId)}>
        {ids.map((d) => <option key={d} value={d}>{LANDSCAPE_SHORT_NAMES[d]} · {LANDSCAPE_NAMES[d]}</option>)}
      </select>
      <button type="button" onClick={onCompute} disabled={disabled || computing} data-testid="planar-landscape-compute">Compute at the current scale</button>
      <span className="planar-landscape-status muted" aria-live="polite">{computing ? 'Computing…' : ''}</span>
    </div>
  );
}

interface PlotProps {
  landscape: PlanarLandscape;
  points: PlanarPoint[];
  /** How many points there are (they grow in place). */
  pointCount: number;
  run: number;
  colour: string;
  modes: readonly (readonly [number, number])[];
  minimum: { x: number; y: number } | null;
  width: number;
  computing: boolean;
}

/** Filled contour bands (light low, dark high), the mean path, the current mean, the minimum and p's modes, and a colour bar. */
const LandscapePlot = memo(function LandscapePlot({ landscape, points, pointCount, run, colour, modes, minimum, width, computing }: PlotProps) {
  const clip = `planar-land-clip-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const layout = useMemo(() => planeLayout(width, MAX_WIDTH), [width]);
  const scale = useMemo(() => planeScale(landscape.grid, layout), [landscape.grid, layout]);
  const levels = useMemo(() => landscapeLevels(landscape.values), [landscape.values]);
  const bands = useMemo(() => contourPaths(levels.clean, landscape.grid.n, levels.thresholds, layout), [levels, landscape.grid.n, layout]);
  const path = useMemo(() => meanPath(points, run), [points, pointCount, run]);
  const pathData = useMemo(() => polylineData(path, scale), [path, scale]);
  const count = levels.thresholds.length + 1;
  const now = path.at(-1);
  const cross = (x: number, y: number, r: number) => `M${x - r},${y - r}L${x + r},${y + r}M${x - r},${y + r}L${x + r},${y - r}`;
  const plus = (x: number, y: number, r: number) => `M${x - r},${y}L${x + r},${y}M${x},${y - r}L${x},${y + r}`;
  return (
    <div className={computing ? 'planar-landscape planar-landscape-stale' : 'planar-landscape'}>
      <svg className="planar-svg" width={layout.width} height={layout.height} role="img" data-testid="planar-landscape-plot"
        aria-label={`${LANDSCAPE_NAMES[landscape.id as DivergenceId] ?? landscape.id} over q's mean at scale ${formatValue(landscape.scale)}`}>
        <defs><clipPath id={clip}><rect x={layout.left} y={layout.top} width={layout.side} height={layout.side} /></clipPath></defs>
        <g clipPath={`url(#${clip})`}>
          <rect x={layout.left} y={layout.top} width={layout.side} height={layout.side} fill={bandColour(0, count)} />
          {bands.map((d, k) => <path key={k} d={d} fill={bandColour(k + 1, count)} stroke="#fff" strokeOpacity={0.35} strokeWidth={0.5} />)}
          <path d={modes.map(([x, y]) => plus(scale.x(x), scale.y(y), 5)).join('')} stroke="#111827" strokeWidth={1.5} fill="none" />
          {minimum && <path d={cross(scale.x(minimum.x), scale.y(minimum.y), 5)} stroke="#b91c1c" strokeWidth={2.25} fill="none" data-testid="planar-landscape-minimum" />}
          <path d={pathData} fill="none" stroke="#fff" strokeWidth={4} strokeOpacity={0.8} strokeLinejoin="round" />
          <path d={pathData} fill="none" stroke={colour} strokeWidth={2} strokeLinejoin="round" />
          {now && <circle cx={scale.x(now[0])} cy={scale.y(now[1])} r={5} fill={colour} stroke="#fff" strokeWidth={1.5} />}
        </g>
        <PlaneAxes box={landscape.grid} layout={layout} scale={scale} />
      </svg>
      <BandBar thresholds={levels.thresholds} min={levels.min} max={levels.max} width={layout.width} />
    </div>
  );
});

/** The colour bar: one equal-width block per band, its lower edge labelled where there is room. */
function BandBar({ thresholds, min, max, width }: { thresholds: number[]; min: number; max: number; width: number }) {
  const pad = 20;
  const count = thresholds.length + 1;
  const block = Math.max(4, (width - 2 * pad) / count);
  const edges = [min, ...thresholds, max];
  // label every k-th edge so that labels sit at least 44px apart, and always the last one
  const every = Math.max(1, Math.ceil(44 / block));
  const last = edges.length - 1;
  const labelled = new Set(edges.map((_, k) => k).filter((k) => k % every === 0 && (k === 0 || last - k >= every)).concat(last));
  return (
    <svg className="planar-band-bar" width={width} height={36} role="img" data-testid="planar-landscape-colour-bar"
      aria-label={`Colour scale of the landscape: ${count} bands from ${formatValue(min)} (light) to ${formatValue(max)} (dark)`}>
      {Array.from({ length: count }, (_, k) => (
        <rect key={k} x={pad + k * block} y={2} width={block} height={12} fill={bandColour(k, count)} />
      ))}
      <rect x={pad} y={2} width={block * count} height={12} fill="none" stroke="#4b5563" strokeWidth={0.6} />
      <g fontSize={11} fill="#374151">
        {edges.map((v, k) => labelled.has(k) ? (
          <g key={k} transform={`translate(${(pad + k * block).toFixed(1)},14)`}>
            <line y2={4} stroke="#4b5563" />
            <text y={16} textAnchor="middle">{formatValue(+v.toPrecision(3))}</text>
          </g>
        ) : null)}
      </g>
    </svg>
  );
}
