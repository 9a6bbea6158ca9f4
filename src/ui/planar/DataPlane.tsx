// The data plane: the target p (density contours and samples), every run's mean path and current
// mean, and for the selected run its samples with the generator's push on each and, for the
// Gaussian families, q's 1- and 2-sigma ellipses. Also the square plot's axes, which the critic
// maps share.
import { hasDensity } from '../../config/planar';
import { memo, useId, useMemo } from 'react';
import type { PlanarPoint, PlanarSnapshot } from '../../engine/planar/protocol';
import { ChartPanel } from '../ChartPanel';
import { PlanarFigureDownloads } from './PlanarExports';
import { formatTick } from '../chartKit';
import { formatValue } from '../contour';
import { usePlanar, type PlanarRunInfo } from './planarStore';
import {
  arrowScale, arrowsData, contourPaths, densityLevels, dotsData, ellipsePoints, longestVector, planeLayout, planeScale, planeTicks,
  polylineData, type ArrowScale, type PlaneBox, type PlaneLayout, type PlaneScale,
} from './planeGeometry';
import './planarViews.css';

/** The longest push arrow is this fraction of the plot's width. */
const ARROW_FRACTION = 0.08;
const FALLBACK_COLOUR = '#6b7280';
/** p's contours hold these fractions of its mass. */
const TARGET_MASSES = [0.99, 0.9, 0.75, 0.5, 0.25];

export function DataPlane() {
  const snapshot = usePlanar((s) => s.snapshot);
  const points = usePlanar((s) => s.points);
  // points grow in place: the version re-renders the paths
  usePlanar((s) => s.pointsVersion);
  const runs = usePlanar((s) => s.runs);
  const selected = usePlanar((s) => s.selectedRun);
  const gaussian = usePlanar((s) => hasDensity(s.config.family.kind));
  const snapRun = snapshot?.runs[selected];
  const longest = useMemo(() => (snapRun ? longestVector(snapRun.arrows) : 0), [snapRun]);
  const arrows = useMemo(() => (snapshot && snapRun ? arrowScale(snapRun.arrows, snapshot.grid.x[1] - snapshot.grid.x[0], ARROW_FRACTION) : null), [snapshot, snapRun]);
  const note = snapshot && snapRun
    ? <>{runs[selected]?.label ?? `run ${selected + 1}`} at step {snapshot.step}: its samples (dots) with the generator's push −∂loss/∂x on each
      (arrows on one scale, the longest drawn {ARROW_FRACTION * 100}% of the plot wide; |push| up to {formatValue(longest)}{arrows?.capped ? `; ${arrows.capped} outlying ${arrows.capped === 1 ? 'arrow' : 'arrows'} cut short` : ''})
      {gaussian ? ', q\'s 1σ and 2σ ellipses (dashed)' : ''}; every run's path of q's mean and its current mean (●, the selected run's bold).
      Grey: the target p's contours (holding 25, 50, 75, 90 and 99% of its mass) and samples.</>
    : 'The target p, the generator q of each run and the push on its samples.';
  return (
    <ChartPanel title="Data plane" testId="planar-data-plane" label="Data plane" note={note}
      actions={<PlanarFigureDownloads view="data-plane" name="Data plane" />}>
      {(width) => (snapshot
        ? <PlanePlot snapshot={snapshot} points={points} runs={runs} selected={selected} gaussian={gaussian} arrows={arrows} width={width} />
        : <p className="muted chart-empty planar-waiting">Waiting for the first snapshot…</p>)}
    </ChartPanel>
  );
}

interface PlotProps {
  snapshot: PlanarSnapshot;
  points: PlanarPoint[];
  runs: PlanarRunInfo[];
  selected: number;
  gaussian: boolean;
  arrows: ArrowScale | null;
  width: number;
}

function PlanePlot({ snapshot, points, runs, selected, gaussian, arrows, width }: PlotProps) {
  const clip = `planar-clip-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const layout = useMemo(() => planeLayout(width), [width]);
  const box: PlaneBox = snapshot.grid;
  const scale = useMemo(() => planeScale(box, layout), [box, layout]);
  const colour = (r: number) => runs[r]?.colour ?? FALLBACK_COLOUR;
  const run = snapshot.runs[selected];
  return (
    <svg className="planar-svg" width={layout.width} height={layout.height} role="img"
      aria-label={`Data plane at step ${snapshot.step}: target p, generator samples and push arrows of the selected run, and every run's mean path`}>
      <defs><clipPath id={clip}><rect x={layout.left} y={layout.top} width={layout.side} height={layout.side} /></clipPath></defs>
      <rect x={layout.left} y={layout.top} width={layout.side} height={layout.side} fill="#fff" />
      <g clipPath={`url(#${clip})`}>
        <TargetLayer snapshot={snapshot} layout={layout} scale={scale} />
        <MeanPaths snapshot={snapshot} points={points} selected={selected} colour={colour} scale={scale} />
        {run && gaussian && <Ellipses run={run} colour={colour(selected)} scale={scale} />}
        {run && arrows && <SampleLayer run={run} colour={colour(selected)} scale={scale} arrows={arrows} />}
        <MeanMarkers snapshot={snapshot} runs={runs} selected={selected} colour={colour} scale={scale} />
      </g>
      <PlaneAxes box={box} layout={layout} scale={scale} />
    </svg>
  );
}

