// Generic operations on defining functions (paper §4.1, §E): reverse,
// symmetrize, soften, p-soften and the non-saturating transform. Results are numeric
// (closures over the input) and canonical: every result has f(1) = f'(1) = 0, f''(1) = 1
// whenever the input does. Where the textbook form differs by a constant factor (soften and
// p-soften of D_f(p, m) and D_f(m, q) give f''(1) = 1/4) we multiply by 4, as the catalog does
// (e.g. softened reverse KL is 4·KL(m‖p)).

import { DIVERGENCES, getDivergence, type DivergenceId, type TailWeights } from './catalog';
import { gaussLegendre } from './quadrature';

export interface DefiningFunction {
  /** f(u) for u > 0. */
  readonly f: (u: number) => number;
  readonly fSecond: (u: number) => number;
  readonly tails: TailWeights;
}

export function fromCatalog(id: DivergenceId): DefiningFunction {
  const div = getDivergence(id);
  return { f: div.f, fSecond: div.fSecond, tails: div.tailWeights };
}

/** f_R(u) = u f(1/u), so D_{f_R}(p, q) = D_f(q, p); tails (L, R) -> (R, L). */
export function reverse(g: DefiningFunction): DefiningFunction {
  return {
    f: (u) => u * g.f(1 / u),
    fSecond: (u) => g.fSecond(1 / u) / (u * u * u),
    tails: { left: g.tails.right, right: g.tails.left },
  };
}

/** ½ f + ½ f_R; tails (max, max). */
export function symmetrize(g: DefiningFunction): DefiningFunction {
  const r = reverse(g);
  const w = Math.max(g.tails.left, g.tails.right);
  return {
    f: (u) => 0.5 * g.f(u) + 0.5 * r.f(u),
    fSecond: (u) => 0.5 * g.fSecond(u) + 0.5 * r.fSecond(u),
    tails: { left: w, right: w },
  };
}

/**
 * Soften q -> m = (p+q)/2: 4 D_f(p, m) = E_q[4 (1+u)/2 f(2u/(1+u))], so f~(u) = 2(1+u) f(2u/(1+u))
 * and f~''(u) = 8/(1+u)^3 f''(2u/(1+u)); tails (L, 0).
 */
export function soften(g: DefiningFunction): DefiningFunction {
  return {
    f: (u) => 2 * (1 + u) * g.f((2 * u) / (1 + u)),
    fSecond: (u) => (8 / ((1 + u) * (1 + u) * (1 + u))) * g.fSecond((2 * u) / (1 + u)),
    tails: { left: g.tails.left, right: 0 },
  };
}

/**
 * Soften p -> m: 4 D_f(m, q) = E_q[4 f((1+u)/2)], so f~(u) = 4 f((1+u)/2) and
 * f~''(u) = f''((1+u)/2); tails (0, R).
 */
export function pSoften(g: DefiningFunction): DefiningFunction {
  return {
    f: (u) => 4 * g.f((1 + u) / 2),
    fSecond: (u) => g.fSecond((1 + u) / 2),
    tails: { left: 0, right: g.tails.right },
  };
}

/**
 * The divergence a non-saturating generator on h minimises: f''(u) = h''(u)/u.
 * f(u) = ∫_1^u (u - s) f''(s) ds is evaluated numerically (Gauss-Legendre in log s).
 * Tails: f'' gains a factor u^-1, so (L, R) -> (L + 1, R - 1).
 */
export function nonSaturating(h: DefiningFunction): DefiningFunction {
  const fSecond = (u: number) => h.fSecond(u) / u;
  return {
    f: (u) => integrateTwice(fSecond, u),
    fSecond,
    tails: { left: h.tails.left + 1, right: h.tails.right - 1 },
  };
}

// ∫_1^u (u - s) g(s) ds with s = e^t, t from 0 to log u: smooth in t for power-law g.
function integrateTwice(g: (s: number) => number, u: number): number {
  if (u === 1) return 0;
  const end = Math.log(u);
  const panels = Math.max(1, Math.ceil(Math.abs(end) / 0.5));
  const { nodes, weights } = gaussLegendre(16);
  const h = end / panels;
  let total = 0;
  for (let k = 0; k < panels; k++) {
    const mid = (k + 0.5) * h;
    for (let i = 0; i < nodes.length; i++) {
      const t = mid + 0.5 * h * nodes[i];
      const s = Math.exp(t);
      total += 0.5 * h * weights[i] * (u - s) * g(s) * s;
    }
  }
  return total;
}

const PROBE_POINTS = [0.013, 0.1, 0.37, 0.8, 1, 1.6, 3.3, 11, 95];

/**
 * The catalog divergence whose f'' equals that of `g` after canonical normalisation
 * (f''(1) = 1), within 1e-9 relative at several u; null when none matches.
 */
export function nameOf(g: DefiningFunction): DivergenceId | null {
  const scale = g.fSecond(1);
  if (!(scale > 0) || !Number.isFinite(scale)) return null;
  for (const div of DIVERGENCES) {
    const match = PROBE_POINTS.every((u) => {
      const mine = g.fSecond(u) / scale;
      const theirs = div.fSecond(u);
      return Math.abs(mine - theirs) <= 1e-9 * Math.abs(theirs);
    });
    if (match) return div.id;
  }
  return null;
}

/** The catalog id of NS(h), the divergence a non-saturating generator on h minimises, or null. */
export function nonSaturatingOf(h: DivergenceId): DivergenceId | null {
  return nameOf(nonSaturating(fromCatalog(h)));
}
