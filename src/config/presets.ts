// Named starting points. Each is a whole Config so that a preset and its shared link agree.
import { PAPER_TARGET, baseScheme, configSchema, defaultConfig, rmsprop, type Config, type MixtureComponent, type SchemeConfig } from './schema';

export interface Preset {
  id: string;
  name: string;
  description: string;
  config: Config;
}

function withSchemes(schemes: SchemeConfig[], overrides: Partial<Config> = {}): Config {
  return configSchema.parse({ ...defaultConfig(), schemes, ...overrides });
}

export const FIGURE5_SCHEMES: SchemeConfig[] = [
  baseScheme('sat', 'js'),
  baseScheme('ns', 'js'),
  baseScheme('hyb', 'js', 'rkl'),
  baseScheme('hyb', 'js', 'igog'),
];

/** KL-WGAN as Song & Ermon's code trains it (ermongroup/f-wgan, synthetic/kl_wgan.py); the
 * critic's architecture is the page's. */
export const KL_WGAN_AUTHORS: SchemeConfig = {
  ...baseScheme('kl-wgan'),
  wassersteinForm: 'hinge',
  klRatioGradient: 'differentiated',
  spectralNorm: true,
  clip: 0,
  criticOptimizer: { ...rmsprop(2e-4), rho: 0.99 },
  generatorOptimizer: { ...rmsprop(2e-4), rho: 0.99 },
};

export const PRESETS: Preset[] = [
  {
    id: 'figure5',
    name: 'Figure 5 (paper)',
    description: 'Saturating JS, non-saturating JS, hybrid (reverse KL, JS) and hybrid (IGOG, JS); two learned-critic and two optimal-critic runs each.',
    config: withSchemes(FIGURE5_SCHEMES, { critics: 'both', seeds: 2 }),
  },
  {
    id: 'saturating',
    name: 'Saturating GAN',
    description: 'The original minimax GAN, (JS, JS): minimises Jensen-Shannon.',
    config: withSchemes([baseScheme('sat', 'js')]),
  },
  {
    id: 'non-saturating',
    name: 'Non-saturating GAN',
    description: 'The conventional -log D(G(z)) generator loss (x2): minimises the softened reverse KL.',
    config: withSchemes([baseScheme('ns', 'js')]),
  },
  {
    id: 'hybrid-rkl',
    name: 'Hybrid (reverse KL, JS)',
    description: 'Critic trained on JS, generator on reverse KL.',
    config: withSchemes([baseScheme('hyb', 'js', 'rkl')]),
  },
  {
    id: 'hybrid-igog',
    name: 'Hybrid (IGOG, JS)',
    description: 'Critic trained on JS, generator on the canonical IGOG divergence.',
    config: withSchemes([baseScheme('hyb', 'js', 'igog')]),
  },
  // The Wasserstein, penalty and KL-WGAN objectives: learned critics only (none has an optimal
  // critic but the f-GAN ones, whose optimal critic ignores the penalty).
  {
    id: 'wgan',
    name: 'WGAN (weight clipping)',
    description: 'Wasserstein GAN: the critic maximises E_p[D] - E_q[D] with its weights clipped to [-c, c]; the generator minimises W1.',
    config: withSchemes([baseScheme('wgan')], { critics: 'learned', panels: ['w1', 'js', 'kl', 'rkl'] }),
  },
  {
    id: 'wgan-gp',
    name: 'WGAN-GP',
    description: 'Wasserstein GAN whose critic is kept near 1-Lipschitz by a gradient penalty on interpolates of real and fake samples.',
    config: withSchemes([baseScheme('wgan-gp')], { critics: 'learned', panels: ['w1', 'js', 'kl', 'rkl'] }),
  },
  {
    id: 'gan-gp',
    name: 'GAN-GP (Fedus et al.)',
    description: 'The non-saturating GAN with the WGAN-GP gradient penalty on interpolates added to its JS critic.',
    config: withSchemes([baseScheme('gan-gp')], { critics: 'learned', panels: ['srkl', 'js', 'w1', 'rkl'] }),
  },
  {
    id: 'dragan-ns',
    name: 'DRAGAN-NS (Fedus et al.)',
    description: 'The non-saturating GAN with a gradient penalty taken at Gaussian perturbations of the real samples.',
    config: withSchemes([baseScheme('dragan')], { critics: 'learned', panels: ['srkl', 'js', 'w1', 'rkl'] }),
  },
  {
    id: 'kl-wgan',
    name: 'KL-WGAN (Song & Ermon)',
    description: "As the authors' code trains it: hinge loss with the fake-sample critic values reweighted by r = e^D / mean(e^D), the gradient flowing through r, a spectrally normalised critic, RMSprop 2e-4 for both players, 5 critic steps.",
    config: withSchemes([KL_WGAN_AUTHORS], { critics: 'learned', panels: ['w1', 'kl', 'js', 'rkl'] }),
  },
  {
    id: 'kl-wgan-dv',
    name: 'KL-WGAN, r held constant',
    description: 'The linear KL-WGAN objective with r = e^D / mean(e^D) held constant in the gradient: the critic ascends the Donsker-Varadhan bound of KL(p‖q), its weights clipped.',
    config: withSchemes([baseScheme('kl-wgan')], { critics: 'learned', panels: ['w1', 'kl', 'js', 'rkl'] }),
  },
  {
    id: 'hinge-gan',
    name: 'Hinge GAN (spectral norm)',
    description: "The KL-WGAN authors' baseline: hinge loss E_p[relu(1 - D)] + E_q[relu(1 + D)], a spectrally normalised critic, RMSprop 2e-4 for both players.",
    config: withSchemes([{ ...KL_WGAN_AUTHORS, objective: 'wgan' }], { critics: 'learned', panels: ['w1', 'kl', 'js', 'rkl'] }),
  },
];

export function getPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/** Targets to try the schemes on: the paper's and three that separate mode-seeking from mode-covering. */
export interface TargetPreset {
  id: string;
  name: string;
  description: string;
  target: MixtureComponent[];
}

export const TARGET_PRESETS: TargetPreset[] = [
  { id: 'paper', name: "the paper's", description: 'N(0, 0.3²) and N(2, 1²), equal weights (Shannon et al., Appendix A).', target: PAPER_TARGET.map((c) => ({ ...c })) },
  {
    id: 'bimodal', name: 'equal-width bimodal', description: 'Two modes of the same width and weight, 3 apart: a symmetric choice between them.',
    target: [{ weight: 0.5, mean: -1.5, std: 0.5 }, { weight: 0.5, mean: 1.5, std: 0.5 }],
  },
  {
    id: 'three-modes', name: 'three modes', description: 'Three equal modes 3 apart.',
    target: [{ weight: 0.333, mean: -2, std: 0.5 }, { weight: 0.334, mean: 1, std: 0.5 }, { weight: 0.333, mean: 4, std: 0.5 }],
  },
  {
    id: 'far-narrow', name: 'a far narrow mode', description: 'A wide mode with a narrow one far from it carrying a quarter of the mass.',
    target: [{ weight: 0.75, mean: 0, std: 1 }, { weight: 0.25, mean: 6, std: 0.2 }],
  },
];
