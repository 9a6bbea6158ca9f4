// The one typed configuration of an experiment. The URL codec, the UI forms, the headless
// commands and the engine all read and validate through this module.
import { z } from 'zod';
import { DIVERGENCE_IDS, type DivergenceId } from '../math/criticBasis';
import { LANDSCAPE_IDS, type LandscapeId } from '../math/catalog';
import { PAPER_TARGET, type MixtureComponent } from '../math/mixture';

export { LANDSCAPE_IDS, PAPER_TARGET, type LandscapeId, type MixtureComponent };

export const OPTIMIZER_KINDS = ['sgd', 'adam', 'rmsprop'] as const;
export const GENERATOR_FORMS = ['saturating', 'non-saturating', 'hybrid'] as const;
export const OBJECTIVES = ['f-gan', 'wgan', 'kl-wgan'] as const;
export const PENALTIES = ['none', 'gp', 'dragan'] as const;
/** The Wasserstein family's critic loss: linear E_q[r D] - E_p[D], or the hinge
 * E_p[relu(1 - D)] + E_q[relu(1 + r D)] (r = 1 outside KL-WGAN). */
export const WASSERSTEIN_FORMS = ['wgan', 'hinge'] as const;
/** KL-WGAN's r = e^D / mean(e^D): a constant in the gradient (the Donsker-Varadhan bound's
 * gradient), or differentiated through (Song & Ermon's code). */
export const KL_RATIO_GRADIENTS = ['constant', 'differentiated'] as const;
export const CRITIC_KINDS = ['learned', 'optimal', 'both'] as const;
export const ACTIVATIONS = ['elu', 'relu', 'leaky-relu', 'tanh', 'softplus'] as const;
export const BACKENDS = ['auto', 'webgl', 'wasm', 'cpu'] as const;
export const SIGMA_PARAMETRIZATIONS = ['direct', 'log'] as const;

export type OptimizerKind = (typeof OPTIMIZER_KINDS)[number];
export type GeneratorForm = (typeof GENERATOR_FORMS)[number];
export type Objective = (typeof OBJECTIVES)[number];
export type Penalty = (typeof PENALTIES)[number];
export type WassersteinForm = (typeof WASSERSTEIN_FORMS)[number];
export type KlRatioGradient = (typeof KL_RATIO_GRADIENTS)[number];
export type CriticKind = (typeof CRITIC_KINDS)[number];
export type Activation = (typeof ACTIVATIONS)[number];
export type BackendChoice = (typeof BACKENDS)[number];
export const MAX_WORKERS = 8;

const finite = () => z.number().refine(Number.isFinite, 'must be a finite number');

/** The smallest normal float32: the engine computes in float32, where smaller positive values
 * are subnormal or 0 (a learning rate or sigma of 1e-300 would silently become 0). */
export const FLOAT32_MIN = 2 ** -126;
const FLOAT32_MESSAGE = 'must be at least 1.2e-38: smaller values are 0 in float32';
/** A positive number that float32 can hold. */
const positive = (message: string) => finite().gt(0, message).min(FLOAT32_MIN, FLOAT32_MESSAGE);
/** 0 (switched off) or a positive number that float32 can hold. */
const zeroOrPositive = () => finite().min(0).refine((x) => x === 0 || x >= FLOAT32_MIN, FLOAT32_MESSAGE);

export const componentSchema = z.object({
  weight: finite().gt(0, 'weight must be > 0').max(1000),
  mean: finite().min(-10).max(10),
  std: finite().min(0.01).max(10),
}) satisfies z.ZodType<MixtureComponent>;

export const optimizerSchema = z.object({
  kind: z.enum(OPTIMIZER_KINDS),
  learningRate: positive('learning rate must be > 0').max(10),
  /** Adam's first-moment decay. */
  beta1: finite().min(0).lt(1).default(0.9),
  /** Adam's second-moment decay. */
  beta2: finite().min(0).lt(1).default(0.999),
  /** RMSProp's decay of the squared-gradient average. */
  rho: finite().min(0).lt(1).default(0.9),
  epsilon: positive('epsilon must be > 0').max(1).default(1e-8),
});

