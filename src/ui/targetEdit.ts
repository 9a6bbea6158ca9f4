// Edits of the target mixture that the target table offers, written as round numbers so that a
// link reads short (0.333 rather than 0.33333333333333337).
import type { MixtureComponent } from '../config/schema';

/** A weight rounded to 3 decimals (3 significant digits below 0.001, so that it stays positive). */
export function roundWeight(w: number): number {
  return w >= 0.001 ? Math.round(w * 1000) / 1000 : +w.toPrecision(3);
}

/**
 * The target with one more component (weight 1/(n+1), mean 1, std 0.5), the others scaled to make
 * room; every weight rounded (roundWeight) and the rounding remainder given to the heaviest, so
 * that the weights sum to 1.
 */
export function addComponent(target: readonly MixtureComponent[]): MixtureComponent[] {
  const share = 1 / (target.length + 1);
  const next = [...target.map((c) => ({ ...c, weight: c.weight * (1 - share) })), { weight: share, mean: 1, std: 0.5 }]
    .map((c) => ({ ...c, weight: roundWeight(c.weight) }));
  const remainder = 1 - next.reduce((s, c) => s + c.weight, 0);
  let heaviest = 0;
  next.forEach((c, i) => { if (c.weight > next[heaviest].weight) heaviest = i; });
  next[heaviest] = { ...next[heaviest], weight: +(next[heaviest].weight + remainder).toPrecision(12) };
  return next;
}
