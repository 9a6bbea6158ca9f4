// The lattice rule: landscapeGrid's default for every f-divergence but Pearson and Neyman, and
// the root scan of W1 on a grid.
//
// For one sigma, the nodes of every mu are x = mu + n h on a lattice x_b = muMin + b g whose
// spacing g divides both h and the grid's mu step (h = a g, Δmu = c g, a or c being 1). So log p
// and p are computed once per lattice point for the whole row, and log q and q once per offset n
// (they depend on n h / sigma only); the integrand at a node costs no exp and at most one log1p:
// e = e^{-|d|} = min(p, q) / max(p, q) and exp(max(log p, log q)) = max(p, q). The rule is the
// trapezoid rule over [mu - Z sigma, mu + Z sigma] ∪ hull(m_k ± Z s_k). The integrand is analytic
// in a strip around the real axis of half-width about min(sigma, s_k, π/slopeJump of log p's
// kinks) and negligible at both ends, so the trapezoid rule converges geometrically in 1/h:
// h <= step · min(sigma, min_k s_k) and h <= kinkStep / slopeJump give ~1e-6 relative (tests
// check 1e-4 against divergenceValue). A row needing more than maxNodes nodes per mu falls back
// to the panel rule.

import { LOG_SQRT_2PI, standardNormalCdf } from '../gaussian';
import type { DivergenceId } from '../criticBasis';
import { BASIS_EM1, BASIS_ESPM, BASIS_HEL, BASIS_SPM, BASIS_W, BASIS_WE, QUADRATURE_BASIS_SIZE } from '../sFormulas';
import { basisNeeds, divergenceFromSums, SUMS_SIZE, type DensityRatioId } from './integrand';
import type { TargetModel } from './targetModel';
import { W1Scan } from './wasserstein';

export interface LatticeSettings {
  /** Truncation at ±z widths of q and of every component of p. */
  readonly z: number;
  /** Upper bound of the lattice step in units of min(sigma, narrowest component std). */
  readonly step: number;
  /** Upper bound of the lattice step in units of 1 / (the largest slope jump of log p at a kink). */
  readonly kinkStep: number;
  /** Nodes per (mu, sigma) above which a row falls back to the panel rule (GRID_QUADRATURE). */
  readonly maxNodes: number;
}

const LN2 = Math.LN2;

export const LATTICE_QUADRATURE: LatticeSettings = Object.freeze({ z: 7, step: 0.5, kinkStep: 1.5, maxNodes: 2500 });

export class Lattice {
  lp = new Float64Array(0);
  p = new Float64Array(0);
  lq = new Float64Array(0);
  q = new Float64Array(0);
  nLo = new Int32Array(0);
  nHi = new Int32Array(0);
  /** lattice spacing g, node step h = a g, mu step = c g */
  g = 0;
  h = 0;
  a = 1;
  c = 1;
  /** lattice index of lp[0] */
  bMin = 0;
  points = 0;
  muMin = 0;
  dMu = 0;
  nMu = 0;
  sigma = 1;

  private ensure(points: number, offsets: number, nMu: number): void {
    if (this.lp.length < points) { this.lp = new Float64Array(points); this.p = new Float64Array(points); }
    if (this.lq.length < offsets) { this.lq = new Float64Array(offsets); this.q = new Float64Array(offsets); }
    if (this.nLo.length < nMu) { this.nLo = new Int32Array(nMu); this.nHi = new Int32Array(nMu); }
  }

  /** h = a g <= target with g = dMu / c: the smallest c that gets within 10% of the target. */
  private chooseStep(target: number, dMu: number): void {
    const cMin = Math.max(1, Math.ceil(dMu / target));
    this.c = cMin;
    this.a = Math.max(1, Math.floor((target * cMin) / dMu));
    for (let c = cMin; c < cMin + 16; c++) {
      const a = Math.floor((target * c) / dMu);
      if (a >= 1 && (a * dMu) / c > (this.a * dMu) / this.c) { this.a = a; this.c = c; }
      if ((this.a * dMu) / this.c >= 0.9 * target) break;
    }
    this.g = dMu / this.c;
    this.h = this.a * this.g;
  }

