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

// ---------------------------------------------------------------------------------------------
// The fast grid rule (landscapeGrid's default for every f-divergence but Pearson and Neyman).
//
// For one sigma, the nodes of every mu are x = mu + n h on a lattice x_b = muMin + b g whose
// spacing g divides both h and the grid's mu step (h = a g, Δmu = c g, a or c being 1). So log p
// and p are computed once per lattice point for the whole row, and log q and q once per offset n
// (they depend on n h / sigma only); the integrand at a node costs no exp and at most one log1p:
// e = e^{-|d|} = min(p, q) / max(p, q) and exp(max(log p, log q)) = max(p, q). The rule is the
// trapezoid rule over [mu - Z sigma, mu + Z sigma] ∪ hull(m_k ± Z s_k). The integrand is smooth
// (analytic near the real axis, on the scale of min(sigma, s_k)) and negligible at both ends, so
// the trapezoid rule converges geometrically in 1/h: h <= step · min(sigma, min_k s_k) gives
// ~1e-6 relative (tests check 1e-4 against divergenceValue over the issue window).
// ---------------------------------------------------------------------------------------------

export interface LatticeSettings {
  /** Truncation at ±z widths of q and of every component of p. */
  readonly z: number;
  /** Upper bound of the lattice step in units of min(sigma, narrowest component std). */
  readonly step: number;
  /** Nodes per (mu, sigma) above which a row falls back to the panel rule (GRID_QUADRATURE). */
  readonly maxNodes: number;
}

/** landscapeGrid's rule for the f-divergences except Pearson and Neyman (and W1's root scan). */
export const LATTICE_QUADRATURE: LatticeSettings = Object.freeze({ z: 7, step: 0.5, maxNodes: 2500 });

class Lattice {
  lp = new Float64Array(0);
  p = new Float64Array(0);
  lq = new Float64Array(0);
  q = new Float64Array(0);
  cdfP = new Float64Array(0);
  survP = new Float64Array(0);
  phiNeg = new Float64Array(0);
  nLo = new Int32Array(0);
  nHi = new Int32Array(0);
  /** lattice spacing g, node step h = a g, mu step = c g */
  g = 0;
  h = 0;
  a = 1;
  c = 1;
  /** lattice index of lp[0] */
  bMin = 0;

  ensure(points: number, offsets: number, nMu: number): void {
    if (this.lp.length < points) { this.lp = new Float64Array(points); this.p = new Float64Array(points); }
    if (this.lq.length < offsets) { this.lq = new Float64Array(offsets); this.q = new Float64Array(offsets); }
    if (this.nLo.length < nMu) { this.nLo = new Int32Array(nMu); this.nHi = new Int32Array(nMu); }
  }

  /**
   * Lays out one row; false when some mu needs more than maxNodes nodes (the caller then uses
   * the panel rule). Fills lp, p over the lattice and lq, q over |n|.
   */
  layout(model: TargetModel, muMin: number, dMu: number, nMu: number, sigma: number, settings: LatticeSettings): boolean {
    const z = settings.z;
    let minStd = sigma;
    let pLo = Infinity;
    let pHi = -Infinity;
    for (let k = 0; k < model.n; k++) {
      minStd = Math.min(minStd, model.stds[k]);
      pLo = Math.min(pLo, model.means[k] - z * model.stds[k]);
      pHi = Math.max(pHi, model.means[k] + z * model.stds[k]);
    }
    // h = a g <= target with g = dMu / c: the smallest c that gets within 10% of the target
    const target = settings.step * minStd;
    const cMin = Math.max(1, Math.ceil(dMu / target));
    this.c = cMin;
    this.a = Math.max(1, Math.floor((target * cMin) / dMu));
    for (let c = cMin; c < cMin + 16; c++) {
      const a = Math.floor((target * c) / dMu);
      if (a >= 1 && (a * dMu) / c > (this.a * dMu) / this.c) { this.a = a; this.c = c; }
      if ((this.a * dMu) / this.c >= 0.9 * target) break;
    }
    this.g = dMu / this.c;
    const h = this.a * this.g;
    this.h = h;
    this.ensure(0, 0, nMu);
    let bMin = Infinity;
    let bMax = -Infinity;
    let nAbs = 0;
    for (let i = 0; i < nMu; i++) {
      const mu = muMin + i * dMu;
      const lo = Math.min(mu - z * sigma, pLo);
      const hi = Math.max(mu + z * sigma, pHi);
      const nLo = Math.ceil((lo - mu) / h);
      const nHi = Math.floor((hi - mu) / h);
      if (nHi - nLo + 1 > settings.maxNodes) return false;
      this.nLo[i] = nLo;
      this.nHi[i] = nHi;
      nAbs = Math.max(nAbs, -nLo, nHi);
      bMin = Math.min(bMin, i * this.c + nLo * this.a);
      bMax = Math.max(bMax, i * this.c + nHi * this.a);
    }
    const points = bMax - bMin + 1;
    this.ensure(points, nAbs + 1, nMu);
    this.bMin = bMin;
    const { lp, p, lq, q } = this;
    for (let b = 0; b < points; b++) {
      const l = model.logPdf(muMin + (bMin + b) * this.g);
      lp[b] = l;
      p[b] = Math.exp(l);
    }
    const logNormQ = -Math.log(sigma) - LOG_SQRT_2PI;
    const r = h / sigma;
    for (let n = 0; n <= nAbs; n++) {
      const t = n * r;
      const l = logNormQ - 0.5 * t * t;
      lq[n] = l;
      q[n] = Math.exp(l);
    }
    return true;
  }
}

