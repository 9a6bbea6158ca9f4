// Data space of the selected run: p(x), q(x), a histogram of generator samples, the learned
// critic d(x) and the optimal critic d*(x) (right axis).
import { useDeferredValue, useMemo } from 'react';
import { Area, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { mixturePdf } from '../math/mixture';
import { normalPdf } from '../math/gaussian';
import { usePlayground } from './store';
import { dataRange, histogram, histogramAt, linspace, optimalCriticAt } from './chartData';
import { RunPicker } from './RunPicker';
import { useThrottledStore } from './useThrottled';
import { formatValue, ticks } from './contour';

const D_CLAMP = 12;

/** At most n evenly spaced entries of a grid (charts cost per point). */
function thinGrid(xs: number[], n: number): number[] {
  if (xs.length <= n) return xs;
  const stride = Math.ceil(xs.length / n);
  return xs.filter((_, i) => i % stride === 0);
}
const clampD = (d: number) => Math.max(-D_CLAMP, Math.min(D_CLAMP, d));

export function DataSpaceChart() {
  const target = usePlayground((s) => s.runConfig.target);
  const selected = usePlayground((s) => s.selectedRun);
  const run = usePlayground((s) => s.runs[s.selectedRun]);
  // deferred: the chart renders in an interruptible background render, not in one long task
  const snapshot = useDeferredValue(usePlayground((s) => s.training.snapshot));
  const trajectories = usePlayground((s) => s.training.trajectories);
  const version = useDeferredValue(useThrottledStore((s) => s.training.trajectoryVersion, 1000));

  const data = useMemo(() => {
    const t = trajectories[selected];
    const last = t ? t.mu.length - 1 : -1;
    const snap = snapshot?.runs.find((r) => r.run === selected);
    const mu = snap?.mu ?? (t && last >= 0 ? t.mu[last] : NaN);
    const sigma = snap?.sigma ?? (t && last >= 0 ? t.sigma[last] : NaN);
    if (!Number.isFinite(mu) || !(sigma > 0)) return { rows: [], mu, sigma, step: snapshot?.step ?? 0, xTicks: [] as number[] };
    const [lo, hi] = dataRange(target, mu, sigma);
    const xs = snapshot && snap ? thinGrid(snapshot.xGrid.filter((x) => x >= lo && x <= hi), 101) : linspace(lo, hi, 101);
    const hist = snap ? histogram(snap.fakeSamples, lo, hi, 40) : null;
    const criticAt = new Map<number, number>();
    if (snapshot && snap) snapshot.xGrid.forEach((x, i) => criticAt.set(x, snap.criticOnGrid[i]));
    const rows = xs.map((x) => ({
      x,
      p: mixturePdf(target, x),
      q: normalPdf(x, mu, sigma),
      samples: hist ? histogramAt(hist, x) : undefined,
      d: criticAt.has(x) ? clampD(criticAt.get(x)!) : undefined,
      dStar: clampD(optimalCriticAt(target, mu, sigma, x)),
    }));
    return { rows, mu, sigma, step: snapshot?.step ?? 0, xTicks: ticks(lo, hi, 6) };
    // trajectories grow in place; version says when
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [target, selected, snapshot, trajectories, version]);

  const chart = useMemo(() => <DataSpacePlot rows={data.rows} xTicks={data.xTicks} />, [data]);
  return (
    <figure className="panel chart" data-testid="data-space-chart" aria-label="Data space">
      <figcaption>
        <span className="panel-title">Data space</span>
        <RunPicker />
      </figcaption>
      <p className="chart-note">
        {run ? `${run.label}: ` : ''}q = N({formatValue(data.mu)}, {formatValue(data.sigma)}²)
        {run?.critic === 'optimal' ? ' (this run uses d*, so d = d*)' : ''}; critic values clipped to ±{D_CLAMP}.
      </p>
      <div className="chart-box">
        {chart}
      </div>
    </figure>
  );
}

function DataSpacePlot({ rows, xTicks }: { rows: Record<string, number | undefined>[]; xTicks: number[] }) {
  return (
        <ResponsiveContainer width="100%" height={240}>
          <ComposedChart data={rows} margin={{ top: 6, right: 8, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
            <XAxis dataKey="x" type="number" domain={['dataMin', 'dataMax']} ticks={xTicks} tickFormatter={(v: number) => formatValue(v)} />
            <YAxis yAxisId="density" width={44} tickFormatter={(v: number) => formatValue(v)} label={{ value: 'density', angle: -90, position: 'insideLeft', fontSize: 11 }} />
            <YAxis yAxisId="critic" orientation="right" width={40} tickFormatter={(v: number) => formatValue(v)} label={{ value: 'critic', angle: 90, position: 'insideRight', fontSize: 11 }} />
            <Tooltip formatter={(v) => (typeof v === 'number' ? formatValue(v) : String(v))} labelFormatter={(x) => `x = ${formatValue(Number(x))}`} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Area yAxisId="density" type="stepAfter" dataKey="samples" name="generator samples" fill="#93c5fd" stroke="#60a5fa" fillOpacity={0.5} isAnimationActive={false} dot={false} />
            <Line yAxisId="density" type="monotone" dataKey="p" name="p(x) target" stroke="#111827" strokeWidth={2} dot={false} isAnimationActive={false} />
            <Line yAxisId="density" type="monotone" dataKey="q" name="q(x) generator" stroke="#2563eb" strokeWidth={2} dot={false} isAnimationActive={false} />
            <Line yAxisId="critic" type="monotone" dataKey="d" name="d(x) learned critic" stroke="#dc2626" strokeWidth={1.6} dot={false} isAnimationActive={false} />
            <Line yAxisId="critic" type="monotone" dataKey="dStar" name="d*(x) optimal" stroke="#dc2626" strokeDasharray="4 3" strokeWidth={1.4} dot={false} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
  );
}
