// The divergence monitor (paper §5.4): the true D_f(p, q_t) along the selected run's trajectory,
// by quadrature (solid), beside the critic's estimate E_f(p, q_t, d) at each of the engine's
// snapshots (dashed), one colour per divergence. The y-axis follows the true values; an estimate
// beyond it is drawn at the edge with a triangle (monitorScale).
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { LANDSCAPE_SHORT_NAMES, type DivergenceId } from '../math/catalog';
import type { MixtureComponent } from '../config/schema';
import { requestValues } from './landscapeService';
import type { PointRequest } from './landscapeTypes';
import { monitorRows, thinIndices, type MonitorRow } from './chartData';
import { niceAxis, type AxisScale } from './ticks';
import { formatReading, monitorKeys, monitorScale } from './monitorScale';
import { divergenceColour } from './colors';
import { ChartPanel } from './ChartPanel';
import { criticEstimatesLogRatio } from './CriticOptions';
import { usePlayground } from './store';
import { useOnScreen, usePacedStore } from './paced';
import { AXIS_TICK, CHART_MARGIN, GRID_STROKE, LEGEND_STYLE, TOOLTIP_ITEM_STYLE, TOOLTIP_STYLE, formatTick, useStable, xLabel, yLabel } from './chartKit';
import type { Trajectory } from '../engine/trajectory';
import type { EstimatePoint } from './trainingState';

/** Values asked of the landscape worker at once: a partial curve is drawn between two answers. */
const VALUES_PER_REQUEST = 240;
/** A partly computed curve is drawn at most this often (each drawing is a recharts update). */
const PARTIAL_REDRAW_MS = 1000;
const HEIGHT = 270;
const X_LABEL = xLabel('generator step');
const Y_LABEL = yLabel('divergence');
const ESTIMATE_DOT = { r: 2.5, strokeWidth: 0 } as const;
/** Tooltip items by divergence, the true value before the estimate. */
const TOOLTIP_ORDER = (item: { dataKey?: unknown }) => String(item.dataKey).replace(/^(true|est)_(.*)$/, (_, kind: string, id: string) => `${id}|${kind === 'true' ? 0 : 1}`);
const formatStep = (s: unknown) => `step ${String(s)}`;

/** A tooltip value: an estimate drawn at the axis edge reads as the critic gave it. */
function formatMonitorValue(value: unknown, _name: unknown, item: { dataKey?: unknown; payload?: MonitorRow }): string {
  const key = String(item.dataKey);
  const row = item.payload;
  if (key.startsWith('est_') && row) {
    const k = monitorKeys(key.slice(4));
    const raw = row[k.raw];
    if (typeof raw === 'number' && row[k.edge] != null) return `${formatReading(raw)} (off the axis)`;
  }
  return typeof value === 'number' ? formatReading(value) : String(value ?? '');
}

/** The mark of an estimate beyond the axis: a triangle inside the plot, its tip on the edge, pointing out. */
function EdgeMarker({ cx, cy, stroke, payload, dataKey }: { cx?: number; cy?: number; stroke?: string; payload?: MonitorRow; dataKey?: unknown }) {
  if (cx == null || cy == null || !payload) return null;
  const k = monitorKeys(String(dataKey).slice('edge_'.length));
  const below = (payload[k.raw] ?? 0) < (payload[k.edge] ?? 0);
  const d = below ? `M${cx},${cy} l-4.5,-8 h9 z` : `M${cx},${cy} l-4.5,8 h9 z`;
  return <path d={d} fill={stroke} stroke="#fff" strokeWidth={0.75} className="edge-marker" />;
}

/** True values computed so far, by target, divergence and point (NaN: outside the quadrature's range). */
const valueCache = new Map<string, number>();
function valueKey(id: DivergenceId, targetKey: string, mu: number, sigma: number): string {
  return `${targetKey}|${id}|${mu}|${sigma}`;
}

/** Values asked for and not in yet, so that a newer view does not ask for them again. */
const inFlight = new Map<string, Promise<void>>();