/** p's highest-density contours, filled lightly (inner regions darker), and its samples. */
const TargetLayer = memo(function TargetLayer({ snapshot, layout, scale }: { snapshot: PlanarSnapshot; layout: PlaneLayout; scale: PlaneScale }) {
  const paths = useMemo(() => {
    const levels = densityLevels(snapshot.logP, TARGET_MASSES);
    return contourPaths(snapshot.logP, snapshot.grid.n, levels.map((l) => l.threshold), layout).map((d, k) => ({ d, mass: levels[k].mass }));
  }, [snapshot, layout]);
  const dots = useMemo(() => dotsData(snapshot.realSamples, scale, 1.5), [snapshot, scale]);
  return (
    <g className="planar-target">
      {paths.map(({ d, mass }) => (
        <path key={mass} d={d} fill="#64748b" fillOpacity={0.07} stroke="#94a3b8" strokeWidth={0.8} fillRule="evenodd" data-mass={mass} />
      ))}
      <path d={dots} fill="#9ca3af" fillOpacity={0.75} className="planar-real-samples" />
    </g>
  );
});

interface RunsLayerProps {
  snapshot: PlanarSnapshot;
  selected: number;
  colour: (run: number) => string;
  scale: PlaneScale;
}

/** Each run's path of q's mean up to the snapshot's step (ending at the snapshot's mean); the
 * selected run's on top and thicker. */
function MeanPaths({ snapshot, points, selected, colour, scale }: RunsLayerProps & { points: PlanarPoint[] }) {
  const paths = useMemo(() => snapshot.runs.map((run, r) => {
    const means: (readonly [number, number])[] = [];
    for (const p of points) {
      if (p.step > snapshot.step) break;
      const g = p.runs[r];
      if (g) means.push(g.mean);
    }
    means.push(run.moments.mean);
    return polylineData(means, scale);
  }), [snapshot, points, points.length, scale]);
  const order = paths.map((_, r) => r).filter((r) => r !== selected).concat(selected < paths.length ? [selected] : []);
  return (
    <g className="planar-mean-paths" fill="none" strokeLinejoin="round" strokeLinecap="round">
      {order.map((r) => (
        <path key={r} d={paths[r]} stroke={colour(r)} strokeWidth={r === selected ? 2.6 : 1.3} strokeOpacity={r === selected ? 1 : 0.7} />
      ))}
    </g>
  );
}