export const schemeSchema = z.object({
  objective: z.enum(OBJECTIVES).default('f-gan'),
  /** h: the divergence whose variational bound the critic maximises (f-gan only). */
  criticDivergence: z.enum(DIVERGENCE_IDS).default('js'),
  generatorForm: z.enum(GENERATOR_FORMS).default('non-saturating'),
  /** f: the generator's divergence in the hybrid form (minimise -E_q b_f(d)). */
  generatorDivergence: z.enum(DIVERGENCE_IDS).default('js'),
  penalty: z.enum(PENALTIES).default('none'),
  /** lambda of the gradient penalty. */
  penaltyWeight: zeroOrPositive().max(1000).default(10),
  /** DRAGAN perturbation scale, as a multiple of the data's standard deviation. */
  draganScale: positive('the DRAGAN scale must be > 0').max(10).default(0.5),
  /** Critic weight clipping to [-clip, clip]; 0 switches it off. */
  clip: zeroOrPositive().max(10).default(0),
  /** The critic loss of WGAN and KL-WGAN (the f-GAN objective ignores it). */
  wassersteinForm: z.enum(WASSERSTEIN_FORMS).default('wgan'),
  /** Whether KL-WGAN's gradient flows through r, for both players (other objectives ignore it). */
  klRatioGradient: z.enum(KL_RATIO_GRADIENTS).default('constant'),
  /** The learned critic's weight matrices used as W / sigma_max(W) (Miyato et al. 2018). */
  spectralNorm: z.boolean().default(false),
  criticOptimizer: optimizerSchema,
  generatorOptimizer: optimizerSchema,
});

/** Keys whose value may change while an experiment runs (src/config/schedule.ts): scheme options
 * (optimizers, penalty weight, DRAGAN scale, clipping) and the global critic steps and batch size. */
export const LIVE_SCHEME_KEYS = ['clr', 'copt', 'cb1', 'cb2', 'crho', 'ceps', 'glr', 'gopt', 'gb1', 'gb2', 'grho', 'geps', 'lam', 'dscale', 'clip'] as const;
export const LIVE_GLOBAL_KEYS = ['csteps', 'batch'] as const;
export type LiveSchemeKey = (typeof LIVE_SCHEME_KEYS)[number];
export type LiveGlobalKey = (typeof LIVE_GLOBAL_KEYS)[number];
export type LiveKey = LiveSchemeKey | LiveGlobalKey;

/** A live setting's value: an optimizer kind (copt, gopt) or a number (src/config/liveSettings.ts). */
export type LiveValue = number | OptimizerKind;

/** A setting that changes from generator step `step` on: the steps after it use `value`. `scheme`
 * is the scheme's index for scheme options, null for global keys. A number written as text (as
 * files of earlier versions hold it) reads as the number. */
export const liveChangeSchema = z.object({
  step: z.number().int().min(1).max(200_000),
  scheme: z.number().int().min(0).max(7).nullable(),
  key: z.enum([...LIVE_SCHEME_KEYS, ...LIVE_GLOBAL_KEYS]),
  value: z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v), z.union([finite(), z.enum(OPTIMIZER_KINDS)])),
});

/** The fields of the runs and their training that the 1-D and 2-D configurations share. */
export const RUN_FIELDS = {
  schemes: z.array(schemeSchema).min(1, 'at least one scheme').max(8, 'at most 8 schemes'),
  critics: z.enum(CRITIC_KINDS).default('both'),
  /** Independent runs per scheme and critic kind. */
  seeds: z.number().int().min(1).max(8).default(1),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
  batchSize: z.number().int().min(2).max(4096).default(256),
  criticSteps: z.number().int().min(1).max(50).default(5),
};

/** Where the runs train, in both dimensions: the backend, and how many training workers share the
 * runs ('auto' splits them over the cores on wasm and cpu, src/engine/shards.ts; a number fixes
 * it, in the page and in the headless command's threads). */
export const ENGINE_FIELDS = {
  backend: z.enum(BACKENDS).default('auto'),
  workers: z.union([z.literal('auto'), z.number().int().min(1).max(MAX_WORKERS)], { error: `workers must be auto or a whole number from 1 to ${MAX_WORKERS}` }).default('auto'),
};

export const configSchema = z.object({
  target: z.array(componentSchema).min(1, 'the target needs at least one component').max(8, 'at most 8 target components'),
  mu0: finite().min(-10).max(10).default(1.8),
  sigma0: positive('sigma must be > 0').max(10).default(1.8),
  /** How sigma stays positive: 'direct' trains sigma as the paper does and stops a run whose
   * sigma reaches 0; 'log' trains log sigma. */
  sigmaParametrization: z.enum(SIGMA_PARAMETRIZATIONS).default('direct'),
  critic: z.object({
    hidden: z.array(z.number().int().min(1).max(256)).min(1).max(4).default([20, 20]),
    activation: z.enum(ACTIVATIONS).default('elu'),
  }),
  ...RUN_FIELDS,
  steps: z.number().int().min(1).max(200_000).default(4000),
  ...ENGINE_FIELDS,
  /** Landscape panels shown beside the divergences the schemes minimise. */
  panels: z.array(z.enum(LANDSCAPE_IDS)).max(13).default(['js', 'srkl', 'rkl', 'igog']),
  /** Settings changed while training, in step order: a schedule that a link replays. */
  changes: z.array(liveChangeSchema).max(256).default([]),
});

