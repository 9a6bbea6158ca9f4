// Live changes: settings of how training proceeds (learning rates, optimizers, critic steps, batch
// size, penalty, clipping) change at a generator step of a running experiment, and the
// configuration keeps them as a schedule, `glr=0.002,0.004@1200`, that a link replays exactly.
// The same syntax, typed by hand, is a learning-rate schedule.
import { LIVE_GLOBAL_KEYS, LIVE_SCHEME_KEYS, type LiveChange, type LiveKey } from './schema';
import { applyChange, liveValue, spellValue, type LiveSettings, type LiveValue } from './liveSettings';

/** The settings in force for the generator steps after `step`: every change at or before it applied. */
export function configAtStep<C extends LiveSettings>(config: C, step: number): C {
  let current = config;
  for (const c of config.changes) {
    if (c.step > step) break;
    current = applyChange(current, c);
  }
  return current;
}

/** The first step after `step` at which a change is scheduled (Infinity when none is). */
export function nextChangeStep(config: LiveSettings, step: number): number {
  for (const c of config.changes) if (c.step > step) return c.step;
  return Infinity;
}

/**
 * What a change from `before` to `after` means for a running experiment:
 * - 'view': nothing that training reads changed (panels, workers' display, ...);
 * - 'live': only settings of how training proceeds, which the running experiment takes over;
 * - 'restart': the experiment itself changed (target, schemes, critic, start, seeds, ...).
 * `steps` (where training ends) is live: it extends or shortens the run without resetting it.
 */
export type ChangeKind = 'view' | 'live' | 'restart';

const VIEW_FIELDS: readonly string[] = ['panels', 'changes', 'dimension'];
const LIVE_FIELDS: readonly string[] = ['criticSteps', 'batchSize', 'steps'];

/** What a change means for a running experiment of either dimension. */
export function classifyChange<C extends LiveSettings>(before: C, after: C): { kind: ChangeKind; restartReason: string | null } {
  const reasons: string[] = [];
  let live = false;
  for (const key of Object.keys(after) as (keyof C & string)[]) {
    if (VIEW_FIELDS.includes(key)) continue;
    const same = JSON.stringify(before[key]) === JSON.stringify(after[key]);
    if (same) continue;
    if (LIVE_FIELDS.includes(key)) live = true;
    else if (key === 'schemes') {
      const why = schemesRestartReason(before, after);
      if (why) reasons.push(why);
      else live = true;
    } else reasons.push(FIELD_NAMES[key] ?? key);
  }
  // mu0 and sigma0 share one reason: each reason is said once
  if (reasons.length > 0) return { kind: 'restart', restartReason: [...new Set(reasons)].join(', ') };
  return { kind: live ? 'live' : 'view', restartReason: null };
}

const FIELD_NAMES: Record<string, string> = {
  target: 'the target changed', mu0: 'the start point changed', sigma0: 'the start point changed', start: 'the start changed',
  family: 'the generator family changed',
  sigmaParametrization: 'the sigma parametrisation changed', critic: 'the critic architecture changed',
  critics: 'the critic kind changed', seeds: 'the number of seeds changed', seed: 'the seed changed',
  backend: 'the backend changed', workers: 'the number of workers changed',
};

/** Why a change of the schemes makes another experiment, or null when only live options changed. */
function schemesRestartReason(before: LiveSettings, after: LiveSettings): string | null {
  if (before.schemes.length !== after.schemes.length) return after.schemes.length > before.schemes.length ? 'a scheme was added' : 'a scheme was removed';
  for (let i = 0; i < after.schemes.length; i++) {
    const b = before.schemes[i];
    const a = after.schemes[i];
    const structural = (s: typeof a) => [s.objective, s.criticDivergence, s.generatorForm, s.generatorDivergence, s.penalty];
    if (JSON.stringify(structural(b)) !== JSON.stringify(structural(a))) return `scheme ${i + 1}'s loss changed`;
  }
  return null;
}

/** Every live key of the configuration with its spelling: scheme options per scheme, then global keys. */
function liveEntries(config: LiveSettings): { key: LiveKey; scheme: number | null; value: LiveValue }[] {
  const out: { key: LiveKey; scheme: number | null; value: LiveValue }[] = [];
  config.schemes.forEach((_, i) => { for (const key of LIVE_SCHEME_KEYS) out.push({ key, scheme: i, value: liveValue(config, key, i) }); });
  for (const key of LIVE_GLOBAL_KEYS) out.push({ key, scheme: null, value: liveValue(config, key, null) });
  return out;
}