  /**
   * Lays out one row; false when some mu needs more than maxNodes nodes (the caller then uses
   * the panel rule). Fills lp, p over the lattice and lq, q over |n|.
   */
  layout(model: TargetModel, muMin: number, dMu: number, nMu: number, sigma: number, settings: LatticeSettings): boolean {
    const z = settings.z;
    let pLo = Infinity;
    let pHi = -Infinity;
    for (let k = 0; k < model.n; k++) {
      pLo = Math.min(pLo, model.means[k] - z * model.stds[k]);
      pHi = Math.max(pHi, model.means[k] + z * model.stds[k]);
    }
    let target = settings.step * Math.min(sigma, model.minStd);
    for (const kink of model.kinks) target = Math.min(target, settings.kinkStep / kink.slopeJump);
    if ((pHi - pLo) / target > settings.maxNodes) return false;
    this.chooseStep(target, dMu);
    const h = this.h;
    this.ensure(0, 0, nMu);
    let bMin = Infinity;
    let bMax = -Infinity;
    let nAbs = 0;
    for (let i = 0; i < nMu; i++) {
      const mu = muMin + i * dMu;
      const nLo = Math.ceil((Math.min(mu - z * sigma, pLo) - mu) / h);
      const nHi = Math.floor((Math.max(mu + z * sigma, pHi) - mu) / h);
      if (nHi - nLo + 1 > settings.maxNodes) return false;
      this.nLo[i] = nLo;
      this.nHi[i] = nHi;
      nAbs = Math.max(nAbs, -nLo, nHi);
      bMin = Math.min(bMin, i * this.c + nLo * this.a);
      bMax = Math.max(bMax, i * this.c + nHi * this.a);
    }
    const points = bMax - bMin + 1;
    this.ensure(points, nAbs + 1, nMu);
    Object.assign(this, { bMin, points, muMin, dMu, nMu, sigma });
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

const sums = new Float64Array(SUMS_SIZE);

/**
 * One row of the lattice rule: outs[j][offset + i] = D_{ids[j]}(p, N(mu_i, sigma²)). The node
 * loop is integrand.ts's addNode written out with local accumulators (the grid's hot loop).
 */
export function latticeRowDivergences(lattice: Lattice, ids: readonly DensityRatioId[], outs: readonly Float64Array[], offset: number): void {
  const { lp, p, lq, q, a, c, bMin, h, nMu } = lattice;
  const { softplus, hellinger } = basisNeeds(ids as readonly DivergenceId[]);
  const B = QUADRATURE_BASIS_SIZE;
  for (let i = 0; i < nMu; i++) {
    // below: p <= q, above: p > q; basis em1, w, we, spm, espm, hel
    let bEm1 = 0; let bW = 0; let bWe = 0; let bSpm = 0; let bEspm = 0; let bHel = 0;
    let aEm1 = 0; let aW = 0; let aWe = 0; let aSpm = 0; let aEspm = 0; let aHel = 0;
    const nHi = lattice.nHi[i];
    let b = i * c + lattice.nLo[i] * a - bMin;
    for (let n = lattice.nLo[i]; n <= nHi; n++, b += a) {
      const k = n < 0 ? -n : n;
      const lpv = lp[b];
      const lqv = lq[k];
      const above = lpv > lqv;
      const weight = above ? p[b] : q[k];
      if (weight === 0) continue;
      const w = above ? lqv - lpv : lpv - lqv;
      const e = above ? q[k] / weight : p[b] / weight;
      const spm = softplus ? Math.log1p(e) - LN2 : 0;
      const r = hellinger ? Math.sqrt(e) - 1 : 0;
      if (above) {
        aEm1 += weight * (e - 1); aW += weight * w; aWe += weight * (w * e);
        aSpm += weight * spm; aEspm += weight * (e * spm); aHel += weight * (r * r);
      } else {
        bEm1 += weight * (e - 1); bW += weight * w; bWe += weight * (w * e);
        bSpm += weight * spm; bEspm += weight * (e * spm); bHel += weight * (r * r);
      }
    }
    sums[BASIS_EM1] = bEm1; sums[BASIS_W] = bW; sums[BASIS_WE] = bWe; sums[BASIS_SPM] = bSpm; sums[BASIS_ESPM] = bEspm; sums[BASIS_HEL] = bHel;
    sums[B + BASIS_EM1] = aEm1; sums[B + BASIS_W] = aW; sums[B + BASIS_WE] = aWe; sums[B + BASIS_SPM] = aSpm; sums[B + BASIS_ESPM] = aEspm; sums[B + BASIS_HEL] = aHel;
    for (let j = 0; j < ids.length; j++) outs[j][offset + i] = divergenceFromSums(ids[j], sums, h);
  }
}

/** Tables of F_p and 1 - F_p per lattice point and Φ(-n h / sigma) per offset, for W1's scan. */
class CdfTables {
  cdfP = new Float64Array(0);
  survP = new Float64Array(0);
  phiNeg = new Float64Array(0);

  fill(lattice: Lattice, model: TargetModel): void {
    const { points, bMin, g, muMin, h, sigma, nMu } = lattice;
    let nAbs = 0;
    for (let i = 0; i < nMu; i++) nAbs = Math.max(nAbs, -lattice.nLo[i], lattice.nHi[i]);
    if (this.cdfP.length < points) { this.cdfP = new Float64Array(points); this.survP = new Float64Array(points); }
    if (this.phiNeg.length < nAbs + 1) this.phiNeg = new Float64Array(nAbs + 1);
    for (let b = 0; b < points; b++) {
      // 1 - F_p is accurate where F_p <= 1/2, and F_p = 1 - S_p where S_p < 1/2
      const x = muMin + (bMin + b) * g;
      const cdf = model.cdf(x);
      if (cdf <= 0.5) { this.cdfP[b] = cdf; this.survP[b] = 1 - cdf; } else { const surv = model.survival(x); this.cdfP[b] = 1 - surv; this.survP[b] = surv; }
    }
    for (let n = 0; n <= nAbs; n++) this.phiNeg[n] = standardNormalCdf((-n * h) / sigma);
  }
}

const tables = new CdfTables();

/**
 * W1 for one row of the lattice (wasserstein.ts): the nodes are the scan points. F_p - F_q moves
 * by at most h max(p, q) between nodes and within h <= s/2 a Gaussian density varies far less
 * than 32-fold, so an extremum between two nodes can only cross zero where
 * min |F_p - F_q| < 32 h max(p, q) at the two nodes.
 */
export function latticeRowW1(lattice: Lattice, model: TargetModel, out: Float64Array, offset: number): void {
  const { a, c, bMin, h, lp, lq, p, q, muMin, dMu, nMu, sigma } = lattice;
  tables.fill(lattice, model);
  const { cdfP, survP, phiNeg } = tables;
  const scan = new W1Scan(model);
  for (let i = 0; i < nMu; i++) {
    const mu = muMin + i * dMu;
    scan.start(mu, sigma);
    let lastGap = 0;
    let lastX = -Infinity;
    let lastDensity = 0;
    let b = i * c + lattice.nLo[i] * a - bMin;
    for (let n = lattice.nLo[i]; n <= lattice.nHi[i]; n++, b += a) {
      const k = n < 0 ? -n : n;
      // F_p - F_q from the smaller tail of q
      const gap = n <= 0 ? cdfP[b] - phiNeg[-n] : phiNeg[n] - survP[b];
      const above = lp[b] > lq[k];
      const density = above ? p[b] : q[k];
      const x = mu + n * h;
      const check = x - lastX <= 1.5 * h && Math.min(Math.abs(gap), Math.abs(lastGap)) < 32 * h * Math.max(density, lastDensity);
      scan.push(x, gap, above, check);
      if (gap !== 0) { lastGap = gap; lastX = x; }
      lastDensity = density;
    }
    out[offset + i] = scan.finish();
  }
}
