// The two-dimensional presets: the paper's Appendix D (Figures 6-9), Fedus et al.'s line
// experiments and a ring of eight for the MLP generator.
import { adam, baseScheme, schemeSchema, sgd, type SchemeConfig } from './schema';
import { planarConfigSchema, type PlanarConfig } from './planar';
import { circleTarget, correlatedTarget, lineTarget } from '../math/planar/mixture2';

export interface PlanarPreset {
  id: string;
  name: string;
  description: string;
  config: PlanarConfig;
}

/** A scheme with Adam for both players (the 2-D presets' optimizer). */
function withAdam(scheme: SchemeConfig, criticLr: number, generatorLr: number): SchemeConfig {
  return schemeSchema.parse({ ...scheme, criticOptimizer: adam(criticLr, 0.5, 0.9), generatorOptimizer: adam(generatorLr, 0.5, 0.9) });
}

/** Appendix D's three schemes: hybrid (RKL, JS) seeks a mode, hybrid (KL, JS) covers, the
 * non-saturating GAN minimises softened reverse KL. */
const appendixSchemes = (generatorLr: number) => [baseScheme('hyb', 'js', 'rkl'), baseScheme('hyb', 'js', 'kl'), baseScheme('ns', 'js')]
  .map((s) => schemeSchema.parse({ ...s, criticOptimizer: adam(2e-3, 0.5, 0.9), generatorOptimizer: sgd(generatorLr) }));

const PRESETS: PlanarPreset[] = [
  {
    id: 'appendix-d-correlated',
    name: 'Appendix D: a correlated Gaussian',
    description: 'p has covariance [[5.5, 4.5], [4.5, 5.5]]; a diagonal Gaussian fitted with reverse KL is compact, with KL it covers p\'s marginals, and the non-saturating GAN (softened reverse KL) is more compact still.',
    config: planarConfigSchema.parse({
      target: correlatedTarget(), family: { kind: 'diagonal' }, start: { mean: [1.5, -1], std: [1, 1] },
      schemes: appendixSchemes(0.03), critics: 'both', batchSize: 512, criticSteps: 5, steps: 1500,
      changes: [0, 1, 2].map((scheme) => ({ step: 1000, scheme, key: 'glr', value: 0.005 })),
    }),
  },
  {
    id: 'appendix-d-circle',
    name: 'Appendix D: five modes on a circle',
    description: 'Five unit Gaussians on a circle of radius 5 fitted by an isotropic Gaussian: reverse KL collapses onto one mode, KL sits in the middle with variance (2 + 25)/2.',
    config: planarConfigSchema.parse({
      target: circleTarget(5, 5), family: { kind: 'isotropic' }, start: { mean: [3, 1], std: [1.5, 1.5] },
      schemes: appendixSchemes(0.1), critics: 'both', batchSize: 512, criticSteps: 5, steps: 1500,
      changes: [0, 1, 2].map((scheme) => ({ step: 1000, scheme, key: 'glr', value: 0.01 })),
    }),
  },
  {
    id: 'fedus-parallel-line',
    name: 'Fedus et al.: a parallel line',
    description: 'Data on a line; the generator starts as a parallel line 2 away. The non-saturating GAN converges; the saturating GAN, whose gradient vanishes where Jensen-Shannon saturates, barely moves.',
    config: planarConfigSchema.parse({
      target: lineTarget(0.05), family: { kind: 'linear', latent: 1, outputNoise: 0.05 }, start: { mean: [0, 2], A: [[1, 0]] },
      schemes: [withAdam(baseScheme('ns', 'js'), 2e-3, 1e-2), withAdam(baseScheme('sat', 'js'), 2e-3, 1e-2)], critics: 'both', batchSize: 256, criticSteps: 5, steps: 800,
    }),
  },
  {
    id: 'fedus-rank-one',
    name: 'Fedus et al.: a rank-one generator',
    description: 'Three latent variables mapped linearly onto the plane, from a poor start (an almost collapsed map far from the data): the non-saturating GAN overshoots and spreads too wide; a gradient penalty (GAN-GP) stabilises it.',
    config: planarConfigSchema.parse({
      target: lineTarget(0.05), family: { kind: 'linear', latent: 3, outputNoise: 0.05 }, start: { mean: [4, 4], A: [[0.001, 0.0005], [-0.0005, 0.001], [0.0005, -0.001]] },
      schemes: [withAdam(baseScheme('ns', 'js'), 2e-3, 5e-3), withAdam(baseScheme('gan-gp', 'js'), 2e-3, 5e-3)], critics: 'learned', batchSize: 256, criticSteps: 5, steps: 800,
    }),
  },
  {
    id: 'ring',
    name: 'A ring of eight (MLP generator)',
    description: 'Eight narrow Gaussians (standard deviation 0.05) on a circle of radius 2 and a small MLP generator of two noise variables: watch for mode collapse.',
    config: planarConfigSchema.parse({
      target: circleTarget(8, 2, 0.0025), family: { kind: 'mlp', latent: 2, hidden: [64, 64] }, start: { mean: [0, 0] },
      schemes: [withAdam(baseScheme('ns', 'js'), 1e-3, 1e-3)], critics: 'learned', batchSize: 256, criticSteps: 2, steps: 3000,
    }),
  },
];

export const PLANAR_PRESETS: readonly PlanarPreset[] = PRESETS;

export function getPlanarPreset(id: string): PlanarPreset | undefined {
  return PRESETS.find((p) => p.id === id);
}
