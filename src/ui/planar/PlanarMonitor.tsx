// The 2-D divergence monitor: along the selected run's snapshots, the true D_f(p, q_t) by
// quadrature for each monitored divergence (one colour each), and below it the squared Fréchet
// distance between q's and p's moments, which every family has (the MLP family only that).
// An axis turns logarithmic when its values span two decades or more.
import { hasDensity } from '../../config/planar';
import { memo, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { LANDSCAPE_NAMES, LANDSCAPE_SHORT_NAMES, type LandscapeId } from '../../math/catalog';
import { ChartPanel } from '../ChartPanel';
import { PlanarFigureDownloads } from './PlanarExports';
import { divergenceColour } from '../colors';
import { AXIS_TICK, CHART_MARGIN, GRID_STROKE, LEGEND_STYLE, TOOLTIP_ITEM_STYLE, TOOLTIP_STYLE, formatTick, formatTooltipValue, useStable, xLabel, yLabel } from '../chartKit';
import type { AxisScale } from '../ticks';
import { formatValue } from '../contour';
import { usePlanar } from './planarStore';
import { Term } from '../Term';
import { formatDecade } from '../ticks';
import { divergenceKey, monitorView, type PlanarMonitorView, type ValueAxis } from './planarChartData';
import './planarCharts.css';

const MAIN_HEIGHT = 250;
const FRECHET_HEIGHT = 150;
const X_LABEL = xLabel('generator step');
const formatStep = (s: unknown) => `step ${String(s)}`;
const FRECHET_COLOUR = '#374151';
/** Without a legend below it, the x-axis title needs a few pixels more at the bottom. */
const FRECHET_MARGIN = { ...CHART_MARGIN, bottom: 6 } as const;

const nameOf = (id: string) => LANDSCAPE_SHORT_NAMES[id as LandscapeId] ?? id;

export function PlanarMonitor() {
  const monitor = usePlanar((s) => s.monitor);
  const ids = usePlanar((s) => s.monitorIds);
  const selected = usePlanar((s) => s.selectedRun);
  const info = usePlanar((s) => s.runs[s.selectedRun]);
  const density = usePlanar((s) => hasDensity(s.config.family.kind));
  const view = useMemo(() => monitorView(monitor, selected, ids), [monitor, selected, ids]);
  const names = ids.map((id) => `${nameOf(id)} = ${LANDSCAPE_NAMES[id as LandscapeId] ?? id}`).join(', ');
  const errors = usePlanar((s) => s.snapshot?.runs[s.selectedRun]?.divergenceErrors ?? null);
  const how = errors
    ? <>estimated from 4000 samples of p and of q (p or q is too narrow for the quadrature grid; standard error now {Object.entries(errors).map(([id, e]) => `${nameOf(id)} ±${formatValue(e)}`).join(', ')})</>
    : 'by quadrature over the plane';
  const note = density
    ? <>{info ? `${info.label}. ` : ''}Top: the true D<sub>f</sub>(p, q<sub>t</sub>) {how} ({names}), at each snapshot.
      Bottom: the squared Fréchet distance between q<sub>t</sub>&apos;s and p&apos;s means and covariances, which is 0 only when the moments match.
      {view.divergences.log || view.frechet.log ? ' A logarithmic axis is used where the values span two decades or more.' : ''}</>
    : <>{info ? `${info.label}. ` : ''}q has no closed-form density: only the Fréchet distance of q&apos;s moments (estimated from samples) is shown,
      squared, against p&apos;s moments.{view.frechet.log ? ' Logarithmic axis.' : ''}</>;
  return (
    <ChartPanel title="Divergence monitor" testId="planar-monitor" label="Divergence monitor" note={note}
      actions={<PlanarFigureDownloads view="monitor" name="Divergence monitor" />}>
      {(width) => (view.rows.length > 0
        ? <MonitorPlots view={view} density={density} width={width} />
        : <p className="muted chart-empty planar-waiting">Waiting for the first snapshot…</p>)}
    </ChartPanel>
  );
}

function MonitorPlots({ view, density, width }: { view: PlanarMonitorView; density: boolean; width: number }) {
  const steps = useStable(view.steps);
  return (
    <div className="planar-monitor-plots">
      {density && view.hasDivergences && <DivergencePlot view={view} steps={steps} width={width} />}
      <div className="planar-monitor-sub">
        <span className="planar-monitor-subtitle">Squared <Term id="frechet" /> between q&apos;s and p&apos;s moments</span>
        <FrechetPlot view={view} steps={steps} width={width} height={density ? FRECHET_HEIGHT : MAIN_HEIGHT} />
      </div>
    </div>
  );
}

/** A y axis, linear or on decades. */
function valueYAxis(axis: ValueAxis, title: string) {
  return (
    <YAxis key={`y-${axis.log ? 'log' : 'lin'}`} type="number" scale={axis.log ? 'log' : 'linear'} domain={axis.domain} ticks={axis.ticks}
      tickFormatter={axis.log ? formatDecade : formatTick} tick={AXIS_TICK} width={50} label={yLabel(title)} allowDataOverflow />
  );
}

function stepAxis(steps: AxisScale) {
  return <XAxis key="x" dataKey="step" type="number" domain={steps.domain} ticks={steps.ticks} tickFormatter={formatTick} tick={AXIS_TICK} height={32} label={X_LABEL} allowDataOverflow />;
}

const DivergencePlot = memo(function DivergencePlot({ view, steps, width }: { view: PlanarMonitorView; steps: AxisScale; width: number }) {
  const y = useStable(view.divergences);
  const axes = useMemo(() => [stepAxis(steps), valueYAxis(y, 'divergence')], [steps, y]);
  const series = useMemo(() => view.ids.map((id) => (
    <Line legendType="plainline" key={id} className={`series-${id}`} dataKey={divergenceKey(id)} name={nameOf(id)} stroke={divergenceColour(id, view.ids)}
      strokeWidth={2.25} dot={view.rows.length === 1 ? SINGLE_DOT : false} isAnimationActive={false} connectNulls={false} />
  )), [view.ids, view.rows.length]);
  return (
    <LineChart width={width} height={MAIN_HEIGHT} data={view.rows} margin={CHART_MARGIN}>
      {GRID}
      {axes}
      {TOOLTIP}
      {LEGEND}
      {series}
    </LineChart>
  );
});

const FrechetPlot = memo(function FrechetPlot({ view, steps, width, height }: { view: PlanarMonitorView; steps: AxisScale; width: number; height: number }) {
  const y = useStable(view.frechet);
  const axes = useMemo(() => [stepAxis(steps), valueYAxis(y, 'Fréchet²')], [steps, y]);
  return (
    <LineChart width={width} height={height} data={view.rows} margin={FRECHET_MARGIN}>
      {GRID}
      {axes}
      {TOOLTIP}
      <Line key="frechet" className="series-frechet" dataKey="frechet" name="squared Fréchet distance" stroke={FRECHET_COLOUR} strokeWidth={2}
        dot={view.rows.length === 1 ? SINGLE_DOT : false} isAnimationActive={false} connectNulls={false} />
    </LineChart>
  );
});

const SINGLE_DOT = { r: 3, strokeWidth: 0 } as const;
const GRID = <CartesianGrid strokeDasharray="3 3" stroke={GRID_STROKE} vertical={false} />;
const TOOLTIP = <Tooltip formatter={formatTooltipValue} labelFormatter={formatStep} isAnimationActive={false} contentStyle={TOOLTIP_STYLE} itemStyle={TOOLTIP_ITEM_STYLE} />;
const LEGEND = <Legend wrapperStyle={LEGEND_STYLE} />;
