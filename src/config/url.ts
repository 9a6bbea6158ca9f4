// The configuration as a short, readable query string: one typed table of fields, only values
// that differ from the defaults are written, and anything unreadable falls back to its default
// with an issue that names it.
//
//   ?s=sat:js&s=ns:js&s=hyb:rkl:js;glr=0.001&critic=both&seeds=2&target=0.5:0:0.3,0.5:2:1
//
// A scheme token is `sat:H`, `ns:H`, `hyb:F:H`, `wgan`, `wgan-gp` or `kl-wgan`, followed by
// `;key=value` options for whatever differs from that family's defaults
// (e.g. `kl-wgan;form=hinge;r=differentiated;sn=1`).
import { z } from 'zod';
import {
  ACTIVATIONS, BACKENDS, CRITIC_KINDS, KL_RATIO_GRADIENTS, LANDSCAPE_IDS, OPTIMIZER_KINDS, PENALTIES, SCHEME_FAMILIES, SIGMA_PARAMETRIZATIONS, WASSERSTEIN_FORMS,
  LIVE_GLOBAL_KEYS, LIVE_SCHEME_KEYS, baseScheme, componentSchema, configSchema, defaultConfig, normaliseTarget, schemeFamily, schemeSchema, targetWeightIssue,
  type Activation, type Config, type ConfigIssue, type LiveChange, type LiveKey, type OptimizerConfig, type SchemeConfig, type SchemeFamily,
} from './schema';
import { DIVERGENCE_IDS, type DivergenceId } from '../math/criticBasis';
import { getPreset } from './presets';
import { queryParams } from './queryParams';
import { fieldsOf, formatNumber, int, num, oneOf, q } from './codecs';
import { applyChange, compareChanges, readLiveValue, spellValue, type LiveSettings } from './liveSettings';

export { formatNumber } from './codecs';

type Shape = z.infer<typeof configSchema>;


const field = fieldsOf<Shape>();

/** The fields of the runs and their training, shared by the 1-D and 2-D links (the critic's
 * activation, when a link leaves it out, is the problem's default). */
export function runFields(activation: Activation) {
  const of = fieldsOf<Pick<Config, 'critic' | 'critics' | 'seeds' | 'seed' | 'batchSize' | 'criticSteps' | 'steps'>>();
  return [
    of('arch', 'critic', (c) => `${c.hidden.join('x')}-${c.activation}`, (text) => {
      const m = /^([\dx]+)(?:-([a-z-]+))?$/.exec(text);
      if (!m) throw new Error(`"${q(text)}" should look like 20x20-${activation}`);
      return { hidden: m[1].split('x').map(int), activation: oneOf(ACTIVATIONS)(m[2] ?? activation) };
    }),
    of('critic', 'critics', String, oneOf(CRITIC_KINDS)),
    of('seeds', 'seeds', String, int),
    of('seed', 'seed', String, int),
    of('batch', 'batchSize', String, int),
    of('csteps', 'criticSteps', String, int),
    of('steps', 'steps', String, int),
  ] as const;
}

/** Where the runs train, shared by the 1-D and 2-D links. */
export function engineFields() {
  const of = fieldsOf<Pick<Config, 'backend' | 'workers'>>();
  return [
    of('backend', 'backend', String, oneOf(BACKENDS)),
    of('workers', 'workers', String, (text) => (text === 'auto' ? 'auto' : int(text))),
  ] as const;
}

const FIELDS = [
  field('target', 'target',
    (t) => t.map((c) => [c.weight, c.mean, c.std].map(formatNumber).join(':')).join(','),
    (text) => text.split(',').map((part) => {
      const bits = part.split(':');
      if (bits.length !== 3) throw new Error(`component "${q(part)}" should be weight:mean:std`);
      const [weight, mean, std] = bits.map(num);
      return { weight, mean, std };
    })),
  field('mu0', 'mu0', formatNumber, num),
  field('sigma0', 'sigma0', formatNumber, num),
  field('param', 'sigmaParametrization', String, oneOf(SIGMA_PARAMETRIZATIONS)),
  ...runFields('elu'),
  ...engineFields(),
  field('panels', 'panels', (p) => p.join(','), (text) => (text === '' ? [] : text.split(',').map(oneOf(LANDSCAPE_IDS)))),
] as const;

/** Scheme options: each reads/writes one scheme field relative to its family's defaults. */
interface SchemeOption {
  key: string;
  get: (s: SchemeConfig) => string;
  set: (s: SchemeConfig, text: string) => SchemeConfig;
}

