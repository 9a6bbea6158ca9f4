// The two-dimensional problems: a target on the plane, a generator family, and the same loss
// schemes, critics and training settings as the one-dimensional playground (schemeSchema).
import { z } from 'zod';
import { ACTIVATIONS, ENGINE_FIELDS, RUN_FIELDS, liveChangeSchema } from './schema';
import { expandRuns, type RunSpec } from './runs';
import { MAX_PLANAR_COMPONENTS, planarMixtureIssues } from '../math/planar/mixture2';
import { DIVERGENCE_IDS, type DivergenceId } from '../math/criticBasis';

/** Generator families on the plane: Gaussians with isotropic, diagonal or full covariance (mean
 * and Cholesky factor), a linear map of k-dimensional noise plus small isotropic output noise
 * (Fedus et al.), and a small MLP of k-dimensional noise. */
export const FAMILY_KINDS = ['isotropic', 'diagonal', 'full', 'linear', 'mlp'] as const;
export type FamilyKind = (typeof FAMILY_KINDS)[number];

/** Families whose q has a closed-form density (and so an optimal critic d* = log p - log q). */
export function hasDensity(kind: FamilyKind): boolean {
  return kind !== 'mlp';
}

const finite = () => z.number().refine(Number.isFinite, 'must be a finite number');
const vec2 = z.tuple([finite(), finite()]);

export const planarComponentSchema = z.object({
  weight: finite().gt(0, 'weights must be > 0'),
  mean: vec2,
  cov: z.tuple([vec2, vec2]),
});

export const familySchema = z.object({
  kind: z.enum(FAMILY_KINDS).default('diagonal'),
  /** Noise dimensions of the linear and MLP families. */
  latent: z.number().int().min(1).max(8).default(2),
  /** Standard deviation of the isotropic output noise of the linear family (keeps q a density). */
  outputNoise: finite().gt(0, 'the output noise must be > 0').max(10).default(0.05),
  /** Hidden layer widths of the MLP family. */
  hidden: z.array(z.number().int().min(1).max(256)).min(1).max(4).default([64, 64]),
});

/** Where the generator starts: a mean and scales (Gaussian families), or the matrix A (k rows of
 * 2) and the offset b = mean (linear family); the MLP family starts from Glorot weights with its
 * output bias at the mean. */
export const startSchema = z.object({
  mean: vec2.default([0, 0]),
  std: vec2.default([1, 1]),
  A: z.array(vec2).max(8).optional(),
});

export const planarConfigSchema = z.strictObject({
  /** Marks a configuration file as a two-dimensional problem. */
  dimension: z.literal(2).default(2),
  target: z.array(planarComponentSchema).min(1, 'the target needs at least one component').max(MAX_PLANAR_COMPONENTS, `at most ${MAX_PLANAR_COMPONENTS} target components`)
    .superRefine((target, ctx) => { for (const message of planarMixtureIssues(target)) ctx.addIssue({ code: 'custom', message }); }),
  family: familySchema.prefault({}),
  start: startSchema.prefault({}),
  critic: z.object({
    hidden: z.array(z.number().int().min(1).max(256)).min(1).max(4).default([32, 32]),
    activation: z.enum(ACTIVATIONS).default('leaky-relu'),
  }).prefault({}),
  ...RUN_FIELDS,
  steps: z.number().int().min(1).max(200_000).default(2000),
  ...ENGINE_FIELDS,
  /** Settings changed while training, in step order: a schedule that a link replays (as in 1-D). */
  changes: z.array(liveChangeSchema).max(256).default([]),
}).superRefine((c, ctx) => {
  c.changes.forEach((change, i) => {
    if (change.scheme !== null && change.scheme >= c.schemes.length) ctx.addIssue({ code: 'custom', path: ['changes', i, 'scheme'], message: `there is no scheme ${change.scheme + 1}` });
  });
  if (c.start.A && c.family.kind === 'linear' && c.start.A.length !== c.family.latent) {
    ctx.addIssue({ code: 'custom', path: ['start', 'A'], message: `A needs ${c.family.latent} rows (one per latent variable), not ${c.start.A.length}` });
  }
});

export type PlanarConfig = z.infer<typeof planarConfigSchema>;
export type PlanarComponentConfig = z.infer<typeof planarComponentSchema>;

/** The runs of a 2-D experiment: as in 1-D, with optimal critics only where q has a density. */
export function expandPlanarRuns(config: PlanarConfig): { runs: RunSpec[]; skipped: string[] } {
  if (hasDensity(config.family.kind) || config.critics === 'learned') return expandRuns(config);
  const skipped = [`The ${config.family.kind} generator has no closed-form density, so no optimal critic; its optimal-critic runs were left out.`];
  if (config.critics === 'optimal') return { runs: [], skipped };
  const { runs, skipped: more } = expandRuns({ ...config, critics: 'learned' });
  return { runs, skipped: [...skipped, ...more] };
}

/** The divergences the monitor shows: each run's minimised one, with KL and reverse KL. */
export function monitoredDivergences(runs: readonly RunSpec[]): DivergenceId[] {
  const ids = new Set<string>(['kl', 'rkl']);
  for (const r of runs) if (r.minimises && r.minimises !== 'w1') ids.add(r.minimises);
  return DIVERGENCE_IDS.filter((id) => ids.has(id));
}