const KIND_COUNT = 12;

/**
 * One row of the lattice rule: out[kind][i] = D_kind(p, N(mu_i, sigma²)) for every wanted kind
 * (want[kind] = 1), written at out[kind][offset + i].
 */
function latticeRowDivergences(
  lattice: Lattice, nMu: number, want: Uint8Array, out: (Float64Array | null)[], offset: number,
): void {
  const { lp, p, lq, q, a, c, bMin, h } = lattice;
  const wKl = want[Kind.Kl] === 1; const wRkl = want[Kind.Rkl] === 1; const wJs = want[Kind.Js] === 1;
  const wSrkl = want[Kind.Srkl] === 1; const wSkl = want[Kind.Skl] === 1; const wIgog = want[Kind.Igog] === 1;
  const wJef = want[Kind.Jeffreys] === 1; const wHel = want[Kind.Hellinger] === 1; const wK = want[Kind.K] === 1;
  const wRk = want[Kind.Rk] === 1;
  const needSp = wJs || wSrkl || wSkl || wIgog || wK || wRk;
  for (let i = 0; i < nMu; i++) {
    let sKl = 0; let sRkl = 0; let sJs = 0; let sSrkl = 0; let sSkl = 0; let sIgog = 0; let sJef = 0; let sHel = 0; let sK = 0; let sRk = 0;
    const nHi = lattice.nHi[i];
    let b = i * c + lattice.nLo[i] * a - bMin;
    for (let n = lattice.nLo[i]; n <= nHi; n++, b += a) {
      const k = n < 0 ? -n : n;
      const lpv = lp[b];
      const lqv = lq[k];
      const pv = p[b];
      const qv = q[k];
      let w: number;
      let e: number;
      let wt: number;
      const positive = lpv > lqv;
      if (positive) {
        if (pv === 0) continue;
        w = lqv - lpv; e = qv / pv; wt = pv;
      } else {
        if (qv === 0) continue;
        w = lpv - lqv; e = pv / qv; wt = qv;
      }
      const em1 = e - 1;
      const sp = needSp ? Math.log1p(e) : 0;
      if (positive) {
        if (wKl) sKl += wt * (-w + em1);
        if (wRkl) sRkl += wt * (w * e - em1);
        if (wSrkl) sSrkl += wt * (2 * (1 + e) * (sp - LN2) - 2 * em1);
        if (wSkl) sSkl += wt * (2 * (1 + e) * (sp - LN2 - w) + 2 * em1);
        if (wIgog) sIgog += wt * ((4 / 3) * e * (sp - LN2) - (2 / 3) * em1);
        if (wK) sK += wt * (-4 * (sp - LN2) + 2 * em1);
        if (wRk) sRk += wt * (4 * e * (LN2 + w - sp) - 2 * em1);
      } else {
        if (wKl) sKl += wt * (w * e - em1);
        if (wRkl) sRkl += wt * (-w + em1);
        if (wSrkl) sSrkl += wt * (2 * (1 + e) * (sp - LN2 - w) + 2 * em1);
        if (wSkl) sSkl += wt * (2 * (1 + e) * (sp - LN2) - 2 * em1);
        if (wIgog) sIgog += wt * ((4 / 3) * (sp - LN2 - w) + (2 / 3) * em1);
        if (wK) sK += wt * (4 * e * (LN2 + w - sp) - 2 * em1);
        if (wRk) sRk += wt * (-4 * (sp - LN2) + 2 * em1);
      }
      if (wJs) sJs += wt * (2 * e * (LN2 + w - sp) + 2 * (LN2 - sp));
      if (wJef) sJef += wt * (0.5 * w * em1);
      if (wHel) { const r = Math.sqrt(e) - 1; sHel += wt * (2 * r * r); }
    }
    const put = (kind: Kind, sum: number) => { const o = out[kind]; if (o) { const v = h * sum; o[offset + i] = v < 0 ? 0 : v; } };
    put(Kind.Kl, sKl); put(Kind.Rkl, sRkl); put(Kind.Js, sJs); put(Kind.Srkl, sSrkl); put(Kind.Skl, sSkl);
    put(Kind.Igog, sIgog); put(Kind.Jeffreys, sJef); put(Kind.Hellinger, sHel); put(Kind.K, sK); put(Kind.Rk, sRk);
  }
}

