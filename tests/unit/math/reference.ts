// An independent reference for the landscape's values, for tests: adaptive Gauss-Kronrod (7-15;
// a piece's error is how far the rule on it is from the rules on its halves) quadrature of
// q f(p/q) with f from the catalog's closed forms, over a plain initial partition (a uniform
// grid, points around every component and q, and where two components' log-densities are
// equal, found by its own scan), and W1 = ∫ |F_p - F_q| by the same adaptive rule. Slow but simple: it shares no code with
// src/math/landscape.

import { getDivergence, type LandscapeId } from '../../../src/math/catalog';
import { normalLogPdf, standardNormalCdf } from '../../../src/math/gaussian';
import { mixtureLogPdf, type Mixture } from '../../../src/math/mixture';

const XK = [
  0.991455371120812639206854697526329, 0.949107912342758524526189684047851, 0.864864423359769072789712788640926,
  0.741531185599394439863864773280788, 0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
  0.207784955007898467600689403773245, 0,
];
const WK = [
  0.022935322010529224963732008058970, 0.063092092629978553290700663189204, 0.104790010322250183839876322541518,
  0.140653259715525918745189590510238, 0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
  0.204432940075298892414161999234649, 0.209482141084727828012999174891714,
];
const WG = [0.129484966168869693270611432679082, 0.279705391489276667901467771423780, 0.381830050505118944950369775488975, 0.417959183673469387755102040816327];

/** Kronrod estimate and |Kronrod - Gauss| on [a, b]. */
function kronrod(g: (x: number) => number, a: number, b: number): [number, number] {
  const c = 0.5 * (a + b);
  const h = 0.5 * (b - a);
  let k = WK[7] * g(c);
  let gauss = WG[3] * g(c);
  for (let i = 0; i < 7; i++) {
    const s = g(c - h * XK[i]) + g(c + h * XK[i]);
    k += WK[i] * s;
    if (i % 2 === 1) gauss += WG[(i - 1) / 2] * s;
  }
  return [k * h, Math.abs(k - gauss) * h];
}

/** [value, error] on [a, b]: the sum of the Kronrod rules on both halves, and its difference from the rule on the whole. */
function piece(g: (x: number) => number, a: number, b: number): [number, number] {
  const m = 0.5 * (a + b);
  const [whole, wholeError] = kronrod(g, a, b);
  const halves = kronrod(g, a, m)[0] + kronrod(g, m, b)[0];
  return [halves, Math.max(Math.abs(whole - halves), wholeError * 1e-3)];
}

/** ∫ g over the partition, bisecting each piece until its error estimate is below tol × |total| (or 1e-17). */
export function adaptiveIntegral(g: (x: number) => number, breakpoints: number[], tol = 1e-13): number {
  const points = [...new Set(breakpoints.filter(Number.isFinite))].sort((x, y) => x - y);
  const pieces: [number, number, number, number][] = [];
  let total = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const [v, e] = piece(g, points[i], points[i + 1]);
    pieces.push([points[i], points[i + 1], v, e]);
    total += v;
  }
  if (!Number.isFinite(total)) return total; // beyond the largest double: Infinity
  // an absolute floor (values near 0 cannot be resolved relatively) and a cap on the pieces
  for (let round = 0; round < 60 && pieces.length < 100000; round++) {
    const limit = (tol * Math.abs(total)) / Math.sqrt(pieces.length) + 1e-17;
    let refined = false;
    for (let i = pieces.length - 1; i >= 0; i--) {
      const [a, b, v, e] = pieces[i];
      if (e <= limit || b - a <= 1e-13 * (1 + Math.abs(a))) continue;
      const m = 0.5 * (a + b);
      const [v1, e1] = piece(g, a, m);
      const [v2, e2] = piece(g, m, b);
      pieces.splice(i, 1, [a, m, v1, e1], [m, b, v2, e2]);
      total += v1 + v2 - v;
      refined = true;
    }
    if (!refined) break;
  }
  return pieces.reduce((sum, p) => sum + p[2], 0);
}

