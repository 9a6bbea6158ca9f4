// Pushforward plots (paper §4.2): the densities p~ and q~ of d*(x) = log p(x) - log q(x) for
// x ~ p and x ~ q, and the symmetry-preserving s_f with D_f = ∫ max(p~, q~) s_f dd.

import { getDivergence, type DivergenceId } from './catalog';
import { normalLogPdf } from './gaussian';
import { mixtureLogPdf, type Mixture } from './mixture';
import { gaussLegendre } from './quadrature';

/** d*(x) = log p(x) - log q(x), the optimal critic for every f, with q = N(mu, sigma²). */
export function optimalCritic(target: Mixture, mu: number, sigma: number, x: number): number {
  return mixtureLogPdf(target, x) - normalLogPdf(x, mu, sigma);
}

/** The symmetry-preserving s_f(d): f(e^d) for d < 0, f(e^d)/e^d for d > 0. */
export function symmetryPreservingS(id: DivergenceId, d: number): number {
  return getDivergence(id).s(d);
}

export interface PushforwardHistogram {
  /** bin edges, increasing */
  edges: number[];
  /** densities (per unit d) of d* under p and under q, one per bin */
  p: Float64Array;
  q: Float64Array;
  /** probability mass of d* outside [edges[0], edges[last]] under p and under q */
  outsideP: number;
  outsideQ: number;
}

/**
 * Exact pushforwards as histograms: d* is evaluated on a fine Gauss-Legendre x grid covering
 * p and q to ±12 standard deviations, and each node's p- and q-mass lands in its d bin. Bins
 * should be much wider than the change of d* between nodes (true for bins of width >= 0.01).
 */
export function pushforwardHistogram(
  target: Mixture, mu: number, sigma: number, edges: readonly number[], panels = 8000,
): PushforwardHistogram {
  const nBins = edges.length - 1;
  if (nBins < 1) throw new RangeError('need at least two bin edges');
  const p = new Float64Array(nBins);
  const q = new Float64Array(nBins);
  let outsideP = 0;
  let outsideQ = 0;
  const lo = Math.min(mu - 12 * sigma, ...target.map((c) => c.mean - 12 * c.std));
  const hi = Math.max(mu + 12 * sigma, ...target.map((c) => c.mean + 12 * c.std));
  const { nodes, weights } = gaussLegendre(4);
  const h = (hi - lo) / panels;
  const first = edges[0];
  const last = edges[nBins];
  for (let k = 0; k < panels; k++) {
    const mid = lo + (k + 0.5) * h;
    for (let i = 0; i < nodes.length; i++) {
      const x = mid + 0.5 * h * nodes[i];
      const lp = mixtureLogPdf(target, x);
      const lq = normalLogPdf(x, mu, sigma);
      const d = lp - lq;
      const wp = 0.5 * h * weights[i] * Math.exp(lp);
      const wq = 0.5 * h * weights[i] * Math.exp(lq);
      if (d < first || d >= last) { outsideP += wp; outsideQ += wq; continue; }
      // binary search for the bin
      let a = 0;
      let b = nBins;
      while (b - a > 1) {
        const m = (a + b) >> 1;
        if (edges[m] <= d) a = m; else b = m;
      }
      p[a] += wp;
      q[a] += wq;
    }
  }
  for (let b = 0; b < nBins; b++) {
    const width = edges[b + 1] - edges[b];
    p[b] /= width;
    q[b] /= width;
  }
  return { edges: [...edges], p, q, outsideP, outsideQ };
}

/** ∫ max(p~, q~) s_f dd over the histogram (midpoint rule per bin): approximately D_f(p, q). */
export function divergenceFromPushforward(id: DivergenceId, h: PushforwardHistogram): number {
  const s = getDivergence(id).s;
  let total = 0;
  for (let b = 0; b < h.p.length; b++) {
    const width = h.edges[b + 1] - h.edges[b];
    total += Math.max(h.p[b], h.q[b]) * s(0.5 * (h.edges[b] + h.edges[b + 1])) * width;
  }
  return total;
}
