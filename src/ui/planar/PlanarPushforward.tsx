// The 2-D pushforward view (paper §4, Figures 6-9): histograms of the selected run's critic
// outputs on real and fake samples, beside the exact pushforwards p~ and q~ (d* on many samples of
// p and of q, binned the same way). When q drops modes of p, p~ shows a separate peak for each
// dropped mode: there d* = log p - log q is large.
import { memo, useMemo } from 'react';
import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartPanel } from '../ChartPanel';
import { formatValue } from '../contour';
import { AXIS_TICK, CHART_MARGIN, GRID_STROKE, LEGEND_STYLE, TOOLTIP_ITEM_STYLE, TOOLTIP_STYLE, formatTick, formatTooltipValue, seriesOrder, useStable, xLabel, yLabel } from '../chartKit';
import { usePlanar } from './planarStore';
import { pushforwardView, type PlanarPushforwardView } from './planarChartData';
import './planarCharts.css';

const TOOLTIP_ORDER = seriesOrder(['real', 'fake', 'pTilde', 'qTilde']);
const HEIGHT = 250;
const X_LABEL = xLabel('critic output d');
const Y_LABEL = yLabel('density');
const formatD = (d: unknown) => `d ≈ ${formatValue(Number(d))}`;

export function PlanarPushforward() {
  const snapshot = usePlanar((s) => s.snapshot);
  const selected = usePlanar((s) => s.selectedRun);
  const info = usePlanar((s) => s.runs[s.selectedRun]);
  const run = snapshot?.runs[selected];
  const view = useMemo(() => (run ? pushforwardView(run) : null), [run]);
  const critic = info?.critic === 'optimal' ? 'optimal critic d*' : 'learned critic d';
  return (
    <ChartPanel title="Pushforward of critic outputs" testId="planar-pushforward" label="Pushforward of critic outputs"
      note={snapshot && view ? <PushforwardNote label={info?.label} critic={critic} step={snapshot.step} view={view} />
        : 'Histograms of the critic\'s outputs on real and fake samples, beside the exact pushforwards of p and q through d*.'}>
      {(width) => (view
        ? <PushforwardPlot view={view} width={width} />
        : <p className="muted chart-empty planar-waiting">Waiting for the first snapshot…</p>)}
    </ChartPanel>
  );
}

function PushforwardNote({ label, critic, step, view }: { label?: string; critic: string; step: number; view: PlanarPushforwardView }) {
  const clampedPct = view.clamped * 100;
  return (
    <>
      {label ? `${label}, step ${step}. ` : `Step ${step}. `}
      Bars: the {critic}&apos;s outputs on 256 real (x ~ p) and 256 fake (x ~ q) samples.{' '}
      {view.exact
        ? <>Lines: exact p̃ and q̃, the densities of d*(x) = log p(x) − log q(x) under p and under q (2048 samples each), binned the same way; a mode of p that q drops makes a separate peak of p̃ at large d.</>
        : <>q has no closed-form density, so there is no d* and no exact pushforward.</>}
      {clampedPct >= 0.5 ? ` Up to ${formatValue(+clampedPct.toFixed(1))}% of a set lies beyond the axis and is counted in the end bins.` : ''}
    </>
  );
}

/** Re-renders only for a new view or a new width; axes keep their identity while unchanged. */
const PushforwardPlot = memo(function PushforwardPlot({ view, width }: { view: PlanarPushforwardView; width: number }) {
  const x = useStable(view.x);
  const y = useStable(view.y);
  const axes = useMemo(() => [
    <XAxis key="x" dataKey="d" type="number" domain={x.domain} ticks={x.ticks} tickFormatter={formatTick} tick={AXIS_TICK} height={32} label={X_LABEL} allowDataOverflow />,
    <YAxis key="y" type="number" domain={y.domain} ticks={y.ticks} tickFormatter={formatTick} tick={AXIS_TICK} width={50} label={Y_LABEL} />,
  ], [x, y]);
  return (
    <ComposedChart width={width} height={HEIGHT} data={view.rows} margin={CHART_MARGIN}>
      {GRID}
      {axes}
      {STATIC}
      {view.exact && EXACT}
    </ComposedChart>
  );
});

const GRID = <CartesianGrid strokeDasharray="3 3" stroke={GRID_STROKE} vertical={false} />;
/** Children that never change: created once. */
const STATIC = [
  <ReferenceLine key="zero" x={0} stroke="#9ca3af" strokeDasharray="2 3" />,
  <Tooltip key="tooltip" formatter={formatTooltipValue} labelFormatter={formatD} itemSorter={TOOLTIP_ORDER} isAnimationActive={false} contentStyle={TOOLTIP_STYLE} itemStyle={TOOLTIP_ITEM_STYLE} />,
  <Legend key="legend" wrapperStyle={LEGEND_STYLE} itemSorter={TOOLTIP_ORDER} />,
  <Area legendType="square" key="real" className="series-real" type="step" dataKey="real" name="critic on real" fill="#111827" stroke="#111827" fillOpacity={0.18} strokeWidth={1} dot={false} activeDot={false} isAnimationActive={false} />,
  <Area legendType="square" key="fake" className="series-fake" type="step" dataKey="fake" name="critic on fake" fill="#2563eb" stroke="#2563eb" fillOpacity={0.22} strokeWidth={1} dot={false} activeDot={false} isAnimationActive={false} />,
];
const EXACT = [
  <Line legendType="plainline" key="pTilde" className="series-pTilde" type="monotone" dataKey="pTilde" name="p̃ exact" stroke="#111827" strokeWidth={2} dot={false} isAnimationActive={false} />,
  <Line legendType="plainline" key="qTilde" className="series-qTilde" type="monotone" dataKey="qTilde" name="q̃ exact" stroke="#2563eb" strokeWidth={2} dot={false} isAnimationActive={false} />,
];
