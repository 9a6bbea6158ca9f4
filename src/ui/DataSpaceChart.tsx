// Data space of the selected run: p(x), q(x), a histogram of generator samples, the learned
// critic d(x) and the optimal critic d*(x) (right axis), all from the engine's last snapshot.
import { useMemo } from 'react';
import { mixturePdf } from '../math/mixture';
import { normalPdf } from '../math/gaussian';
import { optimalCritic } from '../math/pushforward';
import { usePlayground } from './store';
import { dataRange, histogram, histogramAt, linspace, niceAxis, type AxisScale } from './chartData';
import { formatValue, ticks } from './contour';
import { ChartPanel, type LegendItem } from './ChartPanel';
import { useOnScreen, usePacedStore } from './paced';
import { SvgChart, type ChartSeries } from './SvgChart';

const D_CLAMP = 12;
const POINTS = 101;

/** At most n evenly spaced entries of a grid (charts cost per point). */
function thinGrid(xs: number[], n: number): number[] {
  if (xs.length <= n) return xs;
  const stride = Math.ceil(xs.length / n);
  return xs.filter((_, i) => i % stride === 0);
}
const clampD = (d: number) => Math.max(-D_CLAMP, Math.min(D_CLAMP, d));

const SERIES: ChartSeries[] = [
  { key: 'samples', name: 'generator samples', colour: '#60a5fa', kind: 'area', curve: 'stepAfter', fillOpacity: 0.35 },
  { key: 'p', name: 'p(x) target', colour: '#111827', curve: 'monotone' },
  { key: 'q', name: 'q(x) generator', colour: '#2563eb', curve: 'monotone' },
  { key: 'd', name: 'd(x) learned critic', colour: '#dc2626', axis: 'right', curve: 'monotone', width: 1.6 },
  { key: 'dStar', name: 'd*(x) optimal', colour: '#dc2626', axis: 'right', curve: 'monotone', width: 1.4, dash: '4 3' },
];

const LEGEND: LegendItem[] = [
  { name: 'p(x) target', colour: '#111827' },
  { name: 'q(x) generator', colour: '#2563eb' },
  { name: 'generator samples', colour: '#60a5fa', kind: 'area' },
  { name: 'd(x) learned critic', colour: '#dc2626' },
  { name: 'd*(x) optimal', colour: '#dc2626', kind: 'dashed' },
];

type Row = { x: number; p: number; q: number; samples?: number; d?: number; dStar: number };
interface View { rows: Row[]; mu: number; sigma: number; x: AxisScale; density: AxisScale; critic: AxisScale }

export function DataSpaceChart() {
  const [ref, visible] = useOnScreen<HTMLElement>();
  const run = usePlayground((s) => s.runs[s.selectedRun]);
  const input = usePacedStore((s) => ({
    target: s.runConfig.target, selected: s.selectedRun, snapshot: s.training.snapshot, mu0: s.runConfig.mu0, sigma0: s.runConfig.sigma0,
  }), { visible, minIntervalMs: 250 });

  const view = useMemo((): View | null => {
    const { target, selected, snapshot } = input;
    const snap = snapshot?.runs.find((r) => r.run === selected);
    const mu = snap ? snap.mu : input.mu0;
    const sigma = snap ? snap.sigma : input.sigma0;
    if (!Number.isFinite(mu) || !(sigma > 0)) return null;
    const [lo, hi] = dataRange(target, mu, sigma);
    const xs = snapshot && snap ? thinGrid(snapshot.xGrid.filter((x) => x >= lo && x <= hi), POINTS) : linspace(lo, hi, POINTS);
    const hist = snap ? histogram(snap.fakeSamples, lo, hi, 40) : null;
    const criticAt = new Map<number, number>();
    if (snapshot && snap) snapshot.xGrid.forEach((x, i) => criticAt.set(x, snap.criticOnGrid[i]));
    const rows = xs.map((x): Row => {
      const d = criticAt.get(x);
      return {
        x,
        p: mixturePdf(target, x),
        q: normalPdf(x, mu, sigma),
        samples: hist ? histogramAt(hist, x) : undefined,
        d: d === undefined ? undefined : clampD(d),
        dStar: clampD(optimalCritic(target, mu, sigma, x)),
      };
    });
    return {
      rows, mu, sigma,
      x: { domain: [xs[0], xs[xs.length - 1]], ticks: ticks(lo, hi, 6) },
      density: niceAxis(rows.flatMap((r) => [r.p, r.q, r.samples]), { includeZero: true, approx: 4 }),
      critic: niceAxis(rows.flatMap((r) => [r.d, r.dStar]), { approx: 4 }),
    };
  }, [input]);

  return (
    <ChartPanel
      title="Data space" testId="data-space-chart" label="Data space" picker figureRef={ref} legend={LEGEND}
      note={<>{run ? `${run.label}: ` : ''}q = N({formatValue(view?.mu ?? NaN)}, {formatValue(view?.sigma ?? NaN)}²)
        {run?.critic === 'optimal' ? ' (this run uses d*, so d = d*)' : ''}; critic values clipped to ±{D_CLAMP}.</>}
    >
      {view ? <SvgChart rows={view.rows} xKey="x" x={view.x} y={view.density} y2={view.critic} series={SERIES} height={240} yLabel="density" y2Label="critic" xLabel="x" formatX={(x) => `x = ${formatValue(x)}`} label="Densities, generator samples and critics over x" /> : <p className="muted chart-empty">This run has left the range the view can show.</p>}
    </ChartPanel>
  );
}
