// The symmetry-preserving plot s_f(d) of the chosen divergences (paper §4) and the table of
// tail weights of the whole catalog (paper Table 1).
import { useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { DIVERGENCES, getDivergence } from '../math/catalog';
import { usePlayground } from './store';
import { linspace } from './chartData';
import { formatValue } from './contour';
import { DivergenceChooser } from './DivergenceChooser';

export const DIVERGENCE_COLOURS = ['#0f766e', '#b45309', '#7c3aed', '#be123c', '#1d4ed8', '#4d7c0f', '#a21caf', '#0369a1', '#854d0e', '#334155', '#c2410c', '#15803d'];

export function divergenceColour(id: string): string {
  const k = DIVERGENCES.findIndex((d) => d.id === id);
  return DIVERGENCE_COLOURS[(k < 0 ? 0 : k) % DIVERGENCE_COLOURS.length];
}

const S_MAX = 6;

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
  return (
    <figure className="panel chart" data-testid="sf-chart" aria-label="s_f(d) plot">
      <figcaption><span className="panel-title">s<sub>f</sub>(d): how each divergence weighs critic values</span></figcaption>
      <p className="chart-note">D<sub>f</sub> = ∫ max(p̃(d), q̃(d)) s<sub>f</sub>(d) dd; left of 0 is where q has too much mass, right where it has too little. Cut at {S_MAX}.</p>
      <div className="chart-box">
        <ResponsiveContainer width="100%" height={220}>
          <LineChart data={rows} margin={{ top: 6, right: 12, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
            <XAxis dataKey="d" type="number" domain={[-6, 6]} ticks={[-6, -4, -2, 0, 2, 4, 6]} label={{ value: 'd = log p/q', position: 'insideBottomRight', offset: -2, fontSize: 11 }} />
            <YAxis width={40} domain={[0, S_MAX]} allowDataOverflow />
            <Tooltip formatter={(v) => (typeof v === 'number' ? formatValue(v) : String(v))} labelFormatter={(d) => `d = ${formatValue(Number(d))}`} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {ids.map((id) => (
              <Line key={id} dataKey={id} name={getDivergence(id).shortName} stroke={divergenceColour(id)} strokeWidth={2} dot={false} isAnimationActive={false} connectNulls={false} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <DivergenceChooser />
    </figure>
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
