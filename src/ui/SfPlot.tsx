// The symmetry-preserving plot s_f(d) of the chosen divergences (paper §4) and the table of
// tail weights of the whole catalog (paper Table 1).
import { useMemo } from 'react';
import { DIVERGENCES, LANDSCAPE_SHORT_NAMES, getDivergence } from '../math/catalog';
import { usePlayground } from './store';
import { linspace, type AxisScale } from './chartData';
import { formatValue } from './contour';
import { ChartPanel, type LegendItem } from './ChartPanel';
import { DivergenceChooser } from './DivergenceChooser';
import { divergenceColour } from './colors';
import { SvgChart, type ChartSeries } from './SvgChart';

const S_MAX = 6;
const X_AXIS: AxisScale = { domain: [-6, 6], ticks: [-6, -4, -2, 0, 2, 4, 6] };
const Y_AXIS: AxisScale = { domain: [0, S_MAX], ticks: [0, 1, 2, 3, 4, 5, 6] };

export function SfPlot() {
  const ids = usePlayground((s) => s.monitorIds);
  const rows = useMemo(() => linspace(-6, 6, 121).map((d) => {
    const row: Record<string, number | null> = { d };
    for (const id of ids) {
      const v = getDivergence(id).s(d);
      row[id] = Number.isFinite(v) && v <= S_MAX ? v : null;
    }
    return row;
  }), [ids]);
  const series = useMemo((): ChartSeries[] => ids.map((id) => ({ key: id, name: LANDSCAPE_SHORT_NAMES[id], colour: divergenceColour(id) })), [ids]);
  const legend = useMemo((): LegendItem[] => ids.map((id) => ({ name: LANDSCAPE_SHORT_NAMES[id], colour: divergenceColour(id) })), [ids]);
  return (
    <ChartPanel
      title={<>s<sub>f</sub>(d): how each divergence weighs critic values</>} testId="sf-chart" label="s_f(d) plot" legend={legend} footer={<DivergenceChooser />}
      note={<>D<sub>f</sub> = ∫ max(p̃(d), q̃(d)) s<sub>f</sub>(d) dd; left of 0 is where q has too much mass, right where it has too little. Cut at {S_MAX}.</>}
    >
      <SvgChart rows={rows} xKey="d" x={X_AXIS} y={Y_AXIS} series={series} height={220} xLabel="d = log p/q" formatX={(d) => `d = ${formatValue(d)}`} label="s_f(d) of the chosen divergences" />
    </ChartPanel>
  );
}

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