/** Asks the landscape worker for the missing values and keeps them; resolves when they are in. */
function fetchValues(target: MixtureComponent[], missing: (PointRequest & { key: string })[]): Promise<unknown> {
  const fresh = missing.filter((m) => !inFlight.has(m.key));
  const waits = new Set(missing.flatMap((m) => inFlight.get(m.key) ?? []));
  if (fresh.length > 0) {
    const request = requestValues(target, fresh.map(({ id, mu, sigma }) => ({ id, mu, sigma }))).then((values) => {
      if (valueCache.size > 50_000) valueCache.clear();
      fresh.forEach((m, k) => valueCache.set(m.key, values[k]));
    }).finally(() => fresh.forEach((m) => inFlight.delete(m.key)));
    fresh.forEach((m) => inFlight.set(m.key, request));
    waits.add(request);
  }
  return Promise.all(waits);
}

/** Coarse-to-fine order of 0..n-1 (every 32nd first, then every 16th, ...): a partly computed
 * curve already spans the whole run. */
function coarseFirst(n: number): number[] {
  const out: number[] = [];
  const seen = new Uint8Array(n);
  for (let s = 32; s >= 1; s >>= 1) for (let i = 0; i < n; i += s) if (!seen[i]) { seen[i] = 1; out.push(i); }
  return out;
}

interface MonitorView {
  rows: MonitorRow[]; ids: readonly DivergenceId[]; x: AxisScale; y: AxisScale; estimates: number;
  /** Values not computed yet, coarse points first; the view is complete when there are none. */
  missing: (PointRequest & { key: string })[];
}

/** The monitor's rows over the selected run's recorded steps: true values the cache holds (the
 * rest listed as missing, coarse points first) merged with the critic's estimates. */
function monitorView(input: { ids: readonly DivergenceId[]; target: readonly MixtureComponent[]; selected: number; trajectories: readonly Trajectory[]; estimates: readonly EstimatePoint[] }): MonitorView {
  const { ids, target, selected, trajectories, estimates } = input;
  const t = trajectories[selected];
  const trueRows: MonitorRow[] = [];
  const missing: MonitorView['missing'] = [];
  if (t && t.steps.length > 0) {
    const targetKey = JSON.stringify(target);
    const picks = thinIndices(t.steps.length);
    for (const k of coarseFirst(picks.length)) {
      const i = picks[k];
      const r = { step: t.steps[i] } as MonitorRow;
      for (const id of ids) {
        const key = valueKey(id, targetKey, t.mu[i], t.sigma[i]);
        const v = valueCache.get(key);
        if (v === undefined) missing.push({ key, id, mu: t.mu[i], sigma: t.sigma[i] });
        else r[`true_${id}`] = Number.isFinite(v) ? v : null;
      }
      trueRows.push(r);
    }
  }
  const merged = monitorRows(trueRows, estimates, selected, ids);
  const { rows, y } = monitorScale(merged.rows, ids);
  const x = niceAxis(rows.map((r) => r.step), { includeZero: true, approx: 5 });
  return { rows, ids, x, y, missing, estimates: merged.estimates };
}

