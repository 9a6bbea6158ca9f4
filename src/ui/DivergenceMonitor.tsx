// The divergence monitor (paper §5.4): the true D_f(p, q_t) along the selected run's trajectory,
// by quadrature, beside the critic's estimate E_f(p, q_t, d) from the engine's snapshots.
import { useDeferredValue, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { divergenceValue } from '../math/landscape';
import { getDivergence, type DivergenceId } from '../math/catalog';
import type { MixtureComponent } from '../config/schema';
import { usePlayground } from './store';
import { divergenceColour } from './SfPlot';
import { formatValue } from './contour';
import { RunPicker } from './RunPicker';
import { useThrottledStore } from './useThrottled';

/** Points of the true-divergence curve at most (the trajectory is thinned evenly). */
const MAX_POINTS = 80;

const valueCache = new Map<string, number>();
function cachedValue(id: Parameters<typeof divergenceValue>[0], target: MixtureComponent[], targetKey: string, mu: number, sigma: number): number {
  const key = `${targetKey}|${id}|${mu}|${sigma}`;
  let v = valueCache.get(key);
  if (v === undefined) {
    v = Number.isFinite(mu) && sigma > 0 ? divergenceValue(id, target, mu, sigma) : NaN;
    if (valueCache.size > 50_000) valueCache.clear();
    valueCache.set(key, v);
  }
  return v;
}

type Row = { step: number } & Record<string, number | null>;

export function DivergenceMonitor() {
  const ids = usePlayground((s) => s.monitorIds);
  const target = usePlayground((s) => s.runConfig.target);
  const selected = usePlayground((s) => s.selectedRun);
  const trajectories = usePlayground((s) => s.training.trajectories);
  // the quadrature and the chart cost a few ms: redraw at most twice a second
  const version = useDeferredValue(useThrottledStore((s) => s.training.trajectoryVersion, 1500));
  const estimates = useDeferredValue(useThrottledStore((s) => s.training.estimates, 1500));

  const rows = useMemo(() => {
    const t = trajectories[selected];
    const byStep = new Map<number, Row>();
    const row = (step: number): Row => {
      let r = byStep.get(step);
      if (!r) { r = { step } as Row; byStep.set(step, r); }
      return r;
    };
    if (t && t.steps.length > 0) {
      const targetKey = JSON.stringify(target);
      const n = t.steps.length;
      // a power-of-two stride: the points picked stay picked as the run grows (their values are cached)
      let stride = 1;
      while (n / stride > MAX_POINTS) stride *= 2;
      const picks: number[] = [];
      for (let i = 0; i < n; i += stride) picks.push(i);
      if (picks[picks.length - 1] !== n - 1) picks.push(n - 1);
      for (const i of picks) {
        const r = row(t.steps[i]);
        for (const id of ids) {
          const v = cachedValue(id, target, targetKey, t.mu[i], t.sigma[i]);
          r[`true_${id}`] = Number.isFinite(v) ? v : null;
        }
      }
    }
    for (const e of estimates) {
      const est = e.byRun[selected];
      if (!est) continue;
      const r = row(e.step);
      for (const id of ids) {
        const v = est[id];
        r[`est_${id}`] = typeof v === 'number' && Number.isFinite(v) ? v : null;
      }
    }
    return [...byStep.values()].sort((a, b) => a.step - b.step);
    // trajectories grow in place; version says when
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ids, target, selected, trajectories, version, estimates]);

  const chart = useMemo(() => <MonitorPlot rows={rows} ids={ids} />, [rows, ids]);
  return (
    <figure className="panel chart" data-testid="monitor-chart" aria-label="Divergence monitor">
      <figcaption>
        <span className="panel-title">Divergence monitor</span>
        <RunPicker />
      </figcaption>
      <p className="chart-note">Solid: true D<sub>f</sub>(p, q<sub>t</sub>) by quadrature. Dots: the critic's estimate E<sub>f</sub>(p, q<sub>t</sub>, d), a lower bound when the critic is good.</p>
      <div className="chart-box">
        {chart}
      </div>
    </figure>
  );
}

function MonitorPlot({ rows, ids }: { rows: Row[]; ids: DivergenceId[] }) {
  return (
        <ResponsiveContainer width="100%" height={220}>
          <LineChart data={rows} margin={{ top: 6, right: 12, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
            <XAxis dataKey="step" type="number" domain={[0, 'dataMax']} allowDecimals={false} label={{ value: 'generator step', position: 'insideBottomRight', offset: -2, fontSize: 11 }} />
            <YAxis width={44} tickFormatter={(v: number) => formatValue(v)} />
            <Tooltip formatter={(v) => (typeof v === 'number' ? formatValue(v) : String(v))} labelFormatter={(s) => `step ${s}`} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {ids.map((id) => (
              <Line key={`t${id}`} dataKey={`true_${id}`} name={`${getDivergence(id).shortName} true`} stroke={divergenceColour(id)} strokeWidth={2} dot={false} isAnimationActive={false} connectNulls />
            ))}
            {ids.map((id) => (
              <Line key={`e${id}`} dataKey={`est_${id}`} name={`${getDivergence(id).shortName} estimate`} stroke={divergenceColour(id)} strokeWidth={0} dot={{ r: 2.5, fill: divergenceColour(id) }} legendType="circle" isAnimationActive={false} connectNulls />
            ))}
          </LineChart>
        </ResponsiveContainer>
  );
}