/** ∫_{-∞}^{x} Φ((t - m)/s) dt = s (zΦ(z) + φ(z)), z = (x - m)/s. */
function integratedCdf(m: number, s: number, x: number): number {
  const z = (x - m) / s;
  return s * (z * standardNormalCdf(z) + Math.exp(-0.5 * z * z - LOG_SQRT_2PI));
}

/** A(x) = ∫_{-∞}^{x} (F_p - F_q) dt in closed form. */
function cdfGapIntegral(model: TargetModel, mu: number, sigma: number, x: number): number {
  let total = -integratedCdf(mu, sigma, x);
  for (let k = 0; k < model.n; k++) total += model.weights[k] * integratedCdf(model.means[k], model.stds[k], x);
  return total;
}

/**
 * The root of F_p - F_q in [lo, hi] (gapLo, gapHi of opposite signs): regula falsi start, then
 * safeguarded Newton (the derivative is p - q). A root error δ changes W1 by O(δ²).
 */
function cdfGapRoot(model: TargetModel, mu: number, sigma: number, lo: number, hi: number, gapLo: number, gapHi: number): number {
  let x = lo + (hi - lo) * (gapLo / (gapLo - gapHi));
  for (let it = 0; it < 30; it++) {
    const g = cdfGap(model, mu, sigma, x);
    if (g === 0) return x;
    if ((g < 0) === (gapLo < 0)) { lo = x; gapLo = g; } else { hi = x; gapHi = g; }
    const zq = (x - mu) / sigma;
    const slope = Math.exp(model.logPdf(x)) - Math.exp(-0.5 * zq * zq - LOG_SQRT_2PI) / sigma;
    let next = x - g / slope;
    if (!(next > lo && next < hi)) next = lo + (hi - lo) * (gapLo / (gapLo - gapHi));
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    const step = Math.abs(next - x);
    x = next;
    if (step <= 1e-12 * (1 + Math.abs(x)) || hi - lo <= 1e-12 * (1 + Math.abs(x))) break;
  }
  return x;
}

/** A point of [lo, hi] where log p = log q (the signs differ at the ends): Illinois regula falsi. */
function densityCrossing(model: TargetModel, mu: number, sigma: number, lo: number, hi: number): number {
  const logNormQ = -Math.log(sigma) - LOG_SQRT_2PI;
  const d = (x: number) => { const z = (x - mu) / sigma; return model.logPdf(x) - (logNormQ - 0.5 * z * z); };
  let dLo = d(lo);
  let dHi = d(hi);
  let side = 0;
  let x = 0.5 * (lo + hi);
  for (let it = 0; it < 40 && hi - lo > 1e-7 * (1 + Math.abs(lo)); it++) {
    x = (lo * dHi - hi * dLo) / (dHi - dLo);
    if (!(x > lo && x < hi)) x = 0.5 * (lo + hi);
    const dx = d(x);
    if (dx === 0) return x;
    if ((dx < 0) === (dLo < 0)) { lo = x; dLo = dx; if (side === -1) dHi *= 0.5; side = -1; } else { hi = x; dHi = dx; if (side === 1) dLo *= 0.5; side = 1; }
  }
  return x;
}

