// The divergence landscape D(p, N(mu, sigma^2)) over the generator's two parameters, for a
// Gaussian-mixture target p: exact values by quadrature, fast grids (see minima.ts for minima).
//
// D_f(p, q) = ∫ q f(p/q) dx is integrated as ∫ exp(max(log p, log q)) s_f(log p - log q) dx
// (q f(u) where q >= p, p f(u)/u where p > q), which never overflows and never forms 0 * Inf.
// Nodes: composite Gauss-Legendre over panels laid out from "features", intervals
// center ± Z·width where an integrand can be non-negligible: q, every component of p and, for
// Pearson and Neyman, the Gaussians p_j p_k / q and q² / p_k that govern their tails. Outside
// the union of features every integrand is below e^{-Z²/2} times a polynomial in x.

import type { LandscapeId } from './catalog';
import { LOG_SQRT_2PI, standardNormalCdf } from './gaussian';
import type { Mixture } from './mixture';
import { gaussLegendre } from './quadrature';

export interface LandscapeWindow {
  muMin: number;
  muMax: number;
  sigmaMin: number;
  sigmaMax: number;
  nMu: number;
  nSigma: number;
}

/** The window of the issue: every (mu, sigma) the playground lets the generator reach. */
export const ISSUE_WINDOW: LandscapeWindow = Object.freeze({ muMin: -5, muMax: 7, sigmaMin: 0.05, sigmaMax: 5, nMu: 121, nSigma: 121 });
/** The window of the paper's Figure 5 panels. */
export const PAPER_WINDOW: LandscapeWindow = Object.freeze({ muMin: -0.5, muMax: 3, sigmaMin: 0.1, sigmaMax: 2.5, nMu: 121, nSigma: 121 });

export interface QuadratureSettings {
  /** Features extend ±z widths. */
  readonly z: number;
  /** Panel length in units of the narrowest feature covering it. */
  readonly panelWidths: number;
  /** Gauss-Legendre points per panel. */
  readonly order: number;
}

/** divergenceValue: checked against closed forms and refinement to ~1e-10 relative. */
export const ACCURATE_QUADRATURE: QuadratureSettings = Object.freeze({ z: 13, panelWidths: 1, order: 12 });
/** landscapeGrid: checked against ACCURATE_QUADRATURE to 1e-4 relative over the issue window. */
export const GRID_QUADRATURE: QuadratureSettings = Object.freeze({ z: 8, panelWidths: 2.5, order: 6 });

const MAX_FEATURES = 1 + 8 + 36 + 8;
const MAX_PANELS = 4096;

/** Precomputed per-target constants for a fast log p(x). */
class TargetModel {
  readonly n: number;
  readonly means: Float64Array;
  readonly stds: Float64Array;
  readonly weights: Float64Array;
  readonly invStds: Float64Array;
  readonly logCoef: Float64Array;
  readonly maxStd: number;
  private readonly terms: Float64Array;

  constructor(readonly target: Mixture) {
    this.n = target.length;
    this.means = Float64Array.from(target, (c) => c.mean);
    this.stds = Float64Array.from(target, (c) => c.std);
    this.weights = Float64Array.from(target, (c) => c.weight);
    this.invStds = Float64Array.from(target, (c) => 1 / c.std);
    this.logCoef = Float64Array.from(target, (c) => Math.log(c.weight / c.std) - LOG_SQRT_2PI);
    this.maxStd = Math.max(...target.map((c) => c.std));
    this.terms = new Float64Array(this.n);
  }

