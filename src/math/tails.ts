// Tail weights measured numerically from f'' (paper §4.3): f''(u) ~ C u^-L as u -> 0 and
// f''(u) ~ D u^(R-3) as u -> infinity.

import type { TailWeights } from './catalog';

function logLogSlope(fSecond: (u: number) => number, u: number): number {
  const ratio = 1.5;
  return (Math.log(fSecond(u * ratio)) - Math.log(fSecond(u))) / Math.log(ratio);
}

/** Asymptotic log-log slopes at u = 1e-8 and 1e8, rounded to the nearest 0.5. */
export function numericTailWeights(fSecond: (u: number) => number): TailWeights {
  const left = -logLogSlope(fSecond, 1e-8);
  const right = logLogSlope(fSecond, 1e8) + 3;
  // `+ 0` turns -0 into 0.
  return { left: Math.round(left * 2) / 2 + 0, right: Math.round(right * 2) / 2 + 0 };
}