/**
 * W1 for one row of the lattice: the signs of F_p - F_q at the lattice nodes bracket its roots
 * (tables of F_p, 1 - F_p per lattice point and Φ per offset), each root is refined, and
 * W1 = Σ |A(r_{j+1}) - A(r_j)| with A(-∞) = 0 and A(∞) = mu - mean(p) exactly.
 */
function latticeRowW1(
  lattice: Lattice, model: TargetModel, muMin: number, dMu: number, nMu: number, sigma: number, out: Float64Array, offset: number,
): void {
  const { a, c, bMin, h, g, nLo, nHi, lp, lq, p, q } = lattice;
  let points = 0;
  let nAbs = 0;
  for (let i = 0; i < nMu; i++) {
    points = Math.max(points, i * c + nHi[i] * a - bMin + 1);
    nAbs = Math.max(nAbs, -nLo[i], nHi[i]);
  }
  if (lattice.cdfP.length < points) { lattice.cdfP = new Float64Array(points); lattice.survP = new Float64Array(points); }
  if (lattice.phiNeg.length < nAbs + 1) lattice.phiNeg = new Float64Array(nAbs + 1);
  const { cdfP, survP, phiNeg } = lattice;
  for (let b = 0; b < points; b++) {
    // 1 - F_p is accurate where F_p <= 1/2, and F_p = 1 - S_p where S_p < 1/2
    const x = muMin + (bMin + b) * g;
    const cdf = model.cdf(x);
    if (cdf <= 0.5) { cdfP[b] = cdf; survP[b] = 1 - cdf; } else { const surv = model.survival(x); cdfP[b] = 1 - surv; survP[b] = surv; }
  }
  for (let n = 0; n <= nAbs; n++) phiNeg[n] = standardNormalCdf((-n * h) / sigma);
  let meanP = 0;
  for (let k = 0; k < model.n; k++) meanP += model.weights[k] * model.means[k];
  for (let i = 0; i < nMu; i++) {
    const mu = muMin + i * dMu;
    let total = 0;
    let previous = 0; // A at the previous root (A(-∞) = 0)
    let lastGap = 0;
    let lastX = 0;
    let lastAbove = false;
    let lastDensity = 0;
    let b = i * c + nLo[i] * a - bMin;
    for (let n = nLo[i]; n <= nHi[i]; n++, b += a) {
      // F_p - F_q from the smaller tail of q
      const gap = n <= 0 ? cdfP[b] - phiNeg[-n] : phiNeg[n] - survP[b];
      const above = lp[b] > lq[n < 0 ? -n : n]; // p > q: F_p - F_q increasing
      const density = above ? p[b] : q[n < 0 ? -n : n];
      const x = mu + n * h;
      if (gap !== 0 && lastGap !== 0) {
        if ((gap < 0) !== (lastGap < 0)) {
          const root = cdfGapRoot(model, mu, sigma, lastX, x, lastGap, gap);
          const value = cdfGapIntegral(model, mu, sigma, root);
          total += Math.abs(value - previous);
          previous = value;
        } else if (above !== lastAbove && x - lastX <= 1.5 * h
          && Math.min(Math.abs(gap), Math.abs(lastGap)) < 32 * h * Math.max(density, lastDensity)) {
          // (F_p - F_q moves by at most h max(p, q) between nodes; within h <= s/2 a Gaussian
          // density varies far less than 32-fold where it matters)
          // F_p - F_q has an extremum between two nodes of the same sign: it may cross zero twice
          const xe = densityCrossing(model, mu, sigma, lastX, x);
          const ge = cdfGap(model, mu, sigma, xe);
          if (ge !== 0 && (ge < 0) !== (gap < 0)) {
            for (const root of [cdfGapRoot(model, mu, sigma, lastX, xe, lastGap, ge), cdfGapRoot(model, mu, sigma, xe, x, ge, gap)]) {
              const value = cdfGapIntegral(model, mu, sigma, root);
              total += Math.abs(value - previous);
              previous = value;
            }
          }
        }
      }
      if (gap !== 0) { lastGap = gap; lastX = x; }
      lastAbove = above;
      lastDensity = density;
    }
    total += Math.abs(mu - meanP - previous);
    out[offset + i] = total;
  }
}