function optimizerOptions(prefix: 'c' | 'g', player: 'criticOptimizer' | 'generatorOptimizer'): SchemeOption[] {
  const on = (s: SchemeConfig, patch: Partial<OptimizerConfig>): SchemeConfig => ({ ...s, [player]: { ...s[player], ...patch } });
  return [
    { key: `${prefix}opt`, get: (s) => s[player].kind, set: (s, t) => on(s, { kind: oneOf(OPTIMIZER_KINDS)(t) }) },
    { key: `${prefix}lr`, get: (s) => formatNumber(s[player].learningRate), set: (s, t) => on(s, { learningRate: num(t) }) },
    { key: `${prefix}b1`, get: (s) => formatNumber(s[player].beta1), set: (s, t) => on(s, { beta1: num(t) }) },
    { key: `${prefix}b2`, get: (s) => formatNumber(s[player].beta2), set: (s, t) => on(s, { beta2: num(t) }) },
    { key: `${prefix}rho`, get: (s) => formatNumber(s[player].rho), set: (s, t) => on(s, { rho: num(t) }) },
    { key: `${prefix}eps`, get: (s) => formatNumber(s[player].epsilon), set: (s, t) => on(s, { epsilon: num(t) }) },
  ];
}

export const SCHEME_OPTIONS: SchemeOption[] = [
  ...optimizerOptions('c', 'criticOptimizer'),
  ...optimizerOptions('g', 'generatorOptimizer'),
  { key: 'pen', get: (s) => s.penalty, set: (s, t) => ({ ...s, penalty: oneOf(PENALTIES)(t) }) },
  { key: 'lam', get: (s) => formatNumber(s.penaltyWeight), set: (s, t) => ({ ...s, penaltyWeight: num(t) }) },
  { key: 'dscale', get: (s) => formatNumber(s.draganScale), set: (s, t) => ({ ...s, draganScale: num(t) }) },
  { key: 'clip', get: (s) => formatNumber(s.clip), set: (s, t) => ({ ...s, clip: num(t) }) },
  { key: 'form', get: (s) => s.wassersteinForm, set: (s, t) => ({ ...s, wassersteinForm: oneOf(WASSERSTEIN_FORMS)(t) }) },
  { key: 'r', get: (s) => s.klRatioGradient, set: (s, t) => ({ ...s, klRatioGradient: oneOf(KL_RATIO_GRADIENTS)(t) }) },
  { key: 'sn', get: (s) => (s.spectralNorm ? '1' : '0'), set: (s, t) => ({ ...s, spectralNorm: oneOf(['0', '1'] as const)(t) === '1' }) },
];

const divergence = oneOf(DIVERGENCE_IDS);

function schemeHead(s: SchemeConfig): { head: string; base: SchemeConfig } {
  const family = schemeFamily(s);
  const base = baseScheme(family, s.criticDivergence, s.generatorDivergence);
  switch (family) {
    case 'sat': case 'ns': return { head: `${family}:${s.criticDivergence}`, base };
    case 'hyb': return { head: `hyb:${s.generatorDivergence}:${s.criticDivergence}`, base };
    default: return { head: family, base };
  }
}

/** A value followed by its live changes: `0.002,0.004@1200` (0.004 from generator step 1200 on). */
export function withSchedule(value: string, changes: readonly LiveChange[]): string {
  return [value, ...changes.map((c) => `${spellValue(c.value)}@${c.step}`)].join(',');
}

/** Splits `v0,v1@N1,...` into the value at step 0 and the later values with their steps. */
function splitSchedule(text: string): { value: string; later: { step: number; value: string }[] } {
  const [first, ...rest] = text.split(',');
  const at = (part: string) => {
    const i = part.lastIndexOf('@');
    return i < 0 ? { value: part, step: null } : { value: part.slice(0, i), step: part.slice(i + 1) };
  };
  const head = at(first);
  if (head.step !== null && head.step !== '0') throw new Error(`"${q(first)}": the first value holds from step 0 (write it without @)`);
  let previous = 0;
  const later = rest.map((part) => {
    const { value, step } = at(part);
    if (step === null || !/^\d{1,6}$/.test(step)) throw new Error(`"${q(part)}" should be value@step`);
    const n = Number(step);
    if (n <= previous) throw new Error(`"${q(part)}": the steps of a schedule must increase`);
    previous = n;
    return { step: n, value };
  });
  return { value: head.value, later };
}

/** A scheme token; `changes` are this scheme's live changes (written as schedules of its options). */
export function encodeScheme(s: SchemeConfig, changes: readonly LiveChange[] = []): string {
  const { head, base } = schemeHead(s);
  const options = SCHEME_OPTIONS.flatMap((o) => {
    const own = changes.filter((c) => c.key === o.key);
    return o.get(s) !== o.get(base) || own.length > 0 ? [`${o.key}=${withSchedule(o.get(s), own)}`] : [];
  });
  return [head, ...options].join(';');
}