export type OptimizerConfig = z.infer<typeof optimizerSchema>;
export type SchemeConfig = z.infer<typeof schemeSchema>;
export type Config = z.infer<typeof configSchema>;
export type WorkerCount = Config['workers'];
export type LiveChange = z.infer<typeof liveChangeSchema>;

/** A problem found while reading a configuration: the value was not used, or (adjusted) it was
 * used after a change the message describes, such as rescaled target weights. */
export interface ConfigIssue {
  field: string;
  message: string;
  adjusted?: true;
}

/** Text for a message: on one line, at most `max` characters, with an ellipsis where it was cut. */
export function shortText(text: string, max = 60): string {
  const line = text.length > 4 * max ? `${text.slice(0, 4 * max)} ` : text;
  const folded = line.replace(/\s+/g, ' ');
  return folded.length > max || line !== text ? `${folded.slice(0, max - 1).trimEnd()}…` : folded;
}

export const PAPER_CRITIC_LR = 2e-2;
export const PAPER_SATURATING_GENERATOR_LR = 4e-3;
export const PAPER_GENERATOR_LR = 2e-3;

export function sgd(learningRate: number): OptimizerConfig {
  return optimizerSchema.parse({ kind: 'sgd', learningRate });
}
export function adam(learningRate: number, beta1 = 0.9, beta2 = 0.999): OptimizerConfig {
  return optimizerSchema.parse({ kind: 'adam', learningRate, beta1, beta2 });
}
export function rmsprop(learningRate: number): OptimizerConfig {
  return optimizerSchema.parse({ kind: 'rmsprop', learningRate });
}

/** The scheme families a URL token or a UI preset starts from, with the paper's defaults. */
export const SCHEME_FAMILIES = ['sat', 'ns', 'hyb', 'wgan', 'wgan-gp', 'kl-wgan', 'gan-gp', 'dragan'] as const;
export type SchemeFamily = (typeof SCHEME_FAMILIES)[number];

export function baseScheme(family: SchemeFamily, criticDivergence: DivergenceId = 'js', generatorDivergence: DivergenceId = 'js'): SchemeConfig {
  const fgan = (generatorForm: GeneratorForm, generatorLr: number, extra: Partial<SchemeConfig> = {}) =>
    schemeSchema.parse({
      objective: 'f-gan', criticDivergence, generatorDivergence: generatorForm === 'hybrid' ? generatorDivergence : criticDivergence,
      generatorForm, criticOptimizer: sgd(PAPER_CRITIC_LR), generatorOptimizer: sgd(generatorLr), ...extra,
    });
  switch (family) {
    case 'sat': return fgan('saturating', PAPER_SATURATING_GENERATOR_LR);
    case 'ns': return fgan('non-saturating', PAPER_GENERATOR_LR);
    case 'hyb': return fgan('hybrid', PAPER_GENERATOR_LR);
    case 'gan-gp': return fgan('non-saturating', PAPER_GENERATOR_LR, { penalty: 'gp', penaltyWeight: 0.1 });
    case 'dragan': return fgan('non-saturating', PAPER_GENERATOR_LR, { penalty: 'dragan', penaltyWeight: 0.1, draganScale: 0.5 });
    // Tuned on the paper's toy problem (batch 256, 5 critic steps; W1 minimum near (1.011, 1.352)).
    // WGAN: the paper's c = 0.01 with RMSProp 5e-5 barely moves; c = 0.01 at 5e-3 still ends at
    // sigma ~ 1.7 after 2000 steps, c = 0.05 with RMSProp 5e-3 / 2e-3 is within 0.08 of the minimum.
    case 'wgan': return schemeSchema.parse({ objective: 'wgan', clip: 0.05, criticOptimizer: rmsprop(5e-3), generatorOptimizer: rmsprop(2e-3) });
    // WGAN-GP: lambda 0.1 leaves sigma ~0.2 too small; lambda 10 with these rates diverges; lambda 1
    // with Adam 1e-2 (critic) / 3e-3 (generator) ends within ~0.09 of the minimum in 2000-4000 steps.
    case 'wgan-gp': return schemeSchema.parse({ objective: 'wgan', penalty: 'gp', penaltyWeight: 1, criticOptimizer: adam(1e-2, 0.5, 0.9), generatorOptimizer: adam(3e-3, 0.5, 0.9) });
    // KL-WGAN: WGAN's settings, so that the two differ only by the reweighting r.
    case 'kl-wgan': return schemeSchema.parse({ objective: 'kl-wgan', clip: 0.05, criticOptimizer: rmsprop(5e-3), generatorOptimizer: rmsprop(2e-3) });
  }
}

