// Named starting points. Each is a whole Config so that a preset and its shared link agree.
import { baseScheme, configSchema, defaultConfig, type Config, type SchemeConfig } from './schema';

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
];

export function getPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}