  /** log p(x) by log-sum-exp, one exp per non-dominant component. */
  logPdf(x: number): number {
    const n = this.n;
    const z0 = (x - this.means[0]) * this.invStds[0];
    const t0 = this.logCoef[0] - 0.5 * z0 * z0;
    if (n === 1) return t0;
    if (n === 2) {
      const z1 = (x - this.means[1]) * this.invStds[1];
      const t1 = this.logCoef[1] - 0.5 * z1 * z1;
      return t0 > t1 ? t0 + Math.log1p(Math.exp(t1 - t0)) : t1 + Math.log1p(Math.exp(t0 - t1));
    }
    const terms = this.terms;
    let maxTerm = t0;
    terms[0] = t0;
    for (let k = 1; k < n; k++) {
      const z = (x - this.means[k]) * this.invStds[k];
      const t = this.logCoef[k] - 0.5 * z * z;
      terms[k] = t;
      if (t > maxTerm) maxTerm = t;
    }
    let sum = 0;
    for (let k = 0; k < n; k++) sum += Math.exp(terms[k] - maxTerm);
    return maxTerm + Math.log(sum);
  }

  cdf(x: number): number {
    let total = 0;
    for (let k = 0; k < this.n; k++) total += this.weights[k] * standardNormalCdf((x - this.means[k]) * this.invStds[k]);
    return total;
  }

  survival(x: number): number {
    let total = 0;
    for (let k = 0; k < this.n; k++) total += this.weights[k] * standardNormalCdf((this.means[k] - x) * this.invStds[k]);
    return total;
  }
}

const modelCache = new WeakMap<Mixture, TargetModel>();
function modelOf(target: Mixture): TargetModel {
  let model = modelCache.get(target);
  if (!model) {
    model = new TargetModel(target);
    modelCache.set(target, model);
  }
  return model;
}

/**
 * Whether D(p, N(mu, sigma^2)) is infinite. Only Pearson and Neyman can be, for Gaussian tails:
 * ∫ p²/q < ∞ iff 2/s_k² - 1/sigma² > 0 for every component (sigma² > s_k²/2); ∫ q²/p < ∞ iff
 * 2/sigma² - 1/s_max² > 0 (sigma² < 2 s_max²). At equality the exponent is linear in x and the
 * integral diverges. Every other catalog divergence has tail weights at most 2, so its integrand
 * is bounded by (p + q) times a polynomial in x: always finite. W1 is always finite.
 */
export function isInfiniteDivergence(id: LandscapeId, target: Mixture, sigma: number): boolean {
  const model = modelOf(target);
  if (id === 'pearson') return sigma * sigma <= (model.maxStd * model.maxStd) / 2;
  if (id === 'neyman') return sigma * sigma >= 2 * model.maxStd * model.maxStd;
  return false;
}

// How each f-divergence's integrand is evaluated. Pearson and Neyman weight by p²/q and q²/p
// (their own kernels); every other id is exp(max(log p, log q)) s_f(d), and s_f is computed from
// w = -|d|, e = e^w and sp = log(1 + e), which a grid shares between all requested ids.
const enum Kind { Kl, Rkl, Js, Srkl, Skl, Igog, Jeffreys, Hellinger, K, Rk, Pearson, Neyman }

const KIND_OF: Record<Exclude<LandscapeId, 'w1'>, Kind> = {
  kl: Kind.Kl, rkl: Kind.Rkl, js: Kind.Js, srkl: Kind.Srkl, skl: Kind.Skl, igog: Kind.Igog, jeffreys: Kind.Jeffreys,
  hellinger: Kind.Hellinger, k: Kind.K, rk: Kind.Rk, pearson: Kind.Pearson, neyman: Kind.Neyman,
};

const LN2 = Math.LN2;

/**
 * s_f(d) from w = -|d|, e = e^w, sp = log1p(e) (as catalog.ts: f's branch at w for d <= 0, the
 * reverse's branch at w for d > 0). e - 1 stands for expm1(w): only its absolute error (1e-16)
 * matters here, s_f(d) being weighted by a density.
 */
