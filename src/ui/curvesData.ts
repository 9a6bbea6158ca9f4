// The training curves' chart data: per run, one reading over the recorded steps, merged into
// rows by step (thinned to what a small chart can show), with a linear axis for the losses and a
// logarithmic one (whole decades) for the gradient norms. Pure: tested in tests/unit/ui.
import type { ReadingKey } from '../engine/trajectory';
import { thinIndices } from './chartData';
import { decadeAxis, niceAxis, type AxisScale } from './ticks';

/** One run's series: its recorded steps and, at each, every reading (NaN: none). */
export interface CurveRun {
  label: string;
  colour: string;
  /** Dotted when the run's critic is optimal (as on the panels). */
  optimal: boolean;
  steps: ArrayLike<number>;
  readings: Record<ReadingKey, ArrayLike<number>>;
}

export type CurveRow = { step: number } & Record<string, number | null>;

export interface CurvesView {
  rows: CurveRow[];
  /** The runs that have this reading somewhere (an optimal critic has no critic loss). */
  drawn: number[];
  y: AxisScale;
  steps: AxisScale;
}

export const curveKey = (run: number) => `r${run}`;

/** Rows of `key` for every run, at most `maxRows` of them (the last step always kept). */
export function curvesView(runs: readonly CurveRun[], key: ReadingKey, log: boolean, maxRows = 300): CurvesView {
  const byStep = new Map<number, CurveRow>();
  const drawn = new Set<number>();
  let lo = Infinity;
  let hi = -Infinity;
  runs.forEach((run, r) => {
    const series = run.readings[key];
    for (let i = 0; i < run.steps.length; i++) {
      const v = series[i];
      if (!Number.isFinite(v) || (log && v <= 0)) continue;
      const step = run.steps[i];
      let row = byStep.get(step);
      if (!row) { row = { step }; byStep.set(step, row); }
      row[curveKey(r)] = v;
      drawn.add(r);
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  });
  const all = [...byStep.values()].sort((a, b) => a.step - b.step);
  // a run without a value in a row is null there (a gap), not left out (recharts would join over it)
  for (const row of all) for (const r of drawn) row[curveKey(r)] ??= null;
  const rows = thinIndices(all.length, maxRows).map((i) => all[i]);
  const y = log && hi > 0 ? decadeAxis(lo, hi) : niceAxis(hi >= lo ? [lo, hi] : [], { approx: 4 });
  return { rows, drawn: [...drawn], y, steps: niceAxis(rows.map((r) => r.step), { includeZero: true, approx: 4 }) };
}
