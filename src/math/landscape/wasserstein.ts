// Wasserstein-1 between the target and N(mu, sigma²): W1 = ∫ |F_p - F_q| dx. With A(x) =
// ∫_{-∞}^x (F_p - F_q) dt in closed form (A(-∞) = 0, A(∞) = mu - mean(p)), W1 = Σ |A(r_{j+1}) - A(r_j)|
// over the roots r_j of F_p - F_q. So W1 needs only those roots, found by scanning points that
// cover the whole line (gaps between features included: there |F_p - F_q| can be 1), bracketing
// each sign change and, where p - q changes sign between two points of the same sign (an
// extremum of F_p - F_q), testing the extremum for a pair of roots. A root error δ changes W1 by O(δ²).

import { LOG_SQRT_2PI, standardNormalCdf } from '../gaussian';
import { addFeatures, PanelLayout, type QuadratureSettings } from './panelRule';
import type { TargetModel } from './targetModel';

/** F_p - F_q from whichever tail is smaller, so it keeps relative accuracy far out on both sides. */
export function cdfGap(model: TargetModel, mu: number, sigma: number, x: number): number {
  const fq = standardNormalCdf((x - mu) / sigma);
  if (fq <= 0.5) return model.cdf(x) - fq;
  return standardNormalCdf((mu - x) / sigma) - model.survival(x);
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
 * safeguarded Newton (the derivative is p - q).
 */
function cdfGapRoot(model: TargetModel, mu: number, sigma: number, lo: number, hi: number, gapLo: number, gapHi: number): number {
  let x = lo + (hi - lo) * (gapLo / (gapLo - gapHi));
  for (let it = 0; it < 60; it++) {
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

/** W1 from scan points pushed left to right (see the header). */
export class W1Scan {
  private total = 0;
  private previous = 0;
  private lastGap = 0;
  private lastX = 0;
  private lastAbove = false;
  private mu = 0;
  private sigma = 1;

  constructor(private readonly model: TargetModel) {}

  start(mu: number, sigma: number): void {
    this.mu = mu;
    this.sigma = sigma;
    this.total = 0;
    this.previous = 0;
    this.lastGap = 0;
    this.lastX = 0;
    this.lastAbove = false;
  }

  /**
   * A scan point: gap = F_p - F_q and above = (p > q) at x. checkExtremum: whether a change of
   * `above` since the last point may hide a pair of roots (the caller may know it cannot).
   */
  push(x: number, gap: number, above: boolean, checkExtremum: boolean): void {
    const { model, mu, sigma, lastGap, lastX } = this;
    if (gap !== 0 && lastGap !== 0) {
      if ((gap < 0) !== (lastGap < 0)) {
        this.addRoot(cdfGapRoot(model, mu, sigma, lastX, x, lastGap, gap));
      } else if (above !== this.lastAbove && checkExtremum) {
        const xe = densityCrossing(model, mu, sigma, lastX, x);
        const ge = cdfGap(model, mu, sigma, xe);
        if (ge !== 0 && (ge < 0) !== (gap < 0)) {
          this.addRoot(cdfGapRoot(model, mu, sigma, lastX, xe, lastGap, ge));
          this.addRoot(cdfGapRoot(model, mu, sigma, xe, x, ge, gap));
        }
      }
    }
    if (gap !== 0) { this.lastGap = gap; this.lastX = x; }
    this.lastAbove = above;
  }

  finish(): number {
    return this.total + Math.abs(this.mu - this.model.mean - this.previous);
  }

  private addRoot(root: number): void {
    const value = cdfGapIntegral(this.model, this.mu, this.sigma, root);
    this.total += Math.abs(value - this.previous);
    this.previous = value;
  }
}

const layout = new PanelLayout();
/** Scan points per panel: a pair of roots closer than a quarter of a panel is seen through its extremum. */
const PROBES = 8;

/** W1 at one point: scan points on the panels of q and p's components, gaps between them included. */
export function wassersteinValue(model: TargetModel, mu: number, sigma: number, settings: QuadratureSettings): number {
  addFeatures(layout, 'w1', model, mu, sigma);
  layout.build(settings.z, settings.panelWidths, true);
  const scan = new W1Scan(model);
  scan.start(mu, sigma);
  const logNormQ = -Math.log(sigma) - LOG_SQRT_2PI;
  const push = (x: number) => {
    const z = (x - mu) / sigma;
    scan.push(x, cdfGap(model, mu, sigma, x), model.logPdf(x) > logNormQ - 0.5 * z * z, true);
  };
  if (layout.panelCount > 0) push(mu + layout.starts[0]);
  for (let panel = 0; panel < layout.panelCount; panel++) {
    const a = mu + layout.starts[panel];
    const b = mu + layout.ends[panel];
    for (let j = 1; j <= PROBES; j++) push(j === PROBES ? b : a + ((b - a) * j) / PROBES);
  }
  return scan.finish();
}