function sFromShared(kind: Kind, positive: boolean, w: number, e: number, sp: number): number {
  switch (kind) {
    case Kind.Kl: return positive ? -w + (e - 1) : w * e - (e - 1);
    case Kind.Rkl: return positive ? w * e - (e - 1) : -w + (e - 1);
    case Kind.Js: return 2 * e * (LN2 + w - sp) + 2 * (LN2 - sp);
    case Kind.Srkl: return positive ? 2 * (1 + e) * (sp - LN2) - 2 * (e - 1) : 2 * (1 + e) * (sp - LN2 - w) + 2 * (e - 1);
    case Kind.Skl: return positive ? 2 * (1 + e) * (sp - LN2 - w) + 2 * (e - 1) : 2 * (1 + e) * (sp - LN2) - 2 * (e - 1);
    case Kind.Igog: return positive ? (4 / 3) * e * (sp - LN2) - (2 / 3) * (e - 1) : (4 / 3) * (sp - LN2 - w) + (2 / 3) * (e - 1);
    case Kind.Jeffreys: return 0.5 * w * (e - 1);
    case Kind.Hellinger: { const r = Math.sqrt(e) - 1; return 2 * r * r; }
    case Kind.K: return positive ? -4 * (sp - LN2) + 2 * (e - 1) : 4 * e * (LN2 + w - sp) - 2 * (e - 1);
    case Kind.Rk: return positive ? 4 * e * (LN2 + w - sp) - 2 * (e - 1) : -4 * (sp - LN2) + 2 * (e - 1);
    default: return NaN;
  }
}

/** Pearson: p (u-1)²/(2u) = ½(1 - e^-d)² p²/q for d > 0, q (u-1)²/2 otherwise. Neyman mirrors it. */
function chiSquareIntegrand(kind: Kind, lp: number, lq: number): number {
  const d = lp - lq;
  const em1 = Math.expm1(d > 0 ? -d : d);
  if (kind === Kind.Pearson) return d > 0 ? 0.5 * em1 * em1 * Math.exp(lp + d) : 0.5 * em1 * em1 * Math.exp(lq);
  return d < 0 ? 0.5 * em1 * em1 * Math.exp(lq - d) : 0.5 * em1 * em1 * Math.exp(lp);
}

/** Reusable buffers: the panel layout is rebuilt for every (mu, sigma) without allocating. */
class PanelLayout {
  readonly centers = new Float64Array(MAX_FEATURES);
  readonly widths = new Float64Array(MAX_FEATURES);
  featureCount = 0;
  readonly starts = new Float64Array(MAX_PANELS);
  readonly ends = new Float64Array(MAX_PANELS);
  panelCount = 0;

  addFeature(center: number, width: number): void {
    if (!(width > 0) || !Number.isFinite(center) || !Number.isFinite(width)) return;
    this.centers[this.featureCount] = center;
    this.widths[this.featureCount] = width;
    this.featureCount++;
  }

  /** Greedy left-to-right panels, each at most panelWidths × the narrowest feature covering it. */
  build(z: number, panelWidths: number): void {
    const nf = this.featureCount;
    let x = Infinity;
    let end = -Infinity;
    for (let k = 0; k < nf; k++) {
      x = Math.min(x, this.centers[k] - z * this.widths[k]);
      end = Math.max(end, this.centers[k] + z * this.widths[k]);
    }
    let count = 0;
    while (x < end && count < MAX_PANELS) {
      let step = Infinity;
      let coverEnd = -Infinity;
      let nextStart = Infinity;
      for (let k = 0; k < nf; k++) {
        const a = this.centers[k] - z * this.widths[k];
        const b = this.centers[k] + z * this.widths[k];
        if (a <= x && x < b) {
          step = Math.min(step, panelWidths * this.widths[k]);
          coverEnd = Math.max(coverEnd, b);
        } else if (a > x) {
          nextStart = Math.min(nextStart, a);
        }
      }
      if (step === Infinity) { x = nextStart; continue; } // a gap where every integrand is negligible
      let next = Math.min(x + step, coverEnd);
      // do not step over the start of a finer feature
      for (let k = 0; k < nf; k++) {
        const a = this.centers[k] - z * this.widths[k];
        if (a > x && a < next && panelWidths * this.widths[k] < step) next = a;
      }
      this.starts[count] = x;
      this.ends[count] = next;
      count++;
      x = next;
    }
    this.panelCount = count;
  }
}

