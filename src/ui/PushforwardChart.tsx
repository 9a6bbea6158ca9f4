// The pushforward view (paper §4, §5.2): histograms of the critic's outputs on real and on fake
// samples, beside the exact pushforwards p~ and q~ of p and q through the optimal critic d*
// (src/math/pushforward.ts), binned the same way.
import { useMemo } from 'react';
import { pushforwardHistogram } from '../math/pushforward';
import { usePlayground } from './store';
import { histogram, niceAxis, type AxisScale } from './chartData';
import { formatValue, ticks } from './contour';
import { ChartPanel, type LegendItem } from './ChartPanel';
import { useOnScreen, usePacedStore } from './paced';
import { SvgChart, type ChartSeries } from './SvgChart';

const BINS = 48;
/** Quadrature panels of the exact pushforwards: ~3 ms on the main thread, within ~1% of the
 * default 8000 at these bin widths (the default takes 12-20 ms). */
const PANELS = 2000;

const SERIES: ChartSeries[] = [
  { key: 'real', name: 'critic on real', colour: '#111827', kind: 'area', curve: 'step', fillOpacity: 0.18 },
  { key: 'fake', name: 'critic on fake', colour: '#2563eb', kind: 'area', curve: 'step', fillOpacity: 0.22 },
  { key: 'pTilde', name: 'p̃ exact', colour: '#111827', curve: 'monotone' },
  { key: 'qTilde', name: 'q̃ exact', colour: '#2563eb', curve: 'monotone' },
];

const LEGEND: LegendItem[] = [
  { name: 'critic on real', colour: '#111827', kind: 'area' },
  { name: 'critic on fake', colour: '#2563eb', kind: 'area' },
  { name: 'p̃ exact', colour: '#111827' },
  { name: 'q̃ exact', colour: '#2563eb' },
];

type Row = { d: number; real: number; fake: number; pTilde: number; qTilde: number };
interface View { rows: Row[]; step: number; x: AxisScale; y: AxisScale }

export function PushforwardChart() {
  const [ref, visible] = useOnScreen<HTMLElement>();
  const run = usePlayground((s) => s.runs[s.selectedRun]);
  const input = usePacedStore((s) => ({ target: s.runConfig.target, selected: s.selectedRun, snapshot: s.training.snapshot }), { visible, minIntervalMs: 250 });

  const view = useMemo((): View | null => {
    const { target, selected, snapshot } = input;
    const snap = snapshot?.runs.find((r) => r.run === selected);
    if (!snapshot || !snap || !Number.isFinite(snap.mu) || !(snap.sigma > 0)) return null;
    // a range that holds most of both empirical and exact mass, at most [-10, 10]
    const finite = [...snap.criticOnReal, ...snap.criticOnFake].filter(Number.isFinite).sort((a, b) => a - b);
    const qLo = finite.length ? finite[Math.floor(0.01 * (finite.length - 1))] : -4;
    const qHi = finite.length ? finite[Math.floor(0.99 * (finite.length - 1))] : 4;
    const lo = Math.max(-10, Math.min(-2, qLo - 0.5));
    const hi = Math.min(10, Math.max(2, qHi + 0.5));
    const real = histogram(snap.criticOnReal, lo, hi, BINS);
    const fake = histogram(snap.criticOnFake, lo, hi, BINS);
    const exact = pushforwardHistogram(target, snap.mu, snap.sigma, real.edges, PANELS);
    const rows = real.density.map((_, k): Row => ({
      d: (real.edges[k] + real.edges[k + 1]) / 2,
      real: real.density[k],
      fake: fake.density[k],
      pTilde: exact.p[k],
      qTilde: exact.q[k],
    }));
    return {
      rows, step: snapshot.step,
      x: { domain: [lo, hi], ticks: ticks(lo, hi, 6) },
      y: niceAxis(rows.flatMap((r) => [r.real, r.fake, r.pTilde, r.qTilde]), { includeZero: true, approx: 4 }),
    };
  }, [input]);

  return (
    <ChartPanel
      title="Pushforward of critic outputs" testId="pushforward-chart" label="Pushforward plot" picker figureRef={ref} legend={view ? LEGEND : undefined}
      note={<>Bars: the {run?.critic === 'optimal' ? 'optimal' : 'learned'} critic's outputs d on real (x ~ p) and fake (x ~ q) samples
        {view ? ` at step ${view.step}` : ''}. Lines: exact p̃ and q̃, the densities of d*(x) under p and q (q̃(d) = p̃(d) e<sup>-d</sup>).</>}
    >
      {view ? <SvgChart rows={view.rows} xKey="d" x={view.x} y={view.y} series={SERIES} height={220} xLabel="critic output d" formatX={(d) => `d ≈ ${formatValue(d)}`} label="Histograms of critic outputs and the exact pushforwards" /> : <p className="muted chart-empty">The critic's outputs appear after the first training step (press Step or Play).</p>}
    </ChartPanel>
  );
}
