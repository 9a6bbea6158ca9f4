// The panel rule: composite Gauss-Legendre over panels laid out from "features", intervals
// center ± Z·width where an integrand can vary: q, every component of p, every kink of log p
// (a bend of length 1/slopeJump where the dominant component changes: between narrow components
// log p is a chain of steep parabolas, and a panel across a bend would lose accuracy) and, for
// Pearson and Neyman, the Gaussians p_j p_k / q and q² / p_k that govern their tails. Outside
// the union of features every integrand is below e^{-Z²/2} times a polynomial in x.

import { LOG_SQRT_2PI } from '../gaussian';
import { gaussLegendre } from '../quadrature';
import type { DivergenceId } from '../criticBasis';
import {
  addNode, basisNeeds, chiSquareIntegrand, divergenceFromSums, isChiSquare, SUMS_SIZE, type DensityRatioId,
} from './integrand';
import type { TargetModel } from './targetModel';

export interface QuadratureSettings {
  /** Features extend ±z widths. */
  readonly z: number;
  /** Panel length in units of the narrowest feature covering it. */
  readonly panelWidths: number;
  /** Gauss-Legendre points per panel. */
  readonly order: number;
}

/** divergenceValue: checked against closed forms, refinement and an independent adaptive quadrature. */
export const ACCURATE_QUADRATURE: QuadratureSettings = Object.freeze({ z: 13, panelWidths: 1, order: 12 });
/** The grid's panel rule where the lattice rule does not apply: checked to 1e-4 relative. */
export const GRID_QUADRATURE: QuadratureSettings = Object.freeze({ z: 8, panelWidths: 2.5, order: 6 });

/**
 * Width of a kink's feature in units of 1/slopeJump. log p's bend is log1p(e^{-slopeJump |x - x0|}),
 * whose nearest complex singularity lies π/slopeJump from the real axis; panels no longer than
 * 2 × 2/slopeJump keep the Gauss-Legendre error below 1e-12 of the bend's size.
 */
const KINK_WIDTH = 2;

const MAX_FEATURES = 1 + 8 + 36 + 8 + 64;
const MAX_PANELS = 8192;

/**
 * Reusable buffers: the panel layout is rebuilt for every (mu, sigma) without allocating. Panels
 * are held relative to an origin (mu), so that q's nodes keep their full relative precision
 * however far q lies from 0.
 */
export class PanelLayout {
  origin = 0;
  readonly centers = new Float64Array(MAX_FEATURES);
  readonly widths = new Float64Array(MAX_FEATURES);
  featureCount = 0;
  readonly starts = new Float64Array(MAX_PANELS);
  readonly ends = new Float64Array(MAX_PANELS);
  panelCount = 0;

  /** A feature at `center` (absolute; stored relative to the origin). */
  addFeature(center: number, width: number): void {
    if (!(width > 0) || !Number.isFinite(center) || !Number.isFinite(width) || this.featureCount >= MAX_FEATURES) return;
    this.centers[this.featureCount] = center - this.origin;
    this.widths[this.featureCount] = width;
    this.featureCount++;
  }

  /**
   * Greedy left-to-right panels, each at most panelWidths × the narrowest feature covering it.
   * A gap between features is skipped, or with fillGaps covered by one panel (W1's integrand
   * |F_p - F_q| is flat there but not negligible).
   */
  build(z: number, panelWidths: number, fillGaps = false): void {
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
      let next: number;
      if (step === Infinity) {
        if (!fillGaps) { x = nextStart; continue; }
        next = nextStart;
      } else {
        next = Math.min(x + step, coverEnd);
        // do not step over the start of a finer feature
        for (let k = 0; k < nf; k++) {
          const a = this.centers[k] - z * this.widths[k];
          if (a > x && a < next && panelWidths * this.widths[k] < step) next = a;
        }
      }
      if (!(next > x)) next = x + Math.max(Math.abs(x), 1) * 1e-15; // progress despite rounding at huge |x|
      this.starts[count] = x;
      this.ends[count] = next;
      count++;
      x = next;
    }
    this.panelCount = count;
  }
}

/** Features of q, of p's components and of log p's kinks (see the header), plus Pearson's and Neyman's. */
export function addFeatures(layout: PanelLayout, id: DivergenceId | 'w1', model: TargetModel, mu: number, sigma: number): void {
  layout.featureCount = 0;
  layout.origin = mu;
  layout.addFeature(mu, sigma);
  for (let k = 0; k < model.n; k++) layout.addFeature(model.means[k], model.stds[k]);
  if (id === 'w1') return;
  for (const kink of model.kinks) layout.addFeature(kink.x, KINK_WIDTH / kink.slopeJump);
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

const sums = new Float64Array(SUMS_SIZE);

/**
 * Sets out[j] = D_{ids[j]}(p, N(mu, sigma²)) over the layout's panels (laid out by addFeatures for this mu). Pearson and Neyman must
 * come alone (they have their own features).
 */
export function integrateDivergences(
  ids: readonly DivergenceId[], model: TargetModel, mu: number, sigma: number, layout: PanelLayout, order: number, out: Float64Array,
): void {
  const { nodes, weights } = gaussLegendre(order);
  const logNormQ = -Math.log(sigma) - LOG_SQRT_2PI;
  const invSigma = 1 / sigma;
  const chiSquare = isChiSquare(ids[0]) ? ids[0] : null;
  const needs = basisNeeds(ids);
  sums.fill(0);
  let chiSum = 0;
  for (let panel = 0; panel < layout.panelCount; panel++) {
    const a = layout.starts[panel];
    const half = 0.5 * (layout.ends[panel] - a);
    const mid = a + half;
    for (let i = 0; i < order; i++) {
      const offset = mid + half * nodes[i];
      const x = mu + offset;
      const zq = offset * invSigma;
      const lp = model.logPdf(x);
      const lq = logNormQ - 0.5 * zq * zq;
      const hw = half * weights[i];
      if (chiSquare) {
        chiSum += hw * chiSquareIntegrand(chiSquare, lp, lq);
        continue;
      }
      const above = lp > lq;
      const w = above ? lq - lp : lp - lq;
      addNode(sums, above, w, Math.exp(w), hw * Math.exp(above ? lp : lq), needs);
    }
  }
  if (chiSquare) { out[0] = chiSum; return; }
  for (let j = 0; j < ids.length; j++) out[j] = divergenceFromSums(ids[j] as DensityRatioId, sums);
}