function addFeatures(layout: PanelLayout, id: LandscapeId, model: TargetModel, mu: number, sigma: number): void {
  layout.featureCount = 0;
  layout.addFeature(mu, sigma);
  for (let k = 0; k < model.n; k++) layout.addFeature(model.means[k], model.stds[k]);
  const invVarQ = 1 / (sigma * sigma);
  if (id === 'pearson') {
    // p_j p_k / q is Gaussian with precision 1/s_j² + 1/s_k² - 1/sigma²
    for (let j = 0; j < model.n; j++) {
      for (let k = j; k < model.n; k++) {
        const pj = model.invStds[j] ** 2;
        const pk = model.invStds[k] ** 2;
        const precision = pj + pk - invVarQ;
        if (precision <= 0) continue;
        const v = 1 / precision;
        layout.addFeature(v * (model.means[j] * pj + model.means[k] * pk - mu * invVarQ), Math.sqrt(v));
      }
    }
  } else if (id === 'neyman') {
    // q² / p_k is Gaussian with precision 2/sigma² - 1/s_k²
    for (let k = 0; k < model.n; k++) {
      const pk = model.invStds[k] ** 2;
      const precision = 2 * invVarQ - pk;
      if (precision <= 0) continue;
      const v = 1 / precision;
      layout.addFeature(v * (2 * mu * invVarQ - model.means[k] * pk), Math.sqrt(v));
    }
  }
}

// F_p - F_q from whichever tail is smaller, so it keeps relative accuracy far out on both sides.
function cdfGap(model: TargetModel, mu: number, sigma: number, x: number): number {
  const fq = standardNormalCdf((x - mu) / sigma);
  if (fq <= 0.5) return model.cdf(x) - fq;
  return standardNormalCdf((mu - x) / sigma) - model.survival(x);
}

/** W1 = ∫ |F_p - F_q| dx, with panels split at the sign changes of F_p - F_q (the kinks). */
function integrateW1(model: TargetModel, mu: number, sigma: number, layout: PanelLayout, order: number): number {
  const { nodes, weights } = gaussLegendre(order);
  const gap = (x: number) => cdfGap(model, mu, sigma, x);
  const integratePiece = (a: number, b: number) => {
    const half = 0.5 * (b - a);
    const mid = a + half;
    let sum = 0;
    for (let i = 0; i < order; i++) sum += weights[i] * Math.abs(gap(mid + half * nodes[i]));
    return half * sum;
  };
  let total = 0;
  const probes = 4;
  for (let panel = 0; panel < layout.panelCount; panel++) {
    let a = layout.starts[panel];
    const b = layout.ends[panel];
    let ga = gap(a);
    // probe inside the panel for sign changes, then bisect each to full precision
    for (let j = 1; j <= probes; j++) {
      const x = layout.starts[panel] + ((b - layout.starts[panel]) * j) / probes;
      const gx = gap(x);
      if (ga * gx < 0) {
        let lo = a;
        let hi = x;
        let glo = ga;
        for (let it = 0; it < 60 && hi - lo > 1e-14 * (1 + Math.abs(lo)); it++) {
          const m = 0.5 * (lo + hi);
          const gm = gap(m);
          if (glo * gm <= 0) hi = m; else { lo = m; glo = gm; }
        }
        const root = 0.5 * (lo + hi);
        total += integratePiece(a, root);
        a = root;
      }
      if (gx !== 0) ga = gx;
    }
    total += integratePiece(a, b);
  }
  return total;
}

/**
 * Sets out[j] = ∫ q f(p/q) dx for every kinds[j]. Pearson and Neyman must come alone (they
 * have their own features).
 */
