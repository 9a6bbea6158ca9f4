// The pushforward view (paper §4, §5.2): histograms of the critic's outputs on real and on fake
// samples, beside the exact pushforwards p~ and q~ of p and q through the optimal critic d*
// (src/math/pushforward.ts), binned the same way.
import { memo, useMemo } from 'react';
import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { usePlayground } from './store';
import { criticEstimatesLogRatio } from './CriticOptions';
import { pushforwardView, type PushforwardView } from './chartData';
import { formatValue } from './contour';
import { ChartPanel } from './ChartPanel';
import { Term } from './Term';
import { useOnScreen, usePacedStore } from './paced';
import { AXIS_TICK, CHART_MARGIN, GRID_STROKE, LEGEND_STYLE, TOOLTIP_ITEM_STYLE, TOOLTIP_STYLE, formatTick, formatTooltipValue, seriesOrder, useStable, xLabel, yLabel } from './chartKit';

const TOOLTIP_ORDER = seriesOrder(['real', 'fake', 'pTilde', 'qTilde']);
const HEIGHT = 250;
const X_LABEL = xLabel('critic output d');
const Y_LABEL = yLabel('density');
const formatD = (d: unknown) => `d ≈ ${formatValue(Number(d))}`;

export function PushforwardChart() {
  const [ref, visible] = useOnScreen<HTMLElement>();
  const run = usePlayground((s) => s.runs[s.selectedRun]);
  const input = usePacedStore((s) => ({ target: s.runConfig.target, selected: s.selectedRun, snapshot: s.training.snapshot }), { visible, minIntervalMs: 250 });
  const view = useMemo(() => pushforwardView(input.target, input.snapshot, input.selected), [input]);

  return (
    <ChartPanel
      title={<><Term id="pushforward">Pushforward</Term> of critic outputs</>} testId="pushforward-chart" label="Pushforward plot" picker figureRef={ref}
      note={<>Bars: the {run?.critic === 'optimal' ? 'optimal' : 'learned'} critic's outputs d on real (x ~ p) and fake (x ~ q) samples
        {view ? ` at step ${view.step}` : ''}. Lines: exact p̃ and q̃, the densities of d*(x) under p and q (q̃(d) = p̃(d) e<sup>-d</sup>).
        {run && !criticEstimatesLogRatio(run.scheme) ? ' This critic does not estimate d*: compare the shapes, not the positions.' : ''}</>}
    >
      {(width) => view
        ? <PushforwardPlot view={view} width={width} />
        : <p className="muted chart-empty">The critic's outputs appear after the first training step (press Step or Play).</p>}
    </ChartPanel>
  );
}

/** What the pushforward plot draws: binned rows (real, fake and, when exact, pTilde and qTilde) on two axes. */
export interface PushforwardPlotView {
  rows: readonly object[];
  x: PushforwardView['x'];
  y: PushforwardView['y'];
}

/** The histograms and, when `exact`, the exact pushforwards. Re-renders only for a new view or a
 * new width; only the data and changed axes reach recharts (see DataSpacePlot). Also the 2-D page's. */
export const PushforwardPlot = memo(function PushforwardPlot({ view, width, exact = true }: { view: PushforwardPlotView; width: number; exact?: boolean }) {
  const x = useStable(view.x);
  const y = useStable(view.y);
  const axes = useMemo(() => [
    <XAxis key="x" dataKey="d" type="number" domain={x.domain} ticks={x.ticks} tickFormatter={formatTick} tick={AXIS_TICK} height={32} label={X_LABEL} allowDataOverflow />,
    <YAxis key="y" type="number" domain={y.domain} ticks={y.ticks} tickFormatter={formatTick} tick={AXIS_TICK} width={50} label={Y_LABEL} />,
  ], [x, y]);
  return (
    <ComposedChart width={width} height={HEIGHT} data={view.rows as object[]} margin={CHART_MARGIN}>
      {GRID}
      {axes}
      {STATIC}
      {exact && EXACT}
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