export function decodeScheme(token: string): SchemeConfig {
  return decodeScheduledScheme(token, 0).scheme;
}

/** A scheme token with the live changes its option schedules hold (for scheme number `index`). */
export function decodeScheduledScheme(token: string, index: number): { scheme: SchemeConfig; changes: LiveChange[] } {
  const changes: LiveChange[] = [];
  const [head, ...options] = token.split(';');
  const parts = head.split(':');
  const family = parts[0] as SchemeFamily;
  if (!(SCHEME_FAMILIES as readonly string[]).includes(family) || family === 'gan-gp' || family === 'dragan') {
    throw new Error(`unknown scheme "${q(head)}" (expected sat:H, ns:H, hyb:F:H, wgan, wgan-gp or kl-wgan)`);
  }
  let scheme: SchemeConfig;
  if (family === 'sat' || family === 'ns') {
    if (parts.length !== 2) throw new Error(`"${q(head)}" should be ${family}:H with H a divergence id`);
    scheme = baseScheme(family, divergence(parts[1]));
  } else if (family === 'hyb') {
    if (parts.length !== 3) throw new Error(`"${q(head)}" should be hyb:F:H (generator F, critic H)`);
    scheme = baseScheme('hyb', divergence(parts[2]), divergence(parts[1]) as DivergenceId);
  } else {
    if (parts.length !== 1) throw new Error(`"${q(head)}" takes no divergence`);
    scheme = baseScheme(family);
  }
  for (const opt of options) {
    const eq = opt.indexOf('=');
    const key = eq < 0 ? opt : opt.slice(0, eq);
    const option = SCHEME_OPTIONS.find((o) => o.key === key);
    if (!option || eq < 0) throw new Error(`unknown scheme option "${q(opt)}"`);
    const text = opt.slice(eq + 1);
    if (!isLiveKey(key) || !text.includes(',')) {
      scheme = option.set(scheme, text);
      continue;
    }
    const { value, later } = splitSchedule(text);
    scheme = option.set(scheme, value);
    for (const c of later) changes.push({ step: c.step, scheme: index, key, value: readLiveValue(key, c.value) });
  }
  const parsed = schemeSchema.safeParse(scheme);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new Error(`${i.path.join('.')}: ${i.message}`);
  }
  for (const c of changes) applyChange({ ...defaultConfig(), schemes: [parsed.data], changes: [] }, { ...c, scheme: 0 });
  return { scheme: parsed.data, changes };
}

function isLiveKey(key: string): key is LiveKey {
  return (LIVE_SCHEME_KEYS as readonly string[]).includes(key) || (LIVE_GLOBAL_KEYS as readonly string[]).includes(key);
}