function integrateDivergences(
  kinds: readonly Kind[], model: TargetModel, mu: number, sigma: number, layout: PanelLayout, order: number, out: Float64Array,
): void {
  const { nodes, weights } = gaussLegendre(order);
  const logNormQ = -Math.log(sigma) - LOG_SQRT_2PI;
  const invSigma = 1 / sigma;
  const nk = kinds.length;
  const chiSquare = kinds[0] === Kind.Pearson || kinds[0] === Kind.Neyman;
  let needSp = false;
  for (let j = 0; j < nk; j++) {
    out[j] = 0;
    const kind = kinds[j];
    if (kind !== Kind.Kl && kind !== Kind.Rkl && kind !== Kind.Jeffreys && kind !== Kind.Hellinger) needSp = true;
  }
  for (let panel = 0; panel < layout.panelCount; panel++) {
    const a = layout.starts[panel];
    const half = 0.5 * (layout.ends[panel] - a);
    const mid = a + half;
    for (let i = 0; i < order; i++) {
      const x = mid + half * nodes[i];
      const zq = (x - mu) * invSigma;
      const lp = model.logPdf(x);
      const lq = logNormQ - 0.5 * zq * zq;
      const hw = half * weights[i];
      if (chiSquare) {
        out[0] += hw * chiSquareIntegrand(kinds[0], lp, lq);
        continue;
      }
      const d = lp - lq;
      const positive = d > 0;
      const w = positive ? -d : d;
      const e = Math.exp(w);
      const sp = needSp ? Math.log1p(e) : 0;
      const weight = hw * Math.exp(positive ? lp : lq);
      for (let j = 0; j < nk; j++) out[j] += weight * sFromShared(kinds[j], positive, w, e, sp);
    }
  }
}

const sharedLayout = new PanelLayout();
const scratch = new Float64Array(1);

function evaluate(id: LandscapeId, model: TargetModel, mu: number, sigma: number, settings: QuadratureSettings): number {
  if (id !== 'w1' && isInfiniteDivergence(id, model.target, sigma)) return Infinity;
  addFeatures(sharedLayout, id, model, mu, sigma);
  sharedLayout.build(settings.z, settings.panelWidths);
  if (id === 'w1') return integrateW1(model, mu, sigma, sharedLayout, settings.order);
  integrateDivergences([KIND_OF[id]], model, mu, sigma, sharedLayout, settings.order, scratch);
  // D_f >= 0; rounding can leave -1e-17 at an exact match.
  return scratch[0] < 0 ? 0 : scratch[0];
}

function checkParameters(mu: number, sigma: number): void {
  if (!Number.isFinite(mu) || !(sigma > 0) || !Number.isFinite(sigma)) {
    throw new RangeError(`expected finite mu and sigma > 0, got mu=${mu}, sigma=${sigma}`);
  }
}

/**
 * D(p, N(mu, sigma²)) for a landscape id (f-divergences and W1), accurate to ~1e-10 relative
 * (tests check against closed forms and refinement). Infinity where the divergence is infinite, never NaN.
 */
export function divergenceValue(
  id: LandscapeId, target: Mixture, mu: number, sigma: number, settings: QuadratureSettings = ACCURATE_QUADRATURE,
): number {
  checkParameters(mu, sigma);
  return evaluate(id, modelOf(target), mu, sigma, settings);
}

export interface LandscapeGrid {
  mus: number[];
  sigmas: number[];
  /** values[iSigma * nMu + iMu]; Infinity where the divergence is infinite. */
  values: Float64Array;
}

export function gridAxes(window: LandscapeWindow): { mus: number[]; sigmas: number[] } {
  const axis = (lo: number, hi: number, n: number) => Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
  return { mus: axis(window.muMin, window.muMax, window.nMu), sigmas: axis(window.sigmaMin, window.sigmaMax, window.nSigma) };
}

export function checkWindow(window: LandscapeWindow): void {
  const ok = Number.isFinite(window.muMin) && Number.isFinite(window.muMax) && window.muMin < window.muMax
    && window.sigmaMin > 0 && Number.isFinite(window.sigmaMax) && window.sigmaMin < window.sigmaMax
    && Number.isInteger(window.nMu) && Number.isInteger(window.nSigma) && window.nMu >= 2 && window.nSigma >= 2;
  if (!ok) throw new RangeError(`invalid landscape window ${JSON.stringify(window)}`);
}

