// Live changes: settings of how training proceeds (learning rates, optimizers, critic steps, batch
// size, penalty, clipping) change at a generator step of a running experiment, and the
// configuration keeps them as a schedule, `glr=0.002,0.004@1200`, that a link replays exactly.
// The same syntax, typed by hand, is a learning-rate schedule.
import { LIVE_GLOBAL_KEYS, LIVE_SCHEME_KEYS, type Config, type LiveChange, type LiveKey } from './schema';
import { applyChange, liveValue } from './url';

/** The settings in force for the generator steps after `step`: every change at or before it applied. */
export function configAtStep(config: Config, step: number): Config {
  let current = config;
  for (const c of config.changes) {
    if (c.step > step) break;
    current = applyChange(current, c);
  }
  return current;
}

/** The first step after `step` at which a change is scheduled (Infinity when none is). */
export function nextChangeStep(config: Config, step: number): number {
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

const VIEW_FIELDS = ['panels', 'changes'] as const satisfies readonly (keyof Config)[];
const LIVE_FIELDS = ['criticSteps', 'batchSize', 'steps'] as const satisfies readonly (keyof Config)[];

export function classifyChange(before: Config, after: Config): { kind: ChangeKind; restartReason: string | null } {
  const reasons: string[] = [];
  let live = false;
  for (const key of Object.keys(after) as (keyof Config)[]) {
    if ((VIEW_FIELDS as readonly string[]).includes(key)) continue;
    const same = JSON.stringify(before[key]) === JSON.stringify(after[key]);
    if (same) continue;
    if ((LIVE_FIELDS as readonly string[]).includes(key)) live = true;
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

const FIELD_NAMES: Partial<Record<keyof Config, string>> = {
  target: 'the target changed', mu0: 'the start point changed', sigma0: 'the start point changed',
  sigmaParametrization: 'the sigma parametrisation changed', critic: 'the critic architecture changed',
  critics: 'the critic kind changed', seeds: 'the number of seeds changed', seed: 'the seed changed',
  backend: 'the backend changed', workers: 'the number of workers changed',
};

/** Why a change of the schemes makes another experiment, or null when only live options changed. */
function schemesRestartReason(before: Config, after: Config): string | null {
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
function liveEntries(config: Config): { key: LiveKey; scheme: number | null; value: string }[] {
  const out: { key: LiveKey; scheme: number | null; value: string }[] = [];
  config.schemes.forEach((_, i) => { for (const key of LIVE_SCHEME_KEYS) out.push({ key, scheme: i, value: liveValue(config, key, i) }); });
  for (const key of LIVE_GLOBAL_KEYS) out.push({ key, scheme: null, value: liveValue(config, key, null) });
  return out;
}

/**
 * The configuration `base` with the live settings of `edited` taking effect from generator step
 * `step` on (`step` 0 edits the values at the start). Changes already scheduled after `step` are
 * dropped: the schedule from here on is the user's new choice.
 */
export function scheduleLiveEdit(base: Config, edited: Config, step: number): Config {
  const { changes: _ignored, ...rest } = edited;
  if (step <= 0) return { ...rest, changes: base.changes };
  const kept = base.changes.filter((c) => c.step < step);
  const current = configAtStep({ ...base, changes: kept }, step);
  const fresh: LiveChange[] = [];
  const now = liveEntries(current);
  for (const entry of liveEntries(edited)) {
    const was = now.find((e) => e.key === entry.key && e.scheme === entry.scheme)!;
    if (was.value !== entry.value) fresh.push({ step, scheme: entry.scheme, key: entry.key, value: entry.value });
  }
  // the values at step 0 stay those of the experiment that is running
  const start = { ...base, steps: edited.steps, panels: edited.panels };
  return { ...start, changes: [...kept, ...fresh] };
}

/** One line saying what a change does, e.g. "scheme 2: generator learning rate 0.004". */
export function describeChange(change: LiveChange, schemeNames: readonly string[] = []): string {
  const what = KEY_NAMES[change.key];
  const who = change.scheme === null ? '' : `${schemeNames[change.scheme] ?? `scheme ${change.scheme + 1}`}: `;
  return `${who}${what} ${change.value}`;
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
  return ahead.length === 0 ? null : [now, ...ahead.map((c) => `${c.value} at step ${c.step}`)].join(' → ');
}

/** scheduleAhead for a 1-D configuration, from the value in force at `step`. */
export function settingAhead(config: Config, step: number, key: LiveKey, scheme: number | null): string | null {
  return scheduleAhead(liveValue(configAtStep(config, step), key, scheme), config.changes, step, key, scheme);
}

const KEY_NAMES: Record<LiveKey, string> = {
  clr: 'critic learning rate', copt: 'critic optimizer', cb1: 'critic Adam beta1', cb2: 'critic Adam beta2', crho: 'critic RMSProp rho', ceps: 'critic epsilon',
  glr: 'generator learning rate', gopt: 'generator optimizer', gb1: 'generator Adam beta1', gb2: 'generator Adam beta2', grho: 'generator RMSProp rho', geps: 'generator epsilon',
  lam: 'penalty weight', dscale: 'DRAGAN scale', clip: 'clipping', csteps: 'critic steps per generator step', batch: 'batch size',
};