/** The family a scheme is written from (the inverse of baseScheme up to option overrides). */
export function schemeFamily(scheme: SchemeConfig): SchemeFamily {
  if (scheme.objective === 'wgan') return scheme.penalty === 'gp' ? 'wgan-gp' : 'wgan';
  if (scheme.objective === 'kl-wgan') return 'kl-wgan';
  if (scheme.generatorForm === 'saturating') return 'sat';
  if (scheme.generatorForm === 'hybrid') return 'hyb';
  return 'ns';
}

export function defaultConfig(): Config {
  return configSchema.parse({
    target: PAPER_TARGET,
    critic: {},
    schemes: [baseScheme('ns')],
  });
}

/** Normalises mixture weights to sum to 1; returns a notice when they did not. */
export function normaliseTarget(target: MixtureComponent[]): { target: MixtureComponent[]; notice: string | null } {
  const total = target.reduce((s, c) => s + c.weight, 0);
  if (Math.abs(total - 1) < 1e-9) return { target, notice: null };
  return {
    target: target.map((c) => ({ ...c, weight: c.weight / total })),
    notice: `Target weights summed to ${+total.toPrecision(6)}; they were rescaled to sum to 1.`,
  };
}

/** The one rule for unnormalised target weights, in URLs and JSON files alike: they are
 * rescaled to sum to 1, with an issue marked adjusted that says so. */
export function targetWeightIssue(notice: string | null): ConfigIssue[] {
  return notice ? [{ field: 'target', message: notice, adjusted: true }] : [];
}

function describeIssues(error: z.ZodError): ConfigIssue[] {
  return error.issues.map((i) => ({ field: i.path.join('.') || '(config)', message: i.message }));
}

/** Validates a whole configuration (as the headless command reads it from JSON). */
export function validateConfig(value: unknown): { config: Config; issues: ConfigIssue[] } | { config: null; issues: ConfigIssue[] } {
  const parsed = configSchema.safeParse(value);
  if (!parsed.success) return { config: null, issues: describeIssues(parsed.error) };
  const { target, notice } = normaliseTarget(parsed.data.target);
  return { config: { ...parsed.data, target }, issues: targetWeightIssue(notice) };
}

/** The keys of `value` that `schema` does not know, as dotted paths, at any depth. */
export function unknownKeys(value: unknown, schema: z.ZodType, path = ''): string[] {
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) {
    return unknownKeys(value, schema.unwrap() as z.ZodType, path);
  }
  if (schema instanceof z.ZodArray && Array.isArray(value)) {
    return value.flatMap((item, i) => unknownKeys(item, schema.element as z.ZodType, `${path}${path ? '.' : ''}${i}`));
  }
  if (!(schema instanceof z.ZodObject) || typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  const shape = schema.shape as Record<string, z.ZodType>;
  return Object.keys(value).flatMap((key) => {
    const at = `${path}${path ? '.' : ''}${key}`;
    return Object.hasOwn(shape, key) ? unknownKeys((value as Record<string, unknown>)[key], shape[key], at) : [at];
  });
}

/** A results file of the experiment command holds the configuration it ran under `config`. */
function isResultsFile(obj: Record<string, unknown>): boolean {
  return typeof obj.config === 'object' && obj.config !== null && Array.isArray(obj.runs);
}

/** Reads a JSON config file's text: missing fields take their defaults. */
export function parseConfigJson(text: string): { config: Config | null; issues: ConfigIssue[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { config: null, issues: [{ field: '(json)', message: `not valid JSON: ${shortText((e as Error).message, 160)}` }] };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { config: null, issues: [{ field: '(json)', message: 'expected a JSON object' }] };
  }
  const notes: ConfigIssue[] = [];
  let obj = raw as Record<string, unknown>;
  if (isResultsFile(obj)) {
    obj = obj.config as Record<string, unknown>;
    notes.push({ field: '(json)', message: 'a results file: read the configuration it holds', adjusted: true });
  }
  const unknown = unknownKeys(obj, configSchema);
  if (unknown.length > 0) {
    const names = unknown.slice(0, 5).map((k) => `"${shortText(k, 40)}"`).join(', ') + (unknown.length > 5 ? ` and ${unknown.length - 5} more` : '');
    return { config: null, issues: [{ field: unknown[0], message: `unknown ${unknown.length === 1 ? 'key' : 'keys'} ${names}` }] };
  }
  const base = defaultConfig();
  const merged = {
    ...base,
    ...obj,
    critic: { ...base.critic, ...(typeof obj.critic === 'object' && obj.critic ? obj.critic : {}) },
  };
  const result = validateConfig(merged);
  return { config: result.config, issues: result.config ? [...notes, ...result.issues] : result.issues };
}
