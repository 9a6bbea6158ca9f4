// The glossary of both pages: every technical term on screen, with what it is and why it matters
// here, in a sentence or two. The divergences' entries are the catalog's own descriptions, so the
// maths has one source; the Term component shows an entry beside the word.
import { DIVERGENCES, LANDSCAPE_NAMES, type LandscapeId } from '../math/catalog';
import type { GENERATOR_FORMS, SchemeFamily } from '../config/schema';
import type { BackendName } from '../engine/protocol';

type GeneratorForm = (typeof GENERATOR_FORMS)[number];

/** Terms that are neither a divergence, a scheme family, a generator form nor a backend. */
const GENERAL_TERMS = {
  'f-divergence': ['f-divergence', 'A way to measure how far the generator\'s distribution q is from the target p; each GAN loss below minimises one of them, and which one decides where q settles.'],
  'critic-divergence': ['critic divergence h', 'The f-divergence the critic is trained to estimate. Its choice decides what the critic\'s output d(x) means.'],
  'generator-divergence': ['generator divergence f', 'The f-divergence the generator\'s loss is built from (in the hybrid form it may differ from h). It decides which minimum the generator heads for.'],
  'optimal-critic': ['optimal critic d*', 'The best possible critic, d*(x) = log p(x)/q(x), computed exactly instead of learned. Runs with it show where a loss leads when the critic is perfect.'],
  'learned-critic': ['learned critic d', 'A small neural network trained alongside the generator to tell target samples from generated ones. It only approximates d*, so its runs wander more.'],
  'tail-weights': ['tail weights', 'How strongly a divergence punishes q for missing mass of p (left) or for putting mass where p has little (right). Large left weight: mode-seeking; large right weight: mass-covering.'],
  'frechet': ['Fréchet distance', 'The distance between two Gaussians with q\'s and p\'s means and covariances. It is 0 only when the means and covariances match, whatever the shapes.'],
  'pushforward': ['pushforward', 'The distribution of the critic\'s outputs d(x) when x is drawn from p (real) or from q (fake). How the two overlap shows what the generator\'s loss sees.'],
  'landscape': ['landscape', 'The exact value of a divergence for every generator (mu, sigma) on the panel, drawn as contours. Its minimum is where training with that loss should end.'],
  'mu-sigma': ['(mu, sigma)', 'The generator\'s parameters: q is the Gaussian N(mu, sigma²). Every point of a panel is one such generator.'],
  'software-webgl': ['software WebGL', 'WebGL drawn by the processor (e.g. SwiftShader) because no graphics card is available; it is much slower than a real GPU, so training uses the CPU instead.'],
} as const satisfies Record<string, readonly [string, string]>;

type GeneralTerm = keyof typeof GENERAL_TERMS;

export type TermId = LandscapeId | SchemeFamily | GeneratorForm | BackendName | GeneralTerm;

export interface GlossaryEntry {
  /** The term as it reads on screen. */
  term: string;
  /** What it is and why it matters here. */
  text: string;
}

const SCHEME_TERMS: Record<SchemeFamily, GlossaryEntry> = {
  sat: { term: 'saturating', text: 'The original GAN loss: the generator minimises the same objective the critic maximises. Its gradient vanishes when the critic wins, and it settles in the minimum of h itself (JS for the classic GAN).' },
  ns: { term: 'non-saturating', text: 'The loss used in practice: the generator maximises the critic\'s score on its samples instead. Strong gradients early on, but it minimises a different divergence, the softened reverse KL for JS.' },
  hyb: { term: 'hybrid (f, h)', text: 'The critic is trained on divergence h and the generator minimises divergence f through the critic\'s output, so one critic can serve another loss.' },
  wgan: { term: 'WGAN', text: 'Wasserstein GAN: the critic estimates the Wasserstein-1 distance (kept 1-Lipschitz by clipping its weights), which has gradients even where the distributions do not overlap.' },
  'wgan-gp': { term: 'WGAN-GP', text: 'WGAN whose critic is kept 1-Lipschitz by a gradient penalty instead of clipping: smoother and more stable.' },
  'kl-wgan': { term: 'KL-WGAN', text: 'A Wasserstein critic whose scores are reweighted by a softmax, a KL-style objective (Song & Ermon 2020).' },
  'gan-gp': { term: 'GAN-GP', text: 'The non-saturating GAN with a gradient penalty on the critic, which keeps its gradients tame.' },
  dragan: { term: 'DRAGAN', text: 'The non-saturating GAN with a penalty on the critic\'s gradient near the real samples only.' },
};

const FORM_TERMS: Record<GeneratorForm, GlossaryEntry> = {
  saturating: { term: 'saturating', text: SCHEME_TERMS.sat.text },
  'non-saturating': { term: 'non-saturating', text: SCHEME_TERMS.ns.text },
  hybrid: { term: 'hybrid', text: SCHEME_TERMS.hyb.text },
};

const BACKEND_TERMS: Record<BackendName, GlossaryEntry> = {
  webgl: { term: 'webgl', text: 'Training on the graphics card through WebGL: the fastest with a real GPU, slow where WebGL is drawn in software.' },
  wasm: { term: 'wasm', text: 'Training on the processor through WebAssembly: steady and fast for networks this small; the usual choice without a graphics card.' },
  cpu: { term: 'cpu', text: 'Training on the processor in plain JavaScript: the slowest, used only when neither WebGL nor WebAssembly works.' },
};

const DIVERGENCE_TERMS = Object.fromEntries(DIVERGENCES.map((d) => [d.id, { term: d.shortName, text: `${d.name}. ${d.description}` }])) as Record<LandscapeId, GlossaryEntry>;
DIVERGENCE_TERMS.w1 = { term: 'W1', text: `${LANDSCAPE_NAMES.w1}: the cost of moving q's mass onto p's. Not an f-divergence; WGAN critics estimate it.` };

export const GLOSSARY: Readonly<Record<TermId, GlossaryEntry>> = Object.freeze({
  ...DIVERGENCE_TERMS,
  ...SCHEME_TERMS,
  ...FORM_TERMS,
  ...BACKEND_TERMS,
  ...Object.fromEntries(Object.entries(GENERAL_TERMS).map(([id, [term, text]]) => [id, { term, text }])) as Record<GeneralTerm, GlossaryEntry>,
});