// Only the characters that would break the query are escaped, so links stay readable: '=' stays
// as it is (`s=ns:js;glr=0.003`), since a query parameter is split at its first '=' only.
function escapeValue(text: string): string {
  return text.replace(/[%&#+\s?]/g, (c) => encodeURIComponent(c));
}

/** The query string (without '?') for a configuration: only what differs from the defaults. */
export function configToQuery(config: Config): string {
  const defaults = defaultConfig();
  const parts: string[] = [];
  config.schemes.forEach((s, i) => parts.push(`s=${escapeValue(encodeScheme(s, config.changes.filter((c) => c.scheme === i)))}`));
  // A lone default scheme is implied by an empty query.
  if (config.schemes.length === 1 && parts[0] === `s=${escapeValue(encodeScheme(defaults.schemes[0]))}`) parts.length = 0;
  for (const f of FIELDS) {
    const encode = f.encode as (v: unknown) => string;
    const value = encode(config[f.path]);
    const own = config.changes.filter((c) => c.scheme === null && c.key === f.key);
    if (value !== encode(defaults[f.path]) || own.length > 0) parts.push(`${f.key}=${escapeValue(withSchedule(value, own))}`);
  }
  return parts.join('&');
}

const SHAPE_PIECES: Partial<Record<keyof Shape, z.ZodType>> = {
  target: z.array(componentSchema).min(1).max(8),
};

function validateField<K extends keyof Shape>(path: K, value: Shape[K]): string | null {
  const schema = SHAPE_PIECES[path] ?? (configSchema.shape[path] as z.ZodType);
  const result = schema.safeParse(value);
  if (result.success) return null;
  const i = result.error.issues[0];
  const where = i.path.length ? `${i.path.join('.')}: ` : '';
  return where + i.message;
}

/** Reads a query string (with or without '?', or a whole URL). Never throws. */
export function configFromQuery(query: string): { config: Config; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  const params = queryParams(query, issues);
  if (!params) return { config: defaultConfig(), issues };
  let config = presetOf(params, issues);

  // view: the landscape panels' window, not part of the configuration (read by src/ui/viewStore.ts)
  const known = new Set<string>(['s', 'preset', 'view', ...FIELDS.map((f) => f.key)]);
  for (const key of new Set(params.keys())) {
    if (!known.has(key)) issues.push({ field: key, message: `ignored unknown field "${q(key)}"` });
  }

  const changes: LiveChange[] = [];
  const schemes = schemesOf(params, changes, issues);
  if (schemes.length > 0) config = { ...config, schemes };
  config = { ...config, ...fieldValuesOf(params, changes, issues) };

  const normalised = normaliseTarget(config.target);
  issues.push(...targetWeightIssue(normalised.notice));
  config = { ...config, target: normalised.target, changes: validChanges(config, changes, issues) };

  const whole = configSchema.safeParse(config);
  if (!whole.success) {
    issues.push({ field: '(config)', message: `the configuration was invalid as a whole and was reset to defaults: ${whole.error.issues[0].message}` });
    return { config: defaultConfig(), issues };
  }
  return { config: whole.data, issues };
}

/** The configuration a link starts from: its preset, or the defaults. */
function presetOf(params: URLSearchParams, issues: ConfigIssue[]): Config {
  const presetId = params.get('preset');
  if (presetId === null) return defaultConfig();
  const preset = getPreset(presetId);
  if (preset) return structuredClone(preset.config);
  issues.push({ field: 'preset', message: `ignored preset=${q(presetId)}: no such preset` });
  return defaultConfig();
}

/** The link's schemes (s=, at most 8), their scheduled changes added to `changes`. */
function schemesOf(params: URLSearchParams, changes: LiveChange[], issues: ConfigIssue[]): SchemeConfig[] {
  const tokens = params.getAll('s');
  const schemes: SchemeConfig[] = [];
  for (const token of tokens) {
    try {
      const decoded = decodeScheduledScheme(token, schemes.length);
      schemes.push(decoded.scheme);
      changes.push(...decoded.changes);
    } catch (e) {
      issues.push({ field: 's', message: `ignored scheme "${q(token)}": ${(e as Error).message}` });
    }
  }
  if (schemes.length > 8) issues.push({ field: 's', message: `only the first 8 of ${schemes.length} schemes were kept` });
  return schemes.slice(0, 8);
}

/** The link's valid fields; a live field's schedule (value,step:value,...) goes into `changes`. */
function fieldValuesOf(params: URLSearchParams, changes: LiveChange[], issues: ConfigIssue[]): Partial<Config> {
  const fields: Partial<Config> = {};
  for (const f of FIELDS) {
    let text = params.get(f.key);
    if (text === null) continue;
    let value: unknown;
    try {
      text = globalSchedule(f.key, text, changes);
      value = f.decode(text);
    } catch (e) {
      issues.push({ field: f.key, message: `ignored ${f.key}=${q(text)}: ${(e as Error).message}` });
      continue;
    }
    const problem = validateField(f.path, value as never);
    if (problem) {
      issues.push({ field: f.key, message: `ignored ${f.key}=${q(text)}: ${problem}` });
      continue;
    }
    Object.assign(fields, { [f.path]: value });
  }
  return fields;
}

/** A global field's text: a live key's schedule (`v0,v1@N1,...`) adds its later values to
 * `changes` and leaves the value at step 0; any other text is returned as it is. Throws on a bad schedule. */
export function globalSchedule(key: string, text: string, changes: LiveChange[]): string {
  if (!isLiveKey(key) || !text.includes(',')) return text;
  const { value, later } = splitSchedule(text);
  for (const c of later) changes.push({ step: c.step, scheme: null, key, value: readLiveValue(key, c.value) });
  return value;
}

/** The changes that apply to `config` (either dimension), in step order; the others are reported and dropped. */
export function validChanges<C extends LiveSettings>(config: C, changes: LiveChange[], issues: ConfigIssue[]): LiveChange[] {
  const sorted = [...changes].filter((c) => c.scheme === null || c.scheme < config.schemes.length).sort(compareChanges);
  const kept: LiveChange[] = [];
  let current: C = { ...config, changes: [] };
  for (const c of sorted) {
    try {
      current = applyChange(current, c);
      kept.push(c);
    } catch (e) {
      issues.push({ field: c.key, message: `ignored the change ${c.key}=${q(spellValue(c.value))}@${c.step}: ${(e as Error).message}` });
    }
  }
  return kept.slice(0, 256);
}