const sharedLattice = new Lattice();

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

/**
 * Values on an nSigma × nMu grid (row-major, sigma index outer). By default the f-divergences
 * other than Pearson and Neyman use the lattice rule (LATTICE_QUADRATURE, ~1e-6 relative), W1
 * its closed form between the roots of F_p - F_q, Pearson and Neyman the panel rule
 * GRID_QUADRATURE. With explicit settings every id uses the panel rule with those settings, so
 * each value equals divergenceValue(id, target, mu, sigma, settings).
 */
export function landscapeGrid(
  id: LandscapeId, target: Mixture, window: LandscapeWindow, settings?: QuadratureSettings,
): LandscapeGrid {
  return landscapeGrids([id], target, window, settings)[id];
}

/**
 * Grids of several ids at once. The f-divergences other than Pearson and Neyman share one pass:
 * one set of nodes, log p, log q and the transcendental functions of every node, so five
 * together cost little more than one.
 */
export function landscapeGrids<Id extends LandscapeId>(
  ids: readonly Id[], target: Mixture, window: LandscapeWindow, settings?: QuadratureSettings,
): Record<Id, LandscapeGrid> {
  checkWindow(window);
  const { mus, sigmas } = gridAxes(window);
  const model = modelOf(target);
  const nMu = mus.length;
  const dMu = (window.muMax - window.muMin) / (nMu - 1);
  const panels = settings ?? GRID_QUADRATURE;
  const fast = settings === undefined;
  const result = {} as Record<Id, LandscapeGrid>;
  const unique = [...new Set(ids)];
  for (const id of unique) result[id] = { mus, sigmas, values: new Float64Array(nMu * sigmas.length) };
  const shared = unique.filter((id) => id !== 'w1' && id !== 'pearson' && id !== 'neyman');
  const separate = unique.filter((id) => !shared.includes(id) && !(fast && id === 'w1'));
  const w1 = fast && unique.includes('w1' as Id) ? result['w1' as Id].values : null;
  const sharedKinds = shared.map((id) => KIND_OF[id as Exclude<LandscapeId, 'w1'>]);
  const sums = new Float64Array(Math.max(1, shared.length));
  const want = new Uint8Array(KIND_COUNT);
  const outByKind: (Float64Array | null)[] = new Array<Float64Array | null>(KIND_COUNT).fill(null);
  shared.forEach((id, k) => { want[sharedKinds[k]] = 1; outByKind[sharedKinds[k]] = result[id].values; });
  for (let j = 0; j < sigmas.length; j++) {
    const sigma = sigmas[j];
    const row = j * nMu;
    const latticeRow = fast && (shared.length > 0 || w1 !== null)
      && sharedLattice.layout(model, window.muMin, dMu, nMu, sigma, LATTICE_QUADRATURE);
    if (latticeRow && shared.length > 0) latticeRowDivergences(sharedLattice, nMu, want, outByKind, row);
    if (w1 !== null && latticeRow) latticeRowW1(sharedLattice, model, window.muMin, dMu, nMu, sigma, w1, row);
    for (let i = 0; i < nMu; i++) {
      const mu = mus[i];
      const index = row + i;
      if (shared.length > 0 && !latticeRow) {
        addFeatures(sharedLayout, 'js', model, mu, sigma);
        sharedLayout.build(panels.z, panels.panelWidths);
        integrateDivergences(sharedKinds, model, mu, sigma, sharedLayout, panels.order, sums);
        for (let k = 0; k < shared.length; k++) result[shared[k]].values[index] = sums[k] < 0 ? 0 : sums[k];
      }
      if (w1 !== null && !latticeRow) w1[index] = evaluate('w1', model, mu, sigma, panels);
      for (const id of separate) result[id].values[index] = evaluate(id, model, mu, sigma, panels);
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