/** Values on an nSigma × nMu grid (row-major, sigma index outer), with the cheaper GRID_QUADRATURE. */
export function landscapeGrid(
  id: LandscapeId, target: Mixture, window: LandscapeWindow, settings: QuadratureSettings = GRID_QUADRATURE,
): LandscapeGrid {
  return landscapeGrids([id], target, window, settings)[id];
}

/**
 * Grids of several ids at once. The f-divergences other than Pearson and Neyman share one panel
 * layout, log p, log q and the transcendental functions of every node, so five together cost
 * little more than one.
 */
export function landscapeGrids<Id extends LandscapeId>(
  ids: readonly Id[], target: Mixture, window: LandscapeWindow, settings: QuadratureSettings = GRID_QUADRATURE,
): Record<Id, LandscapeGrid> {
  checkWindow(window);
  const { mus, sigmas } = gridAxes(window);
  const model = modelOf(target);
  const nMu = mus.length;
  const result = {} as Record<Id, LandscapeGrid>;
  const unique = [...new Set(ids)];
  for (const id of unique) result[id] = { mus, sigmas, values: new Float64Array(nMu * sigmas.length) };
  const shared = unique.filter((id) => id !== 'w1' && id !== 'pearson' && id !== 'neyman');
  const separate = unique.filter((id) => !shared.includes(id));
  const sharedKinds = shared.map((id) => KIND_OF[id as Exclude<LandscapeId, 'w1'>]);
  const sums = new Float64Array(Math.max(1, shared.length));
  for (let j = 0; j < sigmas.length; j++) {
    const sigma = sigmas[j];
    for (let i = 0; i < nMu; i++) {
      const mu = mus[i];
      const index = j * nMu + i;
      if (shared.length > 0) {
        addFeatures(sharedLayout, 'js', model, mu, sigma);
        sharedLayout.build(settings.z, settings.panelWidths);
        integrateDivergences(sharedKinds, model, mu, sigma, sharedLayout, settings.order, sums);
        for (let k = 0; k < shared.length; k++) result[shared[k]].values[index] = sums[k] < 0 ? 0 : sums[k];
      }
      for (const id of separate) result[id].values[index] = evaluate(id, model, mu, sigma, settings);
    }
  }
  return result;
}

export interface LandscapeMinimum {
  mu: number;
  sigma: number;
  value: number;
  /** The smallest of the minima found in the window. */
  global: boolean;
  /** On the window's edge: a minimum of the window, not an interior local minimum. */
  onBoundary: boolean;
}

/** Nelder-Mead on (mu, log sigma) inside the window (points are clamped to it). */
function nelderMead(objective: (mu: number, logSigma: number) => number, start: [number, number], step: [number, number]): [number, number] {
  let simplex: [number, number][] = [start, [start[0] + step[0], start[1]], [start[0], start[1] + step[1]]];
  let values = simplex.map(([a, b]) => objective(a, b));
  for (let iter = 0; iter < 4000; iter++) {
    const order = [0, 1, 2].sort((i, j) => values[i] - values[j]);
    simplex = order.map((i) => simplex[i]);
    values = order.map((i) => values[i]);
    const size = Math.max(Math.abs(simplex[1][0] - simplex[0][0]), Math.abs(simplex[2][0] - simplex[0][0]),
      Math.abs(simplex[1][1] - simplex[0][1]), Math.abs(simplex[2][1] - simplex[0][1]));
    if (size < 1e-9) break;
    const centroid: [number, number] = [(simplex[0][0] + simplex[1][0]) / 2, (simplex[0][1] + simplex[1][1]) / 2];
    const along = (t: number): [number, number] => [centroid[0] + t * (simplex[2][0] - centroid[0]), centroid[1] + t * (simplex[2][1] - centroid[1])];
    const reflected = along(-1);
    const fr = objective(...reflected);
    if (fr < values[0]) {
      const expanded = along(-2);
      const fe = objective(...expanded);
      if (fe < fr) { simplex[2] = expanded; values[2] = fe; } else { simplex[2] = reflected; values[2] = fr; }
    } else if (fr < values[1]) {
      simplex[2] = reflected; values[2] = fr;
    } else {
      const contracted = fr < values[2] ? along(-0.5) : along(0.5);
      const fc = objective(...contracted);
      if (fc < Math.min(fr, values[2])) { simplex[2] = contracted; values[2] = fc; } else {
        for (const i of [1, 2]) {
          simplex[i] = [(simplex[i][0] + simplex[0][0]) / 2, (simplex[i][1] + simplex[0][1]) / 2];
          values[i] = objective(...simplex[i]);
        }
      }
    }
  }
  const best = values.indexOf(Math.min(...values));
  return simplex[best];
}