/** Where two components' log-densities are equal (log p may bend sharply there): bisection on a scan. */
function equalComponentPoints(target: Mixture, lo: number, hi: number): number[] {
  const points: number[] = [];
  const term = (c: Mixture[number], x: number) => Math.log(c.weight / c.std) - 0.5 * ((x - c.mean) / c.std) ** 2;
  const n = 2000;
  for (let j = 0; j < target.length; j++) {
    for (let k = j + 1; k < target.length; k++) {
      const h = (x: number) => term(target[j], x) - term(target[k], x);
      for (let i = 0; i < n; i++) {
        let a = lo + ((hi - lo) * i) / n;
        let b = lo + ((hi - lo) * (i + 1)) / n;
        if (h(a) * h(b) > 0) continue;
        for (let it = 0; it < 200 && b - a > 1e-15 * (1 + Math.abs(a)); it++) {
          const m = 0.5 * (a + b);
          if (h(a) * h(m) <= 0) b = m; else a = m;
        }
        points.push(0.5 * (a + b));
      }
    }
  }
  return points;
}

/** Breakpoints: a uniform grid over everything that matters, ±{0, .5, 1, 2, 4, 8, 16} widths around q and every component, and equalComponentPoints. */
function partition(target: Mixture, mu: number, sigma: number, extraWidth = 0): number[] {
  const centers = [...target.map((c) => [c.mean, c.std]), [mu, sigma]];
  const lo = Math.min(...centers.map(([m, s]) => m - 40 * s), mu - 40 * extraWidth);
  const hi = Math.max(...centers.map(([m, s]) => m + 40 * s), mu + 40 * extraWidth);
  const points = Array.from({ length: 201 }, (_, i) => lo + ((hi - lo) * i) / 200);
  for (const [m, s] of centers) for (const k of [0, 0.5, 1, 2, 4, 8, 16]) points.push(m - k * s, m + k * s);
  points.push(...equalComponentPoints(target, lo, hi));
  return points.filter((x) => x >= lo && x <= hi);
}

/**
 * q f(p/q), written as q f(u) where q >= p and p f(u)/u where p > q, with f's closed form; where
 * |log u| > 30 (u under- or overflows in f) as max(p, q) s_f(log u) with the catalog's s_f, which
 * the catalog's tests check against f.
 */
function integrand(id: Exclude<LandscapeId, 'w1'>, lp: number, lq: number): number {
  const divergence = getDivergence(id);
  const d = lp - lq;
  if (id === 'pearson' || id === 'neyman') {
    // (p - q)²/(2q) and (p - q)²/(2p) in log space
    if (d === 0) return 0;
    const logAbsDiff = Math.max(lp, lq) + Math.log(-Math.expm1(-Math.abs(d)));
    return 0.5 * Math.exp(2 * logAbsDiff - (id === 'pearson' ? lq : lp));
  }
  if (Math.abs(d) > 30) return Math.exp(Math.max(lp, lq)) * divergence.s(d);
  const u = Math.exp(d);
  return d <= 0 ? Math.exp(lq) * divergence.f(u) : (Math.exp(lp) * divergence.f(u)) / u;
}

/** The reference value of D(p, N(mu, sigma²)). */
export function referenceValue(id: LandscapeId, target: Mixture, mu: number, sigma: number): number {
  if (id === 'w1') {
    const gap = (x: number) => {
      let fp = 0;
      for (const c of target) fp += c.weight * standardNormalCdf((x - c.mean) / c.std);
      return Math.abs(fp - standardNormalCdf((x - mu) / sigma));
    };
    return adaptiveIntegral(gap, partition(target, mu, sigma));
  }
  let extra = 0;
  if (id === 'neyman') extra = 1 / Math.sqrt(Math.max(1e-300, 2 / sigma ** 2 - 1 / Math.max(...target.map((c) => c.std)) ** 2));
  const g = (x: number) => integrand(id, mixtureLogPdf(target, x), normalLogPdf(x, mu, sigma));
  return adaptiveIntegral(g, partition(target, mu, sigma, extra));
}
