// The settings that may change while an experiment trains, with a typed getter and setter each,
// over what the 1-D and 2-D configurations share (their schemes, batch size and critic steps).
// A change holds a value, not text: links spell it (url.ts), the engine applies it.
import {
  LIVE_GLOBAL_KEYS, LIVE_SCHEME_KEYS, OPTIMIZER_KINDS, RUN_FIELDS, schemeSchema,
  type LiveChange, type LiveGlobalKey, type LiveKey, type LiveSchemeKey, type LiveValue, type OptimizerConfig, type SchemeConfig,
} from './schema';
import { formatNumber, num, oneOf } from './codecs';

export type { LiveValue } from './schema';

/** What a configuration of either dimension holds that live changes read and write. */
export interface LiveSettings {
  schemes: SchemeConfig[];
  batchSize: number;
  criticSteps: number;
  steps: number;
  changes: LiveChange[];
}

interface SchemeSetting {
  get: (s: SchemeConfig) => LiveValue;
  set: (s: SchemeConfig, v: LiveValue) => SchemeConfig;
}

type Player = 'criticOptimizer' | 'generatorOptimizer';
type NumericOption = 'learningRate' | 'beta1' | 'beta2' | 'rho' | 'epsilon';

function optimizerSetting(player: Player, option: NumericOption | 'kind'): SchemeSetting {
  return {
    get: (s) => s[player][option],
    set: (s, v) => ({ ...s, [player]: { ...s[player], [option]: v } satisfies Partial<OptimizerConfig> }),
  };
}

function schemeNumber(option: 'penaltyWeight' | 'draganScale' | 'clip'): SchemeSetting {
  return { get: (s) => s[option], set: (s, v) => ({ ...s, [option]: v }) };
}

const SCHEME_SETTINGS: Record<LiveSchemeKey, SchemeSetting> = {
  copt: optimizerSetting('criticOptimizer', 'kind'), clr: optimizerSetting('criticOptimizer', 'learningRate'),
  cb1: optimizerSetting('criticOptimizer', 'beta1'), cb2: optimizerSetting('criticOptimizer', 'beta2'),
  crho: optimizerSetting('criticOptimizer', 'rho'), ceps: optimizerSetting('criticOptimizer', 'epsilon'),
  gopt: optimizerSetting('generatorOptimizer', 'kind'), glr: optimizerSetting('generatorOptimizer', 'learningRate'),
  gb1: optimizerSetting('generatorOptimizer', 'beta1'), gb2: optimizerSetting('generatorOptimizer', 'beta2'),
  grho: optimizerSetting('generatorOptimizer', 'rho'), geps: optimizerSetting('generatorOptimizer', 'epsilon'),
  lam: schemeNumber('penaltyWeight'), dscale: schemeNumber('draganScale'), clip: schemeNumber('clip'),
};

const GLOBAL_SETTINGS: Record<LiveGlobalKey, 'criticSteps' | 'batchSize'> = { csteps: 'criticSteps', batch: 'batchSize' };

const isGlobal = (key: LiveKey): key is LiveGlobalKey => key in GLOBAL_SETTINGS;

/** Keys whose values are optimizer kinds; every other live value is a number. */
export const isOptimizerKey = (key: LiveKey): key is 'copt' | 'gopt' => key === 'copt' || key === 'gopt';

/** A setting's value: a scheme option of scheme `scheme`, or a global setting (scheme null). */
export function liveValue(config: LiveSettings, key: LiveKey, scheme: number | null): LiveValue {
  if (isGlobal(key)) return config[GLOBAL_SETTINGS[key]];
  return SCHEME_SETTINGS[key].get(config.schemes[scheme ?? 0]);
}

/** A value as links and messages write it. */
export function spellValue(value: LiveValue): string {
  return typeof value === 'number' ? formatNumber(value) : value;
}

/** The configuration with one change applied; throws a message naming the change when its value is invalid. */
export function applyChange<C extends LiveSettings>(config: C, change: LiveChange): C {
  const where = `${change.key}=${spellValue(change.value)} at step ${change.step}`;
  const wrongType = isOptimizerKey(change.key) !== (typeof change.value === 'string');
  if (wrongType) throw new Error(`${where}: ${isOptimizerKey(change.key) ? `should be one of ${OPTIMIZER_KINDS.join(', ')}` : 'should be a number'}`);
  if (isGlobal(change.key)) {
    if (change.scheme !== null) throw new Error(`${where}: "${change.key}" is a global setting, not a scheme option`);
    const path = GLOBAL_SETTINGS[change.key];
    const parsed = RUN_FIELDS[path].safeParse(change.value);
    if (!parsed.success) throw new Error(`${where}: ${path}: ${parsed.error.issues[0].message}`);
    return { ...config, [path]: parsed.data };
  }
  const scheme = change.scheme === null ? undefined : config.schemes[change.scheme];
  if (!scheme) throw new Error(`${where}: there is no scheme ${(change.scheme ?? -1) + 1}`);
  const parsed = schemeSchema.safeParse(SCHEME_SETTINGS[change.key].set(scheme, change.value));
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new Error(`${where}: schemes.${change.scheme}.${i.path.join('.')}: ${i.message}`);
  }
  return { ...config, schemes: config.schemes.map((s, i) => (i === change.scheme ? parsed.data : s)) };
}

/** An optimizer kind or a number read from a link's text for `key` (throws on anything else). */
export function readLiveValue(key: LiveKey, text: string): LiveValue {
  return isOptimizerKey(key) ? oneOf(OPTIMIZER_KINDS)(text) : num(text);
}

const KEY_ORDER: readonly LiveKey[] = [...LIVE_SCHEME_KEYS, ...LIVE_GLOBAL_KEYS];

/** The one order of a schedule: by step, then scheme options scheme by scheme, then global
 * settings, each in key order (a live edit and its link's replay list changes alike). */
export function compareChanges(a: LiveChange, b: LiveChange): number {
  return a.step - b.step || (a.scheme ?? Infinity) - (b.scheme ?? Infinity) || KEY_ORDER.indexOf(a.key) - KEY_ORDER.indexOf(b.key);
}