/** q's 1- and 2-standard-deviation ellipses from the selected run's moments. */
function Ellipses({ run, colour, scale }: { run: PlanarSnapshot['runs'][number]; colour: string; scale: PlaneScale }) {
  const paths = useMemo(() => [1, 2].map((k) => {
    const pts = ellipsePoints(run.moments, k);
    return pts.length ? `${polylineData(pts, scale, 0)}Z` : '';
  }), [run, scale]);
  return (
    <g className="planar-ellipses" fill="none" stroke={colour} strokeDasharray="5 3">
      {paths.map((d, k) => d && <path key={k} d={d} strokeWidth={k === 0 ? 1.6 : 1.1} data-sigma={k + 1} />)}
    </g>
  );
}

/** The selected run's generator samples and the push on each, as arrows. */
const SampleLayer = memo(function SampleLayer({ run, colour, scale, arrows }: { run: PlanarSnapshot['runs'][number]; colour: string; scale: PlaneScale; arrows: ArrowScale }) {
  const path = useMemo(() => arrowsData(run.samples, run.arrows, arrows, scale), [run, scale, arrows]);
  const dots = useMemo(() => {
    const out: { x: number; y: number }[] = [];
    for (let k = 0; k + 1 < run.samples.length; k += 2) {
      const x = scale.x(run.samples[k]);
      const y = scale.y(run.samples[k + 1]);
      if (Number.isFinite(x) && Number.isFinite(y)) out.push({ x, y });
    }
    return out;
  }, [run, scale]);
  return (
    <g className="planar-samples">
      <g fill={colour} fillOpacity={0.6}>
        {dots.map((p, k) => <circle key={k} cx={p.x.toFixed(1)} cy={p.y.toFixed(1)} r={2.1} />)}
      </g>
      <path d={path} fill="none" stroke={colour} strokeWidth={1} strokeLinecap="round" strokeLinejoin="round" className="planar-arrows" />
    </g>
  );
});

/** The current mean of every run: a dot in its colour with a white rim (the selected run's larger). */
function MeanMarkers({ snapshot, runs, selected, colour, scale }: RunsLayerProps & { runs: PlanarRunInfo[] }) {
  const order = snapshot.runs.map((_, r) => r).filter((r) => r !== selected).concat(selected < snapshot.runs.length ? [selected] : []);
  return (
    <g className="planar-means" stroke="#fff" strokeWidth={1.5}>
      {order.map((r) => {
        const [mx, my] = snapshot.runs[r].moments.mean;
        if (!Number.isFinite(mx) || !Number.isFinite(my)) return null;
        return (
          <circle key={r} cx={scale.x(mx)} cy={scale.y(my)} r={r === selected ? 6 : 4.5} fill={colour(r)}>
            <title>{`${runs[r]?.label ?? `run ${r + 1}`}: mean (${formatValue(mx)}, ${formatValue(my)})`}</title>
          </circle>
        );
      })}
    </g>
  );
}

/** The plot square's frame, ticks with their labels, and the axis titles x (bottom) and y (left). */
export function PlaneAxes({ box, layout, scale }: { box: PlaneBox; layout: PlaneLayout; scale: PlaneScale }) {
  const { left, top, side } = layout;
  const bottom = top + side;
  const xTicks = planeTicks(box.x, side);
  const yTicks = planeTicks(box.y, side);
  return (
    <g className="planar-axes" fontSize={11} fill="#374151">
      <rect x={left} y={top} width={side} height={side} fill="none" stroke="#4b5563" strokeWidth={0.8} />
      {xTicks.map((t) => (
        <g key={`x${t}`} transform={`translate(${scale.x(t).toFixed(1)},${bottom})`}>
          <line y2={4} stroke="#4b5563" />
          <text y={16} textAnchor="middle">{formatTick(t)}</text>
        </g>
      ))}
      {yTicks.map((t) => (
        <g key={`y${t}`} transform={`translate(${left},${scale.y(t).toFixed(1)})`}>
          <line x2={-4} stroke="#4b5563" />
          <text x={-6} dy="0.32em" textAnchor="end">{formatTick(t)}</text>
        </g>
      ))}
      <text x={left + side / 2} y={bottom + 31} textAnchor="middle" fontStyle="italic">x</text>
      <text transform={`translate(12,${top + side / 2}) rotate(-90)`} textAnchor="middle" fontStyle="italic">y</text>
    </g>
  );
}
