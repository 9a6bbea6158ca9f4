// The divergence monitor (paper §5.4): the true D_f(p, q_t) along the selected run's trajectory,
// by quadrature, beside the critic's estimate E_f(p, q_t, d) at each of the engine's snapshots.
import { useEffect, useMemo, useState } from 'react';
import { divergenceValue } from '../math/landscape';
import { LANDSCAPE_SHORT_NAMES, type DivergenceId } from '../math/catalog';
import type { MixtureComponent } from '../config/schema';
import { niceAxis, thinIndices, type AxisScale } from './chartData';
import { divergenceColour } from './colors';
import { ChartPanel, type LegendItem } from './ChartPanel';
import { useOnScreen, usePacedStore } from './paced';
import { SvgChart, type ChartSeries } from './SvgChart';

/** Main-thread time one update may spend on quadrature; the rest follows in later tasks. */
const BUDGET_MS = 12;

const valueCache = new Map<string, number>();
function valueKey(id: DivergenceId, targetKey: string, mu: number, sigma: number): string {
  return `${targetKey}|${id}|${mu}|${sigma}`;
}
function computeValue(id: DivergenceId, target: MixtureComponent[], key: string, mu: number, sigma: number): number {
  const v = Number.isFinite(mu) && sigma > 0 ? divergenceValue(id, target, mu, sigma) : NaN;
  if (valueCache.size > 50_000) valueCache.clear();
  valueCache.set(key, v);
  return v;
}

/** Coarse-to-fine order of 0..n-1 (every 32nd first, then every 16th, ...): a partly computed
 * curve already spans the whole run. */
function coarseFirst(n: number): number[] {
  const out: number[] = [];
  const seen = new Uint8Array(n);
  for (let s = 32; s >= 1; s >>= 1) for (let i = 0; i < n; i += s) if (!seen[i]) { seen[i] = 1; out.push(i); }
  return out;
}

type Row = { step: number } & Record<string, number | null>;
interface View { rows: Row[]; x: AxisScale; y: AxisScale; complete: boolean; estimates: number }

export function DivergenceMonitor() {
  const [ref, visible] = useOnScreen<HTMLElement>();
  const input = usePacedStore((s) => ({
    ids: s.monitorIds, target: s.runConfig.target, selected: s.selectedRun,
    trajectories: s.training.trajectories, version: s.training.trajectoryVersion, estimates: s.training.estimates,
  }), { visible, minIntervalMs: 1000 });
  // bumped to continue quadrature that ran out of its time budget
  const [more, setMore] = useState(0);

  const view = useMemo((): View => {
    const { ids, target, selected, trajectories, estimates } = input;
    const t = trajectories[selected];
    const byStep = new Map<number, Row>();
    const row = (step: number): Row => {
      let r = byStep.get(step);
      if (!r) { r = { step } as Row; byStep.set(step, r); }
      return r;
    };
    let complete = true;
    if (t && t.steps.length > 0) {
      const targetKey = JSON.stringify(target);
      const picks = thinIndices(t.steps.length);
      const deadline = performance.now() + BUDGET_MS;
      for (const k of coarseFirst(picks.length)) {
        const i = picks[k];
        const r = row(t.steps[i]);
        for (const id of ids) {
          const key = valueKey(id, targetKey, t.mu[i], t.sigma[i]);
          let v = valueCache.get(key);
          if (v === undefined) {
            if (performance.now() > deadline) { complete = false; continue; }
            v = computeValue(id, target, key, t.mu[i], t.sigma[i]);
          }
          r[`true_${id}`] = Number.isFinite(v) ? v : null;
        }
      }
    }
    const estimatePicks = thinIndices(estimates.length);
    for (const k of estimatePicks) {
      const e = estimates[k];
      const est = e.byRun[selected];
      if (!est) continue;
      const r = row(e.step);
      for (const id of ids) {
        const v = est[id];
        r[`est_${id}`] = typeof v === 'number' && Number.isFinite(v) ? v : null;
      }
    }
    const rows = [...byStep.values()].sort((a, b) => a.step - b.step);
    const y = niceAxis(rows.flatMap((r) => ids.flatMap((id) => [r[`true_${id}`], r[`est_${id}`]])), { includeZero: true, approx: 4 });
    const x = niceAxis(rows.map((r) => r.step), { includeZero: true, approx: 5 });
    return { rows, x, y, complete, estimates: estimatePicks.length };
    // `version`: trajectories grow in place; `more`: continue unfinished quadrature
  }, [input, more]);

  useEffect(() => {
    if (view.complete) return;
    const timer = setTimeout(() => setMore((m) => m + 1), 0);
    return () => clearTimeout(timer);
  }, [view]);

  const legend = useMemo((): LegendItem[] => input.ids.map((id) => ({ name: LANDSCAPE_SHORT_NAMES[id], colour: divergenceColour(id) })), [input.ids]);
  // one estimate is a dot (a line needs two)
  const single = view.estimates === 1;
  const series = useMemo((): ChartSeries[] => [
    ...input.ids.map((id): ChartSeries => ({ key: `true_${id}`, name: `${LANDSCAPE_SHORT_NAMES[id]} true`, colour: divergenceColour(id), connectNulls: true })),
    ...input.ids.map((id): ChartSeries => ({ key: `est_${id}`, name: `${LANDSCAPE_SHORT_NAMES[id]} estimate`, colour: divergenceColour(id), width: 1.5, dash: '5 3', connectNulls: true, dots: single })),
  ], [input.ids, single]);
  return (
    <ChartPanel
      title="Divergence monitor" testId="monitor-chart" label="Divergence monitor" picker figureRef={ref} legend={legend}
      note={<>Solid: true D<sub>f</sub>(p, q<sub>t</sub>) by quadrature. Dashed: the critic's estimate E<sub>f</sub>(p, q<sub>t</sub>, d) at each snapshot, a lower bound when the critic is good.</>}
    >
      <SvgChart rows={view.rows} xKey="step" x={view.x} y={view.y} series={series} height={220} xLabel="generator step" formatX={(st) => `step ${st}`} label="True divergences and the critic's estimates over generator steps" />
    </ChartPanel>
  );
}
