// The pushforward view (paper §4, §5.2): histograms of the critic's outputs on real and on fake
// samples, beside the exact pushforwards p~ and q~ of p and q through the optimal critic d*,
// binned the same way.
import { useDeferredValue, useMemo } from 'react';
import { Area, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { usePlayground } from './store';
import { exactPushforwardHistograms, histogram } from './chartData';
import { formatValue, ticks } from './contour';
import { RunPicker } from './RunPicker';

const BINS = 48;

export function PushforwardChart() {
  const target = usePlayground((s) => s.runConfig.target);
  const selected = usePlayground((s) => s.selectedRun);
  const snapshot = useDeferredValue(usePlayground((s) => s.training.snapshot));
  const run = usePlayground((s) => s.runs[s.selectedRun]);

  const view = useMemo(() => {
    const snap = snapshot?.runs.find((r) => r.run === selected);
    if (!snap || !Number.isFinite(snap.mu) || !(snap.sigma > 0)) return null;
    // a range that holds most of both empirical and exact mass, at most [-10, 10]
    const finite = [...snap.criticOnReal, ...snap.criticOnFake].filter(Number.isFinite).sort((a, b) => a - b);
    const qLo = finite.length ? finite[Math.floor(0.01 * (finite.length - 1))] : -4;
    const qHi = finite.length ? finite[Math.floor(0.99 * (finite.length - 1))] : 4;
    const lo = Math.max(-10, Math.min(-2, qLo - 0.5));
    const hi = Math.min(10, Math.max(2, qHi + 0.5));
    const real = histogram(snap.criticOnReal, lo, hi, BINS);
    const fake = histogram(snap.criticOnFake, lo, hi, BINS);
    const exact = exactPushforwardHistograms(target, snap.mu, snap.sigma, real.edges);
    const rows = real.density.map((_, k) => ({
      d: (real.edges[k] + real.edges[k + 1]) / 2,
      real: real.density[k],
      fake: fake.density[k],
      pTilde: exact.p[k],
      qTilde: exact.q[k],
    }));
    return { rows, step: snapshot!.step, lo, hi };
  }, [snapshot, selected, target]);

  const chart = useMemo(() => <PushforwardPlot view={view} />, [view]);
  return (
    <figure className="panel chart" data-testid="pushforward-chart" aria-label="Pushforward plot">
      <figcaption>
        <span className="panel-title">Pushforward of critic outputs</span>
        <RunPicker />
      </figcaption>
      <p className="chart-note">
        Bars: the {run?.critic === 'optimal' ? 'optimal' : 'learned'} critic's outputs d on real (x ~ p) and fake (x ~ q) samples
        {view ? ` at step ${view.step}` : ''}. Lines: exact p̃ and q̃, the densities of d*(x) under p and q (q̃(d) = p̃(d) e^-d).
      </p>
      <div className="chart-box">
        {chart}
      </div>
    </figure>
  );
}

type View = { rows: Record<string, number>[]; step: number; lo: number; hi: number };

function PushforwardPlot({ view }: { view: View | null }) {
  return view ? (
          <ResponsiveContainer width="100%" height={220}>
            <ComposedChart data={view.rows} margin={{ top: 6, right: 12, bottom: 4, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
              <XAxis dataKey="d" type="number" domain={[view.lo, view.hi]} ticks={ticks(view.lo, view.hi, 6)} tickFormatter={(v: number) => formatValue(v)} label={{ value: 'critic output d', position: 'insideBottomRight', offset: -2, fontSize: 11 }} />
              <YAxis width={44} tickFormatter={(v: number) => formatValue(v)} />
              <Tooltip formatter={(v) => (typeof v === 'number' ? formatValue(v) : String(v))} labelFormatter={(d) => `d ≈ ${formatValue(Number(d))}`} />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              <Area type="step" dataKey="real" name="critic on real" fill="#111827" stroke="#111827" fillOpacity={0.18} isAnimationActive={false} />
              <Area type="step" dataKey="fake" name="critic on fake" fill="#2563eb" stroke="#2563eb" fillOpacity={0.22} isAnimationActive={false} />
              <Line type="monotone" dataKey="pTilde" name="p̃ exact" stroke="#111827" strokeWidth={2} dot={false} isAnimationActive={false} />
              <Line type="monotone" dataKey="qTilde" name="q̃ exact" stroke="#2563eb" strokeWidth={2} dot={false} isAnimationActive={false} />
            </ComposedChart>
          </ResponsiveContainer>
        ) : (
          <p className="muted chart-empty">The critic's outputs appear after the first training step (press Step or Play).</p>
        );
}