/**
 * The configuration `base` with the live settings of `edited` taking effect from generator step
 * `step` on (`step` 0 edits the values at the start). Changes already scheduled after `step` are
 * dropped: the schedule from here on is the user's new choice, `ahead` (none when absent; at step
 * 0 without `ahead`, the link's schedule stays).
 */
export function scheduleLiveEdit<C extends LiveSettings>(base: C, edited: C, step: number, ahead?: readonly LiveChange[]): C {
  const later = (ahead ?? []).filter((c) => c.step > step);
  if (step <= 0) return { ...edited, changes: ahead ? later : base.changes };
  const kept = base.changes.filter((c) => c.step < step);
  const current = configAtStep({ ...base, changes: kept }, step);
  const fresh: LiveChange[] = [];
  const now = liveEntries(current);
  for (const entry of liveEntries(edited)) {
    const was = now.find((e) => e.key === entry.key && e.scheme === entry.scheme)!;
    if (was.value !== entry.value) fresh.push({ step, scheme: entry.scheme, key: entry.key, value: entry.value });
  }
  // the values at step 0 stay those of the experiment that is running; the rest is the edit's
  // (where training ends, what the page shows)
  const start = { ...edited, schemes: base.schemes, batchSize: base.batchSize, criticSteps: base.criticSteps };
  return { ...start, changes: [...kept, ...fresh, ...later] };
}

/** One line saying what a change does, e.g. "scheme 2: generator learning rate 0.004". */
export function describeChange(change: LiveChange, schemeNames: readonly string[] = []): string {
  return `${settingName(change.key, change.scheme, schemeNames)} ${spellValue(change.value)}`;
}

/** A setting as a sentence names it, e.g. "scheme 2: generator learning rate". */
function settingName(key: LiveKey, scheme: number | null, schemeNames: readonly string[]): string {
  const who = scheme === null ? '' : `${schemeNames[scheme] ?? `scheme ${scheme + 1}`}: `;
  return `${who}${KEY_NAMES[key]}`;
}

/** One line per setting with changes scheduled after `step`, e.g.
 * "scheme 1: generator learning rate 0.03 → 0.005 at step 1000". */
export function schedulesAhead(config: LiveSettings, step: number, schemeNames: readonly string[] = []): string[] {
  const settings = new Map<string, { key: LiveKey; scheme: number | null }>();
  for (const c of config.changes) if (c.step > step) settings.set(`${c.key} ${c.scheme}`, { key: c.key, scheme: c.scheme });
  return [...settings.values()].map(({ key, scheme }) => `${settingName(key, scheme, schemeNames)} ${settingAhead(config, step, key, scheme)}`);
}

/** The scheduled changes grouped by step, in step order, each with one line saying what changes there. */
export function changesByStep(changes: readonly LiveChange[], schemeNames: readonly string[] = []): { step: number; text: string }[] {
  const byStep = new Map<number, LiveChange[]>();
  for (const c of changes) byStep.set(c.step, [...(byStep.get(c.step) ?? []), c]);
  return [...byStep].sort(([a], [b]) => a - b).map(([step, list]) => ({ step, text: `step ${step}: ${list.map((c) => describeChange(c, schemeNames)).join('; ')}` }));
}

/**
 * What is scheduled for one setting after generator step `step`, from its value `now`:
 * "0.002 → 0.01 at step 887" (each later change appended), or null when nothing is.
 */
export function scheduleAhead(now: string, changes: readonly LiveChange[], step: number, key: LiveKey, scheme: number | null): string | null {
  const ahead = changes.filter((c) => c.step > step && c.key === key && c.scheme === scheme);
  return ahead.length === 0 ? null : [now, ...ahead.map((c) => `${spellValue(c.value)} at step ${c.step}`)].join(' → ');
}

/** scheduleAhead for a configuration of either dimension, from the value in force at `step`. */
export function settingAhead(config: LiveSettings, step: number, key: LiveKey, scheme: number | null): string | null {
  return scheduleAhead(spellValue(liveValue(configAtStep(config, step), key, scheme)), config.changes, step, key, scheme);
}

const KEY_NAMES: Record<LiveKey, string> = {
  clr: 'critic learning rate', copt: 'critic optimizer', cb1: 'critic Adam beta1', cb2: 'critic Adam beta2', crho: 'critic RMSProp rho', ceps: 'critic epsilon',
  glr: 'generator learning rate', gopt: 'generator optimizer', gb1: 'generator Adam beta1', gb2: 'generator Adam beta2', grho: 'generator RMSProp rho', geps: 'generator epsilon',
  lam: 'penalty weight', dscale: 'DRAGAN scale', clip: 'clipping', csteps: 'critic steps per generator step', batch: 'batch size',
};