/**
 * Every local minimum of D(p, N(mu, sigma²)) in the window: local minima of the grid (8
 * neighbours), each refined by Nelder-Mead on divergenceValue to ~1e-7 in the parameters,
 * deduplicated. Minima that end on the window's edge are kept with onBoundary = true.
 */
export function findMinima(id: LandscapeId, target: Mixture, window: LandscapeWindow): LandscapeMinimum[] {
  const grid = landscapeGrid(id, target, window);
  const { mus, sigmas, values } = grid;
  const nMu = mus.length;
  const nSigma = sigmas.length;
  const logMin = Math.log(window.sigmaMin);
  const logMax = Math.log(window.sigmaMax);
  const objective = (mu: number, logSigma: number) => {
    const m = Math.min(window.muMax, Math.max(window.muMin, mu));
    const l = Math.min(logMax, Math.max(logMin, logSigma));
    // outside the window: the clamped value plus a penalty that pulls back to the edge
    const penalty = (m - mu) ** 2 + (l - logSigma) ** 2;
    return divergenceValue(id, target, m, Math.exp(l)) + penalty;
  };
  const found: LandscapeMinimum[] = [];
  const muScale = window.muMax - window.muMin;
  const logScale = logMax - logMin;
  for (let j = 0; j < nSigma; j++) {
    for (let i = 0; i < nMu; i++) {
      const v = values[j * nMu + i];
      if (!Number.isFinite(v)) continue;
      let isMin = true;
      for (let dj = -1; dj <= 1 && isMin; dj++) {
        for (let di = -1; di <= 1; di++) {
          if ((di === 0 && dj === 0) || i + di < 0 || i + di >= nMu || j + dj < 0 || j + dj >= nSigma) continue;
          const w = values[(j + dj) * nMu + i + di];
          // ties broken by index so a flat patch yields one candidate
          if (w < v || (w === v && (dj < 0 || (dj === 0 && di < 0)))) { isMin = false; break; }
        }
      }
      if (!isMin) continue;
      const stepMu = (mus[1] - mus[0]) * 0.5;
      const stepLog = Math.log(sigmas[Math.min(j + 1, nSigma - 1)] / sigmas[Math.max(j - 1, 0)]) * 0.25;
      const [mu, logSigma] = nelderMead(objective, [mus[i], Math.log(sigmas[j])], [stepMu, stepLog]);
      const m = Math.min(window.muMax, Math.max(window.muMin, mu));
      const l = Math.min(logMax, Math.max(logMin, logSigma));
      const edge = 1e-6;
      const onBoundary = (m - window.muMin) / muScale < edge || (window.muMax - m) / muScale < edge
        || (l - logMin) / logScale < edge || (logMax - l) / logScale < edge;
      const candidate = { mu: m, sigma: Math.exp(l), value: divergenceValue(id, target, m, Math.exp(l)), global: false, onBoundary };
      const duplicate = found.find((f) => Math.abs(f.mu - candidate.mu) / muScale < 1e-4 && Math.abs(Math.log(f.sigma / candidate.sigma)) / logScale < 1e-4);
      if (duplicate) { if (candidate.value < duplicate.value) Object.assign(duplicate, candidate); continue; }
      found.push(candidate);
    }
  }
  found.sort((a, b) => a.value - b.value);
  if (found.length > 0) found[0].global = true;
  return found;
}