export function DivergenceMonitor() {
  const [ref, visible] = useOnScreen<HTMLElement>();
  const input = usePacedStore((s) => ({
    ids: s.monitorIds, target: s.runConfig.target, selected: s.selectedRun,
    trajectories: s.training.trajectories, version: s.training.trajectoryVersion, estimates: s.training.estimates,
  }), { visible, minIntervalMs: 1000 });
  const notLogRatio = usePlayground((s) => { const run = s.runs[s.selectedRun]; return run !== undefined && !criticEstimatesLogRatio(run.scheme); });
  // bumped when values arrive from the landscape worker
  const [more, setMore] = useState(0);

  // `more`: values arrived from the landscape worker (trajectories grow in place: `input` changes with their version)
  const view = useMemo(() => monitorView(input), [input, more]);

  // The chart takes a view when its values are all in, or a partial one at most once a second.
  const [plotted, setPlotted] = useState<MonitorView>(view);
  const plottedAt = useRef(0);
  useEffect(() => {
    const complete = view.missing.length === 0;
    if (complete || performance.now() - plottedAt.current > PARTIAL_REDRAW_MS) {
      plottedAt.current = performance.now();
      setPlotted(view);
    }
    if (complete) return;
    fetchValues(input.target, view.missing.slice(0, VALUES_PER_REQUEST)).then(
      () => setMore((m) => m + 1),
      () => undefined, // the worker's failure shows on the panels; the monitor keeps what it has
    );
  }, [view, input.target]);

  return (
    <ChartPanel
      title="Divergence monitor" testId="monitor-chart" label="Divergence monitor" picker figureRef={ref}
      note={<>
        Solid: true D<sub>f</sub>(p, q<sub>t</sub>) by quadrature. Dashed: the critic's estimate E<sub>f</sub>(p, q<sub>t</sub>, d) at
        each snapshot: a lower bound for any critic (up to sampling noise), equal at d = d*. The axis follows the true values:
        ▲ or ▼ at its edge marks an estimate beyond it.
        {notLogRatio && <> This run's critic does not estimate log p/q: its bounds are valid but loose.</>}
      </>}
    >
      {(width) => <MonitorPlot view={plotted} width={width} />}
    </ChartPanel>
  );
}

/** Re-renders only for a newly plotted view or a new width; only the data, changed axes and
 * changed series reach recharts (see DataSpacePlot). */
const MonitorPlot = memo(function MonitorPlot({ view, width }: { view: MonitorView; width: number }) {
  const x = useStable(view.x);
  const y = useStable(view.y);
  const axes = useMemo(() => [
    <XAxis key="x" dataKey="step" type="number" domain={x.domain} ticks={x.ticks} tickFormatter={formatTick} tick={AXIS_TICK} height={32} label={X_LABEL} allowDataOverflow />,
    <YAxis key="y" type="number" domain={y.domain} ticks={y.ticks} tickFormatter={formatTick} tick={AXIS_TICK} width={50} label={Y_LABEL} />,
  ], [x, y]);
  // one estimate is a dot (a line needs two)
  const single = view.estimates === 1;
  const series = useMemo(() => view.ids.flatMap((id) => {
    const k = monitorKeys(id);
    const colour = divergenceColour(id, view.ids);
    const name = LANDSCAPE_SHORT_NAMES[id];
    return [
      <Line legendType="plainline" key={k.true} className={`series-${k.true}`} dataKey={k.true} name={name} stroke={colour} strokeWidth={2.25} dot={false} isAnimationActive={false} connectNulls />,
      <Line legendType="none" key={k.estimate} className={`series-${k.estimate}`} dataKey={k.estimate} name={`${name} estimate`} stroke={colour} strokeWidth={1.5} strokeDasharray="6 3" strokeOpacity={0.85} dot={single ? ESTIMATE_DOT : false} isAnimationActive={false} connectNulls />,
      <Line legendType="none" tooltipType="none" key={k.edge} className={`series-${k.edge}`} dataKey={k.edge} stroke={colour} strokeWidth={0} dot={<EdgeMarker />} activeDot={false} isAnimationActive={false} />,
    ];
  }), [view.ids, single]);
  return (
    <LineChart width={width} height={HEIGHT} data={view.rows} margin={CHART_MARGIN}>
      {GRID}
      {axes}
      {STATIC}
      {series}
    </LineChart>
  );
});

const GRID = <CartesianGrid strokeDasharray="3 3" stroke={GRID_STROKE} vertical={false} />;
/** Children that never change: created once. */
const STATIC = [
  <Tooltip key="tooltip" formatter={formatMonitorValue} labelFormatter={formatStep} itemSorter={TOOLTIP_ORDER} isAnimationActive={false} contentStyle={TOOLTIP_STYLE} itemStyle={TOOLTIP_ITEM_STYLE} />,
  <Legend key="legend" wrapperStyle={LEGEND_STYLE} itemSorter={TOOLTIP_ORDER} />,
];
