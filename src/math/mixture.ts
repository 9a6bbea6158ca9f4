// One-dimensional Gaussian mixtures: the target density p of the playground.

import { LOG_SQRT_2PI, standardNormalCdf } from './gaussian';

export interface MixtureComponent {
  weight: number;
  mean: number;
  std: number;
}

/** 1 to 8 components with positive std and weights summing to 1. */
export type Mixture = readonly MixtureComponent[];

/** The paper's target (Appendix A): 0.5 N(0, 0.3^2) + 0.5 N(2, 1). */
export const PAPER_TARGET: Mixture = Object.freeze([
  Object.freeze({ weight: 0.5, mean: 0, std: 0.3 }),
  Object.freeze({ weight: 0.5, mean: 2, std: 1 }),
]);

export const MAX_MIXTURE_COMPONENTS = 8;

/** Problems with a mixture, empty when it is valid. */
export function mixtureIssues(m: Mixture): string[] {
  const issues: string[] = [];
  if (m.length < 1 || m.length > MAX_MIXTURE_COMPONENTS) issues.push(`expected 1 to ${MAX_MIXTURE_COMPONENTS} components, got ${m.length}`);
  let total = 0;
  m.forEach((c, i) => {
    if (!(Number.isFinite(c.mean))) issues.push(`component ${i}: mean must be finite`);
    if (!(c.std > 0 && Number.isFinite(c.std))) issues.push(`component ${i}: std must be positive`);
    if (!(c.weight > 0 && Number.isFinite(c.weight))) issues.push(`component ${i}: weight must be positive`);
    total += c.weight;
  });
  if (Math.abs(total - 1) > 1e-9) issues.push(`weights must sum to 1, got ${total}`);
  return issues;
}

/** log p(x) by log-sum-exp over components: finite arbitrarily far in the tails. */
export function mixtureLogPdf(m: Mixture, x: number): number {
  if (m.length === 1) {
    const c = m[0];
    const z = (x - c.mean) / c.std;
    return -0.5 * z * z - Math.log(c.std) - LOG_SQRT_2PI;
  }
  let maxTerm = -Infinity;
  for (const c of m) {
    const z = (x - c.mean) / c.std;
    const t = Math.log(c.weight / c.std) - 0.5 * z * z;
    if (t > maxTerm) maxTerm = t;
  }
  let sum = 0;
  for (const c of m) {
    const z = (x - c.mean) / c.std;
    sum += Math.exp(Math.log(c.weight / c.std) - 0.5 * z * z - maxTerm);
  }
  return maxTerm + Math.log(sum) - LOG_SQRT_2PI;
}

export function mixturePdf(m: Mixture, x: number): number {
  return Math.exp(mixtureLogPdf(m, x));
}

export function mixtureCdf(m: Mixture, x: number): number {
  let total = 0;
  for (const c of m) total += c.weight * standardNormalCdf((x - c.mean) / c.std);
  return total;
}

/** 1 - F(x), accurate in the right tail. */
export function mixtureSurvival(m: Mixture, x: number): number {
  let total = 0;
  for (const c of m) total += c.weight * standardNormalCdf((c.mean - x) / c.std);
  return total;
}

export function mixtureMean(m: Mixture): number {
  let total = 0;
  for (const c of m) total += c.weight * c.mean;
  return total;
}

export function mixtureVariance(m: Mixture): number {
  const mean = mixtureMean(m);
  let total = 0;
  for (const c of m) total += c.weight * (c.std * c.std + (c.mean - mean) ** 2);
  return total;
}
