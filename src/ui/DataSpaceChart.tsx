// Data space of the selected run: p(x), q(x), a histogram of generator samples, the learned
// critic d(x) and the optimal critic d*(x) (right axis), all from the engine's last snapshot;
// handles on p(x) to drag the target's components.
import { memo, useMemo } from 'react';
import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { usePlayground } from './store';
import { D_CLAMP, dataSpaceView, type DataSpaceView } from './chartData';
import { formatValue } from './contour';
import { ChartPanel } from './ChartPanel';
import { Term } from './Term';
import { TargetHandles } from './TargetHandles';
import { TargetPresets } from './TargetPresets';
import { criticEstimatesLogRatio, SpectralNormReadout } from './CriticOptions';
import { useOnScreen, usePacedStore } from './paced';
import { AXIS_TICK, CHART_MARGIN, GRID_STROKE, LEGEND_STYLE, TOOLTIP_ITEM_STYLE, TOOLTIP_STYLE, formatTick, formatTooltipValue, seriesOrder, useStable, xLabel, yLabel } from './chartKit';

const TOOLTIP_ORDER = seriesOrder(['samples', 'p', 'q', 'd', 'dStar']);
const HEIGHT = 270;
const X_LABEL = xLabel('x');
const DENSITY_LABEL = yLabel('density');
const CRITIC_LABEL = yLabel('critic', 'right');
const formatX = (x: unknown) => `x = ${formatValue(Number(x))}`;

export function DataSpaceChart() {
  const [ref, visible] = useOnScreen<HTMLElement>();
  const run = usePlayground((s) => s.runs[s.selectedRun]);
  const input = usePacedStore((s) => ({
    target: s.runConfig.target, selected: s.selectedRun, snapshot: s.training.snapshot, mu0: s.runConfig.mu0, sigma0: s.runConfig.sigma0,
  }), { visible, minIntervalMs: 250 });
  const view = useMemo(() => dataSpaceView(input.target, input.snapshot, input.selected, input.mu0, input.sigma0), [input]);

  return (
    <ChartPanel
      title="Data space" testId="data-space-chart" label="Data space" picker figureRef={ref} footer={<TargetPresets />}
      note={<>{run ? `${run.label}: ` : ''}q = N({formatValue(view?.mu ?? NaN)}, {formatValue(view?.sigma ?? NaN)}²)
        {run?.critic === 'optimal' ? <> (this run uses the <Term id="optimal-critic" />, so d = d*)</> : run ? <> (<Term id="learned-critic" />)</> : ''}
        {run && !criticEstimatesLogRatio(run.scheme) ? ' (this critic is not an estimate of d* = log p/q: see its scheme\'s line)' : ''}; critic values clipped to ±{D_CLAMP}.
        {run?.critic === 'learned' && run.scheme.spectralNorm && <SpectralNormReadout />}{' '}
        Drag a ● to move a target component (up or down: its weight), a ◆ to change its spread.</>}
    >
      {(width) => view
        ? <DataSpacePlot view={view} width={width} />
        : <p className="muted chart-empty">This run has left the range the view can show.</p>}
    </ChartPanel>
  );
}

/**
 * Re-renders only for a new view or a new width. The children are memoised on their own props
 * (axes on their domains and ticks by value): recharts re-registers an axis or series in its
 * store on every render of it, and each registration costs a pass over its selectors, so only the
 * chart's data changes from one snapshot to the next.
 */
const DataSpacePlot = memo(function DataSpacePlot({ view, width }: { view: DataSpaceView; width: number }) {
  const x = useStable(view.x);
  const density = useStable(view.density);
  const critic = useStable(view.critic);
  const axes = useMemo(() => [
    <XAxis key="x" dataKey="x" type="number" domain={x.domain} ticks={x.ticks} tickFormatter={formatTick} tick={AXIS_TICK} height={32} label={X_LABEL} allowDataOverflow />,
    <YAxis key="density" yAxisId="density" type="number" domain={density.domain} ticks={density.ticks} tickFormatter={formatTick} tick={AXIS_TICK} width={50} label={DENSITY_LABEL} />,
    <YAxis key="critic" yAxisId="critic" type="number" orientation="right" domain={critic.domain} ticks={critic.ticks} tickFormatter={formatTick} tick={AXIS_TICK} width={44} label={CRITIC_LABEL} />,
  ], [x, density, critic]);
  return (
    <ComposedChart width={width} height={HEIGHT} data={view.rows} margin={CHART_MARGIN}>
      {GRID}
      {axes}
      {STATIC}
    </ComposedChart>
  );
});

const GRID = <CartesianGrid strokeDasharray="3 3" stroke={GRID_STROKE} vertical={false} yAxisId="density" />;
/** Children that never change: created once. */
const STATIC = [
  <ReferenceLine key="zero" yAxisId="critic" y={0} stroke="#fca5a5" strokeDasharray="2 3" />,
  <Tooltip key="tooltip" formatter={formatTooltipValue} labelFormatter={formatX} itemSorter={TOOLTIP_ORDER} isAnimationActive={false} contentStyle={TOOLTIP_STYLE} itemStyle={TOOLTIP_ITEM_STYLE} />,
  <Legend key="legend" wrapperStyle={LEGEND_STYLE} itemSorter={TOOLTIP_ORDER} />,
  <Area legendType="square" key="samples" className="series-samples" yAxisId="density" type="stepAfter" dataKey="samples" name="generator samples" fill="#93c5fd" stroke="#60a5fa" fillOpacity={0.45} strokeWidth={1} dot={false} activeDot={false} isAnimationActive={false} />,
  <Line legendType="plainline" key="p" className="series-p" yAxisId="density" type="monotone" dataKey="p" name="p(x) target" stroke="#111827" strokeWidth={2} dot={false} isAnimationActive={false} />,
  <Line legendType="plainline" key="q" className="series-q" yAxisId="density" type="monotone" dataKey="q" name="q(x) generator" stroke="#2563eb" strokeWidth={2} dot={false} isAnimationActive={false} />,
  <Line legendType="plainline" key="d" className="series-d" yAxisId="critic" type="monotone" dataKey="d" name="d(x) learned critic" stroke="#dc2626" strokeWidth={1.6} dot={false} isAnimationActive={false} />,
  <Line legendType="plainline" key="dStar" className="series-dStar" yAxisId="critic" type="monotone" dataKey="dStar" name="d*(x) optimal" stroke="#dc2626" strokeWidth={1.4} strokeDasharray="4 3" dot={false} isAnimationActive={false} />,
  <TargetHandles key="handles" />,
];
