// The symmetry-preserving plot s_f(d) of the chosen divergences (paper §4) and the table of
// tail weights of the whole catalog (paper Table 1).
import { memo, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { DIVERGENCES, LANDSCAPE_SHORT_NAMES, type DivergenceId } from '../math/catalog';
import { usePlayground } from './store';
import { sfRows } from './chartData';
import { formatValue } from './contour';
import { ChartPanel } from './ChartPanel';
import { DivergenceChooser } from './DivergenceChooser';
import { divergenceColour } from './colors';
import { AXIS_TICK, CHART_MARGIN, GRID_STROKE, LEGEND_STYLE, TOOLTIP_ITEM_STYLE, TOOLTIP_STYLE, formatTick, formatTooltipValue, xLabel, yLabel } from './chartKit';

const S_MAX = 6;
const HEIGHT = 250;
const X_DOMAIN: [number, number] = [-6, 6];
const X_TICKS = [-6, -4, -2, 0, 2, 4, 6];
const Y_DOMAIN: [number, number] = [0, S_MAX];
const Y_TICKS = [0, 1, 2, 3, 4, 5, 6];
const X_LABEL = xLabel('d = log p/q');
const Y_LABEL = yLabel('s_f(d)');
const formatD = (d: unknown) => `d = ${formatValue(Number(d))}`;

export function SfPlot() {
  const ids = usePlayground((s) => s.monitorIds);
  return (
    <ChartPanel
      title={<>s<sub>f</sub>(d): how each divergence weighs critic values</>} testId="sf-chart" label="s_f(d) plot" footer={<DivergenceChooser />}
      note={<>D<sub>f</sub> = ∫ max(p̃(d), q̃(d)) s<sub>f</sub>(d) dd; left of 0 is where q has too much mass, right where it has too little. Cut at {S_MAX}.</>}
    >
      {(width) => <SfChart ids={ids} width={width} />}
    </ChartPanel>
  );
}

/** Re-renders only for new divergences or a new width. */
const SfChart = memo(function SfChart({ ids, width }: { ids: readonly DivergenceId[]; width: number }) {
  const rows = useMemo(() => sfRows(ids, S_MAX), [ids]);
  return (
    <LineChart width={width} height={HEIGHT} data={rows} margin={CHART_MARGIN}>
      <CartesianGrid strokeDasharray="3 3" stroke={GRID_STROKE} vertical={false} />
      <XAxis dataKey="d" type="number" domain={X_DOMAIN} ticks={X_TICKS} tickFormatter={formatTick} tick={AXIS_TICK} height={32} label={X_LABEL} />
      <YAxis type="number" domain={Y_DOMAIN} ticks={Y_TICKS} tickFormatter={formatTick} tick={AXIS_TICK} width={50} label={Y_LABEL} allowDataOverflow />
      <ReferenceLine x={0} stroke="#9ca3af" strokeDasharray="2 3" />
      <Tooltip formatter={formatTooltipValue} labelFormatter={formatD} isAnimationActive={false} contentStyle={TOOLTIP_STYLE} itemStyle={TOOLTIP_ITEM_STYLE} />
      <Legend wrapperStyle={LEGEND_STYLE} itemSorter={null} />
      {ids.map((id) => (
        <Line legendType="plainline" key={id} className={`series-${id}`} type="monotone" dataKey={id} name={LANDSCAPE_SHORT_NAMES[id]} stroke={divergenceColour(id, ids)} strokeWidth={2} dot={false} isAnimationActive={false} />
      ))}
    </LineChart>
  );
});

export function TailWeightTable() {
  const ids = usePlayground((s) => s.monitorIds);
  return (
    <section className="panel tail-table" aria-label="Tail weights">
      <h2>Tail weights (paper Table 1): f''(u) ~ u<sup>-L</sup> as u → 0, ~ u<sup>R-3</sup> as u → ∞; bounded iff L &lt; 2 and R &lt; 2</h2>
      <table data-testid="tail-table">
        <thead><tr><th scope="col">divergence</th><th scope="col">L</th><th scope="col">R</th><th scope="col">bounded</th><th scope="col">description</th></tr></thead>
        <tbody>
          {DIVERGENCES.map((d) => (
            <tr key={d.id} className={ids.includes(d.id) ? 'chosen' : undefined}>
              <td>{d.name}</td>
              <td>{d.tailWeights.left}</td>
              <td>{d.tailWeights.right}</td>
              <td>{d.bounded ? 'yes' : 'no'}</td>
              <td className="muted">{d.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
