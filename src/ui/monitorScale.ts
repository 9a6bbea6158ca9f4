// The divergence monitor's y-axis and its readings. The axis follows the true divergences (and
// 0): a critic's estimate far below or above them is drawn at the axis edge with a marker instead
// of stretching the axis until the true curves look flat. Readings print 4 significant digits;
// anything below 1e-12 in size is quadrature or float noise and prints as 0.
import type { MonitorRow } from './chartData';
import { niceAxis, type AxisScale } from './ticks';
import { formatValue } from './contour';

/** Values smaller than this in size print as 0. */
export const NOISE_FLOOR = 1e-12;

/**
 * A number as the charts print it: 4 significant digits, anything smaller in size than
 * `resolution` as 0 (NOISE_FLOOR for a divergence value; a coordinate such as mu = 7.26e-12 is 0
 * at any resolution its window can show).
 */
export function formatReading(v: number, resolution = NOISE_FLOOR): string {
  if (Number.isFinite(v) && Math.abs(v) < resolution) return '0';
  return formatValue(v);
}

/**
 * Field names of one divergence's series in a monitor row: the true value, the estimate as
 * drawn (clamped into the axis), the estimate as the critic gave it, and the edge marker (the
 * clamped value where the estimate left the axis, absent elsewhere).
 */
export function monitorKeys(id: string) {
  return { true: `true_${id}`, estimate: `est_${id}`, raw: `raw_${id}`, edge: `edge_${id}` } as const;
}

export interface MonitorScale {
  y: AxisScale;
  rows: MonitorRow[];
}

/**
 * The y-axis from the true values of `ids` in `rows` (0 included; from the estimates only while
 * there is no true value), and the rows with every estimate clamped into it. Rows are copied,
 * not changed.
 */
export function monitorScale(rows: readonly MonitorRow[], ids: readonly string[]): MonitorScale {
  const keys = ids.map(monitorKeys);
  const trueValues = rows.flatMap((r) => keys.map((k) => r[k.true]));
  const hasTrue = trueValues.some((v) => typeof v === 'number' && Number.isFinite(v));
  const y = niceAxis(hasTrue ? trueValues : rows.flatMap((r) => keys.map((k) => r[k.estimate])), { includeZero: true, approx: 4 });
  const [lo, hi] = y.domain;
  const out = rows.map((r) => {
    const row = { ...r } as MonitorRow;
    for (const k of keys) {
      const v = r[k.estimate];
      if (typeof v !== 'number' || !Number.isFinite(v)) continue;
      row[k.raw] = v;
      if (v < lo || v > hi) {
        const edge = v < lo ? lo : hi;
        row[k.estimate] = edge;
        row[k.edge] = edge;
      }
    }
    return row;
  });
  return { y, rows: out };
}
