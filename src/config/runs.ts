// Expands a configuration into its independent runs (schemes x critic kinds x seeds), the unit
// the engine batches and the UI colours.
import type { Config, CriticKind, LandscapeId, SchemeConfig } from './schema';
import { nonSaturatingOf } from '../math/transforms';
import type { DivergenceId } from '../math/criticBasis';
import { LANDSCAPE_SHORT_NAMES } from '../math/catalog';
import { SCHEME_OPTIONS } from './url';

export interface RunSpec {
  /** Position in the engine's run batch. */
  index: number;
  schemeIndex: number;
  scheme: SchemeConfig;
  critic: Exclude<CriticKind, 'both'>;
  seed: number;
  /** The divergence the generator actually minimises, or null when it has no closed form. */
  minimises: LandscapeId | null;
  label: string;
}

/** The divergence a scheme's generator minimises (paper §3): NS on h minimises NS(h). */
export function minimisedDivergence(scheme: SchemeConfig): LandscapeId | null {
  // the hinge loss's critic is not a Wasserstein potential: no closed-form divergence
  if (scheme.objective === 'wgan') return scheme.wassersteinForm === 'hinge' ? null : 'w1';
  if (scheme.objective === 'kl-wgan') return null;
  switch (scheme.generatorForm) {
    case 'saturating': return scheme.criticDivergence;
    case 'hybrid': return scheme.generatorDivergence;
    case 'non-saturating': return nonSaturatingOf(scheme.criticDivergence);
  }
}

export function schemeLabel(scheme: SchemeConfig): string {
  return baseLabel(scheme) + (scheme.spectralNorm ? ' + SN' : '');
}

function baseLabel(scheme: SchemeConfig): string {
  const name = (id: DivergenceId) => LANDSCAPE_SHORT_NAMES[id];
  const penalty = scheme.penalty === 'gp' ? ' + GP' : scheme.penalty === 'dragan' ? ' + DRAGAN' : '';
  const hinge = scheme.objective !== 'f-gan' && scheme.wassersteinForm === 'hinge';
  if (scheme.objective === 'wgan' && hinge) return `hinge GAN${penalty}`;
  if (scheme.objective === 'wgan') return (scheme.penalty === 'gp' ? 'WGAN-GP' : 'WGAN') + (scheme.penalty === 'dragan' ? ' + DRAGAN' : '');
  if (scheme.objective === 'kl-wgan') {
    const variant = [hinge ? 'hinge' : '', scheme.klRatioGradient === 'differentiated' ? 'through r' : ''].filter(Boolean).join(', ');
    return `KL-WGAN${variant ? ` (${variant})` : ''}${penalty}`;
  }
  switch (scheme.generatorForm) {
    case 'saturating': return `saturating ${name(scheme.criticDivergence)}${penalty}`;
    case 'non-saturating': return `non-saturating ${name(scheme.criticDivergence)}${penalty}`;
    case 'hybrid': return `hybrid (${name(scheme.generatorDivergence)}, ${name(scheme.criticDivergence)})${penalty}`;
  }
}

/**
 * The labels of a configuration's schemes: schemes that would share a label are told apart by
 * the options that differ between them ("non-saturating JS (glr 0.004)"), or by their position
 * when they are the same scheme twice.
 */
export function schemeLabels(schemes: readonly SchemeConfig[]): string[] {
  const names = schemes.map(schemeLabel);
  return schemes.map((scheme, i) => {
    const twins = schemes.filter((_, j) => names[j] === names[i]);
    if (twins.length === 1) return names[i];
    const differing = SCHEME_OPTIONS.filter((o) => new Set(twins.map((t) => o.get(t))).size > 1);
    const detail = differing.length > 0 ? differing.map((o) => `${o.key} ${o.get(scheme)}`).join(', ') : `scheme ${i + 1}`;
    return `${names[i]} (${detail})`;
  });
}

/** Optimal critics exist for f-GAN schemes only (d* = log p - log q); other pairs are skipped. */
export function expandRuns(config: Pick<Config, 'schemes' | 'critics' | 'seeds' | 'seed'>): { runs: RunSpec[]; skipped: string[] } {
  const kinds: Array<'learned' | 'optimal'> = config.critics === 'both' ? ['learned', 'optimal'] : [config.critics];
  const runs: RunSpec[] = [];
  const skipped: string[] = [];
  const labels = schemeLabels(config.schemes);
  config.schemes.forEach((scheme, schemeIndex) => {
    for (const critic of kinds) {
      if (critic === 'optimal' && scheme.objective !== 'f-gan') {
        skipped.push(`${labels[schemeIndex]} has no analytically optimal critic; its optimal-critic runs were left out.`);
        continue;
      }
      for (let s = 0; s < config.seeds; s++) {
        const seed = config.seed + s;
        runs.push({
          index: runs.length, schemeIndex, scheme, critic, seed,
          minimises: minimisedDivergence(scheme),
          label: `${labels[schemeIndex]} · ${critic} · seed ${seed}`,
        });
      }
    }
  });
  return { runs, skipped };
}
