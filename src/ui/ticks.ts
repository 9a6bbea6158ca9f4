// Axis ticks on "nice" round numbers (1, 2 or 5 times a power of ten), for the landscape panels
// and the charts alike, and the round step the panels' fitted window snaps its edges to.

/** The round step that cuts `span` into about `approx` parts. */
export function niceStep(span: number, approx = 5): number {
  const raw = span / approx;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  return (norm < 1.5 ? 1 : norm < 3.5 ? 2 : norm < 7.5 ? 5 : 10) * mag;
}

/** The largest round number (1, 2 or 5 times a power of ten) at most `x` (> 0). */
export function niceFloor(x: number): number {
  const mag = 10 ** Math.floor(Math.log10(x));
  const norm = x / mag;
  return +((norm >= 5 ? 5 : norm >= 2 ? 2 : 1) * mag).toPrecision(12);
}

/** from, from + step, ... up to `to` (within rounding), each rounded to 12 significant digits. */
function multiples(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let v = from; v <= to + 1e-9 * step; v += step) out.push(+v.toPrecision(12));
  return out;
}

/** Nice tick values inside [min, max]. */
export function ticks(min: number, max: number, approx = 5): number[] {
  const span = max - min;
  if (!(span > 0)) return [min];
  const step = niceStep(span, approx);
  return multiples(Math.ceil(min / step - 1e-9) * step, max, step);
}

/** An axis: a domain on nice round numbers that holds [lo, hi], and its ticks. */
export interface AxisScale {
  domain: [number, number];
  ticks: number[];
}

/**
 * A nice axis for the finite values among `values` (and 0 when includeZero): a domain on round
 * numbers and its ticks.
 */
export function niceAxis(values: Iterable<number | null | undefined>, { includeZero = false, approx = 5, fallback = [0, 1] as [number, number] } = {}): AxisScale {
  let lo = includeZero ? 0 : Infinity;
  let hi = includeZero ? 0 : -Infinity;
  for (const v of values) {
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(hi >= lo)) [lo, hi] = fallback;
  if (hi - lo < 1e-9 * Math.max(1, Math.abs(hi))) { lo -= 0.5; hi += 0.5; if (includeZero && lo < 0 && hi - 0.5 >= 0) lo = 0; }
  const step = niceStep(hi - lo, approx);
  const axisTicks = multiples(Math.floor(lo / step + 1e-9) * step, Math.ceil(hi / step - 1e-9) * step, step);
  return { domain: [axisTicks[0], axisTicks[axisTicks.length - 1]], ticks: axisTicks };
}

/** A logarithmic axis over whole decades covering [min, max] (both positive), at most about 7 ticks. */
export function decadeAxis(min: number, max: number): AxisScale {
  const a = Math.floor(Math.log10(min));
  const b = Math.max(a + 1, Math.ceil(Math.log10(max)));
  const every = Math.ceil((b - a) / 6);
  const decades = Array.from({ length: b - a + 1 }, (_, k) => a + k).filter((e) => (e - a) % every === 0);
  return { domain: [10 ** a, 10 ** b], ticks: decades.map((e) => 10 ** e) };
}

/** A power of ten as a tick label: plain between 0.001 and 10000, else 1e-5 style. */
export function formatDecade(v: number): string {
  const e = Math.round(Math.log10(v));
  return e >= -3 && e <= 4 ? String(+v.toPrecision(3)) : `1e${e}`;
}
